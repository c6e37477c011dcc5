"""Writes to the plan: loading the curated file, editing, approval. Every change is audited."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record, snapshot
from core.errors import ApplicationError
from org.models import Unit
from org.selectors import unit_finder
from plans.models import Activity, Indicator, Measure, Plan, Policy
from plans.planfile import indicator_source

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

INDICATOR_FIELDS = ["number", "text", "kind", "comparison", "value", "unit_label", "period", "due_month",
                    "due_date", "scope", "variants", "unit_group", "basis", "steps", "year", "note"]
ACTIVITY_FIELDS = ["title", "text", "items", "host_units", "implementing_rule", "implementing_units", "note"]
PLAN_FIELDS = ["title", "period_start", "period_end", "status", "approved_by", "approved_on", "approval_memo"]


def measure_code(number: str) -> str:
    """'๑.๑)' -> '1.1'."""
    return number.translate(THAI_DIGITS).strip().rstrip(")").strip()


def measure_sort_key(code: str) -> str:
    return ".".join(f"{int(part):03d}" for part in code.split(".") if part.isdigit())


def _ensure_draft(plan: Plan) -> None:
    if plan.is_approved:
        raise ApplicationError("แผนนี้อนุมัติแล้ว ต้องเปิดเป็นฉบับร่างก่อนจึงจะแก้ไขได้")


def plan_touch(plan: Plan) -> None:
    """Mark the plan changed when one of its activities or indicators is: what reads the plan's structure
    once per process (reports.plan_structure) is keyed by `updated_at`."""
    plan.updated_at = timezone.now()
    Plan.objects.filter(pk=plan.pk).update(updated_at=plan.updated_at)


@transaction.atomic
def plan_load(*, actor, agency: Unit, data: dict | None = None) -> Plan:
    """Create a plan from the curated file format (see plans/data/README.md).

    Unit labels in the file are resolved against the agency's units; an unknown label stops the load so that a
    host unit is never silently dropped.
    """
    from plans.planfile import load_planfile, validate_planfile

    require(actor, "plan.edit", unit=agency)
    data = data if data is not None else load_planfile()
    errors = validate_planfile(data)
    if errors:
        raise ApplicationError("ไฟล์แผนไม่ถูกต้อง: " + "; ".join(errors[:10]))
    head = data["plan"]
    plan = Plan.objects.create(
        agency=agency, title=head["title"], period_start=head["period_start"], period_end=head["period_end"],
        source=head.get("source", ""), approval_memo=head.get("approved_memo", "") or "",
    )
    missing: set[str] = set()
    find_unit = unit_finder(agency)
    for p in data["policies"]:
        policy = Policy.objects.create(plan=plan, number=p["number"], title=p["title"],
                                       verbatim=p.get("verbatim", ""), corrections=p.get("corrections") or [],
                                       note=p.get("note") or "")
        by_code: dict[str, Measure] = {}
        for m in p["measures"]:
            code = measure_code(m["number"])
            parent = by_code.get(code.rsplit(".", 1)[0]) if "." in code else None
            measure = Measure.objects.create(
                policy=policy, parent=parent, number=m["number"], code=code, sort_key=measure_sort_key(code),
                text=m["text"], verbatim=m.get("verbatim", ""), corrections=m.get("corrections") or [],
                note=m.get("note") or "",
            )
            by_code[code] = measure
            for a_index, a in enumerate(m.get("activities") or []):
                _load_activity(find_unit, measure, a_index, a, missing)
    if missing:
        raise ApplicationError("ไม่พบหน่วยงานในโครงสร้าง: " + ", ".join(sorted(missing)))
    audit_record(actor=actor, action="plan.load", obj=plan, unit=agency, new=snapshot(plan, PLAN_FIELDS),
                 note="นำเข้าแผนจากไฟล์ข้อมูล")
    return plan


def _load_activity(find_unit, measure: Measure, index: int, a: dict, missing: set[str]) -> Activity:
    impl = a.get("implementing") or {}
    activity = Activity.objects.create(
        measure=measure, key=a["key"], sort_order=index, title=a["title"], text=a.get("text") or a["title"],
        items=a.get("items") or [], verbatim=a.get("verbatim", ""), corrections=a.get("corrections") or [],
        host_verbatim=a.get("host_verbatim", "") or "", implementing_rule=impl.get("rule") or "all",
        implementing_verbatim=impl.get("verbatim", "") or "", note=a.get("note") or "",
    )
    hosts = []
    for label in a.get("host_units") or []:
        unit = find_unit(label)
        if unit is None:
            missing.add(label)
        else:
            hosts.append(unit)
    activity.host_units.set(hosts)
    named = []
    for label in impl.get("units") or []:
        unit = find_unit(label)
        if unit is None:
            missing.add(label)
        else:
            named.append(unit)
    activity.implementing_units.set(named)
    for i_index, ind in enumerate(a.get("indicators") or []):
        target = ind.get("target") or {}
        indicator = Indicator.objects.create(
            activity=activity, sort_order=i_index, number=ind.get("number") or "", text=ind["text"],
            verbatim=ind.get("verbatim", ""), corrections=ind.get("corrections") or [],
            kind=target.get("kind") or Indicator.Kind.DONE, comparison=target.get("comparison") or "",
            value=Decimal(str(target["value"])) if target.get("value") is not None else None,
            unit_label=target.get("unit") or "", period=target.get("period") or "",
            due_month=target.get("due_month"),
            due_date=datetime.date.fromisoformat(target["due_date"]) if target.get("due_date") else None,
            scope=target.get("scope") or Indicator.Scope.DEPARTMENT, variants=target.get("variants") or [],
            note=ind.get("note") or "", source=indicator_source(ind),
            basis=target.get("basis") or "", steps=target.get("steps"), year=target.get("year"),
        )
        _narrow(find_unit, indicator, target.get("units"), missing)
    return activity


def _narrow(find_unit, indicator: Indicator, units, missing: set[str]) -> None:
    """The plan file's `units:` of a target: central, regional or unit labels (see plans/data/README.md)."""
    if not units:
        return
    if units in ("central", "regional"):
        indicator.unit_group = units
        indicator.save(update_fields=["unit_group"])
        return
    found = []
    for label in units:
        unit = find_unit(label)
        if unit is None:
            missing.add(label)
        else:
            found.append(unit)
    indicator.unit_group = Indicator.UnitGroup.LISTED
    indicator.save(update_fields=["unit_group"])
    indicator.units.set(found)


