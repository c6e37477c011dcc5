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

from core.thai import THAI_MONTHS, fiscal_year_bounds, format_be
from plans.models import Indicator
from plans.selectors import due_date_in_year

MET, NOT_MET, NOT_YET_DUE, NO_DATA = "met", "not_met", "not_yet_due", "no_data"
# A target without a number cannot be met or missed; a plan that names no unit cannot be judged (the plan
# administrator must fix it); an indicator bound to another year, or a department figure in one unit's
# report, is shown without a verdict.
NO_TARGET, PLAN_ERROR, NOT_JUDGED = "no_target", "plan_error", "not_judged"
LABELS = {MET: "บรรลุ", NOT_MET: "ไม่บรรลุ", NOT_YET_DUE: "ยังไม่ถึงกำหนด", NO_DATA: "ไม่มีข้อมูล",
          NO_TARGET: "ไม่ได้กำหนดค่าเป้าหมาย", PLAN_ERROR: "แผนยังไม่ระบุหน่วยงาน", NOT_JUDGED: "ไม่ประเมิน"}
ORDER = (MET, NOT_MET, NOT_YET_DUE, NO_DATA, NO_TARGET, PLAN_ERROR, NOT_JUDGED)
# Statuses left out of the share of indicators met: nothing to meet.
UNJUDGED = (NO_TARGET, NOT_JUDGED)
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


def _compare(measured: Decimal, comparison: str, value: Decimal) -> bool:
    if comparison == "<=":
        return measured <= value
    if comparison == "==":
        return measured == value
    return measured >= value


def _dates(result) -> list[datetime.date] | None:
    """The date of each event, where the result lists them (`event_dates`); None when it does not."""
    raw = getattr(result, "event_dates", None)
    if not raw:
        return None
    return sorted(d if isinstance(d, datetime.date) else datetime.date.fromisoformat(str(d)) for d in raw)


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


def _no_target(measured: Decimal | None, what: str, unit: str = "") -> Achievement:
    shown = f"{what} {unit}{num(measured)} " if measured is not None else "ยังไม่มีการรายงานผล "
    return Achievement(NO_TARGET, f"{shown}(ไม่ได้กำหนดค่าเป้าหมาย จึงไม่นับว่าบรรลุหรือไม่บรรลุ)", measured)


def _on_time(indicator: Indicator, kind: str, measured: Decimal, result, ctx: Context, what: str):
    """Counts bound to a deadline ("ภายในเดือนมีนาคมของทุกปี"): only events dated on or before it count.
    A result listing each event's date counts those dates; a result with one date (the last event counted)
    counts all its events if that date is in time, none if it is late, and cannot be checked without one.
    Returns (measured, note, due) or an Achievement when the result cannot be checked."""
    due = due_date_in_year(indicator, ctx.fiscal_year) if kind in (K.COUNT, K.FREQUENCY) else None
    if due is None or result is None:
        return measured, "", due
    dates = _dates(result)
    if dates is not None:
        late = [d for d in dates if d > due]
        note = f" (ไม่นับ {len(late)} ครั้งที่ทำหลังกำหนด: {', '.join(format_be(d) for d in late)})" if late else ""
        return Decimal(len(dates) - len(late)), note, due
    when = getattr(result, "event_date", None)
    if measured > 0 and when is None:
        return Achievement(
            NO_DATA,
            f"{what} {num(measured)} ครั้ง แต่ไม่ได้ระบุวันที่ดำเนินการ จึงตรวจกับกำหนด {format_be(due)} ไม่ได้",
            measured,
        )
    if when is not None and when > due:
        return Decimal(0), f" (ดำเนินการเมื่อ {format_be(when)} หลังกำหนด {format_be(due)} จึงไม่นับ)", due
    return measured, "", due


