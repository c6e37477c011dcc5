"""The round dashboard: who sent what (units × activities), completion by unit group, late units, indicators
met, and two charts (reports.dashboard_charts).

It reads the round with four queries whatever the size of the department, sent to PostgreSQL in one round
trip, and the computed indicators from the values the task worker keeps (`shown_overview`), never computing
them on a page view.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connections
from django.db.models import BooleanField, Count, Max, Q, Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone

from audit.models import AuditEvent
from core.queries import Statement, fetch_together
from org.models import Unit
from reports import achievement, indicator_cache
from reports.compile import evaluation_context, pct
from reports.dashboard_charts import CATEGORIES, indicator_chart, status_chart
from reports.indicator_values import REPORTED, SOURCE_LABELS, computed_value, is_computed
from reports.models import IndicatorResult, Report, Round
from reports.plan_structure import plan_structure
from reports.selectors import RoundCounts, category_of, late_test

category = category_of


@dataclass
class Cell:
    report_id: int
    category: str
    late: bool

    @property
    def css(self) -> str:
        return CATEGORIES[self.category][1]

    @property
    def label(self) -> str:
        return CATEGORIES[self.category][0] + (" (ล่าช้า)" if self.late else "")


@dataclass
class Column:
    """An activity of the matrix: "policy.n", n counted within its policy among the activities shown."""

    pk: int
    label: str
    title: str


def _columns(activities, used: set[int]) -> list[Column]:
    """Activities that have unit reports (`used`: their ids), from the plan's in its order."""
    counters: dict[int, int] = defaultdict(int)
    columns = []
    for activity in activities:
        if activity.pk in used:
            number = activity.measure.policy.number
            counters[number] += 1
            columns.append(Column(activity.pk, f"{number}.{counters[number]}", activity.title))
    return columns


def slot_rows(round_: Round | int):
    """Every slot of the round, both kinds, as (pk, unit, activity, kind, status, version, first sent): the
    one read of reports the dashboard's figures come from. Unordered: the model's default order joins
    round, activity, measure, policy and unit, which the figures do not need (and which made PostgreSQL
    read the whole activity table of every agency)."""
    return (
        Report.objects.filter(round=round_)
        .order_by()
        .values_list("pk", "unit_id", "activity_id", "kind", "status", "version", "first_submitted_at")
    )


def dashboard_units(round_id: int):
    """The units of the round's slots, by the round's reports. On PostgreSQL as `id = ANY(ARRAY(…))`: the
    subquery runs once and each id is looked up by the primary key, where `id IN (subquery)` (and a join)
    let it hash the whole unit table of the country for a large round."""
    ids = Report.objects.filter(round_id=round_id).order_by().values("unit_id").distinct()
    connection = connections[Unit.objects.db]
    if connection.vendor != "postgresql":
        return Unit.objects.filter(pk__in=ids).order_by()
    sql, params = ids.query.sql_with_params()
    quote = connection.ops.quote_name
    own_id = f"{quote(Unit._meta.db_table)}.{quote(Unit._meta.pk.column)}"
    return Unit.objects.filter(
        RawSQL(f"{own_id} = ANY(ARRAY({sql}))", params, output_field=BooleanField())
    ).order_by()


# The dashboard's reads, compiled once per process (core.queries.Statement): building and compiling the four
# querysets took as long as running them. (`_RESULTS` follows `sent_result_rows`.)
_SLOTS = Statement(slot_rows)
_UNITS = Statement(dashboard_units)
_KEPT = Statement(indicator_cache.shown_rows)


def _region_groups(units, matrix) -> list[dict]:
    groups = []
    for region, label in Unit.Region.choices:
        members = [u for u in units if u.region == region]
        counts = dict.fromkeys(CATEGORIES, 0)
        complete = 0
        for u in members:
            whole = True
            for c in matrix[u.pk]:
                if c is not None:
                    counts[c.category] += 1
                    whole = whole and c.category in ("accepted", "waiting")
            complete += whole
        reports = sum(counts.values())
        sent = counts["accepted"] + counts["waiting"]
        groups.append(
            {
                "region": region,
                "label": label,
                "units": len(members),
                "reports": reports,
                "counts": counts,
                "sent": sent,
                "pct_sent": pct(sent, reports),
                "complete": complete,
            }
        )
    return groups


