"""Whether an indicator's target is achieved: met / not met / not yet due / no data, with the reason in words.

A unit's result is compared with the structured target in force for the fiscal year
(`Indicator.target_for_year`). Targets "per month / quarter / half" expect as many times the value as periods
have ended by the report date; a whole-year target short of its value in a progress round is "not yet due",
while in the annual round it is "not met". Department-wide targets use the host unit's summary when it gives
a result, otherwise they add up (counts) or average (percentages, levels) what the units reported.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from core.thai import fiscal_year_bounds, format_be
from plans.models import Indicator
from plans.selectors import due_date_in_year

MET, NOT_MET, NOT_YET_DUE, NO_DATA = "met", "not_met", "not_yet_due", "no_data"
LABELS = {MET: "บรรลุ", NOT_MET: "ไม่บรรลุ", NOT_YET_DUE: "ยังไม่ถึงกำหนด", NO_DATA: "ไม่มีข้อมูล"}
ORDER = (MET, NOT_MET, NOT_YET_DUE, NO_DATA)
COMPARISON_WORDS = {">=": "ไม่น้อยกว่า", "<=": "ไม่เกิน", "==": "เท่ากับ"}
K = Indicator.Kind
P = Indicator.Period


@dataclass(frozen=True)
class Context:
    fiscal_year: int
    as_of: datetime.date
    final: bool  # the annual round: shortfalls are final, not "not yet due"


@dataclass
class Achievement:
    status: str
    explanation: str
    measured: Decimal | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return LABELS[self.status]


def num(value) -> str:
    if value is None:
        return "-"
    value = Decimal(str(value))
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value != value.to_integral() else f"{int(value):,}"
    return text


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
    if target.get("scope") == Indicator.Scope.PER_UNIT:
        parts.append("(หน่วยงานละ)")
    if not parts:
        parts.append("ดำเนินการแล้วเสร็จ" if indicator.kind in (K.DONE, K.DEADLINE) else "ตามตัวชี้วัด")
    return " ".join(parts)


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


def _compare(measured: Decimal, comparison: str, value: Decimal) -> bool:
    if comparison == "<=":
        return measured <= value
    if comparison == "==":
        return measured == value
    return measured >= value


def _numeric(
    indicator: Indicator, target: dict, measured: Decimal | None, ctx: Context, what: str
) -> Achievement:
    if measured is None:
        return Achievement(NO_DATA, f"ยังไม่มีการรายงาน{what}")
    value = target.get("value")
    if value is None:
        return Achievement(
            MET if measured > 0 else NOT_MET, f"{what} {num(measured)} (ไม่ได้กำหนดค่าเป้าหมาย)", measured
        )
    comparison = target.get("comparison") or ">="
    expected = Decimal(str(value))
    basis = ""
    if indicator.period in PERIOD_WORDS:
        elapsed = periods_elapsed(indicator.period, ctx.fiscal_year, ctx.as_of)
        expected = expected * elapsed
        basis = (
            f" (เป้าหมาย {num(value)} ต่อ{PERIOD_WORDS[indicator.period]} × {elapsed} "
            f"{PERIOD_WORDS[indicator.period]}ที่ผ่านไป ณ {format_be(ctx.as_of)})"
        )
        if elapsed == 0:
            return Achievement(NOT_YET_DUE, f"ยังไม่ครบรอบ{PERIOD_WORDS[indicator.period]}แรก", measured)
    unit = "ร้อยละ " if indicator.kind == K.PERCENT else ""
    sentence = (
        f"{what} {unit}{num(measured)} เทียบกับเป้าหมาย{COMPARISON_WORDS.get(comparison, '')} "
        f"{unit}{num(expected)}{basis}"
    )
    if _compare(measured, comparison, expected):
        return Achievement(MET, f"{sentence} จึงบรรลุ", measured)
    if comparison == ">=" and not ctx.final and indicator.period not in PERIOD_WORDS:
        return Achievement(NOT_YET_DUE, f"{sentence} ยังไม่ถึงเป้าหมาย แต่ยังไม่สิ้นปีงบประมาณ", measured)
    return Achievement(NOT_MET, f"{sentence} จึงไม่บรรลุ", measured)


def _deadline(indicator: Indicator, target: dict, result, ctx: Context) -> Achievement:
    due = due_date_in_year(indicator, ctx.fiscal_year)
    due_text = f"กำหนด {format_be(due)}" if due else "ไม่มีวันกำหนด"
    before_due = due is not None and ctx.as_of <= due
    done = getattr(result, "done", None)
    if not done:
        if before_due or (due is None and not ctx.final):
            return Achievement(NOT_YET_DUE, f"ยังไม่ได้ดำเนินการ ({due_text} ยังไม่ถึง)")
        if done is None:
            return Achievement(NO_DATA, f"ไม่มีการรายงานว่าดำเนินการแล้วหรือยัง ({due_text})")
        return Achievement(NOT_MET, f"ยังไม่ได้ดำเนินการ และเลย{due_text}แล้ว")
    when = getattr(result, "event_date", None)
    if due is not None and when is None:
        return Achievement(NO_DATA, f"รายงานว่าดำเนินการแล้วแต่ไม่ได้ระบุวันที่ จึงตรวจกับ{due_text}ไม่ได้")
    value = target.get("value")
    count = getattr(result, "count", None)
    if value is not None and count is not None and Decimal(count) < Decimal(str(value)):
        status = NOT_YET_DUE if before_due else NOT_MET
        return Achievement(
            status, f"ดำเนินการ {num(count)} ครั้ง จากเป้าหมาย {num(value)} ครั้ง ({due_text})", Decimal(count)
        )
    if due is None:
        return Achievement(MET, f"ดำเนินการแล้วเมื่อ {format_be(when)}" if when else "ดำเนินการแล้ว")
    if when <= due:
        return Achievement(MET, f"ดำเนินการเมื่อ {format_be(when)} ทัน{due_text}")
    return Achievement(NOT_MET, f"ดำเนินการเมื่อ {format_be(when)} หลัง{due_text}")


def evaluate(indicator: Indicator, result, ctx: Context, *, who: str = "") -> Achievement:
    """One result (a unit's, or the host unit's summary) against the indicator's target for the year."""
    target = indicator.target_for_year(ctx.fiscal_year)
    kind = target.get("kind") or indicator.kind
    empty = result is None or result.is_empty
    if kind == K.DEADLINE:
        return _deadline(indicator, target, None if empty else result, ctx)
    if kind == K.DONE:
        done = None if empty else result.done
        if done:
            when = f" เมื่อ {format_be(result.event_date)}" if result.event_date else ""
            return Achievement(MET, f"{who}ดำเนินการแล้ว{when}")
        if not ctx.final:
            return Achievement(NOT_YET_DUE, f"{who}ยังไม่ได้ดำเนินการ (ยังไม่สิ้นปีงบประมาณ)")
        return Achievement(
            NO_DATA if done is None else NOT_MET,
            f"{who}ไม่มีข้อมูลการดำเนินการ" if done is None else f"{who}ไม่ได้ดำเนินการ",
        )
    if kind in (K.COUNT, K.FREQUENCY):
        measured = None if empty else (result.count if result.count is not None else result.value)
        return _numeric(indicator, target, None if measured is None else Decimal(measured), ctx, f"{who}ทำได้")
    measured = None if empty or result.value is None else Decimal(result.value)
    return _numeric(indicator, target, measured, ctx, f"{who}ทำได้")