def _per_period(indicator: Indicator, expected: Decimal, measured: Decimal, result, ctx: Context, what: str):
    """"ทุกเดือน"/"ทุกไตรมาส": one per period ended at the as-of date. With each event's date the periods
    without one are named; with a count only, the count is set against the periods that have ended.
    Returns an Achievement, or the expected total and the words that explain it."""
    word = PERIOD_WORDS[indicator.period]
    elapsed = periods_elapsed(indicator.period, ctx.fiscal_year, ctx.as_of)
    if elapsed == 0:
        return Achievement(NOT_YET_DUE, f"ยังไม่ครบรอบ{word}แรก", measured)
    dates = _dates(result) if result is not None else None
    span = f"{elapsed} {word}ที่ผ่านไป ณ {format_be(ctx.as_of)}"
    if dates is not None:
        per = Counter(_period_index(indicator.period, ctx.fiscal_year, d) for d in dates)
        missing = [i for i in range(elapsed) if per.get(i, 0) < expected]
        if not missing:
            return Achievement(MET, f"{what}ครบทุก{word} ({span}) จึงบรรลุ", measured)
        names = ", ".join(_period_name(indicator.period, ctx.fiscal_year, i) for i in missing)
        return Achievement(NOT_MET, f"{what}ไม่ครบทุก{word} ({span}) {word}ที่ขาด: {names} จึงไม่บรรลุ", measured)
    return expected * elapsed, f" (เป้าหมาย {num(expected)} ต่อ{word} × {span})"


def _numeric(
    indicator: Indicator, target: dict, measured: Decimal | None, ctx: Context, what: str, result=None
) -> Achievement:
    kind = target.get("kind") or indicator.kind
    unit = "ร้อยละ " if kind == K.PERCENT else ""
    value = target.get("value")
    if value is None:
        return _no_target(measured, what, unit)
    if measured is None:
        return Achievement(NO_DATA, f"ยังไม่มีการรายงาน{what}")
    checked = _on_time(indicator, kind, measured, result, ctx, what)
    if isinstance(checked, Achievement):
        return checked
    measured, late_note, due = checked
    comparison = target.get("comparison") or ">="
    expected = Decimal(str(value))
    basis = ""
    if indicator.period in PERIOD_WORDS:
        periodic = _per_period(indicator, expected, measured, result, ctx, what)
        if isinstance(periodic, Achievement):
            return periodic
        expected, basis = periodic
    sentence = (
        f"{what} {unit}{num(measured)} เทียบกับเป้าหมาย{COMPARISON_WORDS.get(comparison, '')} "
        f"{unit}{num(expected)}{basis}{late_note}"
    )
    if _compare(measured, comparison, expected):
        return Achievement(MET, f"{sentence} จึงบรรลุ", measured)
    return _shortfall(indicator, sentence, comparison, measured, due, ctx)


def _shortfall(indicator: Indicator, sentence: str, comparison: str, measured: Decimal, due, ctx: Context):
    if indicator.period in PERIOD_WORDS:
        return Achievement(
            NOT_MET,
            f"{sentence} จึงไม่บรรลุ (ไม่ได้บันทึกวันที่ของแต่ละครั้ง จึงระบุ{PERIOD_WORDS[indicator.period]}ที่ขาดไม่ได้)",
            measured,
        )
    if due is not None:
        if ctx.as_of <= due:
            return Achievement(NOT_YET_DUE, f"{sentence} ยังไม่ถึงกำหนด {format_be(due)}", measured)
        return Achievement(NOT_MET, f"{sentence} และเลยกำหนด {format_be(due)} แล้ว จึงไม่บรรลุ", measured)
    if comparison == ">=" and not ctx.final:
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


def other_year(indicator: Indicator, ctx: Context) -> Achievement:
    return Achievement(
        NOT_JUDGED,
        f"ตัวชี้วัดนี้กำหนดไว้สำหรับปีงบประมาณ พ.ศ. {indicator.year} จึงไม่ประเมินในปีงบประมาณ พ.ศ. {ctx.fiscal_year}",
    )


def evaluate(indicator: Indicator, result, ctx: Context, *, who: str = "") -> Achievement:
    """One result (a unit's, or the host unit's summary) against the indicator's target for the year."""
    if not indicator.applies_in(ctx.fiscal_year):
        return other_year(indicator, ctx)
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
        if measured is None and not empty and _dates(result) is not None:
            measured = len(_dates(result))
        return _numeric(
            indicator, target, None if measured is None else Decimal(measured), ctx, f"{who}ทำได้",
            None if empty else result,
        )
    measured = None if empty or result.value is None else Decimal(result.value)
    return _numeric(indicator, target, measured, ctx, f"{who}ทำได้", None if empty else result)