def dashboard(round_: Round) -> dict:
    structure = plan_structure(round_.plan)
    # The page's four reads in one round trip (core.queries): the slots, their units, the kept indicator
    # values and the sent results the verdicts read.
    slots, unit_rows, kept_rows, result_rows = fetch_together(
        _SLOTS.bind(round_.pk),
        _UNITS.bind(round_.pk),
        _KEPT.bind(round_.pk),
        _RESULTS.bind(round_.pk, reported_ids(structure)),
    )
    activities = _columns(structure.activities, {row[2] for row in slots if row[3] == Report.Kind.UNIT})
    column = {a.pk: i for i, a in enumerate(activities)}
    matrix: dict[int, list[Cell | None]] = defaultdict(lambda: [None] * len(activities))
    late_by_unit = defaultdict(int)
    counts = RoundCounts()
    is_late = late_test(round_.due_on, timezone.localdate())
    for pk, unit_id, activity_id, kind, status, version, first_sent in slots:
        late = is_late(first_sent)
        cat = category(status, version)
        if kind == Report.Kind.HOST_SUMMARY:
            counts.summary.add(status, version, late, cat)
            continue
        counts.unit.add(status, version, late, cat)
        matrix[unit_id][column[activity_id]] = Cell(pk, cat, late)
        if late:
            late_by_unit[unit_id] += 1
    # Every unit of the round's slots: the matrix shows the unit reports' units, the indicator lines name
    # host units too.
    unit_of = {unit.pk: unit for unit in unit_rows}
    units = sorted(
        (unit_of[pk] for pk in matrix),
        key=lambda u: (u.region != Unit.Region.CENTRAL, u.sort_order, u.path),
    )
    groups = _region_groups(units, matrix)
    late_units = sorted(
        ((u, late_by_unit[u.pk]) for u in units if late_by_unit[u.pk]),
        key=lambda pair: (-pair[1], pair[0].path),
    )
    indicators = shown_overview(
        round_, slots=slots, units=unit_of, kept_rows=kept_rows, results=[SentResult(r) for r in result_rows]
    )
    return {
        "activities": activities,
        "matrix": [(u, matrix[u.pk]) for u in units],
        "counts": counts,
        "totals": counts.unit.by_category,
        "total": counts.unit.total,
        "groups": groups,
        "late_units": late_units,
        "indicators": indicators,
        "categories": CATEGORIES,
        "chart": status_chart(groups),
        "indicator_chart": indicator_chart(indicators["counts"]),
    }


def _per_activity(slots) -> tuple[dict[int, int], dict[int, int], set[int]]:
    """From the round's slot rows (`slot_rows`): unit reports per activity, those sent, and the activities
    the round holds any report for."""
    units, sent, in_round = defaultdict(int), defaultdict(int), set()
    for _pk, _unit, activity_id, kind, status, _version, _first in slots:
        in_round.add(activity_id)
        if kind == Report.Kind.UNIT:
            units[activity_id] += 1
            sent[activity_id] += status in Report.SENT
    return dict(units), {a: n for a, n in sent.items() if n}, in_round


class SentResult:
    """The fields of a sent report's `IndicatorResult` the verdicts read, with the report's kind and unit:
    a large department's round has thousands, and building model rows for them (the report's texts, JSON,
    dates) was most of the dashboard's time."""

    FIELDS = ("indicator_id", "value", "count", "event_date", "event_dates", "done", "note",
              "override_reason", "computed_value", "report__kind", "report__unit_id")  # fmt: skip
    __slots__ = ("indicator_id", "value", "count", "event_date", "event_dates", "done", "note",
                 "override_reason", "computed_value", "slot_kind", "slot_unit", "unit")  # fmt: skip

    def __init__(self, row: tuple):
        (self.indicator_id, self.value, self.count, self.event_date, self.event_dates, self.done, self.note,
         self.override_reason, self.computed_value, self.slot_kind, self.slot_unit) = row  # fmt: skip
        self.unit = None

    is_empty = IndicatorResult.is_empty


