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


# --- Unit-scoped roles hold no department-wide power (the observed exploits) -------------------------


@pytest.fixture
def department_round(agency):
    """An approved plan of the department with one activity in two provinces, and its open round."""
    import datetime

    from plans.models import Activity, Measure, Plan
    from plans.models import Policy as PlanPolicy
    from reports.services import round_create, round_open

    plan = Plan.objects.create(agency=agency, title="แผนทดสอบ", period_start=2560, period_end=2575,
                               status=Plan.Status.APPROVED)
    measure = Measure.objects.create(policy=PlanPolicy.objects.create(plan=plan, number=1, title="นโยบาย"),
                                     number="๑)", code="1", sort_key="001", text="มาตรการ")
    activity = Activity.objects.create(measure=measure, key="x-1", sort_order=0, title="กิจกรรม",
                                       text="กิจกรรม", implementing_rule=Activity.ImplementingRule.UNITS)
    activity.implementing_units.set(Unit.objects.filter(code__in=["cpd-prov-13", "cpd-prov-12"]))
    round_ = round_create(actor=None, plan=plan, fiscal_year=2560, name="รอบที่ ๑", kind="progress",
                          opens_on=datetime.date(2017, 3, 1), due_on=datetime.date(2017, 4, 4))
    return round_open(actor=None, round_=round_)


@pytest.fixture
def provincial(make_user):
    """Roles that are department-wide in name but held over one province only."""
    return {role: make_user(f"{role}.cm", "cpd-prov-13", (role, "cpd-prov-13"))
            for role in (Role.PLAN_ADMIN, Role.EXECUTIVE, Role.AUDITOR, Role.SYSADMIN,
                         Role.PROCUREMENT_OFFICER)}


def test_a_provincial_plan_admin_cannot_close_the_department_round(department_round, provincial, client):
    from django.core.exceptions import PermissionDenied
    from django.urls import reverse

    from reports.models import Round
    from reports.services import round_close

    admin = provincial[Role.PLAN_ADMIN]
    with pytest.raises(PermissionDenied):
        round_close(actor=admin, round_=department_round)
    client.force_login(admin)
    assert client.post(reverse("reports:round_close", args=[department_round.pk])).status_code == 403
    assert client.get(reverse("reports:compile", args=[department_round.pk])).status_code == 403
    department_round.refresh_from_db()
    assert department_round.status == Round.Status.OPEN
    assert not department_round.reports.filter(status="locked").exists()


def test_a_provincial_plan_admin_cannot_reopen_or_edit_the_department_plan(
        department_round, provincial, client):
    from django.core.exceptions import PermissionDenied
    from django.urls import reverse

    from plans.services import plan_reopen

    admin, plan = provincial[Role.PLAN_ADMIN], department_round.plan
    assert policy.can(admin, "plan.view", plan)  # reading the plan stays open to the whole agency
    with pytest.raises(PermissionDenied):
        plan_reopen(actor=admin, plan=plan, reason="ขอแก้ไขตัวชี้วัด")
    client.force_login(admin)
    assert client.post(reverse("plans:reopen", args=[plan.pk]), {"reason": "ขอแก้ไขตัวชี้วัด"}).status_code == 403
    plan.refresh_from_db()
    assert plan.is_approved


def test_provincial_auditors_and_executives_do_not_read_the_department_dashboard(department_round, provincial,
                                                                                client, make_user):
    from django.urls import reverse

    url = reverse("reports:dashboard", args=[department_round.pk])
    for role in (Role.EXECUTIVE, Role.AUDITOR, Role.PLAN_ADMIN):
        user = provincial[role]
        assert policy.can(user, "round.view", department_round)
        assert not policy.can(user, "round.dashboard", department_round)
        client.force_login(user)
        assert client.get(url).status_code == 403, role
    executive = make_user("exec.hq", "cpd", (Role.EXECUTIVE, None))
    client.force_login(executive)
    assert client.get(url).status_code == 200


def test_department_wide_actions_need_the_role_at_the_agency_root(department_round, provincial, make_user,
                                                                  agency):
    root_admin = make_user("pa.hq", "cpd-psdg", (Role.PLAN_ADMIN, None))
    division_admin = make_user("pa.psdg", "cpd-psdg", (Role.PLAN_ADMIN, "cpd-psdg"))
    for action in ("round.manage", "round.compile", "plan.edit"):
        assert policy.can(root_admin, action, department_round if action.startswith("round") else agency)
        for user in (division_admin, provincial[Role.PLAN_ADMIN]):
            assert not policy.can(user, action,
                                  department_round.plan if action == "plan.edit" else department_round)
            assert not policy.can(user, action)  # nor "anywhere", which menus ask
    assert not policy.can(provincial[Role.EXECUTIVE], "plan.approve", department_round.plan)


def test_services_refuse_writes_outside_the_roles_subtree(provincial, agency):
    from django.core.exceptions import PermissionDenied

    from org.services import unit_create, unit_update
    from procurement.services import projects

    sysadmin, officer = provincial[Role.SYSADMIN], provincial[Role.PROCUREMENT_OFFICER]
    hr = Unit.objects.get(code="cpd-hr")
    with pytest.raises(PermissionDenied):
        unit_update(actor=sysadmin, unit=hr, name="กองใหม่")
    with pytest.raises(PermissionDenied):
        unit_create(actor=sysadmin, parent=agency, code="cpd-new", name="หน่วยใหม่", kind=Unit.Kind.DIVISION)
    cm = Unit.objects.get(code="cpd-prov-13")
    child = unit_create(actor=sysadmin, parent=cm, code="cpd-prov-13-x", name="กลุ่มงานใหม่",
                        kind=Unit.Kind.GROUP)
    assert child.path.startswith(cm.path)
    with pytest.raises(PermissionDenied):  # nor move a unit of its own out of its province
        unit_update(actor=sysadmin, unit=child, parent=hr)
    project = projects.project_create(actor=None, unit=hr, title="ซื้อวัสดุ", fiscal_year=2568, method="specific",
                                      budget=100000)
    with pytest.raises(PermissionDenied):
        projects.project_update(actor=officer, project=project, title="แก้โดยจังหวัด")
    with pytest.raises(PermissionDenied):
        projects.project_create(actor=officer, unit=hr, title="x", fiscal_year=2568, method="specific",
                                budget=1)


def test_the_system_acts_without_an_actor_and_a_visitor_is_refused(agency):
    from django.contrib.auth.models import AnonymousUser

    policy.require(None, "plan.edit", unit=agency)  # loaders, tasks and the demo pass None explicitly
    with pytest.raises(policy.Denied):
        policy.require(AnonymousUser(), "plan.view", unit=agency)
