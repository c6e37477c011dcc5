import pytest

from accounts import policy
from accounts.models import Role, User
from accounts.services import role_revoke
from audit.models import AuditEvent
from audit.services import audit_record
from org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return {
        "sys": make_user("sys", "cpd-ict", (Role.SYSADMIN, None)),
        "auditor": make_user("aud", "cpd-ia", (Role.AUDITOR, None)),
        "head_cm": make_user("head", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13")),
        "rep_cm": make_user("rep", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13")),
        "rep_cr": make_user("rep2", "cpd-prov-12", (Role.REPORTER, "cpd-prov-12")),
        "planadmin": make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, None)),
        "hr_head": make_user("hrhead", "cpd-hr", (Role.UNIT_HEAD, "cpd-hr")),
        "nobody": make_user("none", "cpd-hr"),
    }


def test_scope_follows_the_unit_subtree(people):
    users = User.objects.all()
    head_sees = set(policy.scope(people["head_cm"], "user.view", users).values_list("username", flat=True))
    assert head_sees == {"head", "rep"}
    hr_sees = set(policy.scope(people["hr_head"], "user.view", users).values_list("username", flat=True))
    assert hr_sees == {"hrhead", "none"}
    assert policy.scope(people["sys"], "user.view", users).count() == users.count()
    assert policy.scope(people["rep_cm"], "user.view", users).count() == 0


def test_can_agrees_with_scope_for_each_object(people):
    for actor in people.values():
        visible = set(policy.scope(actor, "user.manage", User.objects.all()))
        for target in User.objects.all():
            assert policy.can(actor, "user.manage", target) == (target in visible)


def test_only_plan_admins_edit_and_only_executives_approve(people, agency):
    assert policy.can(people["planadmin"], "plan.edit", agency)
    for name in ("auditor", "sys", "head_cm", "rep_cm"):
        assert not policy.can(people[name], "plan.edit", agency), name
    assert not policy.can(people["planadmin"], "plan.approve", agency)


def test_auditor_reads_everything_and_writes_nothing(people, agency):
    auditor = people["auditor"]
    assert policy.can(auditor, "audit.view")
    assert policy.can(auditor, "user.view", people["rep_cr"])
    writes = [a for a in policy.RULES if a.split(".")[1] in {"edit", "manage", "approve", "handle", "review",
                                                            "compile", "identity", "endorse"}]
    assert writes and not any(policy.can(auditor, a) for a in writes)


def test_audit_trail_is_scoped_by_unit(people):
    cm = Unit.objects.get(code="cpd-prov-13")
    cr = Unit.objects.get(code="cpd-prov-12")
    audit_record(actor=None, action="x.y", object_type="t", object_id="1", object_label="a", unit=cm)
    audit_record(actor=None, action="x.y", object_type="t", object_id="2", object_label="b", unit=cr)
    seen = policy.scope(people["auditor"], "audit.view", AuditEvent.objects.filter(action="x.y"))
    assert seen.count() == 2
    assert policy.scope(people["rep_cm"], "audit.view", AuditEvent.objects.all()).count() == 0


def test_revoking_a_role_removes_access_at_once(people):
    head = people["head_cm"]
    assert policy.can(head, "user.view", people["rep_cm"])
    role_revoke(actor=people["sys"], assignment=head.role_assignments.get())
    assert not policy.can(head, "user.view", people["rep_cm"])


def test_anonymous_and_inactive_users_get_nothing(people):
    from django.contrib.auth.models import AnonymousUser

    assert policy.scope(AnonymousUser(), "user.view", User.objects.all()).count() == 0
    sys = people["sys"]
    sys.is_active = False
    assert not policy.can(sys, "user.manage", people["rep_cm"])


def test_units_for_lists_the_subtree(people):
    units = policy.units_for(people["head_cm"], "user.view")
    assert list(units.values_list("code", flat=True)) == ["cpd-prov-13"]
    assert policy.units_for(people["sys"], "user.manage").count() == Unit.objects.count()


def test_role_inside_a_deactivated_unit_stops_counting(people):
    Unit.objects.filter(code="cpd-prov-13").update(is_active=False)
    policy.forget(people["head_cm"])
    assert not policy.can(people["head_cm"], "user.view", people["rep_cm"])


def test_agency_level_objects_are_covered_by_roles_held_inside_the_agency(people, agency):
    from org.services import unit_create

    # a provincial reporter may view the department's plan rounds, but not edit the plan
    assert policy.can(people["rep_cm"], "round.view", agency)
    assert policy.can(people["rep_cm"], "plan.view", agency)
    assert not policy.can(people["rep_cm"], "plan.edit", agency)
    other = unit_create(actor=None, parent=None, code="other", name="กรมอื่น", kind=Unit.Kind.AGENCY)
    assert not policy.can(people["rep_cm"], "round.view", other)
    assert not policy.can(people["planadmin"], "plan.edit", other)