def reported_ids(structure) -> list[int]:
    """The ids of the plan's indicators whose verdict is judged from the reports (not computed)."""
    return [ind.pk for ind in structure.indicators if not is_computed(ind)]


def sent_result_rows(round_: Round | int, reported: list[int] | None = None):
    """The rows of `sent_results` (one query; the round or its id)."""
    rows = IndicatorResult.objects.filter(report__status__in=Report.SENT, report__round=round_).order_by()
    if reported is not None:
        rows = rows.filter(Q(indicator_id__in=reported) | ~Q(override_reason=""))
    return rows.values_list(*SentResult.FIELDS)


_RESULTS = Statement(sent_result_rows)


def sent_results(round_: Round, reported: list[int] | None = None) -> list[SentResult]:
    """The indicator results of the round's sent reports, both kinds (one query, no model rows). With
    `reported` (the ids of the indicators whose verdict is judged from the reports) only those indicators'
    results and, of the computed ones, the results that override the computation (a computed indicator's
    verdict reads nothing else of the reports)."""
    return [SentResult(row) for row in sent_result_rows(round_, reported)]


def indicator_overview(
    round_: Round,
    *,
    kept: dict | None = None,
    live: bool = True,
    slots: list | None = None,
    units: dict | None = None,
    results: list[SentResult] | None = None,
) -> dict:
    """Each indicator of the round's activities against its target, from the results of sent reports. A
    computed indicator takes the value the task worker keeps while it is fresh (reports.indicator_cache),
    and is computed here otherwise; each line says the time its value stands at.

    `kept`: the computed values to use instead of the fresh ones; with `live` False a computed indicator
    without one is not computed here but counted in "pending" (the national roll-up reads thousands of
    rounds and computes none). `slots`: the round's `slot_rows`, `units`: {id: unit} of some of its units,
    `results`: its `sent_results(round_, reported_ids(…))`, when the caller has read them already."""
    ctx = evaluation_context(round_)
    kept = indicator_cache.fresh(round_, ctx.as_of) if kept is None else kept
    pending = 0
    unit_results = defaultdict(list)
    summary_results = {}
    summary_lists = defaultdict(list)  # every host unit's summary (an activity may have several hosts)
    structure = plan_structure(round_.plan)
    indicators = structure.indicators
    if results is None:
        results = sent_results(round_, reported_ids(structure))
    unit_of = dict(units or {})
    missing = {r.slot_unit for r in results} - unit_of.keys()
    if missing:
        unit_of.update(Unit.objects.in_bulk(missing))
    for result in results:
        result.unit = unit_of[result.slot_unit]
        if result.slot_kind == Report.Kind.HOST_SUMMARY:
            summary_results[result.indicator_id] = result
            summary_lists[result.indicator_id].append(result)
        else:
            unit_results[result.indicator_id].append(result)
    # An activity counts when the round holds any report for it: some are reported by the host unit alone
    # (its summary), and the compiled report judges those too.
    units_per_activity, sent_per_activity, in_round = _per_activity(
        slot_rows(round_) if slots is None else slots
    )
    lines = []
    for ind in indicators:
        n_units = units_per_activity.get(ind.activity_id, 0)
        if ind.activity_id not in in_round:
            continue
        reported = unit_results.get(ind.pk, [])
        padding = [None] * max(0, n_units - len(reported))
        summary = summary_results.get(ind.pk)
        source, as_of, cached_at = REPORTED, None, None
        if is_computed(ind):
            # The same value as the compiled report: computed from the records unless a sent report
            # overrides it with a reason.
            comp, cached_at = kept.get(ind.pk, (None, None))
            if comp is None and not live:
                pending += 1
                continue
            value = computed_value(
                ind,
                "",
                round_,
                ctx,
                comp=comp,
                summaries=[(r.unit, r) for r in summary_lists.get(ind.pk, [])],
                units=[(r.unit, r) for r in reported],
            )
            result, source, as_of = value.verdict, value.source, value.as_of
        else:
            result = achievement.evaluate_indicator(ind, reported + padding, summary, ctx)
        lines.append(
            {
                "indicator": ind,
                "source": source,
                "source_label": SOURCE_LABELS[source],
                "as_of": as_of,
                "cached_at": cached_at,
                "result": result,
                "sent": sent_per_activity.get(ind.activity_id, 0),
                "units": n_units,
            }
        )
    counts = achievement.summarise(line["result"].status for line in lines)
    return {"lines": lines, "counts": counts, "total": len(lines), "pending": pending}


