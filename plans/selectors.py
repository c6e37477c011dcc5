"""Reads of plans: the nested tree, implementing units by rule, and a unit's work for a fiscal year."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, QuerySet

from accounts import policy
from core.thai import ce_year
from org.models import Unit
from org.selectors import agency_of, resolve_unit_group
from plans.models import Activity, Indicator, Measure, Plan, Policy


def plans_public() -> QuerySet[Plan]:
    """Approved plans: what anyone may read without an account (the public portal lists these)."""
    return Plan.objects.filter(status=Plan.Status.APPROVED).select_related("agency")


def plans_visible(user) -> QuerySet[Plan]:
    """Approved plans are public; drafts only for those allowed to view the agency's plan."""
    public = Plan.objects.filter(status=Plan.Status.APPROVED)
    if not getattr(user, "is_authenticated", False):
        return public.select_related("agency")
    return (public | policy.scope(user, "plan.view", Plan.objects.all())).distinct().select_related("agency")


def plan_with_tree(plan_id: int, base: QuerySet[Plan] | None = None) -> Plan:
    """One plan with policies → measures → activities (host and named units) → indicators, in a fixed query
    count."""
    indicators = Prefetch("indicators", queryset=Indicator.objects.order_by("sort_order", "id"))
    activities = Prefetch(
        "activities",
        queryset=Activity.objects.order_by("sort_order", "id").prefetch_related(
            "host_units", "implementing_units", indicators),
    )
    measures = Prefetch("measures",
                        queryset=Measure.objects.order_by("sort_key").prefetch_related(activities))
    policies = Prefetch("policies", queryset=Policy.objects.order_by("number").prefetch_related(measures))
    return ((base if base is not None else Plan.objects).select_related("agency", "approved_by")
            .prefetch_related(policies).get(pk=plan_id))


def implementing_units(activity: Activity) -> QuerySet[Unit]:
    agency = activity.measure.policy.plan.agency
    return resolve_unit_group(agency=agency, rule=activity.implementing_rule,
                              units=list(activity.implementing_units.all()))


def unit_implements(unit: Unit, activity: Activity) -> bool:
    """Whether the plan's rule for this activity includes the unit (without loading the whole group)."""
    rule = activity.implementing_rule
    if not unit.reports_on_plan or not unit.is_active or unit.parent_id is None:
        return False
    if rule == Activity.ImplementingRule.ALL:
        return True
    if rule == Activity.ImplementingRule.ALL_CENTRAL:
        return unit.region == Unit.Region.CENTRAL
    if rule == Activity.ImplementingRule.ALL_REGIONAL:
        return unit.region == Unit.Region.REGIONAL
    if rule == Activity.ImplementingRule.REGIONAL_OFFICES:
        return unit.kind in (Unit.Kind.PROVINCIAL_OFFICE, Unit.Kind.AREA_OFFICE)
    return any(u.pk == unit.pk for u in activity.implementing_units.all())


def indicator_covers(indicator: Indicator, unit: Unit) -> bool:
    """Whether an indicator is judged over this unit: its narrowing ("ทุกหน่วยงานส่วนกลาง…"), if any, on top
    of the activity's implementing units (uses `indicator.units.all()`, prefetch it in loops)."""
    group = indicator.unit_group
    if group == Indicator.UnitGroup.CENTRAL:
        return unit.region == Unit.Region.CENTRAL
    if group == Indicator.UnitGroup.REGIONAL:
        return unit.region == Unit.Region.REGIONAL
    if group == Indicator.UnitGroup.LISTED:
        return any(u.pk == unit.pk for u in indicator.units.all())
    return True


def activity_problems(activity: Activity) -> list[str]:
    """What in the plan keeps an activity from being judged, for the plan administrator (uses the prefetched
    `implementing_units`)."""
    rule = activity.implementing_rule
    if rule in (Activity.ImplementingRule.RELATED, Activity.ImplementingRule.UNITS) and not list(
        activity.implementing_units.all()
    ):
        label = "หน่วยงานที่เกี่ยวข้อง" if rule == Activity.ImplementingRule.RELATED else "หน่วยงานปฏิบัติ"
        words = activity.implementing_verbatim or activity.get_implementing_rule_display()
        return [f"กิจกรรม {activity.key} ยังไม่ได้ระบุ{label} (“{words}”) "
                "ผู้ดูแลแผนต้องระบุหน่วยงานปฏิบัติก่อน จึงจะมีแบบรายงานและประเมินตัวชี้วัดได้"]
    return []


def plan_problems(plan: Plan) -> list[str]:
    """Every activity of the plan that cannot be judged as the plan stands."""
    activities = (Activity.objects.filter(measure__policy__plan=plan)
                  .order_by("measure__policy__number", "measure__sort_key", "sort_order")
                  .prefetch_related("implementing_units"))
    return [p for a in activities for p in activity_problems(a)]


def due_date_in_year(indicator: Indicator, fiscal_year: int) -> datetime.date | None:
    """The deadline an indicator sets inside a fiscal year ("ภายในเดือนมีนาคมของทุกปี" → 31 March)."""
    if indicator.due_date:
        return indicator.due_date
    if indicator.due_month:
        # October–December fall in the calendar year before the one that names the fiscal year.
        year_ce = ce_year(fiscal_year) - (1 if indicator.due_month >= 10 else 0)
        month = indicator.due_month
        next_month = datetime.date(year_ce + (month == 12), month % 12 + 1, 1)
        return next_month - datetime.timedelta(days=1)
    return None


def unit_work(*, unit: Unit, plan: Plan, fiscal_year: int) -> list[dict]:
    """What a unit must do in a fiscal year: activities it implements or hosts, with targets and deadlines."""
    tree = plan_with_tree(plan.pk)
    work = []
    for pol in tree.policies.all():
        for measure in pol.measures.all():
            for activity in measure.activities.all():
                hosts = list(activity.host_units.all())
                is_host = any(h.pk == unit.pk for h in hosts)
                if not (is_host or unit_implements(unit, activity)):
                    continue
                indicators = [
                    {"indicator": ind, "target": ind.target_for_year(fiscal_year),
                     "due": due_date_in_year(ind, fiscal_year)}
                    for ind in activity.indicators.all()
                ]
                work.append({"policy": pol, "measure": measure, "activity": activity, "is_host": is_host,
                             "hosts": hosts, "indicators": indicators})
    return work


def current_plan_for(unit: Unit, fiscal_year: int) -> Plan | None:
    agency = agency_of(unit)
    return (Plan.objects.filter(agency=agency, period_start__lte=fiscal_year, period_end__gte=fiscal_year)
            .order_by("status", "-id").first())


def plan_year_for(unit: Unit, fiscal_year: int) -> tuple[Plan | None, int]:
    """The plan and year to show a unit: the requested year if a plan covers it, else the nearest year of the
    agency's latest plan (a plan that has ended still has to be reported on and audited)."""
    plan = current_plan_for(unit, fiscal_year)
    if plan is not None:
        return plan, fiscal_year
    plan = Plan.objects.filter(agency=agency_of(unit)).order_by("-period_end", "status", "-id").first()
    if plan is None:
        return None, fiscal_year
    return plan, min(max(fiscal_year, plan.period_start), plan.period_end)
