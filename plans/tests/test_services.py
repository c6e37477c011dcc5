import datetime
from decimal import Decimal

import pytest

from accounts.models import Role
from audit.models import AuditEvent
from core.errors import ApplicationError
from org.models import Unit
from plans.models import Activity, Indicator, Measure, Plan
from plans.services import (
    activity_update,
    indicator_create,
    indicator_delete,
    indicator_update,
    plan_approve,
    plan_reopen,
)

pytestmark = pytest.mark.django_db


def test_loaded_plan_has_six_policies_and_nested_measures(plan):
    assert plan.policies.count() == 6
    assert plan.period_start == 2560 and plan.period_end == 2564
    child = Measure.objects.filter(policy__plan=plan, number="๑.๑)").first()
    assert child is not None and child.parent is not None and child.parent.number == "๑)"
    # every host unit label in the file resolved to a unit of the department
    assert Activity.objects.filter(measure__policy__plan=plan, host_units__isnull=False).exists()


def test_indicator_edit_is_audited_with_old_and_new_target(plan, make_user):
    admin = make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, None))
    indicator = Indicator.objects.filter(activity__measure__policy__plan=plan, kind="percent").first()
    old_value = indicator.value
    indicator_update(actor=admin, indicator=indicator, value=Decimal("90"))
    indicator.refresh_from_db()
    assert indicator.value == Decimal("90")
    event = AuditEvent.objects.get(action="indicator.update", object_id=str(indicator.pk))
    assert event.actor == admin and event.unit == plan.agency
    assert event.old == {"value": format(old_value.normalize(), "f")}
    assert event.new == {"value": "90"}


def test_bad_targets_are_refused_with_thai_messages(plan):
    indicator = Indicator.objects.filter(activity__measure__policy__plan=plan, kind="percent").first()
    with pytest.raises(ApplicationError) as exc:
        indicator_update(actor=None, indicator=indicator, value=Decimal("150"))
    assert exc.value.field == "value" and "ร้อยละ" in exc.value.message
    with pytest.raises(ApplicationError):
        indicator_update(actor=None, indicator=indicator, due_month=13)
    with pytest.raises(ApplicationError):
        indicator_update(actor=None, indicator=indicator, colour="red")


def test_approved_plans_are_not_edited_until_reopened(plan, make_user):
    executive = make_user("exec", "cpd", (Role.EXECUTIVE, None))
    admin = make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, None))
    plan_approve(actor=executive, plan=plan, approved_on=datetime.date(2017, 1, 30),
                 approval_memo="ที่ กษ ๑๑๑๓/๖๑")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.approved_by == executive
    indicator = Indicator.objects.filter(activity__measure__policy__plan=plan).first()
    with pytest.raises(ApplicationError):
        indicator_update(actor=admin, indicator=indicator, text="ใหม่")
    with pytest.raises(ApplicationError):
        plan_reopen(actor=admin, plan=plan, reason="  ")
    plan_reopen(actor=admin, plan=plan, reason="ปรับตัวชี้วัดตามมติคณะทำงาน")
    indicator_update(actor=admin, indicator=indicator, text="ข้อความใหม่")
    assert list(AuditEvent.objects.filter(object_type="plans.Plan").values_list("action", flat=True)
                .order_by("id"))[-2:] == ["plan.approve", "plan.reopen"]


def test_activity_hosts_and_rule_change_is_audited(plan):
    activity = Activity.objects.filter(measure__policy__plan=plan).first()
    finance = Unit.objects.get(code="cpd-finance")
    activity_update(actor=None, activity=activity, host_units=[finance], implementing_rule="all_central")
    activity.refresh_from_db()
    assert list(activity.host_units.all()) == [finance]
    event = AuditEvent.objects.filter(action="activity.update").latest("id")
    assert event.new["host_units"] == ["กองคลัง"]
    assert event.new["implementing_rule"] == "all_central"


def test_named_units_rule_needs_units(plan):
    activity = Activity.objects.filter(measure__policy__plan=plan).first()
    with pytest.raises(ApplicationError):
        activity_update(actor=None, activity=activity, implementing_rule="units", implementing_units=[])


def test_indicators_can_be_added_and_removed_with_audit(plan):
    activity = Activity.objects.filter(measure__policy__plan=plan).first()
    ind = indicator_create(actor=None, activity=activity, text="จำนวนช่องทาง", kind="count", comparison=">=",
                           value=Decimal("3"), unit_label="ช่องทาง", scope="department")
    pk = ind.pk
    indicator_delete(actor=None, indicator=ind)
    assert list(AuditEvent.objects.filter(object_id=str(pk), object_type="plans.Indicator")
                .values_list("action", flat=True).order_by("id")) == ["indicator.create", "indicator.delete"]


def test_per_year_variants_override_the_base_target():
    ind = Indicator(kind="count", comparison=">=", value=Decimal(1), scope="per_unit", variants=[
        {"from_year": 2560, "to_year": 2560, "comparison": ">=", "value": 1, "scope": "department"},
        {"from_year": 2561, "to_year": 2564, "comparison": ">=", "value": 1, "scope": "per_unit"}])
    assert ind.target_for_year(2560)["scope"] == "department"
    assert ind.target_for_year(2563)["scope"] == "per_unit"
    assert ind.target_for_year(2570)["scope"] == "per_unit"
