"""An indicator over the units it is judged on: one unit's part, the share of units that pass, targets
per unit, and department-wide targets from the host units' summaries or, without them, from what the
units reported."""

from __future__ import annotations

from decimal import Decimal

from plans.models import Indicator
from reports.achievement.judge import _dates, _no_target, _numeric, evaluate, evaluate_steps, other_year
from reports.achievement.targets import units_text
from reports.achievement.verdict import (
    LABELS,
    MET,
    NO_DATA,
    NO_TARGET,
    NOT_JUDGED,
    NOT_MET,
    NOT_YET_DUE,
    ORDER,
    PLAN_ERROR,
    Achievement,
    Context,
    num,
    summarise,
)

K = Indicator.Kind

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
