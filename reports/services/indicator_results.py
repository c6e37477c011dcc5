"""The indicator results of a report as the reporter typed them, and the one rule that guards a computed
indicator: its value comes from the system's records, and a typed value takes its place only with a written
reason (kept with the computed value it replaced, and audited old → new)."""

from __future__ import annotations

from decimal import Decimal

from audit.services import audit_record
from core.errors import ApplicationError
from plans.models import Indicator
from reports.models import IndicatorResult, Report

RESULT_FIELDS = ("value", "count", "event_date", "done", "note")
OVERRIDE_FIELDS = ("override_reason", "computed_value")

OVERRIDE_REASON_MISSING = (
    "ค่านี้คำนวณจากระบบ หากจะใช้ค่าที่กรอกแทน กรุณาระบุเหตุผลที่แก้ไขค่า "
    "(หรือลบค่าที่กรอกออก เพื่อใช้ค่าที่คำนวณจากระบบ)"
)
OVERRIDE_VALUE_MISSING = (
    "ระบุเหตุผลแล้วแต่ยังไม่ได้กรอกค่าที่จะใช้แทนค่าที่คำนวณจากระบบ "
    "(หรือลบเหตุผลออก เพื่อใช้ค่าที่คำนวณจากระบบ)"
)


def _check_override(report: Report, ind: Indicator, result: IndicatorResult, reason: str, owns) -> None:
    """A computed indicator takes a typed value only with a written reason, and only in the report that
    owns the department's value (`indicator_values.owns_computed`)."""
    from reports.indicator_values import VALUE_FIELDS

    typed = any(getattr(result, f) is not None for f in VALUE_FIELDS)
    if typed and not reason:
        raise ApplicationError(OVERRIDE_REASON_MISSING, field=f"ind-{ind.pk}-override_reason")
    if reason and not typed:
        first = next(f for f in VALUE_FIELDS_BY_KIND.get(ind.kind, VALUE_FIELDS))
        raise ApplicationError(OVERRIDE_VALUE_MISSING, field=f"ind-{ind.pk}-{first}")
    if typed and not owns():
        raise ApplicationError(
            "ค่าของตัวชี้วัดนี้คำนวณจากระบบสำหรับทั้งส่วนราชการ แก้ไขค่าได้ในรายงานสรุปของหน่วยงานเจ้าภาพ",
            field=f"ind-{ind.pk}-note",
        )


# The value fields the form shows first for each kind (forms.IndicatorResultForm.FIELDS_BY_KIND, less note).
VALUE_FIELDS_BY_KIND = {
    Indicator.Kind.PERCENT: ("value",),
    Indicator.Kind.LEVEL: ("value",),
    Indicator.Kind.COUNT: ("count", "event_date"),
    Indicator.Kind.FREQUENCY: ("count",),
    Indicator.Kind.DEADLINE: ("done", "event_date", "count"),
    Indicator.Kind.DONE: ("done", "event_date"),
}


def _result_words(result: IndicatorResult | None) -> str:
    from reports.indicator_values import result_text

    return result_text(result) if result is not None else "(ว่าง)"


def _record_override(actor, report: Report, ind: Indicator, result, before: tuple, after: tuple) -> None:
    """Keep the computed value the reporter replaced, and audit the change: what stood before (the computed
    value, or an earlier override) → the typed value with its reason, or back to the computed value."""
    from reports.indicator_values import compute_for, value_text

    reason = after[1]
    if not reason:
        result.computed_value = ""
        if before[1]:
            audit_record(
                actor=actor, action="report.indicator_override", obj=report, unit=report.unit,
                old={"indicator": ind.key, "value": before[0], "reason": before[1]},
                new={"indicator": ind.key, "value": "ใช้ค่าที่คำนวณจากระบบ", "reason": ""},
            )
        return
    if after == before and result.computed_value:
        return
    computed = value_text(ind, compute_for(ind, report.round).value)
    result.computed_value = computed[:255]
    audit_record(
        actor=actor,
        action="report.indicator_override",
        obj=report,
        unit=report.unit,
        old={"indicator": ind.key, "value": before[0] if before[1] else computed, "reason": before[1]},
        new={"indicator": ind.key, "value": after[0], "reason": reason, "computed": computed},
        note=" ".join(filter(None, ["ตัวชี้วัด", ind.number, ind.text[:60]])),
    )


def _iso(day) -> str:
    return day.isoformat() if hasattr(day, "isoformat") else str(day)


def _set_fields(result: IndicatorResult, values: dict) -> None:
    for f in RESULT_FIELDS:
        setattr(result, f, values.get(f) if f != "note" else (values.get("note") or "").strip())
    if "event_dates" in values:
        # Only where the form asks for them (reports.forms.wants_event_dates); elsewhere the dates saved
        # stay as they are. Kept as ISO text, sorted, one per event.
        result.event_dates = sorted(_iso(d) for d in values.get("event_dates") or [])


def write_results(actor, report: Report, results: dict[int, dict]) -> None:
    from reports.indicator_values import is_computed, owns_computed

    indicators = {i.pk: i for i in Indicator.objects.filter(activity_id=report.activity_id)}
    current = {r.indicator_id: r for r in report.indicator_results.all()}
    owned: list[bool] = []

    def owns() -> bool:
        if not owned:
            owned.append(owns_computed(report))
        return owned[0]

    for indicator_id, values in results.items():
        ind = indicators.get(int(indicator_id))
        if ind is None:
            raise ApplicationError("ตัวชี้วัดที่ส่งมาไม่ใช่ของกิจกรรมนี้")
        result = current.get(int(indicator_id)) or IndicatorResult(
            report=report, indicator_id=int(indicator_id)
        )
        before = (_result_words(result) if result.pk else "", result.override_reason)
        _set_fields(result, values)
        if result.value is not None and Decimal(result.value) < 0:
            raise ApplicationError("ค่าที่ทำได้ต้องไม่ติดลบ", field=f"ind-{indicator_id}-value")
        reason = (values.get("override_reason") or "").strip()
        if is_computed(ind):
            _check_override(report, ind, result, reason, owns)
            _record_override(actor, report, ind, result, before, (_result_words(result), reason))
        result.override_reason = reason if is_computed(ind) else ""
        if result.is_empty and not result.override_reason:
            if result.pk:
                result.delete()
            continue
        result.save()