class _Sum:
    """A stand-in result carrying an aggregate, so department targets reuse the per-result rules."""

    def __init__(self, **values):
        self.value = values.get("value")
        self.count = values.get("count")
        self.done = values.get("done")
        self.event_date = values.get("event_date")
        self.note = ""

    @property
    def is_empty(self) -> bool:
        return self.value is None and self.count is None and self.done is None


def _aggregate(indicator: Indicator, results: list, n_units: int) -> tuple[_Sum, str]:
    kind = indicator.kind
    reported = [r for r in results if r is not None and not r.is_empty]
    if not reported:
        return _Sum(), ""
    if kind in (K.COUNT, K.FREQUENCY):
        counts = [r.count if r.count is not None else r.value for r in reported]
        counts = [Decimal(c) for c in counts if c is not None]
        if counts:
            return _Sum(count=sum(counts)), f"รวมจาก {len(counts)} หน่วยงาน: "
    if kind in (K.PERCENT, K.LEVEL):
        values = [Decimal(r.value) for r in reported if r.value is not None]
        if values:
            mean = sum(values) / len(values)
            return _Sum(value=mean.quantize(Decimal("0.01"))), f"เฉลี่ยจาก {len(values)} หน่วยงาน: "
        done = [r for r in reported if r.done is not None]
        if done and kind == K.PERCENT:
            share = Decimal(sum(1 for r in done if r.done)) * 100 / max(n_units, 1)
            return (
                _Sum(value=share.quantize(Decimal("0.01"))),
                f"หน่วยงานที่ดำเนินการแล้ว {sum(1 for r in done if r.done)} จาก {n_units} หน่วยงาน: ",
            )
    if kind in (K.DONE, K.DEADLINE):
        done = [r for r in reported if r.done]
        all_done = len(done) >= n_units > 0
        dates = [r.event_date for r in done if r.event_date]
        prefix = f"หน่วยงานดำเนินการแล้ว {len(done)} จาก {n_units} หน่วยงาน: "
        if all_done:
            return _Sum(done=True, event_date=max(dates) if len(dates) == len(done) else None), prefix
        return _Sum(done=False), prefix
    return _Sum(), ""