def evaluate_steps(indicator: Indicator, steps: list[Achievement], ctx: Context) -> Achievement:
    """A level of success whose steps are the indicators that follow it: the level reached is the number of
    steps met in order (step ๓ met after a missed step ๒ does not raise the level)."""
    if not indicator.applies_in(ctx.fiscal_year):
        return other_year(indicator, ctx)
    reached = 0
    for step in steps:
        if step.status != MET:
            break
        reached += 1
    words = f"ผ่านขั้นที่ {reached} จาก {len(steps)} ขั้น" if reached else f"ยังไม่ผ่านขั้นที่ 1 (จาก {len(steps)} ขั้น)"
    if reached < len(steps):
        words += f" ขั้นถัดไป: {LABELS[steps[reached].status]}"
    target = indicator.target_for_year(ctx.fiscal_year)
    if target.get("value") is None:
        return Achievement(NO_TARGET, f"{words} (ไม่ได้กำหนดระดับเป้าหมาย จึงไม่นับว่าบรรลุหรือไม่บรรลุ)",
                           Decimal(reached))
    outcome = _numeric(indicator, target, Decimal(reached), ctx, "ระดับที่ทำได้")
    outcome.explanation = f"{words}: {outcome.explanation}"
    return outcome


def unit_passes(result) -> bool | None:
    """Whether one unit passes, for "ร้อยละ … ของหน่วยงาน…": its yes/no, a count above zero, or a typed
    percentage of 100 (its own work complete). None: nothing reported."""
    if result is None or result.is_empty:
        return None
    if result.done is not None:
        return bool(result.done)
    if result.count is not None:
        return result.count > 0
    if result.value is not None:
        return Decimal(result.value) >= 100
    return None


def _share_of_units(indicator: Indicator, target: dict, unit_results: list, ctx: Context) -> Achievement:
    n_units = len(unit_results)
    passes = [unit_passes(r) for r in unit_results]
    if not n_units or all(p is None for p in passes):
        return Achievement(NO_DATA, "ยังไม่มีหน่วยงานรายงานผลตามตัวชี้วัดนี้")
    passed = sum(1 for p in passes if p)
    unknown = sum(1 for p in passes if p is None)
    share = (Decimal(passed) * 100 / n_units).quantize(Decimal("0.01"))
    outcome = _numeric(indicator, target, share, ctx, f"หน่วยงานที่ผ่านเกณฑ์ {passed} จาก {n_units} หน่วยงาน คิดเป็น")
    if unknown:
        outcome.explanation += f" (ยังไม่ได้รับรายงานจาก {unknown} หน่วยงาน นับเป็นยังไม่ผ่าน)"
    return outcome


def evaluate_part(indicator: Indicator, result, ctx: Context, *, covered: bool = True) -> Achievement:
    """One unit's own report: its part of the indicator. A department-wide frequency is the host unit's (or
    the records') figure, so a unit's count is shown as its part, not judged against the department target;
    for "ร้อยละ … ของหน่วยงาน" the unit passes or not; a unit outside the indicator's units is not judged."""
    if not indicator.applies_in(ctx.fiscal_year):
        return other_year(indicator, ctx)
    if not covered:
        return Achievement(NOT_JUDGED, f"ตัวชี้วัดนี้ประเมิน{units_text(indicator)} ไม่รวมหน่วยงานนี้")
    target = indicator.target_for_year(ctx.fiscal_year)
    kind = target.get("kind") or indicator.kind
    if indicator.basis == Indicator.Basis.UNITS:
        passes = unit_passes(result)
        if passes:
            return Achievement(MET, "หน่วยงานผ่านเกณฑ์แล้ว")
        if passes is None:
            return Achievement(NO_DATA, "ยังไม่ได้รายงานว่าหน่วยงานผ่านเกณฑ์หรือไม่")
        return Achievement(NOT_MET if ctx.final else NOT_YET_DUE, "หน่วยงานยังไม่ผ่านเกณฑ์")
    if kind == K.FREQUENCY and target.get("scope") != Indicator.Scope.PER_UNIT:
        count = None if result is None or result.is_empty else (result.count if result.count is not None
                                                                 else result.value)
        part = f"ส่วนของหน่วยงาน {num(count)} ครั้ง" if count is not None else "หน่วยงานยังไม่ได้รายงานส่วนของตน"
        return Achievement(
            NOT_JUDGED,
            f"{part} — เป้าหมายนี้เป็นของทั้งกรม ประเมินจากรายงานสรุปของหน่วยงานเจ้าภาพหรือข้อมูลในระบบ",
            None if count is None else Decimal(count),
        )
    return evaluate(indicator, result, ctx)


