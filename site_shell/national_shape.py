"""The shape of the national data set (`site_shell.national`): the department as the template every agency is
cloned from, the sample of its units an agency takes, and what the generated reports hold."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from complaints.models import ServiceStandard
from org.models import Unit
from plans.models import Activity, Indicator, Measure, Plan, Policy
from site_shell.national_copy import m2m

# --- The template (agency 1) ------------------------------------------------------------------------------


def template():
    from complaints.services.config import standards_ensure
    from site_shell.demo import load_department

    agency, plan = load_department()
    standards_ensure(agency=agency)
    units = list(Unit.objects.filter(path__startswith=agency.path).order_by("path").values())
    policies = list(Policy.objects.filter(plan=plan).order_by("id").values())
    measures = list(Measure.objects.filter(policy__plan=plan).order_by("id").values())
    activities = list(Activity.objects.filter(measure__policy__plan=plan).order_by("id").values())
    indicators = list(Indicator.objects.filter(activity__measure__policy__plan=plan).order_by("id").values())
    links = {}
    for model, name, owner in (
        (Activity, "host_units", "activity_id"),
        (Activity, "implementing_units", "activity_id"),
        (Indicator, "units", "indicator_id"),
    ):
        through = m2m(model, name)
        links[name] = defaultdict(list)
        for owner_id, unit_id in through.objects.filter(unit__path__startswith=agency.path).values_list(
            owner, "unit_id"
        ):
            links[name][owner_id].append(unit_id)
    standards = list(ServiceStandard.objects.filter(agency=agency).values())
    plan_row = Plan.objects.filter(pk=plan.pk).values().get()
    return (
        agency,
        plan,
        dict(
            units=units,
            policies=policies,
            measures=measures,
            activities=activities,
            indicators=indicators,
            links=links,
            standards=standards,
            plan=plan_row,
        ),
    )


def sample_units(rng: random.Random, units: list[dict]) -> list[dict]:
    """A root and a sample of the department's tree: central units with their sub-units only under a chosen
    parent, and for some agencies regional offices."""
    root = units[0]
    central = [u for u in units[1:] if u["region"] == Unit.Region.CENTRAL and u["parent_id"] == root["id"]]
    regional = [u for u in units[1:] if u["kind"] == Unit.Kind.PROVINCIAL_OFFICE]
    chosen = {u["id"] for u in rng.sample(central, rng.randint(min(2, len(central)), min(6, len(central))))}
    for u in units[1:]:
        if u["parent_id"] in chosen and u["region"] == Unit.Region.CENTRAL and rng.random() < 0.5:
            chosen.add(u["id"])
    if rng.random() < 0.12:
        chosen |= {u["id"] for u in rng.sample(regional, rng.randint(4, min(16, len(regional))))}
    return [root] + [u for u in units[1:] if u["id"] in chosen]


def implements(unit: dict, rule: str, listed: set[int]) -> bool:
    # org.selectors.resolve_unit_group for one unit (the root never reports on the plan's activities).
    if not unit["reports_on_plan"] or not unit["is_active"] or unit["parent_id"] is None:
        return False
    if rule == "all":
        return True
    if rule == "all_central":
        return unit["region"] == Unit.Region.CENTRAL
    if rule == "all_regional":
        return unit["region"] == Unit.Region.REGIONAL
    if rule == "regional_offices":
        return unit["kind"] in (Unit.Kind.PROVINCIAL_OFFICE, Unit.Kind.AREA_OFFICE)
    return unit["id"] in listed


# --- What the reports hold --------------------------------------------------------------------------------


def result_values(rng: random.Random, kind: str, due: dt.date) -> dict:
    if kind == "frequency":
        n = rng.randint(1, 6)
        dates = sorted({(due - dt.timedelta(days=rng.randint(1, 150))).isoformat() for _ in range(n)})
        return {"count": len(dates), "event_dates": dates}
    if kind in ("percent", "level"):
        top = 100 if kind == "percent" else 5
        return {"value": Decimal(rng.randint(top // 2, top))}
    if kind == "done":
        return {"done": rng.random() < 0.85, "event_date": due - dt.timedelta(days=rng.randint(1, 60))}
    return {"count": rng.randint(0, 40)}


ROW_TEXTS = [
    ("ประชุมชี้แจงแนวทางการดำเนินงานแก่บุคลากร", "ต.ค. 2563 - มี.ค. 2564", "ดำเนินการแล้ว ผู้เข้าร่วม {n} คน"),
    ("จัดทำประกาศและเผยแพร่ทางเว็บไซต์ของหน่วยงาน", "ม.ค. 2564", "เผยแพร่แล้ว {n} เรื่อง"),
    ("รณรงค์ส่งเสริมคุณธรรมและความโปร่งใส", "ตลอดปีงบประมาณ", "จัดกิจกรรม {n} ครั้ง"),
    ("ติดตามและรายงานผลต่อผู้บริหาร", "ไตรมาสละครั้ง", "รายงานแล้ว {n} ครั้ง"),
]


def report_state(rng: random.Random, round_status: str, due: dt.date) -> dict:
    """A report's status, version and dates: the closed round mostly done, the open one spread out."""
    draw = rng.random()
    sent_at = timezone.make_aware(
        dt.datetime.combine(due - dt.timedelta(days=rng.randint(-10, 20)), dt.time(10, rng.randint(0, 59)))
    )
    if round_status == "closed":
        states = [(0.80, "locked"), (0.85, "returned"), (0.92, "draft"), (1.01, "none")]
    else:
        states = [
            (0.20, "accepted"),
            (0.45, "submitted"),
            (0.50, "returned"),
            (0.72, "draft"),
            (1.01, "none"),
        ]
    state = next(s for limit, s in states if draw < limit)
    if state == "none":
        return {"status": "draft", "version": 0}
    out = {
        "status": state,
        "version": rng.randint(1, 5),
        "updated_at": sent_at,
        "as_of": due - dt.timedelta(days=rng.randint(0, 14)),
    }
    if state != "draft":
        out.update(first_submitted_at=sent_at, submitted_at=sent_at)
    if state in ("locked", "accepted", "returned"):
        out["reviewed_at"] = sent_at + dt.timedelta(days=3)
    if state == "locked":
        out["locked_at"] = sent_at + dt.timedelta(days=40)
    return out
