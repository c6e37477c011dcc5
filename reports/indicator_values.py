"""Every indicator of a round with its value, verdict, where the value came from and the records behind it.

Reported indicators take the verdict the compiled report gives (reports.compile over the reports the
person may view). Computed indicators take their value from reports.computed and are judged against the
same target by the same rules (reports.achievement). A report may put its own value in place of a computed
one only with a written reason (`IndicatorResult.override_reason`): that value then stands and the source
says `overridden`, with the computed records still listed and the reason shown. A value typed without a
reason never wins over the computation.

Which report may override: the host unit's summary of the activity; when the round holds no summary for the
activity, its unit reports (`owns_computed`). The report form and review page compute on every read; the
dashboard and the API take the values the task worker keeps while fresh (reports.indicator_cache, hourly);
compiling a round freezes the values (`freeze`), and the compiled documents show the frozen ones
(`apply_frozen`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.dateparse import parse_datetime

from core.thai import format_be, format_be_datetime
from plans.models import Indicator
from reports import achievement
from reports.compile import compile_round, evaluation_context, pct
from reports.computed import REGISTRY, Computation, compute
from reports.models import Report, Round

COMPUTED, REPORTED, OVERRIDDEN = "computed", "reported", "overridden"
SOURCE_LABELS = {COMPUTED: "คำนวณจากระบบ", REPORTED: "ตามรายงาน", OVERRIDDEN: "แก้ไขค่าที่คำนวณจากระบบ"}
VALUE_FIELDS = ("value", "count", "done", "event_date")


@dataclass
class IndicatorValue:
    indicator: Indicator
    target: str
    value: Decimal | None
    done: bool | None
    verdict: achievement.Achievement
    source: str
    provenance: list[tuple[str, str]] = field(default_factory=list)
    as_of: datetime.datetime | None = None
    explanation: str = ""  # how the system computed the value (computed and overridden indicators)
    computed_text: str = ""  # the computed value in words
    # Each report whose value stands in place of the computed one: unit, value, the computed value it
    # replaced (as the reporter saw it) and the reason.
    overrides: list[dict] = field(default_factory=list)
    # When the computed value was read from the values the task worker keeps (reports.indicator_cache);
    # None: computed for this request.
    cached_at: datetime.datetime | None = None

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]

    @property
    def override_reason(self) -> str | None:
        """Why a sent report replaced the computed value (each report's reason, by unit when several)."""
        if self.source != OVERRIDDEN or not self.overrides:
            return None
        if len(self.overrides) == 1:
            return self.overrides[0]["reason"]
        return "; ".join(f"{o['unit']}: {o['reason']}" for o in self.overrides)


@dataclass(frozen=True)
class _Measured:
    """A computation seen through the fields reports.achievement reads from a typed result."""

    value: Decimal | None = None
    count: int | None = None
    done: bool | None = None
    event_date: datetime.date | None = None
    is_empty: bool = False


def is_computed(ind: Indicator) -> bool:
    return bool(ind.is_computed and (ind.source or {}).get("name") in REGISTRY)


def _as_result(comp: Computation) -> _Measured:
    if isinstance(comp.value, bool):
        return _Measured(done=comp.value, event_date=comp.event_date if comp.value else None)
    if isinstance(comp.value, int):
        return _Measured(count=comp.value, done=comp.value > 0, event_date=comp.event_date)
    if comp.value is None:
        return _Measured(is_empty=True)
    return _Measured(value=Decimal(comp.value), event_date=comp.event_date)


def value_text(ind: Indicator, value) -> str:
    """A computed value in words, as the form and the documents show it."""
    if value is None:
        return "ไม่มีข้อมูลในระบบ"
    if isinstance(value, bool):
        return "ดำเนินการแล้ว" if value else "ยังไม่ได้ดำเนินการ"
    if isinstance(value, int):
        return f"{achievement.num(value)} {ind.unit_label or 'ครั้ง'}".strip()
    if ind.kind == Indicator.Kind.PERCENT:
        return f"ร้อยละ {achievement.num(value)}"
    return achievement.num(value)


def result_text(result) -> str:
    """A typed result's value fields in words."""
    parts = []
    if result.value is not None:
        parts.append(achievement.num(result.value))
    if result.count is not None:
        parts.append(f"จำนวน {achievement.num(result.count)}")
    if result.done is not None:
        parts.append("ดำเนินการแล้ว" if result.done else "ยังไม่ได้ดำเนินการ")
    if result.event_date:
        parts.append(f"เมื่อ {format_be(result.event_date)}")
    return " ".join(parts) or "(ว่าง)"


def is_override(result) -> bool:
    return result is not None and bool((result.override_reason or "").strip())


def compute_for(ind: Indicator, round_: Round, ctx=None) -> Computation:
    ctx = ctx or evaluation_context(round_)
    return compute(ind, plan=round_.plan, fiscal_year=round_.fiscal_year, round_=round_, as_of=ctx.as_of)


def computations_for(report: Report) -> dict[int, Computation]:
    """The computed indicators of the report's activity, each with its value now (for the form)."""
    ctx = evaluation_context(report.round)
    indicators = Indicator.objects.filter(activity_id=report.activity_id).order_by("sort_order", "id")
    return {ind.pk: compute_for(ind, report.round, ctx) for ind in indicators if is_computed(ind)}


def owns_computed(report: Report) -> bool:
    """Whether this report may put its own value in place of a computed one: the host unit's summary, or a
    unit report when the round holds no summary for the activity (the value is the department's)."""
    if report.is_summary:
        return True
    return not Report.objects.filter(
        round_id=report.round_id, activity_id=report.activity_id, kind=Report.Kind.HOST_SUMMARY
    ).exists()


def computed_value(ind: Indicator, target: str, round_: Round, ctx, *, summaries=(), units=(),
                   links=(), comp: Computation | None = None) -> IndicatorValue:
    """A computed indicator's value: the computation, unless a sent report overrides it with a reason.
    `summaries` are the host summaries' (unit, result), `units` the unit reports' (unit, result); the
    summaries' overrides come first, the units' count only when no summary overrides."""
    comp = comp or compute_for(ind, round_, ctx)
    measured = _as_result(comp)
    comp_text = value_text(ind, comp.value)
    overriding = [(u, r) for u, r in summaries if is_override(r)]
    who = "ตามรายงานสรุปของหน่วยงานเจ้าภาพ "
    if not overriding:
        overriding = [(u, r) for u, r in units if is_override(r)]
        who = ""
    if overriding:
        if who and len(overriding) == 1:
            verdict = achievement.evaluate(ind, overriding[0][1], ctx, who=who)
        else:
            verdict = achievement.evaluate_indicator(ind, [r for _, r in overriding], None, ctx)
        overrides = [{"unit": u.name, "value": result_text(r), "computed": r.computed_value,
                      "reason": r.override_reason.strip()} for u, r in overriding]
        reasons = "; ".join(f"{o['unit']}: {o['reason']}" for o in overrides)
        verdict.explanation += (
            f" (แก้ไขค่าที่คำนวณจากระบบ เหตุผล: {reasons}; ระบบคำนวณได้ {comp_text}: {comp.explanation})")
        done = overriding[0][1].done
        return IndicatorValue(ind, target, verdict.measured, done, verdict, OVERRIDDEN,
                              list(links) + comp.records, comp.as_of, comp.explanation, comp_text, overrides)
    verdict = achievement.evaluate(ind, measured, ctx)
    verdict.explanation = f"{comp.explanation} — {verdict.explanation}"
    number = measured.value if measured.value is not None else (
        Decimal(measured.count) if measured.count is not None else None)
    return IndicatorValue(ind, target, number, measured.done, verdict, COMPUTED, comp.records, comp.as_of,
                          comp.explanation, comp_text)


def _summaries(section) -> list:
    """The sent host summaries of an activity (one per host unit where the compilation keeps several)."""
    several = getattr(section, "summaries", None)
    if several:
        return list(several)
    return [section.summary] if section.summary else []


def _report_links(section, ind: Indicator) -> list[tuple[str, str]]:
    entries = _summaries(section) + list(section.entries)
    links = []
    for entry in entries:
        result = entry.results.get(ind.pk)
        if result is not None and not result.is_empty:
            links.append((f"รายงานของ{entry.unit.name}", reverse("reports:report", args=[entry.report.pk])))
    return links


def round_indicator_values(round_: Round, user=None, *, compiled=None,
                           cached: bool = False) -> list[IndicatorValue]:
    """The indicators of the round's activities that `user` may see (None: the whole round). `compiled` is
    the round as `compile_round(round_, user)` gave it, when the caller has it already. `cached`: take the
    computed values the task worker keeps while they are fresh (reports.indicator_cache), computing live
    the others."""
    from reports import indicator_cache

    compiled = compiled or compile_round(round_, user)
    ctx = evaluation_context(round_)
    kept = indicator_cache.fresh(round_, ctx.as_of) if cached else {}
    values = []
    for policy_section in compiled.policies:
        for section in policy_section.activities:
            for line in section.indicators:
                ind = line.indicator
                if is_computed(ind):
                    comp, kept_at = kept.get(ind.pk, (None, None))
                    comp = comp or compute_for(ind, round_, ctx)
                    value = computed_value(
                        ind, line.target, round_, ctx, comp=comp,
                        summaries=[(e.unit, e.results.get(ind.pk)) for e in _summaries(section)],
                        units=[(e.unit, e.results.get(ind.pk)) for e in section.entries],
                        links=_report_links(section, ind))
                    value.cached_at = kept_at
                    values.append(value)
                    continue
                values.append(IndicatorValue(ind, line.target, line.result.measured, None, line.result,
                                             REPORTED, _report_links(section, ind), compiled.generated_at))
    return values


# --- The compiled report: the same values in every document, frozen at compile --------------------------


def document_text(value: IndicatorValue) -> str:
    """The verdict's sentence as the compiled documents print it: where the value came from, when, and the
    records (their names) behind a computed value."""
    text = value.verdict.explanation
    if value.source == REPORTED:
        return text
    when = f" ข้อมูล ณ {format_be_datetime(value.as_of)}" if value.as_of else ""
    records = [label for label, _ in value.provenance]
    listed = f" รายการที่นับ: {'; '.join(records)}" if records else ""
    return f"[{value.source_label}{when}] {text}{listed}"


def freeze(values: list[IndicatorValue]) -> list[dict]:
    """The values as JSON, to be kept with the compiled summary."""
    return [
        {
            "indicator": v.indicator.pk,
            "activity": v.indicator.activity_id,
            "number": v.indicator.number,
            "text": v.indicator.text,
            "target": v.target,
            "value": v.value,
            "done": v.done,
            "status": v.verdict.status,
            "verdict": v.verdict.explanation,
            "source": v.source,
            "provenance": [list(p) for p in v.provenance],
            "explanation": v.explanation,
            "computed_text": v.computed_text,
            "overrides": v.overrides,
            "as_of": v.as_of,
            "document_text": document_text(v),
        }
        for v in values
    ]


def _restat(compiled) -> None:
    statuses = [line.result.status for p in compiled.policies for s in p.activities for line in s.indicators]
    counts = achievement.summarise(statuses)
    compiled.stats["indicators"] = counts
    compiled.stats["indicators_total"] = len(statuses)
    compiled.stats["pct_indicators_met"] = pct(counts[achievement.MET], len(statuses))


def apply_values(compiled, values: list[IndicatorValue]) -> None:
    """Put the computed and overridden values into the compiled round (its lines and its figures), so that
    every document lays out the same values as the indicator page."""
    by_indicator = {v.indicator.pk: v for v in values}
    for p in compiled.policies:
        for section in p.activities:
            for line in section.indicators:
                v = by_indicator.get(line.indicator.pk)
                line.source = v.source if v else REPORTED
                if v is not None and v.source != REPORTED:
                    line.result = achievement.Achievement(
                        v.verdict.status, document_text(v), v.verdict.measured)
    _restat(compiled)


def apply_frozen(compiled, frozen: list[dict]) -> None:
    """The same as `apply_values`, from the values kept when the round was compiled."""
    by_indicator = {item["indicator"]: item for item in frozen or []}
    for p in compiled.policies:
        for section in p.activities:
            for line in section.indicators:
                item = by_indicator.get(line.indicator.pk)
                line.source = item["source"] if item else REPORTED
                if item is not None and item["source"] != REPORTED:
                    measured = Decimal(str(item["value"])) if item["value"] is not None else None
                    line.result = achievement.Achievement(item["status"], item["document_text"], measured)
    _restat(compiled)


def frozen_as_of(item: dict) -> datetime.datetime | None:
    value = item.get("as_of")
    return parse_datetime(value) if isinstance(value, str) else value


def apply_to_report(report: Report, entry, section) -> None:
    """One report's document (reports.compile.compile_report): its computed indicators show the computed
    value, or this report's override with its reason."""
    ctx = evaluation_context(report.round)
    for line in section.indicators:
        ind = line.indicator
        if not is_computed(ind):
            line.source = REPORTED
            continue
        mine = (entry.unit, entry.results.get(ind.pk))
        v = computed_value(ind, line.target, report.round, ctx, summaries=[mine] if report.is_summary else [],
                           units=[] if report.is_summary else [mine])
        line.source = v.source
        line.result = achievement.Achievement(v.verdict.status, document_text(v), v.verdict.measured)


def frozen_drift(round_: Round, frozen: list[dict]) -> list[dict]:
    """The computed values kept at the last compilation that the records now give differently (computed
    again here, a few queries each): the plan administrator compiles again to take them."""
    by_id = {item["indicator"]: item for item in frozen or [] if item.get("source") == COMPUTED}
    if not by_id:
        return []
    ctx = evaluation_context(round_)
    drift = []
    for ind in Indicator.objects.filter(pk__in=by_id).order_by("activity__measure__policy__number",
                                                              "activity__measure__sort_key",
                                                              "activity__sort_order", "sort_order"):
        if not is_computed(ind):
            continue
        now = value_text(ind, compute_for(ind, round_, ctx).value)
        if now != by_id[ind.pk].get("computed_text"):
            drift.append({**by_id[ind.pk], "now": now})
    return drift