def units_text(indicator: Indicator) -> str:
    group = indicator.unit_group
    if group == Indicator.UnitGroup.CENTRAL:
        return "เฉพาะหน่วยงานส่วนกลาง"
    if group == Indicator.UnitGroup.REGIONAL:
        return "เฉพาะหน่วยงานส่วนภูมิภาค"
    if group == Indicator.UnitGroup.LISTED:
        return "เฉพาะหน่วยงานที่ระบุในตัวชี้วัด"
    return "ทุกหน่วยงานปฏิบัติของกิจกรรม"


class _Sum:
    """A stand-in result carrying an aggregate, so department targets reuse the per-result rules."""

    def __init__(self, **values):
        self.value = values.get("value")
        self.count = values.get("count")
        self.done = values.get("done")
        self.event_date = values.get("event_date")
        self.event_dates = values.get("event_dates")
        self.note = ""

    @property
    def is_empty(self) -> bool:
        return self.value is None and self.count is None and self.done is None


def _counts_sum(reported: list, *, distinct_dates: bool) -> _Sum | None:
    counts = [r.count if r.count is not None else r.value for r in reported]
    counts = [Decimal(c) for c in counts if c is not None]
    if not counts:
        return None
    all_dates = [_dates(r) for r in reported]
    if all(d is not None for d in all_dates):
        dates = [d for ds in all_dates for d in ds]
        dates = sorted(set(dates)) if distinct_dates else sorted(dates)
        return _Sum(count=len(dates), event_dates=dates)
    singles = [getattr(r, "event_date", None) for r in reported]
    last = max(singles) if singles and all(singles) else None
    return _Sum(count=sum(counts), event_date=last)


def _aggregate(indicator: Indicator, results: list, n_units: int) -> tuple[_Sum, str]:
    kind = indicator.kind
    reported = [r for r in results if r is not None and not r.is_empty]
    if not reported:
        return _Sum(), ""
    if kind == K.COUNT:
        total = _counts_sum(reported, distinct_dates=False)
        if total is not None:
            return total, f"รวมจาก {len(reported)} หน่วยงาน: "
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


def _combine(statuses: list[str]) -> str:
    if statuses and all(s == MET for s in statuses):
        return MET
    for status in (NOT_MET, NOT_YET_DUE, NO_DATA, NO_TARGET):
        if status in statuses:
            return status
    return NO_DATA


def _from_hosts(indicator: Indicator, sent: list, n_hosts: int, ctx: Context) -> Achievement:
    """The department figure from the host units' summaries. With one host it is that summary. Co-hosts each
    summarise their share: counts add up; a frequency counts distinct event dates (two hosts reporting the
    same department-wide event count it once) or, without dates, the highest count; other kinds are judged
    per host and met only when every host's share is."""
    if n_hosts <= 1 and len(sent) == 1:
        return evaluate(indicator, sent[0], ctx, who="ตามรายงานสรุปของหน่วยงานเจ้าภาพ ")
    kind = indicator.target_for_year(ctx.fiscal_year).get("kind") or indicator.kind
    pending = n_hosts - len(sent)
    if kind in (K.COUNT, K.FREQUENCY):
        if kind == K.COUNT:
            total = _counts_sum(sent, distinct_dates=False)
            who = f"รวมจากรายงานสรุปของหน่วยงานเจ้าภาพ {len(sent)} หน่วยงาน: "
        else:
            total = _counts_sum(sent, distinct_dates=True)
            if total is not None and total.event_dates is None:
                best = max(sent, key=lambda r: (r.count if r.count is not None else r.value) or 0)
                total = _Sum(count=best.count if best.count is not None else best.value,
                             event_date=getattr(best, "event_date", None))
                who = (f"จากรายงานสรุปของหน่วยงานเจ้าภาพ {len(sent)} หน่วยงาน (ถือจำนวนสูงสุด เพราะอาจเป็น"
                       "การดำเนินการระดับกรมครั้งเดียวกัน): ")
            else:
                who = f"จากรายงานสรุปของหน่วยงานเจ้าภาพ {len(sent)} หน่วยงาน (นับวันที่ไม่ซ้ำกัน): "
        outcome = evaluate(indicator, total or _Sum(), ctx, who=who)
        if pending and outcome.status != MET:
            outcome.explanation += f" (ยังไม่ได้รับรายงานสรุปจากเจ้าภาพอีก {pending} หน่วยงาน)"
        return outcome
    each = [evaluate(indicator, r, ctx) for r in sent]
    counts = summarise(a.status for a in each)
    words = " · ".join(f"{LABELS[s]} {counts[s]}" for s in ORDER if counts[s])
    status = _combine([a.status for a in each])
    text = f"รายงานสรุปของหน่วยงานเจ้าภาพ {len(sent)} จาก {n_hosts} หน่วยงาน: {words}"
    if pending and status == MET:
        status = NOT_MET if ctx.final else NOT_YET_DUE
        text += f" แต่ยังไม่ได้รับรายงานสรุปจากเจ้าภาพอีก {pending} หน่วยงาน"
    return Achievement(status, text, counts=counts)