def validate_indicator_values(values: dict) -> dict:
    """Shape and consistency of a structured target; returns cleaned values or raises with a Thai message."""
    kind = values.get("kind")
    if kind not in Indicator.Kind.values:
        raise ApplicationError("กรุณาเลือกชนิดเป้าหมาย", field="kind")
    if values.get("comparison") and values["comparison"] not in Indicator.Comparison.values:
        raise ApplicationError("เงื่อนไขไม่ถูกต้อง", field="comparison")
    # The plan sometimes names a measure without a number ("ร้อยละการเบิกจ่ายเป็นไปตามเป้าหมาย"): a value is
    # optional.
    value = values.get("value")
    if values.get("comparison") and value is None:
        raise ApplicationError("ระบุเงื่อนไขแล้วต้องระบุค่าเป้าหมายด้วย", field="value")
    if kind == Indicator.Kind.PERCENT and value is not None and not (0 <= Decimal(value) <= 100):
        raise ApplicationError("ค่าร้อยละต้องอยู่ระหว่าง 0 ถึง 100", field="value")
    if value is not None and Decimal(value) < 0:
        raise ApplicationError("ค่าเป้าหมายต้องไม่ติดลบ", field="value")
    month = values.get("due_month")
    if month is not None and not 1 <= int(month) <= 12:
        raise ApplicationError("เดือนต้องอยู่ระหว่าง 1 ถึง 12", field="due_month")
    if values.get("period") and values["period"] not in Indicator.Period.values:
        raise ApplicationError("รอบเวลาไม่ถูกต้อง", field="period")
    if values.get("scope") and values["scope"] not in Indicator.Scope.values:
        raise ApplicationError("ขอบเขตไม่ถูกต้อง", field="scope")
    return values


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, **values) -> Indicator:
    indicator = Indicator.objects.select_for_update().select_related("activity__measure__policy__plan").get(
        pk=indicator.pk)
    plan = indicator.activity.measure.policy.plan
    require(actor, "plan.edit", plan)
    _ensure_draft(plan)
    unknown = set(values) - set(INDICATOR_FIELDS)
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    merged = {**{f: getattr(indicator, f) for f in INDICATOR_FIELDS}, **values}
    validate_indicator_values(merged)
    old = snapshot(indicator, INDICATOR_FIELDS)
    for name, value in values.items():
        setattr(indicator, name, value)
    indicator.full_clean(exclude=["activity"])
    indicator.save()
    plan_touch(plan)
    audit_record(actor=actor, action="indicator.update", obj=indicator, old=old,
                 new=snapshot(indicator, INDICATOR_FIELDS), unit=plan.agency)
    return indicator


