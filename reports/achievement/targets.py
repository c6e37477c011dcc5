"""The target in words, and the months, quarters or halves of the fiscal year a periodic target is
counted over."""

from __future__ import annotations

import datetime

from core.thai import THAI_MONTHS, fiscal_year_bounds, format_be
from plans.models import Indicator
from plans.selectors import due_date_in_year
from reports.achievement.verdict import num

COMPARISON_WORDS = {">=": "ไม่น้อยกว่า", "<=": "ไม่เกิน", "==": "เท่ากับ"}
K = Indicator.Kind
P = Indicator.Period


def target_text(indicator: Indicator, fiscal_year: int) -> str:
    target = indicator.target_for_year(fiscal_year)
    parts = []
    if target.get("value") is not None:
        words = COMPARISON_WORDS.get(target.get("comparison") or ">=", "")
        unit = "ร้อยละ " if indicator.kind == K.PERCENT else ""
        label = f" {indicator.unit_label}" if indicator.unit_label and indicator.kind != K.PERCENT else ""
        parts.append(f"{words} {unit}{num(target['value'])}{label}".strip())
    if indicator.period and indicator.period not in (P.FISCAL_YEAR, P.PLAN):
        parts.append(indicator.get_period_display())
    due = due_date_in_year(indicator, fiscal_year)
    if due:
        parts.append(f"ภายใน {format_be(due)}")
    if target.get("scope") == Indicator.Scope.PER_UNIT and indicator.basis != Indicator.Basis.UNITS:
        parts.append("(หน่วยงานละ)")
    if indicator.basis == Indicator.Basis.UNITS:
        parts.append("(ร้อยละของหน่วยงานที่ผ่านเกณฑ์)")
    if indicator.unit_group:
        parts.append(f"({units_text(indicator)})")
    if indicator.year:
        parts.append(f"(เฉพาะปีงบประมาณ พ.ศ. {indicator.year})")
    if target.get("value") is None and indicator.kind in (K.PERCENT, K.COUNT, K.FREQUENCY, K.LEVEL):
        steps = f"ระดับตามขั้นที่ 1–{indicator.steps} " if indicator.steps else ""
        parts.insert(0, f"{steps}ไม่ได้กำหนดค่าเป้าหมาย")
    if not parts:
        parts.append("ดำเนินการแล้วเสร็จ" if indicator.kind in (K.DONE, K.DEADLINE) else "ตามตัวชี้วัด")
    return " ".join(parts)


def units_text(indicator: Indicator) -> str:
    group = indicator.unit_group
    if group == Indicator.UnitGroup.CENTRAL:
        return "เฉพาะหน่วยงานส่วนกลาง"
    if group == Indicator.UnitGroup.REGIONAL:
        return "เฉพาะหน่วยงานส่วนภูมิภาค"
    if group == Indicator.UnitGroup.LISTED:
        return "เฉพาะหน่วยงานที่ระบุในตัวชี้วัด"
    return "ทุกหน่วยงานปฏิบัติของกิจกรรม"


def periods_elapsed(period: str, fiscal_year: int, as_of: datetime.date) -> int:
    """Whole months, quarters or halves of the fiscal year that have ended on `as_of`."""
    start, end = fiscal_year_bounds(fiscal_year)
    as_of = min(as_of, end)
    months = (as_of.year - start.year) * 12 + as_of.month - start.month
    if (as_of + datetime.timedelta(days=1)).month != as_of.month:
        months += 1  # the last day of a month completes it
    months = max(0, min(12, months))
    return {P.MONTH: months, P.QUARTER: months // 3, P.HALF: months // 6}.get(period, 0)


PERIOD_WORDS = {P.MONTH: "เดือน", P.QUARTER: "ไตรมาส", P.HALF: "ครึ่งปี"}
PERIOD_MONTHS = {P.MONTH: 1, P.QUARTER: 3, P.HALF: 6}


def _period_index(period: str, fiscal_year: int, day: datetime.date) -> int:
    start, _ = fiscal_year_bounds(fiscal_year)
    return ((day.year - start.year) * 12 + day.month - start.month) // PERIOD_MONTHS[period]


def _period_name(period: str, fiscal_year: int, index: int) -> str:
    start, _ = fiscal_year_bounds(fiscal_year)
    if period == P.MONTH:
        month = (start.month - 1 + index) % 12 + 1
        year = start.year + (start.month - 1 + index) // 12
        return f"{THAI_MONTHS[month - 1]} {year + 543}"
    return f"{PERIOD_WORDS[period]}ที่ {index + 1}"
