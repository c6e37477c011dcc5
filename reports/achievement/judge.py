"""One result (a unit's, the host unit's summary, or an aggregate standing in for one) against the
indicator's target for the year."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

from core.thai import format_be
from plans.models import Indicator
from plans.selectors import due_date_in_year
from reports.achievement.targets import (
    COMPARISON_WORDS,
    PERIOD_WORDS,
    _period_index,
    _period_name,
    periods_elapsed,
)
from reports.achievement.verdict import (
    LABELS,
    MET,
    NO_DATA,
    NO_TARGET,
    NOT_JUDGED,
    NOT_MET,
    NOT_YET_DUE,
    Achievement,
    Context,
    num,
)

K = Indicator.Kind

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
