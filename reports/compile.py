"""A round compiled for the executives: policy → measure → activity → each unit's rows and indicator results.

`compile_round` reads a round in a fixed number of queries, whatever the number of units, and returns plain
data that the DOCX, PDF and XLSX exports all lay out the same way. It reads only the reports the user may
see, so an export can never show more than the pages do.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from accounts import policy
from core.thai import local_date
from org.models import Unit
from plans.models import Activity, Indicator, Measure
from plans.models import Policy as PlanPolicy
from plans.selectors import activity_problems, indicator_covers
from reports import achievement
from reports.evidence_models import Evidence, EvidenceLink, EvidenceRevision
from reports.models import ActivityRelevance, IndicatorResult, Report, ReportRow, Round
from reports.selectors import RoundCounts

SENT = set(Report.SENT)


@dataclass
class Entry:
    """One unit's report as it goes into the compilation."""

    report: Report
    unit: Unit
    rows: list[ReportRow] = field(default_factory=list)
    files: list[tuple[Evidence, EvidenceRevision]] = field(default_factory=list)
    links: list[EvidenceLink] = field(default_factory=list)
    results: dict[int, IndicatorResult] = field(default_factory=dict)

    @property
    def sent(self) -> bool:
        return self.report.status in SENT

    @property
    def late(self) -> bool:
        first = self.report.first_submitted_at
        due = self.report.round.due_on
        return local_date(first) > due if first else timezone.localdate() > due


@dataclass
class IndicatorLine:
    indicator: Indicator
    target: str
    result: achievement.Achievement


@dataclass
class ActivitySection:
    activity: Activity
    summary: Entry | None
    entries: list[Entry]
    missing: list[Entry]
    indicators: list[IndicatorLine]
    summary_pending: Entry | None = None  # the host unit's summary, not sent yet
    # Every host unit summarises its share: all the sent summaries and those still waiting, in tree order.
    summaries: list[Entry] = field(default_factory=list)
    summaries_pending: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why the plan keeps the activity from being judged

    @property
    def no_host(self) -> bool:
        """The plan names no host unit (its host cell is empty): no summary, the units' reports only."""
        return not self.activity.host_units.all()


@dataclass
class MeasureSection:
    measure: Measure
    activities: list[ActivitySection]


@dataclass
class PolicySection:
    policy: PlanPolicy
    measures: list[MeasureSection]

    @property
    def activities(self) -> list[ActivitySection]:
        return [a for m in self.measures for a in m.activities]


@dataclass
class Compiled:
    round: Round
    as_of: datetime.date
    generated_at: datetime.datetime
    policies: list[PolicySection]
    stats: dict
    missing_units: list[tuple[Unit, int]]
    late_units: list[tuple[Unit, int]]
    problems: list[str] = field(default_factory=list)  # for the plan administrator: what the plan must fix


def evaluation_context(round_: Round) -> achievement.Context:
    today = timezone.localdate()
    as_of = min(today, round_.due_on) if round_.kind != Round.Kind.ANNUAL else round_.due_on
    return achievement.Context(
        fiscal_year=round_.fiscal_year,
        as_of=max(as_of, round_.opens_on),
        final=round_.kind == Round.Kind.ANNUAL,
    )


def accepted_not_relevant(round_: Round) -> list[int]:
    """The unit reports of a round whose unit the host accepted as not concerned by the activity."""
    return list(
        ActivityRelevance.objects.filter(
            report__round=round_, status=ActivityRelevance.Status.ACCEPTED
        ).values_list("report_id", flat=True)
    )


def _load(reports: list[Report]) -> dict[int, Entry]:
    ids = [r.pk for r in reports]
    entries = {r.pk: Entry(report=r, unit=r.unit) for r in reports}
    for row in ReportRow.objects.filter(report_id__in=ids).order_by("report_id", "order", "id"):
        entries[row.report_id].rows.append(row)
    revisions = Prefetch("revisions", queryset=EvidenceRevision.objects.order_by("number"))
    for ev in Evidence.objects.filter(report_id__in=ids, removed_at__isnull=True).prefetch_related(revisions):
        current = ev.current
        if current is not None:
            entries[ev.report_id].files.append((ev, current))
    for link in EvidenceLink.objects.filter(report_id__in=ids, removed_at__isnull=True).order_by("id"):
        entries[link.report_id].links.append(link)
    for result in IndicatorResult.objects.filter(report_id__in=ids):
        entries[result.report_id].results[result.indicator_id] = result
    return entries