def _aggregate_no_target(indicator: Indicator, unit_results: list) -> Achievement:
    aggregate, prefix = _aggregate(indicator, unit_results, len(unit_results))
    measured = aggregate.value if aggregate.value is not None else aggregate.count
    return _no_target(None if measured is None else Decimal(measured), f"{prefix}ทำได้")


def _per_unit(indicator: Indicator, unit_results: list, ctx: Context) -> Achievement:
    n_units = len(unit_results)
    counts = summarise(evaluate(indicator, r, ctx).status for r in unit_results)
    words = " · ".join(f"{LABELS[s]} {counts[s]}" for s in ORDER if counts[s])
    sentence = f"หน่วยงานละตามเป้าหมาย: {words} (จาก {n_units} หน่วยงาน)" if n_units else "ไม่มีหน่วยงานปฏิบัติ"
    if n_units and counts[NO_TARGET] == n_units:
        status = NO_TARGET
    elif not n_units or counts[NO_DATA] == n_units:
        status = NO_DATA
    elif counts[MET] == n_units:
        status = MET
    elif counts[NOT_MET] or (ctx.final and counts[NO_DATA]):
        status = NOT_MET
    else:
        status = NOT_YET_DUE
    return Achievement(status, sentence, counts=counts)


def evaluate_indicator(
    indicator: Indicator,
    unit_results: list,
    summary_result,
    ctx: Context,
    *,
    summaries: list | None = None,
    steps: list[Achievement] | None = None,
    plan_problem: str = "",
) -> Achievement:
    """The indicator over the units it is judged on (one entry of `unit_results` per unit, None where the
    unit reported nothing) plus the host units' summaries (`summaries`, one entry per host; or the single
    `summary_result`). `steps`: the verdicts of a level's steps; `plan_problem`: why the plan cannot be judged
    (no unit to report), said instead of a silent "no data"."""
    if plan_problem and indicator.applies_in(ctx.fiscal_year):
        return Achievement(PLAN_ERROR, plan_problem)
    if steps is not None or not indicator.applies_in(ctx.fiscal_year):
        return evaluate_steps(indicator, steps or [], ctx)
    hosts = summaries if summaries is not None else ([summary_result] if summary_result is not None else [])
    sent = [r for r in hosts if r is not None and not r.is_empty]
    n_units = len(unit_results)
    target = indicator.target_for_year(ctx.fiscal_year)
    kind = target.get("kind") or indicator.kind
    by_units = indicator.basis == Indicator.Basis.UNITS
    if by_units and (any(unit_passes(r) is not None for r in unit_results) or not sent):
        return _share_of_units(indicator, target, unit_results, ctx)
    if target.get("scope") == Indicator.Scope.PER_UNIT and not by_units:
        return _per_unit(indicator, unit_results, ctx)
    if sent:
        return _from_hosts(indicator, sent, max(len(hosts), 1), ctx)
    if target.get("value") is None and kind in (K.PERCENT, K.COUNT, K.FREQUENCY, K.LEVEL):
        return _aggregate_no_target(indicator, unit_results)
    if kind == K.FREQUENCY:
        # A department-wide frequency ("ทบทวนระบบร้องเรียน ปีละ ๑ ครั้ง") is one figure for the department:
        # adding up what every unit typed would count the same review once per unit.
        return Achievement(
            NO_DATA,
            "ยังไม่มีรายงานสรุปของหน่วยงานเจ้าภาพ (ความถี่ระดับกรมนับจากรายงานสรุปของหน่วยงานเจ้าภาพหรือข้อมูลในระบบ "
            "ไม่นำจำนวนครั้งที่แต่ละหน่วยงานรายงานมารวมกัน)",
        )
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
