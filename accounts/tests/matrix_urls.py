"""The matrix's classification of every URL: which action guards it and on what (see test_policy_matrix)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver


def url_routes(patterns=None, prefix="", namespace=""):
    """(route, name) for every URL pattern, descending into includes (the API's routes included)."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}:{p.namespace}".strip(":") if p.namespace else namespace
            yield from url_routes(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}:{p.name}".strip(":")


@dataclass(frozen=True)
class U:
    """How one URL is guarded.

    kind: "policy" (allowed = policy.can(user, action, target)), "public" (anyone, a visitor too),
    "login" (anyone signed in), "flow" (sign-in and password pages: only "never 500").
    action: one action or a tuple of which any suffices. target: a key of the world (an object), "unit:KEY"
    (a unit, for things not created yet) or None (anywhere). methods: "G", "P" or "GP".
    """

    kind: str
    action: str | tuple[str, ...] | None = None
    target: str | None = None
    methods: str = "G"
    args: dict = field(default_factory=dict)
    heavy: bool = False


def P(action_, target=None, methods="G", heavy=False, **args):
    return U("policy", action_, target, methods, args, heavy)


PUBLIC, LOGIN, FLOW = U("public"), U("login"), U("flow")

# integrity's registers: (URL prefix, view action, edit action, world object); declarations' list and form
# are anyone's (their own), classified below after the comprehension.
IG_REGISTERS = [
    ("events", "integrity.coi.view", "integrity.coi.edit", "ig_event"),
    ("reminders", "integrity.coi.view", "integrity.coi.edit", "ig_reminder"),
    ("gifts", "integrity.coi.view", "integrity.coi.edit", "ig_gift"),
    ("declarations", "integrity.declaration.view", "integrity.declaration.manage", "ig_declaration"),
    ("issuances", "integrity.issuance.view", "integrity.issuance.edit", "ig_issuance"),
    ("discipline", "integrity.discipline.view", "integrity.discipline.edit", "ig_case"),
]

URLS: dict[str, U] = {
    # core
    "": PUBLIC,  # a visitor is sent to the public portal
    "executive/brief/<int:pk>.pdf": P("round.dashboard", "round", heavy=True),  # the one-page brief
    "healthz": PUBLIC,
    # many agencies: the national index (public); a new agency (national administrator = superuser only)
    "a/": PUBLIC,
    "agencies/new/": P("agency.create", methods="GP"),
    "agencies/units-template.xlsx": P("agency.create"),
    # the supervising bodies' roll-up of every agency they supervise (read-only), and its API
    "national/": P("national.rollup"),
    "api/national/agencies": P("national.rollup"),
    # accounts
    "accounts/login/": FLOW,
    "accounts/logout/": FLOW,
    "accounts/password-reset/": FLOW,
    "accounts/password-reset/done/": FLOW,
    "accounts/reset/<uidb64>/<token>/": U("flow", args={"uidb64": "MQ", "token": "x-y"}),
    "accounts/reset/done/": FLOW,
    "accounts/users/": P("user.view"),
    "accounts/users/new/": P("user.manage", methods="GP"),
    "accounts/users/<int:pk>/": P("user.view", "user"),
    "accounts/users/<int:pk>/roles/<int:assignment_id>/revoke/": P("user.manage", "user", "P",
                                                                    assignment_id="assignment"),
    "accounts/tokens/": LOGIN,
    # supervising bodies above the agencies: the national administrator (a superuser) only, so every role
    # the matrix places is refused; a revoke is checked before its supervision is looked up
    "accounts/supervisions/": P("supervision.manage", methods="GP"),
    "accounts/supervisions/<int:pk>/revoke/": P("supervision.manage", None, "P", pk="0"),
    "accounts/supervisions/new-account/": P("supervision.manage", None, "P"),
    # role proposals follow the granting rules of accounts.grants (each person sees the ones they may decide)
    "accounts/role-proposals/": LOGIN,
    "accounts/role-proposals/<int:proposal_id>/decide/": U("login", methods="P", args={"proposal_id": "0"}),
    # org
    "units/": PUBLIC,
    "units/<int:pk>/": U("public", args={"pk": "unit"}),
    "units/<int:pk>/edit/": P("unit.manage", "unit", "GP"),
    "units/<int:pk>/agency-settings/": P("agency.settings", "agency", "GP", pk="agency"),
    "units/<int:pk>/emblem/": U("public", args={"pk": "agency"}),  # 404 until an emblem is uploaded
    # plans (the plan is approved: reading it is public)
    "plans/": PUBLIC,
    "plans/my-work/": LOGIN,
    "plans/<int:pk>/": U("public", args={"pk": "plan"}),
    "plans/<int:pk>/approve/": P("plan.approve", "plan", "GP"),
    "plans/<int:pk>/reopen/": P("plan.edit", "plan", "GP"),
    "plans/<int:pk>/export.xlsx": U("public", heavy=True, args={"pk": "plan"}),
    "plans/<int:pk>/import/": P("plan.edit", "plan", "GP"),
    "plans/indicators/<int:pk>/edit/": P("plan.edit", "plan", "GP", pk="indicator"),
    "plans/activities/<int:pk>/edit/": P("plan.edit", "plan", "GP", pk="activity"),
    "plans/activities/<int:pk>/indicators/new/": P("plan.edit", "plan", "GP", pk="activity"),
    # audit
    "audit/": P("audit.view"),
    # reports
    "reports/": LOGIN,
    "reports/queue/": LOGIN,  # each person's own queue, scoped by report.review / report.endorse
    "reports/rounds/new/": P("round.manage", "plan", "GP"),
    "reports/rounds/defaults/": P("round.manage", "plan", "P"),
    "reports/rounds/<int:pk>/": P("round.view", "round"),
    "reports/rounds/<int:pk>/edit/": P("round.manage", "round", "GP"),
    "reports/rounds/<int:pk>/open/": P("round.manage", "round", "P"),
    "reports/rounds/<int:pk>/close/": P("round.manage", "round", "P"),
    "reports/rounds/<int:pk>/dashboard/": P("round.dashboard", "round"),
    "reports/dashboard/": LOGIN,  # sends to the latest round's dashboard, which is checked itself
    "reports/rounds/<int:pk>/compile/": P("round.compile", "round"),
    "reports/rounds/<int:pk>/compile/run/": P("round.compile", "round", "P"),
    "reports/rounds/<int:pk>/compiled.docx": P("round.view", "round", heavy=True),
    "reports/rounds/<int:pk>/compiled.pdf": P("round.view", "round", heavy=True),
    "reports/rounds/<int:pk>/compiled.xlsx": P("round.view", "round", heavy=True),
    "reports/rounds/<int:pk>/compiled.pdf/status/": P("round.view", "round"),
    "reports/rounds/<int:pk>/memo.docx": P("round.compile", "round", heavy=True),
    "reports/rounds/<int:pk>/memo.pdf": P("round.compile", "round", heavy=True),
    # approval and the documents that leave the department
    "reports/rounds/<int:pk>/approval/": P("round.documents", "round"),
    "reports/rounds/<int:pk>/approval/approve/": P("round.approve", "round", "P"),
    "reports/rounds/<int:pk>/approval/letter/": P("round.send", "round", "P"),
    "reports/rounds/<int:pk>/approval/sent/": P("round.send", "round", "P"),
    **{f"reports/rounds/<int:pk>/{name}": P("round.documents", "round", heavy=True)
       for name in ("summary.pdf", "summary.docx", "annex.pdf", "pacc-letter.pdf", "pacc-letter.docx",
                    "pacc-package.zip")},
    "reports/rounds/<int:pk>/annex-status/": P("round.documents", "round"),  # the annex's waiting page polls
    "reports/rounds/<int:pk>/annex/<slug:unit_code>.pdf": P("round.documents", "round", heavy=True,
                                                            unit_code="cpd-prov-13"),
    "reports/<int:pk>/": P("report.view", "report"),
    "reports/<int:pk>/edit/": P("report.edit", "report", "GP"),
    "reports/<int:pk>/relevance/": P("report.view", "report", "G"),
    "reports/<int:pk>/autosave/": P("report.edit", "report", "P"),
    "reports/<int:pk>/stash/drop/": P("report.edit", "report", "P"),
    "reports/<int:pk>/submit/": P("report.edit", "report", "P"),
    "reports/<int:pk>/review/": P("report.review", "report", "P"),
    "reports/<int:pk>/endorse/": P("report.endorse", "report", "P"),
    "reports/<int:pk>/lock/": P("round.manage", "round", "P", pk="report"),
    "reports/<int:pk>/reopen/": P("round.manage", "round", "P", pk="report"),
    "reports/<int:pk>/report.docx": P("report.view", "report", heavy=True),
    "reports/<int:pk>/report.pdf": P("report.view", "report", heavy=True),
    "reports/evidence/<int:pk>/download/": P("report.view", "report", pk="revision"),
    # procurement (staff)
    "procurement/": P("procurement.view"),
    "procurement/new/": P("procurement.edit", None, "GP"),
    "procurement/<int:pk>/": P("procurement.view", "project"),
    "procurement/<int:pk>/edit/": P("procurement.edit", "project", "GP"),
    "procurement/<int:pk>/reference/": P("procurement.edit", "project", "GP"),
    "procurement/<int:pk>/committee/": P("procurement.edit", "project", "GP"),
    "procurement/<int:pk>/committee/<int:member_id>/remove/": P("procurement.edit", "project", "P",
                                                                 member_id="member"),
    "procurement/<int:pk>/announce/": P("procurement.edit", "project", "GP"),
    "procurement/<int:pk>/document-buyers/": P("procurement.edit", "project", "GP"),
    "procurement/<int:pk>/bids/": P("procurement.edit", "project", "GP"),
    "procurement/bids/<int:bid_id>/evaluate/": P("procurement.edit", "project", "GP", bid_id="bid"),
    "procurement/<int:pk>/qualified/": P("procurement.edit", "project", "GP"),
    "procurement/<int:pk>/award/": P("procurement.edit", "project", "GP"),
    "procurement/<int:pk>/contract/": P("procurement.edit", "project", "GP"),
    "procurement/<int:pk>/complete/": P("procurement.edit", "project", "GP"),
    "procurement/<int:pk>/cancel/": P("procurement.edit", "project", "GP"),
    "procurement/data/": P("procurement.edit", None, "GP"),
    "procurement/data/runs/<int:pk>/": P("procurement.view", "run"),
    "procurement/data/export/<str:fmt>/": P("procurement.view", fmt="csv"),
    "procurement/data/templates/<str:kind>.csv": P("procurement.view", kind="egp"),
    "procurement/plans/": P("procurement.view"),
    "procurement/plans/<int:pk>/": P("procurement.view", "pplan"),
    "procurement/plans/<int:pk>/publish/": P("procurement.edit", "pplan", "P"),
    "procurement/plans/<int:pk>/plan.xlsx": P("procurement.view", "pplan", heavy=True),
    "procurement/plans/items/<int:pk>/": P("procurement.edit", "item", "GP"),
    "procurement/plans/<int:pk>/channels/new/": P("procurement.edit", "pplan", "GP"),
    "procurement/plans/channels/<int:pk>/delete/": P("procurement.edit", "channel", "P"),
    "procurement/plans/channels/files/<int:pk>/": P("procurement.view", "channel", pk="channel_file"),
    "procurement/analysis/": P("procurement.view"),
    "procurement/analysis/reviews/<int:pk>/present/": P("procurement.edit", "review", "GP"),
    "procurement/analysis/reviews/files/<int:pk>/": P("procurement.view", "review", pk="review_file"),
    "procurement/analysis/<int:unit_id>/<int:fy>/export.<str:fmt>": P("procurement.view", "unit:unit",
                                                                      heavy=True,
                                                                       unit_id="unit", fy="2568", fmt="xlsx"),
    "procurement/rules/": P("procurement.view"),
    "procurement/rules/new/": P("procurement.rules", None, "GP"),
    "procurement/rules/<int:pk>/": P("procurement.rules", None, "GP", pk="rule"),
    "procurement/officials/": P("procurement.view"),
    "procurement/officials/<int:pk>/": P("procurement.view", "official", "G"),
    "procurement/suppliers/": P("procurement.view"),
    "procurement/suppliers/<int:pk>/": P("procurement.view", pk="supplier"),
    "procurement/relationships/": P("procurement.view"),
    "procurement/relationships/refresh/": P("procurement.edit", None, "P"),
    "procurement/relationships/<int:pk>/decide/": P("procurement.decide_match", "relationship", "GP"),
    # procurement (public)
    "procurement/public/": PUBLIC,
    "procurement/public/projects/<int:pk>/": U("public", args={"pk": "project"}),
    "procurement/public/projects/<int:pk>/ocds.json": U("public", args={"pk": "project"}),
    "procurement/public/ocds.json": U("public", heavy=True),  # the first agency's package (unprefixed)
    "procurement/public/plans/": PUBLIC,
    "procurement/public/plans/<int:pk>/": U("public", args={"pk": "pplan"}),
    "procurement/public/analysis/": PUBLIC,
    "procurement/public/analysis/<int:unit_id>/<int:fy>/": U("public",
                                                             args={"unit_id": "unit", "fy": "2568"}),
    "procurement/public/analysis/<int:unit_id>/<int:fy>/<str:kind>.svg": U(
        "public", args={"unit_id": "unit", "fy": "2568", "kind": "methods"}),
    "procurement/public/open-data/": PUBLIC,
    "procurement/public/open-data/releases.json": U("public", heavy=True),
    "procurement/public/open-data/records.json": U("public", heavy=True),
    "procurement/public/open-data/compiled.jsonl": U("public", heavy=True),
    "procurement/public/open-data/projects.csv": U("public", heavy=True),
    # complaints (staff)
    "complaints/": P("complaint.view"),
    "complaints/new/": P("complaint.intake", None, "GP"),
    # a receipt lives in the session that entered or filed the case: an unknown token shows nothing
    "complaints/new/receipt/<str:token>/": U("login", args={"token": "unknown"}),
    "complaints/public/receipt/<str:token>/": U("public", args={"token": "unknown"}),
    "complaints/overdue/": P("complaint.view"),
    "complaints/<int:pk>/": P("complaint.view", "case"),
    "complaints/<int:pk>/identity/": P(("complaint.handle", "complaint.triage", "complaint.identity"),
                                       "case"),
    "complaints/<int:pk>/files/<int:file_id>/": P("complaint.view", "case", file_id="attachment"),
    "complaints/<int:pk>/<slug:action>/": P("complaint.triage", "case", "GP", action="acknowledge"),
    "complaints/reports/": P("complaint.report", "unit:agency"),
    "complaints/reports/<slug:kind>.<str:fmt>": P("complaint.report", "unit:agency", heavy=True,
                                                 kind="ita", fmt="xlsx", query="fy=2568"),
    "complaints/reports/issue/<slug:kind>/": P("complaint.report_issue", "unit:agency", "P",
                                               kind="monthly"),
    "complaints/reports/issued/files/<int:pk>/": P("complaint.report", "issue", pk="issue_file"),
    "complaints/reviews/": P("complaint.report", "unit:agency"),
    # hr
    "hr/": P("hr.view", "unit:agency"),
    "hr/criteria/new/": P("hr.manage", "unit:agency", "GP"),
    "hr/criteria/files/<int:pk>/": P("hr.view", "hr_step", pk="hr_step_file"),
    "hr/job-lines/new/": P("hr.manage", "unit:agency", "GP"),
    "hr/job-lines/<int:pk>/kpis/": P("hr.manage", "job_line", "GP"),
    "hr/rounds/new/": P("hr.manage", "unit:agency", "GP"),
    "hr/rounds/<int:pk>/": P("hr.view", "hr_round"),
    "hr/rounds/<int:pk>/units/": P("hr.unit", None, "P", pk="hr_round"),
    "hr/rounds/<int:pk>/close/": P("hr.manage", "hr_round", "P"),
    "hr/export.xlsx": P("hr.view", "unit:agency"),
    "hr/job-lines/import/": P("hr.manage", "unit:agency", "GP"),
    "hr/job-lines/import/template.xlsx": P("hr.manage", "unit:agency"),
    "hr/rounds/<int:pk>/import/": P("hr.unit", None, "GP", pk="hr_round"),
    "hr/rounds/<int:pk>/import/template.xlsx": P("hr.unit", None, pk="hr_round"),
    "complaints/reviews/<int:pk>.<slug:fmt>": P("complaint.report", "record", heavy=True, fmt="docx"),
    "complaints/settings/": P("complaint.configure", "unit:agency"),
    "complaints/settings/standards/new/": P("complaint.configure", "unit:agency", "GP"),
    "complaints/settings/standards/<int:pk>/": P("complaint.configure", "unit:agency", "GP", pk="standard"),
    "complaints/settings/categories/new/": P("complaint.configure", "unit:agency", "GP"),
    "complaints/settings/categories/<int:pk>/": P("complaint.configure", "unit:agency", "GP", pk="category"),
    "complaints/settings/stages/new/": P("complaint.configure", "unit:agency", "GP"),
    "complaints/settings/stages/<int:pk>/": P("complaint.configure", "unit:agency", "GP", pk="stage"),
    "complaints/settings/holidays/new/": P("complaint.configure", "unit:agency", "GP"),
    "complaints/settings/holidays/<int:pk>/delete/": P("complaint.configure", "unit:agency", "P",
                                                       pk="holiday"),
    # campaigns (pledges and acknowledgements)
    "campaigns/": P("campaign.view"),
    "campaigns/new/": P("campaign.manage", "unit:agency", "GP"),
    "campaigns/<int:pk>/": P("campaign.view", "campaign"),
    "campaigns/<int:pk>/remind/": P("campaign.manage", "campaign", "P"),
    "campaigns/<int:pk>/units/<int:unit_id>/": P("campaign.unit", "unit:unit", "GP", pk="campaign",
                                                  unit_id="unit"),
    "campaigns/<int:pk>/units/<int:unit_id>/qr/": P("campaign.unit", "unit:unit", pk="campaign",
                                                     unit_id="unit"),
    "campaigns/files/<int:file_id>/": P("campaign.unit", "campaign_file", file_id="campaign_file"),
    "campaigns/roster/": P("roster.view"),
    "campaigns/roster/import/": P("roster.manage", "unit:agency", "GP"),
    "campaigns/roster/template.xlsx": P("roster.manage", "unit:agency"),
    "campaigns/ack/<str:token>/": U("public", methods="GP", args={"token": "x"}),
    # complaints (public)
    "complaints/public/": PUBLIC,
    "complaints/public/new/<slug:channel>/": U("public", methods="GP", args={"channel": "service"}),
    "complaints/public/track/": U("public", methods="GP"),
    "complaints/public/manual/": PUBLIC,
    "complaints/public/manual.pdf": U("public", heavy=True),
    "complaints/public/statistics/": PUBLIC,
    # budget monitoring (POSTs of the register pages are guarded by budget.manage in the services)
    "budget/": P("budget.view"),
    "budget/export.xlsx": P("budget.view"),
    "budget/import/": P("budget.manage", None, "GP"),
    "budget/import/template.xlsx": P("budget.manage"),
    "budget/lines/": P("budget.view"),
    "budget/targets/": P("budget.view"),
    "budget/meetings/": P("budget.view"),
    "budget/meetings/<int:pk>/files/<int:file_id>/": P("budget.view", "bg_meeting", file_id="bg_minutes"),
    "budget/reviews/": P("budget.view"),
    "budget/reviews/<int:pk>/files/<int:file_id>/": P("budget.view", "bg_review", file_id="bg_review_file"),
    # the spending plan and reports on the portal: finance at the agency root publishes and withdraws
    "budget/publications/": P("budget.view"),
    "budget/publications/publish/": P("budget.publish", "unit:agency", "P"),
    "budget/publications/<int:pk>/withdraw/": P("budget.publish", "bg_publication", "P"),
    # surveys: answering is public (no sign-in, nothing about the visitor kept)
    "surveys/": P("survey.view"),
    "surveys/website/": PUBLIC,
    "surveys/<int:pk>/answer/": U("public", methods="GP", args={"pk": "survey"}),
    "surveys/<int:pk>/thanks/": U("public", args={"pk": "survey"}),
    "surveys/<int:pk>/results/": P("survey.view", "survey"),
    "surveys/<int:pk>/results.xlsx": P("survey.view", "survey"),
    "surveys/<int:pk>/manage/": P("survey.manage_public", "survey", "GP"),
    "surveys/<int:pk>/import/": P("survey.manage_public", "survey", "GP"),
    "surveys/<int:pk>/import-template.xlsx": P("survey.manage_public", "survey"),
    # infocentre: the catalogue, search, requests and consultations are public; a document's file and a
    # consultation's page 404 without a world object (public either way)
    "info/": PUBLIC,
    "info/search/": PUBLIC,
    "info/doc/<int:pk>/": U("public", args={"pk": "0"}),
    "info/doc/<int:pk>/file/<int:file_id>/": U("public", args={"pk": "0", "file_id": "0"}),
    "info/request/": U("public", methods="GP"),
    "info/request/receipt/<str:token>/": U("public", args={"token": "x"}),
    "info/request/status/": U("public", methods="GP"),
    "info/participation/": PUBLIC,
    "info/participation/<int:pk>/": U("public", methods="GP", args={"pk": "0"}),
    "info/participation/<int:pk>/file/<int:file_id>/": U("public", args={"pk": "0", "file_id": "0"}),
    "info/manage/": P("info.submit", methods="GP"),
    "info/manage/doc/<int:pk>/": U("login", methods="P", args={"pk": "0"}),
    "info/manage/requests/": P("inforequest.stats"),
    "info/manage/requests/<int:pk>/": U("login", methods="GP", args={"pk": "0"}),
    "info/manage/participation/new/": P("consultation.manage", methods="GP"),
    "info/manage/participation/<int:pk>/": U("login", methods="GP", args={"pk": "0"}),
    # ita (readiness board, items, snapshots, the answer sheet and the year's submission)
    "ita/": P("ita.view", "unit:agency"),
    "ita/<int:fy>/": P("ita.view", "unit:agency", fy="2570"),
    "ita/<int:fy>/answer-sheet.xlsx": P("ita.view", "ita_year", fy="2570"),
    "ita/<int:fy>/recheck/": P("ita.manage", "unit:agency", "P", fy="2570"),
    "ita/<int:fy>/calendar/": P("ita.manage", "unit:agency", "GP", fy="2570"),
    "ita/<int:fy>/import/": P("ita.manage", "unit:agency", "GP", fy="2570"),
    "ita/<int:fy>/items/new/": P("ita.manage", "unit:agency", "GP", fy="2570"),
    "ita/<int:fy>/submission/": P("ita.view", "ita_year", "G", fy="2570"),
    "ita/<int:fy>/submission/approve/": P("ita.approve", "ita_submission", "P", fy="2570"),
    "ita/<int:fy>/submission/memo.docx": P("ita.view", "ita_submission", fy="2570"),
    "ita/<int:fy>/submission/memo.pdf": P("ita.view", "ita_submission", heavy=True, fy="2570"),
    "ita/items/<int:pk>/": P("ita.view", "ita_item", pk="ita_item"),
    "ita/items/<int:pk>/edit/": P("ita.manage", "ita_item", "GP", pk="ita_item"),
    "ita/items/<int:pk>/tag/": P("ita.manage", "ita_item", "P", pk="ita_item"),
    "ita/snapshots/<int:pk>/": P("ita.view", "ita_snapshot", pk="ita_snapshot"),
    "public/": PUBLIC,
    # portal: the public OIT pages (a withdrawn item answers 410, a draft 404) and the ICT centre's pages
    "public/s/<slug:key>/": U("public", args={"key": "structure"}),
    "public/s/budget/<slug:kind>/": U("public", args={"kind": "half_year"}),
    "public/p/<slug:slug>/": U("public", args={"slug": "matrix-duties"}),
    "public/p/<slug:slug>/history/": U("public", args={"slug": "matrix-duties"}),
    "public/news/<int:pk>/": U("public", args={"pk": "portal_news"}),
    "public/news/<int:pk>/history/": U("public", args={"pk": "portal_news"}),
    "public/files/<int:pk>/": U("public", args={"pk": "portal_page_file"}),
    "public/results/<int:pk>/": U("public", args={"pk": "round"}),
    "public/results/files/<int:pk>/": U("public", args={"pk": "0"}),
    "public/manage/": P("portal.edit", "unit:agency"),
    "public/manage/new/": P("portal.edit", "unit:agency", "GP"),
    "public/manage/<int:pk>/": P("portal.edit", "portal_page", "GP"),
    "public/manage/<int:pk>/files/": P("portal.edit", "portal_page", "P"),
    "public/manage/files/<int:pk>/remove/": P("portal.edit", "portal_page_file", "P"),
    "public/manage/<int:pk>/publish/": P("portal.publish", "portal_page", "P"),
    "public/manage/<int:pk>/unpublish/": P("portal.publish", "portal_page", "GP"),
    "public/manage/results/": P("portal.publish", "unit:agency"),
    "public/manage/results/<int:pk>/publish/": P("portal.publish", "unit:agency", "P", pk="round"),
    "public/manage/results/<int:pk>/unpublish/": P("portal.publish", "portal_result", "GP", pk="round"),
    "i18n/setlang/": U("flow", methods="P"),
    # the JSON API
    "api/openapi.json": PUBLIC,
    "api/docs": PUBLIC,
    "api/units": PUBLIC,
    "api/plans": PUBLIC,
    "api/plans/<plan_id>": U("public", args={"plan_id": "plan"}),
    "api/plans/<plan_id>/indicators": U("public", args={"plan_id": "plan"}),
    # GET lists the cases the caller may see (an empty list for others); POST is the public form
    "api/complaints": U("login"),
    "api/complaints/track": U("public", methods="P"),
    "api/complaints/statistics": PUBLIC,
    "api/rounds": LOGIN,
    "api/rounds/<round_id>/reports": P("round.view", "round", round_id="round"),
    "api/rounds/<round_id>/indicators": P("round.view", "round", round_id="round"),
    "api/reports/<report_id>": P("report.view", "report", report_id="report"),
    "api/rounds/<round_id>/compiled.docx": P("round.view", "round", heavy=True, round_id="round"),
    "api/rounds/<round_id>/compiled.pdf": P("round.view", "round", heavy=True, round_id="round"),
    "api/rounds/<round_id>/compiled.xlsx": P("round.view", "round", heavy=True, round_id="round"),
    **{f"api/rounds/<round_id>/{name}": P("round.documents", "round", heavy=True, round_id="round")
       for name in ("summary.docx", "summary.pdf", "annex.pdf", "pacc-letter.docx", "pacc-letter.pdf",
                    "pacc-package.zip")},
    "api/rounds/<round_id>/approval": P("round.approve", "round", "P", round_id="round"),
    "api/procurement/projects": PUBLIC,
    "api/procurement/projects/<project_id>": U("public", args={"project_id": "project"}),
    "api/procurement/projects/<project_id>/ocds": U("public", args={"project_id": "project"}),
    "api/procurement/plans": PUBLIC,
    "api/procurement/analysis/<unit_id>/<fiscal_year>": U("public",
                                                          args={"unit_id": "unit", "fiscal_year": "2568"}),
    "api/procurement/relationships": P("procurement.view"),
    "api/budget/<fiscal_year>": P("budget.view", fiscal_year="2568"),
    "api/hr/<fiscal_year>": P("hr.view", "unit:agency", fiscal_year="2568"),
    "api/budget/<fiscal_year>/disbursements": P("budget.view", fiscal_year="2568"),
    "api/budget/<fiscal_year>/meetings": P("budget.view", fiscal_year="2568"),
    "api/surveys": LOGIN,
    "api/surveys/<survey_id>": P("survey.view", "survey", survey_id="survey"),
    "api/ita/<fiscal_year>/items": P("ita.view", "ita_year", fiscal_year="2570"),
    "api/campaigns": LOGIN,  # each caller gets the campaigns and roster rows the policy lets them see
    "api/campaigns/roster": LOGIN,
    # infocentre: the catalogue and its search are public like their pages; the request statistics are not
    "api/info/catalogue": PUBLIC,
    "api/info/search": PUBLIC,  # without q: 422
    "api/info/requests/stats": P("inforequest.stats"),
    # registers: manuals, internal control, healthy workplace, publicity (issue 12)
    "registers/": LOGIN,  # sends to the first register the person may read, else the public manuals
    "registers/manuals/": P("manual.view"),
    "registers/manuals/processes/new/": P("manual.edit", None, "GP"),
    "registers/manuals/processes/<int:pk>/": P("manual.edit", "reg_process", "GP"),
    "registers/manuals/processes/<int:process_id>/versions/new/": P("manual.edit", "reg_process", "GP",
                                                                   process_id="reg_process"),
    "registers/manuals/processes/<int:process_id>/versions/<int:pk>/": P(
        "manual.edit", "reg_process", "GP", process_id="reg_process", pk="reg_version"),
    "registers/manuals/processes/<int:process_id>/reviews/new/": P("manual.edit", "reg_process", "GP",
                                                                  process_id="reg_process"),
    "registers/manuals/files/<int:pk>/": P("manual.view", "reg_version", pk="reg_manual_file"),
    "registers/manuals/compliance/": P("manual.view"),
    "registers/manuals/compliance/new/": P("manual.edit", None, "GP"),
    "registers/manuals/compliance/files/<int:pk>/": P("manual.view", "reg_compliance",
                                                      pk="reg_compliance_file"),
    "registers/internal-control/": P("icontrol.view"),
    "registers/internal-control/rounds/new/": P("icontrol.rounds", "unit:agency", "GP"),
    "registers/internal-control/rounds/<int:pk>/": P("icontrol.view", None, pk="reg_round"),
    "registers/internal-control/rounds/<int:pk>/edit/": P("icontrol.rounds", "unit:agency", "GP",
                                                          pk="reg_round"),
    "registers/internal-control/rounds/<int:round_id>/submit/": P("icontrol.submit", None, "GP",
                                                                 round_id="reg_round"),
    "registers/internal-control/rounds/<int:round_id>/submissions/<int:pk>/": P(
        "icontrol.submit", "reg_submission", "GP", round_id="reg_round"),
    "registers/internal-control/files/<int:pk>/": P("icontrol.view", "reg_submission", pk="reg_ic_file"),
    "registers/healthy-workplace/": P("workplace.view"),
    "registers/healthy-workplace/new/": P("workplace.edit", None, "GP"),
    "registers/healthy-workplace/<int:pk>/": P("workplace.edit", "reg_assessment", "GP"),
    "registers/healthy-workplace/<int:assessment_id>/awards/new/": P(
        "workplace.edit", "reg_assessment", "GP", assessment_id="reg_assessment"),
    "registers/healthy-workplace/files/<int:pk>/": P("workplace.view", "reg_assessment",
                                                     pk="reg_workplace_file"),
    "registers/publicity/": P("publicity.view"),
    "registers/publicity/new/": P("publicity.edit", None, "GP"),
    "registers/publicity/<int:pk>/": P("publicity.edit", "reg_entry", "GP"),
    "registers/publicity/files/<int:pk>/": P("publicity.view", "reg_entry", pk="reg_publicity_file"),
    "registers/sheets/<slug:kind>/template.xlsx": P("manual.edit", kind="manuals"),
    "registers/sheets/<slug:kind>/import/": P("manual.edit", None, "GP", kind="manuals"),
    "registers/sheets/<slug:kind>/export.xlsx": P("manual.view", heavy=True, kind="manuals"),
    "registers/public/manuals/": PUBLIC,
    "registers/public/manuals/files/<int:pk>/": U("public", args={"pk": "reg_manual_file"}),
    "api/registers/manual-reviews": LOGIN,
    "api/registers/published-manuals": PUBLIC,
    "api/registers/internal-control": LOGIN,
    "api/registers/healthy-workplace": LOGIN,
    "api/registers/publicity": LOGIN,
    # integrity (issue 12 items 3, 4, 6): CoI registers, executives' issuances, the discipline register
    "integrity/": LOGIN,
    **{f"integrity/{slug}/": P(view) for slug, view, _, _ in IG_REGISTERS},
    **{f"integrity/{slug}/new/": P(edit, None, "GP") for slug, _, edit, _ in IG_REGISTERS},
    **{f"integrity/{slug}/<int:pk>/": P(view, obj) for slug, view, _, obj in IG_REGISTERS},
    **{f"integrity/{slug}/<int:pk>/files/": P(edit, obj, "P") for slug, _, edit, obj in IG_REGISTERS},
    **{f"integrity/{slug}/<int:pk>/files/<int:file_id>/": P(view, obj, file_id=f"{obj}_file")
       for slug, view, _, obj in IG_REGISTERS},
    **{f"integrity/{slug}/export.xlsx": P(view, heavy=True) for slug, view, _, _ in IG_REGISTERS
       if slug != "discipline"},
    **{f"integrity/{slug}/import/": P(edit, None, "GP") for slug, _, edit, _ in IG_REGISTERS},
    **{f"integrity/{slug}/template.xlsx": P(edit, heavy=True) for slug, _, edit, _ in IG_REGISTERS},
    "integrity/declarations/": LOGIN,  # one's own declarations, and those one may read
    "integrity/declarations/new/": LOGIN,
    "integrity/declarations/<int:pk>/decide/": P("integrity.declaration.view", "ig_declaration", "GP"),
    "integrity/issuances/<int:pk>/review/": P("integrity.issuance.review", "ig_issuance", "GP"),
    "integrity/discipline/<int:pk>/update/": P("integrity.discipline.edit", "ig_case", "GP"),
    "integrity/discipline/counts/": P("integrity.discipline.counts"),
    "integrity/discipline/from-complaint/<int:complaint_id>/": P("integrity.discipline.edit", None, "GP",
                                                                  complaint_id="case"),
    "integrity/gifts/rules/": P("integrity.coi.edit", "unit:agency", "GP"),
    "integrity/coi-reports/": P("integrity.coi.view", "unit:agency"),
    "integrity/coi-reports/<int:fy>/": P("integrity.coi.view", "unit:agency", fy="2560"),
    "integrity/coi-reports/<int:fy>.<slug:fmt>": P("integrity.coi.view", "unit:agency", heavy=True, fy="2560",
                                                   fmt="pdf"),
    "api/integrity/events": P("integrity.coi.view"),
    "api/integrity/reminders": P("integrity.coi.view"),
    "api/integrity/gifts": P("integrity.coi.view"),
    "api/integrity/issuances": P("integrity.issuance.view"),
    "api/integrity/declarations": LOGIN,
    "api/integrity/coi/statistics": P("integrity.coi.view"),
    "api/integrity/discipline/counts": P("integrity.discipline.counts"),
    "api/": PUBLIC,
}

# Objects whose unit is OWN: a role held at a child or a sibling unit must never reach them.
UNIT_OBJECTS = {"user", "report", "project", "run", "pplan", "item", "official", "relationship", "case",
                "unit"}
# The registers' records of the own unit (issue 12).
UNIT_OBJECTS |= {"reg_process", "reg_compliance", "reg_submission", "reg_assessment", "reg_entry"}
UNIT_OBJECTS |= {"ig_event", "ig_reminder", "ig_gift", "ig_declaration", "ig_issuance", "ig_case"}