def compile_round(round_: Round, user=None) -> Compiled:
    """Everything a compiled report shows. `user` None means the whole round (the plan administrator's
    stored summary and the benchmark); otherwise only reports the user may view are read."""
    qs = Report.objects.filter(round=round_).select_related("unit", "round")
    if user is not None:
        qs = policy.scope(user, "report.view", qs)
    reports = list(qs.order_by("unit__sort_order", "unit__path"))
    sent_reports = [r for r in reports if r.status in SENT]
    entries = _load(sent_reports)
    unsent = {r.pk: Entry(report=r, unit=r.unit) for r in reports if r.status not in SENT}

    by_activity: dict[int, list[Entry]] = defaultdict(list)
    summaries: dict[int, list[Entry]] = defaultdict(list)
    pending: dict[int, list[Entry]] = defaultdict(list)
    missing: dict[int, list[Entry]] = defaultdict(list)
    set_aside = set(accepted_not_relevant(round_))
    for report in reports:
        entry = entries.get(report.pk) or unsent[report.pk]
        if report.kind == Report.Kind.HOST_SUMMARY:
            (summaries if entry.sent else pending)[report.activity_id].append(entry)
            continue
        if report.pk in set_aside:
            continue  # the host unit accepted that the activity does not concern this unit
        (by_activity if entry.sent else missing)[report.activity_id].append(entry)

    ctx = evaluation_context(round_)
    activity_ids = {r.activity_id for r in reports}
    indicators = Prefetch(
        "indicators", queryset=Indicator.objects.order_by("sort_order", "id").prefetch_related("units")
    )
    activities = Prefetch(
        "activities",
        queryset=Activity.objects.filter(pk__in=activity_ids)
        .order_by("sort_order", "id")
        .prefetch_related(indicators, "host_units", "implementing_units"),
    )
    measures = Prefetch(
        "measures", queryset=Measure.objects.order_by("sort_key").prefetch_related(activities)
    )
    plan_policies = PlanPolicy.objects.filter(plan=round_.plan).order_by("number").prefetch_related(measures)

    policies = []
    indicator_statuses = []
    problems = []
    for pol in plan_policies:
        measure_sections = []
        for measure in pol.measures.all():
            sections = []
            for activity in measure.activities.all():
                sent_entries = by_activity.get(activity.pk, [])
                waiting = missing.get(activity.pk, [])
                sent_summaries = summaries.get(activity.pk, [])
                waiting_summaries = pending.get(activity.pk, [])
                trouble = activity_problems(activity)
                problems.extend(trouble)
                lines = activity_lines(
                    activity, sent_entries, waiting, sent_summaries, waiting_summaries, ctx, trouble
                )
                indicator_statuses.extend(line.result.status for line in lines)
                sections.append(
                    ActivitySection(
                        activity,
                        sent_summaries[0] if sent_summaries else None,
                        sent_entries,
                        waiting,
                        lines,
                        summary_pending=waiting_summaries[0] if waiting_summaries else None,
                        summaries=sent_summaries,
                        summaries_pending=waiting_summaries,
                        problems=trouble,
                    )
                )
            if sections:
                measure_sections.append(MeasureSection(measure, sections))
        if measure_sections:
            policies.append(PolicySection(pol, measure_sections))

    unit_reports = [e for e in [*entries.values(), *unsent.values()] if e.report.kind == Report.Kind.UNIT]
    counts = RoundCounts.tally(
        ((r.kind, r.status, r.version, r.first_submitted_at) for r in reports), round_.due_on
    )
    return Compiled(
        round=round_,
        as_of=ctx.as_of,
        generated_at=timezone.now(),
        policies=policies,
        stats=_stats(round_, unit_reports, indicator_statuses, counts),
        missing_units=_count_by_unit(e for e in unit_reports if not e.sent),
        late_units=_count_by_unit(e for e in unit_reports if e.late),
        problems=problems,
    )


def activity_lines(activity, sent_entries, waiting, sent_summaries, waiting_summaries, ctx, trouble):
    """The verdict of each indicator of an activity. Each indicator is judged over the units it names (an
    indicator may narrow the activity's units); a level with steps reads the verdicts of its steps."""
    problem = " ".join(trouble)
    indicators = list(activity.indicators.all())
    host_count = len(sent_summaries) + len(waiting_summaries)
    verdicts: dict[int, achievement.Achievement] = {}
    for ind in indicators:
        per_unit = [e.results.get(ind.pk) for e in sent_entries if indicator_covers(ind, e.unit)]
        per_unit += [None] * sum(1 for e in waiting if indicator_covers(ind, e.unit))
        hosts = [e.results.get(ind.pk) for e in sent_summaries] + [None] * len(waiting_summaries)
        verdicts[ind.pk] = achievement.evaluate_indicator(
            ind, per_unit, None, ctx, summaries=hosts if host_count else [], plan_problem=problem
        )
    for position, ind in enumerate(indicators):
        if ind.steps and not problem:
            steps = [verdicts[s.pk] for s in indicators[position + 1 : position + 1 + ind.steps]]
            verdicts[ind.pk] = achievement.evaluate_indicator(ind, [], None, ctx, steps=steps)
    return [
        IndicatorLine(ind, achievement.target_text(ind, ctx.fiscal_year), verdicts[ind.pk])
        for ind in indicators
    ]