def shown_overview(
    round_: Round,
    *,
    slots: list | None = None,
    units: dict | None = None,
    kept_rows: list | None = None,
    results: list[SentResult] | None = None,
) -> dict:
    """`indicator_overview` as the dashboard and the executive's home show it: each computed indicator from
    the value the task worker kept, however old, never computed on a request for the whole department (41
    indicators read every register: seconds). `kept_at`: the time the oldest kept value stands at; `stale`:
    something was written since or it is over the refresh interval; `pending`: computed indicators with no
    kept value yet. A stale or missing value queues a refresh. `slots`, `units`, `kept_rows` (those of
    `indicator_cache.shown_rows`) and `results`: what the caller has read already."""
    kept, stale, kept_at = indicator_cache.shown(round_, evaluation_context(round_).as_of, rows=kept_rows)
    overview = indicator_overview(round_, kept=kept, live=False, slots=slots, units=units, results=results)
    overview.update(stale=stale, kept_at=kept_at)
    if stale or overview["pending"]:
        request_refresh(round_)
    return overview


def request_refresh(round_: Round) -> None:
    """Queue the worker's refresh of the round's computed indicators, once a minute at most: every page of a
    stale round would otherwise ask the task queue again (the task itself skips a round already waiting)."""
    from django.db import transaction

    from reports.tasks import queue_indicator_refresh

    if cache.add(f"dashboard:refresh-asked:{round_.pk}", True, CACHE_SECONDS):
        transaction.on_commit(lambda: queue_indicator_refresh(round_.pk))


# --- Kept for a short time per round state -----------------------------------------------------------------

# How long a dashboard's figures are reused while nothing changed (a bound on what the key may miss, e.g. the
# date-driven verdicts: the key holds today's date too).
CACHE_SECONDS = 60


def round_state(round_: Round) -> str:
    """What changes whenever a report of the round is created, edited, sent, reviewed or removed, anything
    else is written, or the worker keeps new indicator values (three queries): part of the cache key, so a
    change shows at once instead of after the cache time."""
    state = Report.objects.filter(round=round_).aggregate(
        n=Count("id"),
        v=Sum("version"),
        u=Max("updated_at"),
        s=Max("submitted_at"),
        r=Max("reviewed_at"),
        f=Max("first_submitted_at"),
        sent=Count("id", filter=Q(status__in=Report.SENT)),
        acc=Count("id", filter=Q(status="accepted")),
    )
    # Every write of the system leaves an audit entry: its latest id covers the records computed
    # indicators read in other apps, so their change shows at once too.
    last_entry = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    parts = [
        round_.pk,
        round_.created_at.isoformat(),
        round_.status,
        round_.due_on,
        timezone.localdate(),
        last_entry,
        *state.values(),
        *indicator_cache.latest_write_state(round_),
    ]
    return ":".join(str(p) for p in parts)


def cached(round_: Round, name: str, build, *, state: str | None = None):
    """(build(), when it was built), reused while the round is unchanged (CACHE_SECONDS). `state`: the
    round's `round_state` when the caller has read it already."""
    key = f"dashboard:{name}:" + hashlib.sha1((state or round_state(round_)).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = (build(), timezone.now())
        cache.set(key, found, CACHE_SECONDS)
    return found


def cached_dashboard(round_: Round, *, state: str | None = None) -> tuple[dict, datetime.datetime]:
    """`dashboard(round_)` and when it was computed, reused while the round is unchanged (CACHE_SECONDS)."""
    return cached(round_, "full", lambda: dashboard(round_), state=state)


def cached_indicator_overview(round_: Round) -> tuple[dict, datetime.datetime]:
    """`shown_overview(round_)` and when it was read, reused while the round is unchanged (CACHE_SECONDS)."""
    return cached(round_, "indicators", lambda: shown_overview(round_))
