"""The one permission policy of the system.

Two questions, one source of truth:
- `can(user, action, obj)`  — may this user do `action` to this object?
- `scope(user, action, qs)` — which objects of this queryset may the user do `action` to?

Every rule is "role R, held over a unit subtree, covers objects whose <unit path> lies in that subtree".
Two keys concern agency-level objects (a plan, a reporting round):
- "agency" — reading only: a role held anywhere inside the agency covers them, since a provincial reporter
  works under the department's plan, not a plan of its own;
- "root" — department-wide power (editing or approving the plan, managing or compiling a round, the
  department's dashboard): only a role held at the agency's root unit covers them. A plan administrator
  scoped to one province administers nothing department-wide.
`RULES` says which roles may do an action and through which of the object's units; `UNIT_FIELDS` says, per
model, where those units are ("root" reads the same field as "agency"). `can` is answered through `scope`,
so a page, the API and an export can never disagree about access.

A supervising body (Role.SUPERVISOR, e.g. ป.ป.ท. or a ministry) reads and never writes: its actions are only
the readings listed in SUPERVISOR_READS. Held at a unit it covers that subtree like any role; held above the
agencies (accounts.models.Supervision) it stands at every agency root of one ministry, or at NATIONAL, the
path every unit's path begins with, which covers every agency, department-wide keys included.

Services enforce every permission through `require`; views only ask `can` which buttons to show. An actor
of None is the system itself (loaders, scheduled tasks, management commands, the demo data): code passes it
explicitly and no request can produce it — a view always passes `request.user`, which for a visitor is an
AnonymousUser and is refused like any user without the role.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Model, Q, QuerySet, Value

from accounts.models import Role, RoleAssignment, Supervision

R = Role
ALL_READERS = [R.PLAN_ADMIN, R.EXECUTIVE, R.AUDITOR]
# Every unit's path starts with "/", so a root held here covers every agency (a national Supervision only;
# no unit has this path, so no RoleAssignment can give it).
NATIONAL = "/"

# action -> [(role, unit key)]; the unit key names an entry of UNIT_FIELDS for the object's model.
RULES: dict[str, list[tuple[str, str]]] = {
    # organisation and people
    "unit.view": [(r, "self") for r in Role.values],
    "unit.manage": [(R.SYSADMIN, "self")],
    # A new agency (root unit): no role grants it, so only the national administrator (a superuser, who
    # passes every check) and the system itself (loaders, `prongsai agency_create`) may (site_shell.agencies).
    "agency.create": [],
    # a supervising body above the agencies (accounts.models.Supervision): the national administrator only
    "supervision.manage": [],
    # the agency's name, address, emblem and addressees (public pages and every document it sends)
    "agency.settings": [(R.SYSADMIN, "root")],
    "user.view": [(R.SYSADMIN, "unit"), (R.AUDITOR, "unit"), (R.UNIT_HEAD, "unit"), (R.PLAN_ADMIN, "unit")],
    "user.manage": [(R.SYSADMIN, "unit")],
    "audit.view": [(R.AUDITOR, "unit"), (R.SYSADMIN, "unit"), (R.PLAN_ADMIN, "unit")],
    # the plan
    "plan.view": [(r, "agency") for r in Role.values],
    "plan.edit": [(R.PLAN_ADMIN, "root")],
    "plan.approve": [(R.EXECUTIVE, "root")],
    "plan.export": [(r, "agency")
                    for r in (R.PLAN_ADMIN, R.EXECUTIVE, R.AUDITOR, R.COORDINATOR, R.UNIT_HEAD)],
    # progress reports
    "report.view": [
        (R.REPORTER, "unit"), (R.UNIT_HEAD, "unit"), (R.COORDINATOR, "host"),
        *[(r, "unit") for r in ALL_READERS], (R.SUPERVISOR, "unit"),
    ],
    "report.edit": [(R.REPORTER, "unit"), (R.UNIT_HEAD, "unit")],
    "report.endorse": [(R.UNIT_HEAD, "unit")],
    "report.review": [(R.COORDINATOR, "host"), (R.PLAN_ADMIN, "unit")],
    # A unit says an activity does not concern it ("ในส่วนที่เกี่ยวข้อง"); the host unit accepts or refuses.
    "report.relevance_claim": [(R.REPORTER, "unit"), (R.UNIT_HEAD, "unit")],
    "report.relevance_decide": [(R.COORDINATOR, "host"), (R.PLAN_ADMIN, "root")],
    "round.manage": [(R.PLAN_ADMIN, "root")],
    "round.view": [(r, "agency") for r in Role.values],
    "round.compile": [(R.PLAN_ADMIN, "root")],
    # The dashboard's figures are the whole department's; a province's executive reads its own units'
    # reports through report.view instead.
    "round.dashboard": [(r, "root") for r in (R.PLAN_ADMIN, R.EXECUTIVE, R.AUDITOR, R.SUPERVISOR)],
    # every agency's current round in one table (site_shell.national_views): the agencies whose root the
    # supervisor stands at, or all of them at NATIONAL
    "national.rollup": [(R.SUPERVISOR, "root")],
    # approval and the documents that leave the department (issue 14 §2): the department's executive
    # approves (เห็นชอบ) a compiled version; the plan administrator records the letter to ป.ป.ท. as sent; the
    # official summary, the letter and the package are the whole department's, read like the dashboard
    "round.approve": [(R.EXECUTIVE, "root")],
    "round.send": [(R.PLAN_ADMIN, "root")],
    "round.documents": [(r, "root") for r in (R.PLAN_ADMIN, R.EXECUTIVE, R.AUDITOR)],
    # procurement
    "procurement.view": [(R.PROCUREMENT_OFFICER, "unit"), *[(r, "unit") for r in ALL_READERS]],
    "procurement.edit": [(R.PROCUREMENT_OFFICER, "unit")],
    "procurement.rules": [(R.PROCUREMENT_OFFICER, "root")],  # the legal minimum periods, one table for all
    "procurement.decide_match": [(R.PROCUREMENT_OFFICER, "unit"), (R.PLAN_ADMIN, "unit")],
    # complaints
    "complaint.view": [(R.COMPLAINT_OFFICER, "unit"), (R.COMPLAINT_OFFICER, "assigned"), (R.AUDITOR, "unit"),
                       (R.EXECUTIVE, "unit"), (R.IDENTITY_CUSTODIAN, "unit")],
    "complaint.handle": [(R.COMPLAINT_OFFICER, "unit"), (R.COMPLAINT_OFFICER, "assigned")],
    "complaint.identity": [(R.IDENTITY_CUSTODIAN, "unit")],
    "complaint.configure": [(R.SYSADMIN, "unit"), (R.COMPLAINT_OFFICER, "unit")],
    # receiving, acknowledging, assigning and dismissing; confidential reports go through the custodian only
    "complaint.intake": [(R.COMPLAINT_OFFICER, "unit"), (R.IDENTITY_CUSTODIAN, "unit")],
    "complaint.triage": [(R.COMPLAINT_OFFICER, "unit")],
    "complaint.triage_confidential": [(R.IDENTITY_CUSTODIAN, "unit")],
    "complaint.report": [(R.COMPLAINT_OFFICER, "unit"), (R.EXECUTIVE, "unit"), (R.AUDITOR, "unit"),
                         (R.PLAN_ADMIN, "unit")],
    # complaints: recording that a monthly/quarterly report was actually sent (plan ๔.๓)
    "complaint.report_issue": [(R.COMPLAINT_OFFICER, "unit")],
    # registers (issue 12: manuals, internal control, healthy workplace, publicity). The register officer
    # enters for the whole department when held at the root; a unit's reporter and head keep their own
    # unit's manuals and internal control reports; readers view.
    "manual.view": [(R.REGISTER_OFFICER, "unit"), (R.REPORTER, "unit"), (R.UNIT_HEAD, "unit"),
                    *[(r, "unit") for r in ALL_READERS]],
    "manual.edit": [(R.REGISTER_OFFICER, "unit"), (R.REPORTER, "unit"), (R.UNIT_HEAD, "unit")],
    "icontrol.view": [(R.REGISTER_OFFICER, "unit"), (R.REPORTER, "unit"), (R.UNIT_HEAD, "unit"),
                      *[(r, "unit") for r in ALL_READERS]],
    "icontrol.submit": [(R.REGISTER_OFFICER, "unit"), (R.REPORTER, "unit"), (R.UNIT_HEAD, "unit")],
    "icontrol.rounds": [(R.PLAN_ADMIN, "root"), (R.REGISTER_OFFICER, "root")],
    "workplace.view": [(R.HR_OFFICER, "unit"), (R.REGISTER_OFFICER, "unit"), (R.UNIT_HEAD, "unit"),
                       *[(r, "unit") for r in ALL_READERS]],
    "workplace.edit": [(R.HR_OFFICER, "unit"), (R.REGISTER_OFFICER, "unit")],
    "publicity.view": [(R.REGISTER_OFFICER, "unit"), (R.UNIT_HEAD, "unit"), (R.REPORTER, "unit"),
                       *[(r, "unit") for r in ALL_READERS]],
    "publicity.edit": [(R.PLAN_ADMIN, "unit"), (R.REGISTER_OFFICER, "unit")],
    # integrity: CoI campaigns, reminders, gifts and the yearly report (COI officers keep them; the plan's
    # readers see them); declarations are personal: the COI officers and the head of the declarant's unit
    # (the declarant reads their own through integrity.selectors); issuances reviewed by COI officers or
    # the auditor; discipline cases only by discipline officers, counts for the auditor and the plan readers
    "integrity.coi.view": [(R.COI_OFFICER, "unit"), *[(r, "unit") for r in ALL_READERS]],
    "integrity.coi.edit": [(R.COI_OFFICER, "unit")],
    "integrity.declaration.view": [(R.COI_OFFICER, "unit"), (R.UNIT_HEAD, "unit")],
    "integrity.declaration.manage": [(R.COI_OFFICER, "unit")],
    "integrity.issuance.view": [(R.COI_OFFICER, "unit"), *[(r, "unit") for r in ALL_READERS]],
    "integrity.issuance.edit": [(R.COI_OFFICER, "unit")],
    "integrity.issuance.review": [(R.COI_OFFICER, "unit"), (R.AUDITOR, "unit")],
    "integrity.discipline.view": [(R.DISCIPLINE_OFFICER, "unit")],
    "integrity.discipline.edit": [(R.DISCIPLINE_OFFICER, "unit")],
    "integrity.discipline.counts": [(R.DISCIPLINE_OFFICER, "unit"), *[(r, "unit") for r in ALL_READERS]],
    # budget monitoring: disbursement rows are a unit's; lines, targets, meetings and reviews the agency's
    "budget.view": [(R.FINANCE_OFFICER, "unit"), *[(r, "unit") for r in ALL_READERS]],
    "budget.manage": [(R.FINANCE_OFFICER, "unit")],
    # the spending plan and reports on the public portal (ITA O18–O20) are the whole department's figures:
    # only finance held at the agency root publishes or withdraws them
    "budget.publish": [(R.FINANCE_OFFICER, "root")],
    # surveys: the website survey is the ICT centre's, the staff survey HR's; results are read by readers too
    "survey.view": [(R.ICT_OFFICER, "unit"), (R.HR_OFFICER, "unit"), *[(r, "unit") for r in ALL_READERS]],
    "survey.manage_public": [(R.ICT_OFFICER, "unit")],
    "survey.manage_staff": [(R.HR_OFFICER, "unit")],
    # campaigns (pledges and acknowledgements): HR runs them and keeps the roster department-wide (so does
    # the plan administrator for campaigns); a unit's head and reporter record paper sheets and their unit's
    # acknowledgement and read their unit's not-yet list; everyone working under the plan sees the campaigns
    "campaign.view": [(r, "agency") for r in (R.HR_OFFICER, R.PLAN_ADMIN, R.EXECUTIVE, R.AUDITOR,
                                              R.UNIT_HEAD, R.REPORTER)],
    "campaign.manage": [(R.HR_OFFICER, "root"), (R.PLAN_ADMIN, "root")],
    "campaign.unit": [(R.UNIT_HEAD, "unit"), (R.REPORTER, "unit"), (R.HR_OFFICER, "unit"),
                      (R.PLAN_ADMIN, "unit")],
    "roster.view": [(R.HR_OFFICER, "unit"), (R.UNIT_HEAD, "unit"), (R.PLAN_ADMIN, "unit"),
                    (R.AUDITOR, "unit")],
    "roster.manage": [(R.HR_OFFICER, "root")],
    # hr (กองการเจ้าหน้าที่): the evaluation criteria, job lines and their central KPIs and the evaluation
    # rounds are the department's; a unit's HR officer or head records that the unit finished a round
    "hr.view": [(r, "agency") for r in (R.HR_OFFICER, R.UNIT_HEAD, *ALL_READERS)],
    "hr.manage": [(R.HR_OFFICER, "root")],
    "hr.unit": [(R.HR_OFFICER, "unit"), (R.UNIT_HEAD, "unit")],
    # ita (issue 13 §4–5): the catalogue, links and the answer sheet are the department's, kept by the ICT
    # centre and the plan administrator; an executive approves the year's submission (เห็นชอบ); the
    # officers who own items (procurement, complaints, HR, finance, registers) and the readers view
    "ita.view": [(r, "agency") for r in (R.ICT_OFFICER, R.PLAN_ADMIN, R.EXECUTIVE, R.AUDITOR,
                                         R.PROCUREMENT_OFFICER, R.COMPLAINT_OFFICER, R.HR_OFFICER,
                                         R.FINANCE_OFFICER, R.REGISTER_OFFICER)],
    "ita.manage": [(R.ICT_OFFICER, "root"), (R.PLAN_ADMIN, "root")],
    "ita.approve": [(R.EXECUTIVE, "root")],
    # portal (the public OIT pages): the ICT centre (ศสท.) writes and publishes them for the agency; the plan
    # administrator may also publish a compiled round's results (and withdraw them, leaving a tombstone)
    "portal.edit": [(R.ICT_OFFICER, "unit")],
    "portal.publish": [(R.ICT_OFFICER, "unit"), (R.PLAN_ADMIN, "unit")],
    # infocentre (issue 13 §2–3): units file catalogue items and their link-back and disclosure analysis;
    # the ICT centre (ศสท.) publishes for the department; information requests (มาตรา ๑๑) are handled by the
    # ICT officer (or a complaint officer) of the unit holding them, who alone sees the requester's identity;
    # a unit opens its own consultations, moderates and answers them; readers see the statistics
    "info.view": [(R.ICT_OFFICER, "unit"), (R.REPORTER, "unit"), (R.UNIT_HEAD, "unit"),
                  *[(r, "unit") for r in ALL_READERS]],
    "info.submit": [(R.ICT_OFFICER, "unit"), (R.REPORTER, "unit"), (R.UNIT_HEAD, "unit")],
    "info.publish": [(R.ICT_OFFICER, "root")],
    "inforequest.handle": [(R.ICT_OFFICER, "unit"), (R.COMPLAINT_OFFICER, "unit")],
    "inforequest.stats": [(R.ICT_OFFICER, "unit"), (R.COMPLAINT_OFFICER, "unit"),
                          *[(r, "unit") for r in ALL_READERS]],
    "consultation.manage": [(R.ICT_OFFICER, "unit"), (R.REPORTER, "unit"), (R.UNIT_HEAD, "unit")],
}

# What a supervisor may do, all of it reading (the policy tests hold RULES to this list): the unit tree, the
# plan, the rounds and their reports, the dashboard and the roll-up. Nothing of complaints, people or
# registers, and no write.
SUPERVISOR_READS = frozenset({"unit.view", "plan.view", "round.view", "report.view", "round.dashboard",
                              "national.rollup"})

# model label -> unit key -> ORM path from the model to an org.Unit ("" is the object itself).
UNIT_FIELDS: dict[str, dict[str, str]] = {
    "org.Unit": {"self": "", "agency": ""},
    "accounts.User": {"unit": "unit"},
    "audit.AuditEvent": {"unit": "unit"},
    "plans.Plan": {"agency": "agency"},
    "plans.Policy": {"agency": "plan__agency"},
    "plans.Measure": {"agency": "policy__plan__agency"},
    "plans.Activity": {"agency": "measure__policy__plan__agency"},
    "plans.Indicator": {"agency": "activity__measure__policy__plan__agency"},
}


def register_model(label: str, unit_fields: dict[str, str]) -> None:
    """Apps declare where their models keep units (called from their AppConfig.ready)."""
    UNIT_FIELDS[label] = unit_fields


_SUPERVISION = "~supervision"


def _roots(user, role: str) -> list[str]:
    """Paths of the unit subtrees over which the user holds `role` (cached on the user object)."""
    cache = getattr(user, "_policy_roots", None)
    if cache is None:
        cache = {}
        # One query for both: the roles held at units, and the Supervisions (their ministry in place of a
        # path, marked by a role name no assignment has), so nobody pays a query more for supervising.
        held = RoleAssignment.objects.filter(user=user, unit__is_active=True).values_list("role",
                                                                                          "unit__path")
        above = Supervision.objects.filter(user=user).annotate(
            mark=Value(_SUPERVISION, output_field=CharField())).values_list("mark", "ministry")
        ministries = set()
        for role_name, path in held.union(above, all=True):
            if role_name == _SUPERVISION:
                ministries.add(path)
            else:
                cache.setdefault(role_name, []).append(path)
        if ministries:
            cache.setdefault(Role.SUPERVISOR, []).extend(_supervised_paths(ministries))
        user._policy_roots = cache
    return cache.get(role, [])


def _supervised_paths(ministries: set[str]) -> list[str]:
    """Where Supervisions stand: NATIONAL (no ministry), or the root of each active agency of their
    ministries (read now, so an agency given a ministry later is covered at once)."""
    from org.models import Unit

    if "" in ministries:
        return [NATIONAL]
    return list(Unit.objects.filter(parent__isnull=True, is_active=True, profile__ministry__in=ministries)
                .order_by("path").values_list("path", flat=True))


def forget(user) -> None:
    """Drop the cached roles after they change."""
    if hasattr(user, "_policy_roots"):
        del user._policy_roots


def roles_of(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return {role for role in Role.values if _roots(user, role)}


def _ancestor_paths(path: str) -> list[str]:
    """'/000001/000007/' -> ['/000001/', '/000001/000007/']."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _agency_path(path: str) -> str:
    """The path of the agency (root unit) a unit path lies in: '/000001/000007/' -> '/000001/'."""
    head = path.strip("/").split("/")[0]
    return f"/{head}/" if head else ""