def _count_by_unit(entries) -> list[tuple[Unit, int]]:
    counts: dict[int, int] = defaultdict(int)
    units: dict[int, Unit] = {}
    for e in entries:
        counts[e.unit.pk] += 1
        units[e.unit.pk] = e.unit
    return sorted(
        ((units[pk], n) for pk, n in counts.items()), key=lambda pair: (pair[0].sort_order, pair[0].path)
    )


def pct(part: int, whole: int) -> float:
    return round(part * 100 / whole, 1) if whole else 0.0


def _stats(round_: Round, entries: list[Entry], indicator_statuses: list[str], counts: RoundCounts) -> dict:
    """The figures of the compiled report. Completion is about unit reports (the selectors' `RoundCounts`,
    the same count as the round page and the dashboard); host summaries are counted beside them."""
    total = counts.unit.total
    sent = [e for e in entries if e.sent]
    on_time = [e for e in sent if not e.late]
    units = {e.unit.pk: e.unit for e in entries}
    complete_units = {pk for pk in units} - {e.unit.pk for e in entries if not e.sent}
    groups = {}
    for region, label in Unit.Region.choices:
        in_group = [e for e in entries if e.unit.region == region]
        group_units = {e.unit.pk for e in in_group}
        groups[region] = {
            "label": label,
            "reports": len(in_group),
            "sent": sum(1 for e in in_group if e.sent),
            "units": len(group_units),
            "complete_units": len(group_units & complete_units),
            "pct_sent": pct(sum(1 for e in in_group if e.sent), len(in_group)),
        }
    status_counts = defaultdict(int)
    for e in entries:
        status_counts[e.report.status] += 1
    indicators = achievement.summarise(indicator_statuses)
    judged = len(indicator_statuses) - sum(indicators[s] for s in achievement.UNJUDGED)
    return {
        "reports": total,
        "sent": len(sent),
        "on_time": len(on_time),
        "late_sent": len(sent) - len(on_time),
        "not_sent": total - len(sent),
        "pct_sent": pct(len(sent), total),
        "pct_on_time": pct(len(on_time), total),
        "units": len(units),
        "complete_units": len(complete_units),
        "groups": groups,
        "status": dict(status_counts),
        "indicators": indicators,
        "indicators_total": len(indicator_statuses),
        # A target without a number, or an indicator of another year, has nothing to meet: the share of
        # indicators met is over the others.
        "indicators_judged": judged,
        "pct_indicators_met": pct(indicators[achievement.MET], judged),
        "summaries": counts.summary.total,
        "summaries_sent": counts.summary.sent,
        "due_on": round_.due_on.isoformat(),
    }


def compile_report(report: Report) -> tuple[Entry, ActivitySection]:
    """One report as an entry, with its indicators judged for that unit alone (for the single-form export).
    A unit's report shows its part: a department-wide frequency is not judged on one unit's count, and an
    indicator that names other units is not judged for it; a host summary is judged as the host's share."""
    entry = _load([report])[report.pk]
    ctx = evaluation_context(report.round)
    indicators = list(report.activity.indicators.order_by("sort_order", "id").prefetch_related("units"))
    verdicts = {}
    for ind in indicators:
        result = entry.results.get(ind.pk)
        if report.kind == Report.Kind.HOST_SUMMARY:
            verdicts[ind.pk] = achievement.evaluate(ind, result, ctx)
        else:
            verdicts[ind.pk] = achievement.evaluate_part(
                ind, result, ctx, covered=indicator_covers(ind, report.unit)
            )
    for position, ind in enumerate(indicators):
        if ind.steps:
            steps = [verdicts[s.pk] for s in indicators[position + 1 : position + 1 + ind.steps]]
            verdicts[ind.pk] = achievement.evaluate_steps(ind, steps, ctx)
    lines = [
        IndicatorLine(ind, achievement.target_text(ind, report.round.fiscal_year), verdicts[ind.pk])
        for ind in indicators
    ]
    return entry, ActivitySection(report.activity, None, [entry], [], lines)