def summarise(statuses: Iterable[str]) -> dict[str, int]:
    counts = Counter(statuses)
    return {s: counts.get(s, 0) for s in ORDER}


def evaluate_indicator(indicator: Indicator, unit_results: list, summary_result, ctx: Context) -> Achievement:
    """The indicator over all implementing units of an activity (one entry of `unit_results` per unit,
    None where the unit reported nothing) plus the host unit's summary result."""
    n_units = len(unit_results)
    target = indicator.target_for_year(ctx.fiscal_year)
    if target.get("scope") == Indicator.Scope.PER_UNIT:
        per_unit = [evaluate(indicator, r, ctx).status for r in unit_results]
        counts = summarise(per_unit)
        words = " · ".join(f"{LABELS[s]} {counts[s]}" for s in ORDER if counts[s])
        sentence = f"หน่วยงานละตามเป้าหมาย: {words} (จาก {n_units} หน่วยงาน)" if n_units else "ไม่มีหน่วยงานปฏิบัติ"
        if not n_units or counts[NO_DATA] == n_units:
            status = NO_DATA
        elif counts[MET] == n_units:
            status = MET
        elif counts[NOT_MET] or (ctx.final and counts[NO_DATA]):
            status = NOT_MET
        else:
            status = NOT_YET_DUE
        return Achievement(status, sentence, counts=counts)
    if summary_result is not None and not summary_result.is_empty:
        return evaluate(indicator, summary_result, ctx, who="ตามรายงานสรุปของหน่วยงานเจ้าภาพ ")
    aggregate, prefix = _aggregate(indicator, unit_results, n_units)
    if aggregate.is_empty:
        return Achievement(NO_DATA, "ยังไม่มีหน่วยงานรายงานผลตามตัวชี้วัดนี้")
    outcome = evaluate(indicator, aggregate, ctx, who=prefix)
    missing = sum(1 for r in unit_results if r is None or r.is_empty)
    if missing and outcome.status == MET and indicator.kind in (K.PERCENT, K.LEVEL):
        # An average of the units that reported says nothing about the others: it cannot be "met" yet.
        outcome.status = NOT_MET if ctx.final else NOT_YET_DUE
        outcome.explanation += f" แต่ยังไม่ได้รับรายงานจากอีก {missing} หน่วยงาน"
    return outcome