def _is_root(path: str) -> bool:
    """A role held at an agency's root unit, the only place department-wide power comes from."""
    return bool(path) and path == _agency_path(path)


def _is_super(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def _field_for(fields: dict[str, str], key: str) -> str | None:
    """ORM path for a unit key; "root" is checked against the same unit as "agency"."""
    if key in fields:
        return fields[key]
    if key == "root" and "agency" in fields:
        return fields["agency"]
    return None


def _grants(user, action: str):
    """(unit key, root path) pairs through which the user's roles may do `action`."""
    for role, key in RULES[action]:
        for root in _roots(user, role):
            if key == "root" and not (_is_root(root) or root == NATIONAL):
                continue
            yield key, root


def scope(user, action: str, qs: QuerySet) -> QuerySet:
    """The objects of `qs` on which the user may perform `action`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if _is_super(user):
        return qs
    fields = UNIT_FIELDS[qs.model._meta.label]
    condition = Q()
    matched = False
    single = True
    for key, root in _grants(user, action):
        field = _field_for(fields, key)
        if field is None:
            continue
        single = single and _single_valued(qs.model, field)
        prefix = f"{field}__path" if field else "path"
        if key == "root" and root != NATIONAL:
            # Held at the agency root: covers exactly that agency's department-wide objects.
            condition |= Q(**{prefix: root})
        else:
            condition |= Q(**{f"{prefix}__startswith": root})
            if key == "agency":
                condition |= Q(**{f"{prefix}__in": _ancestor_paths(root)})
        matched = True
    if not matched:
        return qs.none()
    if single:
        # Only foreign keys on the way to the units: a row joins at most one unit per path, so the condition
        # filters the caller's queryset directly. A subquery here is planned as a loop over the whole table
        # once per row when PostgreSQL has no statistics yet (a freshly loaded agency), minutes on a round.
        return qs.filter(condition)
    # Filter by primary keys rather than .distinct(): joins through many-to-many units can repeat rows, and
    # a subquery keeps ordering, annotations and further filtering of the caller's queryset intact.
    return qs.filter(pk__in=qs.model._default_manager.filter(condition).values("pk"))


def _single_valued(model, path: str) -> bool:
    """Does the ORM path from `model` follow only forward foreign keys (never a many-valued relation)?"""
    for name in filter(None, path.split("__")):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many or not field.is_relation:
            return False
        model = field.related_model
    return True


def _covers_unit(key: str, root: str, unit) -> bool:
    """Does a role held at `root` reach inside `unit` through `key`?"""
    if root == NATIONAL:
        return True
    if key == "root":
        return root == _agency_path(unit.path)
    if key == "agency":
        return _agency_path(root) == _agency_path(unit.path)
    return unit.path.startswith(root)


def can(user, action: str, obj: Model | None = None, *, unit=None) -> bool:
    """May the user do `action` to `obj` (or, for something not created yet, within `unit`)?

    Without an object or a unit the question is "anywhere at all", which is what a menu asks; department-wide
    actions then still need the role at an agency root.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if _is_super(user):
        return True
    if obj is not None:
        return scope(user, action, type(obj)._default_manager.filter(pk=obj.pk)).exists()
    if unit is not None:
        return any(_covers_unit(key, root, unit) for key, root in _grants(user, action))
    return any(True for _ in _grants(user, action))


def can_manage_supervision(user) -> bool:
    """May the user grant or revoke a Supervision? Only the national administrator (a superuser): a
    supervising body stands above the agencies, where no agency's role reaches. Asked by the services'
    guard and by the menu and buttons alike."""
    return can(user, "supervision.manage")


class Denied(PermissionDenied):
    """The policy refused an action; views answer 403 (Django's PermissionDenied), `message` is Thai."""

    def __init__(self, action: str, message: str = "ท่านไม่มีสิทธิ์ดำเนินการนี้"):
        super().__init__(action)
        self.action = action
        self.message = message


def require(user, action: str, obj: Model | None = None, *, unit=None, message: str | None = None) -> None:
    """The one guard: raise `Denied` unless `can(user, action, obj, unit=unit)`.

    `user` None is the system (see the module's docstring) and is always allowed; an anonymous visitor is an
    AnonymousUser, never None, and is refused.
    """
    if user is None:
        return
    if not can(user, action, obj, unit=unit):
        raise Denied(action, message or "ท่านไม่มีสิทธิ์ดำเนินการนี้")


def units_for(user, action: str):
    """Units inside which the user may do `action` (for choosing a unit in forms and filters)."""
    from org.models import Unit

    if _is_super(user):
        return Unit.objects.all()
    paths = [root for _, root in _grants(user, action)] if getattr(user, "is_authenticated", False) else []
    if not paths:
        return Unit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)