@transaction.atomic
def indicator_create(*, actor, activity: Activity, **values) -> Indicator:
    plan = activity.measure.policy.plan
    require(actor, "plan.edit", plan)
    _ensure_draft(plan)
    validate_indicator_values(values)
    order = activity.indicators.count()
    indicator = Indicator(activity=activity, sort_order=order, **values)
    indicator.full_clean(exclude=["activity"])
    indicator.save()
    plan_touch(plan)
    audit_record(actor=actor, action="indicator.create", obj=indicator,
                 new=snapshot(indicator, INDICATOR_FIELDS), unit=plan.agency)
    return indicator


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator) -> None:
    plan = indicator.activity.measure.policy.plan
    require(actor, "plan.edit", plan)
    _ensure_draft(plan)
    audit_record(actor=actor, action="indicator.delete", obj=indicator,
                 old=snapshot(indicator, INDICATOR_FIELDS), unit=plan.agency)
    indicator.delete()
    plan_touch(plan)


@transaction.atomic
def activity_update(*, actor, activity: Activity, **values) -> Activity:
    activity = (Activity.objects.select_for_update().select_related("measure__policy__plan")
                .get(pk=activity.pk))
    plan = activity.measure.policy.plan
    require(actor, "plan.edit", plan)
    _ensure_draft(plan)
    unknown = set(values) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    if not (values.get("title", activity.title) or "").strip():
        raise ApplicationError("กรุณากรอกชื่อกิจกรรม", field="title")
    old = snapshot(activity, ACTIVITY_FIELDS)
    hosts = values.pop("host_units", None)
    named = values.pop("implementing_units", None)
    rule = values.get("implementing_rule", activity.implementing_rule)
    if rule == Activity.ImplementingRule.UNITS and named is not None and not list(named):
        raise ApplicationError("กรุณาเลือกหน่วยงานปฏิบัติอย่างน้อย ๑ หน่วยงาน", field="implementing_units")
    for name, value in values.items():
        setattr(activity, name, value)
    activity.save()
    if hosts is not None:
        activity.host_units.set(hosts)
    if named is not None:
        activity.implementing_units.set(named)
    plan_touch(plan)
    audit_record(actor=actor, action="activity.update", obj=activity, old=old,
                 new=snapshot(activity, ACTIVITY_FIELDS), unit=plan.agency)
    return activity


@transaction.atomic
def plan_approve(*, actor, plan: Plan, approved_on: datetime.date, approval_memo: str,
                 note: str = "") -> Plan:
    """Approve a draft. `actor` None records an approval given outside the system (the memo says by whom)."""
    require(actor, "plan.approve", plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_approved:
        raise ApplicationError("แผนนี้อนุมัติแล้ว")
    if not approval_memo.strip():
        raise ApplicationError("กรุณาระบุเลขที่หนังสืออนุมัติ", field="approval_memo")
    old = snapshot(plan, PLAN_FIELDS)
    plan.status = Plan.Status.APPROVED
    plan.approved_by = actor if getattr(actor, "is_authenticated", False) else None
    plan.approved_on = approved_on
    plan.approval_memo = approval_memo.strip()
    plan.save()
    audit_record(actor=actor, action="plan.approve", obj=plan, old=old, new=snapshot(plan, PLAN_FIELDS),
                 unit=plan.agency, note=note)
    return plan


@transaction.atomic
def plan_reopen(*, actor, plan: Plan, reason: str) -> Plan:
    require(actor, "plan.edit", plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_approved:
        raise ApplicationError("แผนนี้ยังเป็นฉบับร่าง")
    if not reason.strip():
        raise ApplicationError("กรุณาระบุเหตุผลที่เปิดแก้ไขแผน", field="reason")
    old = snapshot(plan, PLAN_FIELDS)
    plan.status = Plan.Status.DRAFT
    plan.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="plan.reopen", obj=plan, old=old, new=snapshot(plan, PLAN_FIELDS),
                 unit=plan.agency, note=reason.strip())
    return plan
