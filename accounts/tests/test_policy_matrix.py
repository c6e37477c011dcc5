"""Every URL × every role × where the role is held (the object's own unit, a child unit, a sibling unit, the
agency root), checked against the one policy.

The URLs come from the resolver, so a new URL fails `test_every_url_is_classified` until it is added to
`URLS` below with the action that guards it. For each URL and each signed-in person (and a visitor) the
test asks the policy what the answer should be and requires the view to agree: allowed people are never
refused (401/403/404) and refused people never get through; nothing ever answers 500. Independently of the
views, the policy itself must keep two promises: department-wide actions are open only to roles held at the
agency root, and a role held at a child or sibling unit never reaches an object of another unit.

One data set is built per module (inside a transaction rolled back at the end); each URL's requests run in
their own savepoint, rolled back after every request, so a POST that closes a round does not change what
the next person sees. Heavy downloads (PDF, Word, Excel) are rendered for two allowed people only; every
refused person is still tried.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts import policy
from accounts.models import Role

# The mark makes pytest-django create the test database; each test then runs in its own savepoint above the
# module's data set.
pytestmark = pytest.mark.django_db

D = Decimal
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

# Where the objects live, and where roles are held relative to it.
OWN, CHILD, SIBLING, ROOT = "cpd-hr", "cpd-hr-discipline", "cpd-prov-13", "cpd"
PLACEMENTS = {"own": OWN, "child": CHILD, "sibling": SIBLING, "root": ROOT}


def _routes(patterns=None, prefix="", namespace=""):
    """(route, name) for every URL pattern, descending into includes (the API's routes included)."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}:{p.namespace}".strip(":") if p.namespace else namespace
            yield from _routes(p.url_patterns, prefix + str(p.pattern), ns)
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

URLS: dict[str, U] = {
    # core
    "": PUBLIC,  # a visitor is sent to the public portal
    "healthz": PUBLIC,
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
    # role proposals follow the granting rules of accounts.grants (each person sees the ones they may decide)
    "accounts/role-proposals/": LOGIN,
    "accounts/role-proposals/<int:proposal_id>/decide/": U("login", methods="P", args={"proposal_id": "0"}),
    # org
    "units/": PUBLIC,
    "units/<int:pk>/": U("public", args={"pk": "unit"}),
    "units/<int:pk>/edit/": P("unit.manage", "unit", "GP"),
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
    "reports/<int:pk>/": P("report.view", "report"),
    "reports/<int:pk>/edit/": P("report.edit", "report", "GP"),
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
    "procurement/analysis/": P("procurement.view"),
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
    "complaints/reviews/": P("complaint.report", "unit:agency"),
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
    # complaints (public)
    "complaints/public/": PUBLIC,
    "complaints/public/new/<slug:channel>/": U("public", methods="GP", args={"channel": "service"}),
    "complaints/public/track/": U("public", methods="GP"),
    "complaints/public/manual/": PUBLIC,
    "complaints/public/manual.pdf": U("public", heavy=True),
    "complaints/public/statistics/": PUBLIC,
    "public/": PUBLIC,
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
    "api/procurement/projects": PUBLIC,
    "api/procurement/projects/<project_id>": U("public", args={"project_id": "project"}),
    "api/procurement/projects/<project_id>/ocds": U("public", args={"project_id": "project"}),
    "api/procurement/plans": PUBLIC,
    "api/procurement/analysis/<unit_id>/<fiscal_year>": U("public",
                                                          args={"unit_id": "unit", "fiscal_year": "2568"}),
    "api/procurement/relationships": P("procurement.view"),
    "api/": PUBLIC,
}

# Objects whose unit is OWN: a role held at a child or a sibling unit must never reach them.
UNIT_OBJECTS = {"user", "report", "project", "run", "pplan", "item", "official", "relationship", "case",
                "unit"}


# --------------------------------------------------------------------------------------------------------
# The data set


def _build(agency):
    from accounts.services import role_assign, user_create
    from complaints import services as complaints
    from complaints.crypto import Identity
    from complaints.files import read_upload
    from complaints.models import Channel, ServiceStandard
    from org.models import Unit
    from plans.models import Activity, Indicator, Measure, Plan
    from plans.models import Policy as PlanPolicy
    from procurement.models import CompanyPerson, ImportRun, LeadTimeRule, Relationship
    from procurement.services import parties, planning, projects, tendering
    from procurement.services.relationships import relationships_refresh
    from reports import services as reports
    from reports.models import Report

    units = {code: Unit.objects.get(code=code) for code in (OWN, CHILD, SIBLING, ROOT, "cpd-psdg")}
    own = units[OWN]

    people = {}
    for placement, code in PLACEMENTS.items():
        for role in Role.values:
            user = user_create(actor=None, username=f"{role}.{placement}", password=None, unit=units[code],
                               first_name=role, email=f"{role}.{placement}@example.test")
            role_assign(actor=None, user=user, role=role, unit=units[code])
            people[(role, placement)] = user
    people[("none", "own")] = user_create(actor=None, username="nobody", password=None, unit=own)
    reporter = people[(Role.REPORTER, "own")]

    plan = Plan.objects.create(agency=agency, title="แผนทดสอบสิทธิ์", period_start=2560, period_end=2575,
                               status=Plan.Status.APPROVED)
    policy_ = PlanPolicy.objects.create(plan=plan, number=1, title="นโยบายด้านความโปร่งใส")
    measure = Measure.objects.create(policy=policy_, number="๑.๑)", code="1.1", sort_key="001.001",
                                     text="มาตรการ")
    activity = Activity.objects.create(measure=measure, key="m-1", sort_order=0, title="ทบทวนกระบวนงาน",
                                       text="ทบทวนกระบวนงาน",
                                       implementing_rule=Activity.ImplementingRule.UNITS)
    activity.host_units.set([units["cpd-psdg"]])
    activity.implementing_units.set([own, units[CHILD], units[SIBLING]])
    indicator = Indicator.objects.create(activity=activity, sort_order=0, text="อย่างน้อย ๑ กระบวนงาน",
                                         kind=Indicator.Kind.COUNT, comparison=">=", value=D(1),
                                         unit_label="กระบวนงาน", scope=Indicator.Scope.PER_UNIT)

    round_ = reports.round_create(actor=None, plan=plan, fiscal_year=2560, name="รอบทดสอบ", kind="progress",
                                  opens_on=datetime.date(2017, 3, 1), due_on=datetime.date(2017, 4, 4))
    round_ = reports.round_open(actor=None, round_=round_)
    report = Report.objects.get(round=round_, unit=own, activity=activity)
    report = reports.report_save_draft(
        actor=reporter, report=report, version=report.version, as_of=datetime.date(2017, 3, 31), problems="",
        suggestions="", indicator_results=None,
        rows=[{"method": "ประชุมชี้แจง", "period_text": "มี.ค. 2560", "result": "ทบทวนแล้ว",
               "evidence_note": "-"}])
    evidence = reports.evidence_add(actor=reporter, report=report, title="หลักฐาน", row=report.rows.get(),
                                    uploaded=SimpleUploadedFile("e.pdf", PDF_BYTES, "application/pdf"))
    sibling_report = Report.objects.get(round=round_, unit=units[SIBLING], activity=activity)
    sib_rep = people[(Role.REPORTER, "sibling")]
    sibling_report = reports.report_save_draft(
        actor=sib_rep, report=sibling_report, version=sibling_report.version,
        as_of=datetime.date(2017, 3, 31), problems="", suggestions="", indicator_results=None,
        rows=[{"method": "จัดทำคู่มือ", "period_text": "มี.ค. 2560", "result": "แล้วเสร็จ", "evidence_note": "-"}])
    reports.report_submit(actor=sib_rep, report=sibling_report)
    reports.round_compile(actor=None, round_=round_)

    project = projects.project_create(actor=None, unit=own, title="จ้างทำความสะอาดอาคาร", fiscal_year=2568,
                                      method="e_bidding", budget=D("2000000"))
    project = projects.project_set_reference(actor=None, project=project, reference_price=D("1900000"),
                                             reference_source="4", reference_method="สืบราคาจากท้องตลาด")
    official = parties.official_create(actor=None, unit=own, name="นายสมชาย ใจดี")
    member = projects.committee_member_add(actor=None, project=project, committee="evaluation",
                                           official=official)
    project = projects.project_announce(actor=None, project=project, announced_on=datetime.date(2024, 11, 1),
                                        submission_deadline=datetime.date(2024, 11, 20), criteria="price",
                                        announcement_no="1/2568")
    supplier = parties.supplier_get_or_create(actor=None, name="บริษัท หนึ่ง จำกัด")
    tendering.document_buyer_add(actor=None, project=project, supplier=supplier)
    bid = tendering.bid_add(actor=None, project=project, supplier=supplier, amount=D("1850000"))
    CompanyPerson.objects.create(supplier=supplier, name="นายสมชัย ใจดี", name_key="สมชัย ใจดี", role="director")
    relationships_refresh(actor=None)
    pplan = planning.plan_create(actor=None, unit=own, fiscal_year=2568)
    item = planning.plan_item_add(actor=None, plan=pplan, title="ซื้อวัสดุ", budget=D("100000"),
                                  method="specific", planned_month=2, category="goods")
    run = ImportRun.objects.create(kind=ImportRun.Kind.EGP_CSV, unit=own, filenames="egp.csv", ok=True)

    complaints.standards_ensure(agency=agency)
    pdf = read_upload(SimpleUploadedFile("c.pdf", PDF_BYTES, "application/pdf"))
    receipt = complaints.case_submit(agency=agency, channel=Channel.SERVICE, subject="บริการล่าช้า",
                                     details="รอการจดทะเบียนนานเกินกำหนด", unit=own, files=[pdf],
                                     identity=Identity(name="นายทดสอบ", phone="0890000000", email="",
                                                       address=""))
    case = receipt.case if hasattr(receipt, "case") else None
    from complaints.models import Case

    case = case or Case.objects.latest("id")
    world = {
        "agency": agency, "unit": own, "user": reporter, "assignment": reporter.role_assignments.get(),
        "plan": plan, "activity": activity, "indicator": indicator, "round": round_, "report": report,
        "revision": evidence.revisions.get(),
        "project": project, "member": member, "bid": bid, "official": official, "supplier": supplier,
        "relationship": Relationship.objects.get(official=official), "pplan": pplan, "item": item, "run": run,
        "rule": LeadTimeRule.objects.order_by("id").first(),
        "case": case, "attachment": case.attachments.first(),
        "standard": ServiceStandard.objects.filter(agency=agency).first(),
        "category": complaints.category_save(actor=None, agency=agency, channel=Channel.SERVICE,
                                             name="ทดสอบ"),
        "stage": complaints.stage_save(actor=None, agency=agency, name="ขั้นทดสอบ"),
        "holiday": complaints.holiday_save(actor=None, agency=agency, date=datetime.date(2030, 1, 2),
                                           name="ทดสอบ"),
        "record": complaints.review_record(actor=None, agency=agency, fiscal_year=2568,
                                           reviewed_on=datetime.date(2025, 1, 10), findings="ทบทวนแล้ว"),
    }
    return world, people


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The data set and one signed-in client per person, built once for the module and rolled back after."""
    from org.loaders import agency_load

    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        try:
            world, people = _build(agency_load(actor=None))
            clients = {}
            for key, user in people.items():
                client = Client(raise_request_exception=False)
                client.force_login(user)
                clients[key] = (user, client, client.cookies[settings.SESSION_COOKIE_NAME].value)
            yield world, clients
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


# --------------------------------------------------------------------------------------------------------
# Expectations


def _target(world, spec: U):
    if spec.target is None:
        return {}
    if spec.target.startswith("unit:"):
        return {"unit": world[spec.target[5:]]}
    return {"obj": world[spec.target]}


def _allowed(user, spec: U, world) -> bool:
    actions = spec.action if isinstance(spec.action, tuple) else (spec.action,)
    return any(policy.can(user, action, **_target(world, spec)) for action in actions)


def _url(route: str, spec: U, world) -> str:
    """Fill the route's parameters: named in the spec (a world key or a literal) or the target's pk."""

    def value(name):
        given = spec.args.get(name)
        if given is None and name == "pk":
            given = spec.target
        if given in world:
            return str(world[given].pk)
        assert given is not None, f"{route}: no value for <{name}>"
        return str(given)

    url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1)), route)
    return f"{url}?{spec.args['query']}" if "query" in spec.args else url


DENIED = {401, 403, 404}


def _to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def _request(client, cookie, method, url):
    """One request in a savepoint that is rolled back, as the same signed-in person each time. The API is
    sent what its clients send (JSON); the pages, an empty form."""
    if cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif url.startswith("/api/"):
            response = client.post(url, "{}", content_type="application/json")
        else:
            response = client.post(url, {})
        transaction.set_rollback(True)
    return response


def _who(spec: U, route: str, people: list) -> list:
    """Everyone for a guarded URL. A page whose answer depends on no role (public, sign-in flows) is tried
    by a visitor, a signed-in person without roles and one role (changing with the URL) at every placement."""
    if spec.kind not in ("public", "flow"):
        return people
    role = Role.values[sum(map(ord, route)) % len(Role.values)]
    return [p for p in people if p[0] is None or p[0][0] in (role, "none")]


def _check(spec: U, allowed: bool, anonymous: bool, method: str, response) -> str | None:
    status = response.status_code
    if status >= 500:
        return f"{status} (server error)"
    if spec.kind == "flow":
        return None
    if spec.kind == "public":
        return f"{status} on a public page" if status in {401, 403} else None
    if spec.kind == "login":
        if anonymous:
            return None if _to_login(response) or status in {401, 403} else f"{status} for a visitor"
        return f"{status} for a signed-in user" if status in {401, 403} else None
    if allowed:
        if status in ({401, 403} if method == "POST" else DENIED) or _to_login(response):
            return f"{status}: allowed by the policy but refused"
        return None
    if status in DENIED or _to_login(response):
        return None
    return f"{status}: refused by the policy but let through"


# --------------------------------------------------------------------------------------------------------
# Tests


def test_every_url_is_classified():
    routes = {route for route, _ in _routes()}
    assert not routes - set(URLS), f"classify these URLs in URLS: {sorted(routes - set(URLS))}"
    assert not set(URLS) - routes, f"URLS lists routes that no longer exist: {sorted(set(URLS) - routes)}"


def _dept_wide(action: str) -> bool:
    return any(key == "root" for _, key in policy.RULES[action])


@pytest.mark.parametrize("route", sorted({route for route, _ in _routes()} & set(URLS)))
def test_url_answers_as_the_policy_says(route, matrix, django_db_blocker):
    world, clients = matrix
    spec = URLS[route]
    url = _url(route, spec, world)
    failures = []
    people = [(None, None, Client(raise_request_exception=False), None)]
    people += [(key, user, client, cookie) for key, (user, client, cookie) in clients.items()]
    with django_db_blocker.unblock():
        for method in [m for m, flag in (("GET", "G"), ("POST", "P")) if flag in spec.methods]:
            heavy_allowed = 0
            for key, user, client, cookie in _who(spec, route, people):
                allowed = spec.kind == "policy" and user is not None and _allowed(user, spec, world)
                if spec.kind == "policy" and user is not None:
                    actions = spec.action if isinstance(spec.action, tuple) else (spec.action,)
                    # The policy's own promises, whatever the view does.
                    if allowed and any(_dept_wide(a) for a in actions) and all(
                            _dept_wide(a) for a in actions):
                        assert key[1] == "root", f"{key} may {spec.action} department-wide"
                    if allowed and spec.target in UNIT_OBJECTS:
                        assert key[1] in ("own", "root"), f"{key} reaches {spec.target} of another unit"
                if spec.heavy and (allowed or spec.kind != "policy"):
                    heavy_allowed += 1
                    if heavy_allowed > 2:
                        continue
                response = _request(client, cookie, method, url)
                problem = _check(spec, allowed, user is None, method, response)
                if problem:
                    failures.append(f"{method} {url} as {key or 'visitor'}: {problem}")
    assert not failures, "\n".join(failures[:40])


def test_the_matrix_covers_every_role_and_placement(matrix):
    _, clients = matrix
    placed = {key for key in clients if key[0] != "none"}
    assert placed == {(role, p) for role in Role.values for p in PLACEMENTS}
