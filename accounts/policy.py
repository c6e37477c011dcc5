"""The one permission policy of the system.

Two questions, one source of truth:
- `can(user, action, obj)`  — may this user do `action` to this object?
- `scope(user, action, qs)` — which objects of this queryset may the user do `action` to?

Every rule is "role R, held over a unit subtree, covers objects whose <unit path> lies in that subtree".
Agency-level objects (a plan, a reporting round) are keyed "agency": a role held anywhere inside an agency
also covers them, since a provincial reporter works under the department's plan, not a plan of its own.
`RULES` says which roles may do an action and through which of the object's units; `UNIT_FIELDS` says, per
model, where those units are. `can` is answered through `scope`, so a page, the API and an export can never
disagree about access.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet

from accounts.models import Role, RoleAssignment

R = Role
ALL_READERS = [R.PLAN_ADMIN, R.EXECUTIVE, R.AUDITOR]

# action -> [(role, unit key)]; the unit key names an entry of UNIT_FIELDS for the object's model.
RULES: dict[str, list[tuple[str, str]]] = {
    # organisation and people
    "unit.view": [(r, "self") for r in Role.values],
    "unit.manage": [(R.SYSADMIN, "self")],
    "user.view": [(R.SYSADMIN, "unit"), (R.AUDITOR, "unit"), (R.UNIT_HEAD, "unit"), (R.PLAN_ADMIN, "unit")],
    "user.manage": [(R.SYSADMIN, "unit")],
    "audit.view": [(R.AUDITOR, "unit"), (R.SYSADMIN, "unit"), (R.PLAN_ADMIN, "unit")],
    # the plan
    "plan.view": [(r, "agency") for r in Role.values],
    "plan.edit": [(R.PLAN_ADMIN, "agency")],
    "plan.approve": [(R.EXECUTIVE, "agency")],
    "plan.export": [(r, "agency") for r in (R.PLAN_ADMIN, R.EXECUTIVE, R.AUDITOR, R.COORDINATOR, R.UNIT_HEAD)],
    # progress reports
    "report.view": [
        (R.REPORTER, "unit"), (R.UNIT_HEAD, "unit"), (R.COORDINATOR, "host"),
        *[(r, "unit") for r in ALL_READERS],
    ],
    "report.edit": [(R.REPORTER, "unit"), (R.UNIT_HEAD, "unit")],
    "report.endorse": [(R.UNIT_HEAD, "unit")],
    "report.review": [(R.COORDINATOR, "host"), (R.PLAN_ADMIN, "unit")],
    "round.manage": [(R.PLAN_ADMIN, "agency")],
    "round.view": [(r, "agency") for r in Role.values],
    "round.compile": [(R.PLAN_ADMIN, "agency")],
    "round.dashboard": [(r, "agency") for r in (R.PLAN_ADMIN, R.EXECUTIVE, R.AUDITOR)],
    # procurement
    "procurement.view": [(R.PROCUREMENT_OFFICER, "unit"), *[(r, "unit") for r in ALL_READERS]],
    "procurement.edit": [(R.PROCUREMENT_OFFICER, "unit")],
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
}

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


def _roots(user, role: str) -> list[str]:
    """Paths of the unit subtrees over which the user holds `role` (cached on the user object)."""
    cache = getattr(user, "_policy_roots", None)
    if cache is None:
        cache = {}
        for role_name, path in RoleAssignment.objects.filter(user=user, unit__is_active=True).values_list(
            "role", "unit__path"
        ):
            cache.setdefault(role_name, []).append(path)
        user._policy_roots = cache
    return cache.get(role, [])


def forget(user) -> None:
    """Drop the cached roles after they change."""
    if hasattr(user, "_policy_roots"):
        del user._policy_roots


def roles_of(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return {role for role in Role.values if _roots(user, role)}


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def _ancestor_paths(path: str) -> list[str]:
    """'/000001/000007/' -> ['/000001/', '/000001/000007/']."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _is_super(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def scope(user, action: str, qs: QuerySet) -> QuerySet:
    """The objects of `qs` on which the user may perform `action`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if _is_super(user):
        return qs
    fields = UNIT_FIELDS[qs.model._meta.label]
    condition = Q()
    matched = False
    for role, key in RULES[action]:
        if key not in fields:
            continue
        prefix = f"{fields[key]}__path" if fields[key] else "path"
        for root in _roots(user, role):
            condition |= Q(**{f"{prefix}__startswith": root})
            if key == "agency":
                condition |= Q(**{f"{prefix}__in": _ancestor_paths(root)})
            matched = True
    if not matched:
        return qs.none()
    # Filter by primary keys rather than .distinct(): joins through many-to-many units can repeat rows, and
    # a subquery keeps ordering, annotations and further filtering of the caller's queryset intact.
    return qs.filter(pk__in=qs.model._default_manager.filter(condition).values("pk"))


def can(user, action: str, obj: Model | None = None, *, unit=None) -> bool:
    """May the user do `action` to `obj` (or, for something not created yet, within `unit`)?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if _is_super(user):
        return True
    if obj is not None:
        return scope(user, action, type(obj)._default_manager.filter(pk=obj.pk)).exists()
    if unit is not None:
        return any(unit.path.startswith(root) or (key == "agency" and root.startswith(unit.path))
                   for role, key in RULES[action] for root in _roots(user, role))
    return any(_roots(user, role) for role, _ in RULES[action])


def units_for(user, action: str):
    """Units inside which the user may do `action` (for choosing a unit in forms and filters)."""
    from org.models import Unit

    if _is_super(user):
        return Unit.objects.all()
    paths = [root for role, _ in RULES[action] for root in _roots(user, role)]
    if not paths:
        return Unit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)
