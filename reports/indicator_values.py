"""Every indicator of a round with its value, verdict, where the value came from and the records behind it.

Reported indicators take the verdict the compiled report gives (reports.compile over the reports the
person may view). Computed indicators take their value from reports.computed and are judged against the
same target by the same rules (reports.achievement); if the host unit's summary nevertheless typed a result
for a computed indicator, that typed result stands and the source says `overridden`, with the computed
records still listed so the two can be compared.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse

from plans.models import Indicator
from reports import achievement
from reports.compile import compile_round, evaluation_context
from reports.computed import REGISTRY, Computation, compute
from reports.models import Round

COMPUTED, REPORTED, OVERRIDDEN = "computed", "reported", "overridden"


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


@dataclass(frozen=True)
class _Measured:
    """A computation seen through the fields reports.achievement reads from a typed result."""

    value: Decimal | None = None
    count: int | None = None
    done: bool | None = None
    event_date: datetime.date | None = None
    is_empty: bool = False


def _as_result(comp: Computation) -> _Measured:
    if isinstance(comp.value, bool):
        return _Measured(done=comp.value, event_date=comp.event_date if comp.value else None)
    if isinstance(comp.value, int):
        return _Measured(count=comp.value, done=comp.value > 0, event_date=comp.event_date)
    if comp.value is None:
        return _Measured(is_empty=True)
    return _Measured(value=Decimal(comp.value), event_date=comp.event_date)


def _report_links(section, ind: Indicator) -> list[tuple[str, str]]:
    entries = ([section.summary] if section.summary else []) + list(section.entries)
    links = []
    for entry in entries:
        result = entry.results.get(ind.pk)
        if result is not None and not result.is_empty:
            links.append((f"รายงานของ{entry.unit.name}", reverse("reports:report", args=[entry.report.pk])))
    return links


def _computed_value(line, section, round_: Round, ctx) -> IndicatorValue:
    ind = line.indicator
    comp = compute(ind, plan=round_.plan, fiscal_year=round_.fiscal_year)
    measured = _as_result(comp)
    typed = section.summary.results.get(ind.pk) if section.summary else None
    if typed is not None and not typed.is_empty:
        verdict = line.result
        verdict.explanation += f" (ค่าที่คำนวณจากระบบ: {comp.explanation})"
        return IndicatorValue(ind, line.target, verdict.measured, typed.done, verdict, OVERRIDDEN,
                              _report_links(section, ind) + comp.records, comp.as_of)
    verdict = achievement.evaluate(ind, measured, ctx)
    verdict.explanation = f"{comp.explanation} — {verdict.explanation}"
    number = measured.value if measured.value is not None else (
        Decimal(measured.count) if measured.count is not None else None)
    return IndicatorValue(ind, line.target, number, measured.done, verdict, COMPUTED, comp.records,
                          comp.as_of)


def round_indicator_values(round_: Round, user=None) -> list[IndicatorValue]:
    """The indicators of the round's activities that `user` may see (None: the whole round)."""
    compiled = compile_round(round_, user)
    ctx = evaluation_context(round_)
    values = []
    for policy_section in compiled.policies:
        for section in policy_section.activities:
            for line in section.indicators:
                ind = line.indicator
                if ind.is_computed and ind.source.get("name") in REGISTRY:
                    values.append(_computed_value(line, section, round_, ctx))
                    continue
                values.append(IndicatorValue(ind, line.target, line.result.measured, None, line.result,
                                             REPORTED, _report_links(section, ind), compiled.generated_at))
    return values
