"""Hand-written SQL of the figures the round dashboard shows and of the national roll-up: the baseline
`bench/national_bench.py` measures the system's selectors against, and what the national test checks them
with. The dashboard's figures: units and reports per region by category, complete units, late units, the
slots of each kind by category (sent, late), the units × activities matrix (each unit report's category and
lateness), the names of the units it shows, and of the indicators each one's verdict (met, not met…) and
what the kept values (`IndicatorSnapshot`) give: how many lines, how many computed ones are still pending,
the time the oldest kept value stands at and whether any is stale. The verdicts are the rules of
`reports.achievement` and cannot be SQL: the query reads what they are judged on (the sent results of the
indicators judged from reports, the results overriding a computed one, the kept values) and they are applied
to its rows here, as a hand-written implementation of the page would (`dashboard_figures_sql`); the same
query less those reads and the rules (`dashboard_counts_sql`) gives the counts alone."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from reports import achievement
from reports.compile import evaluation_context
from reports.computed import REGISTRY
from reports.dashboard import SentResult, reported_ids
from reports.indicator_cache import REFRESH_INTERVAL, load
from reports.indicator_values import computed_value, is_computed
from reports.plan_structure import plan_structure
from reports.selectors import late_after

CATEGORIES = ("accepted", "waiting", "returned", "draft", "not_started")

DASHBOARD_SQL = """
WITH r AS (
  SELECT rp.id, rp.unit_id, rp.activity_id, rp.kind,
         rp.status IN ('submitted', 'endorsed', 'accepted', 'locked') AS sent,
         CASE WHEN rp.status IN ('accepted', 'locked') THEN 'accepted'
              WHEN rp.status IN ('submitted', 'endorsed') THEN 'waiting'
              WHEN rp.status = 'returned' THEN 'returned'
              WHEN rp.version > 0 THEN 'draft' ELSE 'not_started' END AS cat,
         CASE WHEN rp.first_submitted_at IS NOT NULL THEN rp.first_submitted_at >= %(late_after)s
              ELSE %(past_due)s END AS late
  FROM reports_report rp
  WHERE rp.round_id = %(round)s
), per_unit AS (
  SELECT r.unit_id, u.region, count(*) AS n,
         count(*) FILTER (WHERE cat = 'accepted') AS accepted,
         count(*) FILTER (WHERE cat = 'waiting') AS waiting,
         count(*) FILTER (WHERE cat = 'returned') AS returned, count(*) FILTER (WHERE cat = 'draft') AS draft,
         count(*) FILTER (WHERE cat = 'not_started') AS not_started, count(*) FILTER (WHERE late) AS late
  FROM r JOIN org_unit u ON u.id = r.unit_id WHERE r.kind = 'unit' GROUP BY r.unit_id, u.region
), regions AS (
  SELECT region, count(*) AS units, sum(n) AS reports, sum(accepted) AS accepted, sum(waiting) AS waiting,
         sum(returned) AS returned, sum(draft) AS draft, sum(not_started) AS not_started,
         count(*) FILTER (WHERE accepted + waiting = n) AS complete,
         coalesce(json_agg(json_build_array(unit_id, late)) FILTER (WHERE late > 0), '[]') AS late_units
  FROM per_unit GROUP BY region
), kinds AS (
  SELECT kind, cat, count(*) AS n, count(*) FILTER (WHERE sent) AS sent, count(*) FILTER (WHERE late) AS late
  FROM r GROUP BY kind, cat
), indicators AS (
  -- (an indicator judged from reports has no source kind: NULL, counted as not computed)
  SELECT i.id, coalesce(i.source ->> 'kind' = 'computed' AND i.source ->> 'name' = ANY(%(registry)s), false)
         AS computed
  -- the round's activities as an array: the index on activity_id, not a scan of every agency's indicators
  FROM plans_indicator i WHERE i.activity_id = ANY(ARRAY(SELECT DISTINCT activity_id FROM r))
), kept AS (
  SELECT s.indicator_id, s.computed_at,
         s.computed_at <= %(stale_before)s
         OR s.data -> 'last_write'
            IS DISTINCT FROM coalesce(to_jsonb((SELECT max(id) FROM audit_auditevent)), 'null') AS stale
  FROM reports_indicatorsnapshot s
  WHERE s.round_id = %(round)s AND s.data ->> 'evaluated_on' = %(as_of)s
)
SELECT (SELECT coalesce(json_agg(json_build_array(region, units, reports, accepted, waiting, returned, draft,
                                                  not_started, complete, late_units) ORDER BY region), '[]')
        FROM regions),
       (SELECT coalesce(json_agg(json_build_array(kind, cat, n, sent, late)), '[]') FROM kinds),
       (SELECT coalesce(json_agg(json_build_array(id, unit_id, activity_id, cat, late)), '[]')
        FROM r WHERE kind = 'unit'),
       (SELECT count(*) FILTER (WHERE NOT computed OR k.indicator_id IS NOT NULL) FROM indicators
        LEFT JOIN kept k ON k.indicator_id = indicators.id),
       (SELECT count(*) FILTER (WHERE computed AND k.indicator_id IS NULL) FROM indicators
        LEFT JOIN kept k ON k.indicator_id = indicators.id),
       (SELECT min(computed_at) FROM kept),
       (SELECT coalesce(bool_or(stale), false) FROM kept)
"""

# What the verdicts are judged on, read by the same statement: the shown units' names, the sent results of the
# indicators judged from reports and those overriding a computed value (by report id: the index on report_id,
# not a scan of every agency's results), and the kept values themselves.
VERDICT_INPUTS = """,
       (SELECT coalesce(json_agg(DISTINCT activity_id), '[]') FROM r),
       (SELECT coalesce(json_agg(json_build_array(u.id, u.name)), '[]') FROM org_unit u
        WHERE u.id = ANY(ARRAY(SELECT DISTINCT unit_id FROM r))),
       (SELECT coalesce(json_agg(json_build_array(ir.indicator_id, ir.value::text, ir.count, ir.event_date,
                                                  ir.event_dates, ir.done, ir.note, ir.override_reason,
                                                  ir.computed_value, rs.kind, rs.unit_id)), '[]')
        FROM reports_indicatorresult ir JOIN r rs ON rs.id = ir.report_id
        WHERE ir.report_id = ANY(ARRAY(SELECT id FROM r WHERE sent))
          AND (ir.indicator_id = ANY(%(reported)s) OR ir.override_reason <> '')),
       (SELECT coalesce(json_agg(json_build_array(s.indicator_id, s.data)), '[]')
        FROM reports_indicatorsnapshot s
        WHERE s.round_id = %(round)s AND s.data ->> 'evaluated_on' = %(as_of)s)
"""
COUNTS_SQL = DASHBOARD_SQL
DASHBOARD_SQL = DASHBOARD_SQL.rstrip() + VERDICT_INPUTS


def dashboard_params(round_) -> dict:
    return {
        "round": round_.pk,
        "reported": reported_ids(plan_structure(round_.plan)),
        "late_after": late_after(round_.due_on),
        "past_due": timezone.localdate() > round_.due_on,
        "registry": list(REGISTRY),
        "as_of": evaluation_context(round_).as_of.isoformat(),
        "stale_before": timezone.now() - REFRESH_INTERVAL,
    }


def dashboard_counts_sql(round_) -> dict:
    """The figures less the verdicts and the unit names (the statement without what they need)."""
    with connection.cursor() as cursor:
        cursor.execute(COUNTS_SQL, dashboard_params(round_))
        return _figures(*cursor.fetchone())


def dashboard_figures_sql(round_) -> dict:
    """Every figure of the dashboard: one statement, then the verdict rules applied to its rows."""
    with connection.cursor() as cursor:
        cursor.execute(DASHBOARD_SQL, dashboard_params(round_))
        *counts, in_round, names, results, kept = cursor.fetchone()
    figures = _figures(*counts)
    names = dict(names)
    figures["units"] = {unit: names[unit] for unit, _ in figures["matrix"]}
    figures["verdicts"] = _verdicts(round_, figures["matrix"], set(in_round), names, results, kept)
    return figures


class _Named:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


def _verdicts(round_, matrix: dict, in_round: set, names: dict, results: list, kept: list) -> dict[int, str]:
    """{indicator id: verdict status} of the indicators the dashboard lists, by the rules of
    `reports.achievement` (a computed indicator without a kept value is pending, not listed)."""
    ctx = evaluation_context(round_)
    unit_results, summary_of, summary_lists = defaultdict(list), {}, defaultdict(list)
    for ind_id, value, count, on, dates, done, note, reason, comp_text, kind, unit_id in results:
        result = SentResult((ind_id, None if value is None else Decimal(value), count,
                             None if on is None else datetime.date.fromisoformat(on), dates, done, note,
                             reason, comp_text, kind, unit_id))  # fmt: skip
        result.unit = _Named(names[unit_id])
        if kind == "host_summary":
            summary_of[ind_id] = result
            summary_lists[ind_id].append(result)
        else:
            unit_results[ind_id].append(result)
    comps = {ind_id: load(data) for ind_id, data in kept}
    per_activity = defaultdict(int)
    for _unit, activity in matrix:
        per_activity[activity] += 1
    verdicts = {}
    for ind in plan_structure(round_.plan).indicators:
        if ind.activity_id not in in_round:
            continue
        reported = unit_results.get(ind.pk, [])
        if is_computed(ind):
            if ind.pk not in comps:
                continue
            verdict = computed_value(
                ind, "", round_, ctx, comp=comps[ind.pk],
                summaries=[(r.unit, r) for r in summary_lists.get(ind.pk, [])],
                units=[(r.unit, r) for r in reported],
            ).verdict  # fmt: skip
        else:
            padding = [None] * max(0, per_activity[ind.activity_id] - len(reported))
            verdict = achievement.evaluate_indicator(ind, reported + padding, summary_of.get(ind.pk), ctx)
        verdicts[ind.pk] = verdict.status
    return verdicts


def _figures(regions, kinds, cells, lines, pending, kept_at, stale) -> dict:
    groups, late = {}, {}
    for region, units, reports, *rest in regions:  # psycopg reads json as lists
        counts = dict(zip(CATEGORIES, rest[:5], strict=True))
        groups[region] = {"units": units, "reports": reports, "counts": counts, "complete": rest[5]}
        late.update({unit_id: n for unit_id, n in rest[6]})
    by_kind = {}
    for kind, cat, n, sent, n_late in kinds:
        part = by_kind.setdefault(
            kind, {"total": 0, "sent": 0, "late": 0, "by_category": dict.fromkeys(CATEGORIES, 0)}
        )
        part["total"] += n
        part["sent"] += sent
        part["late"] += n_late
        part["by_category"][cat] = n
    matrix = {(unit, activity): (pk, cat, is_late) for pk, unit, activity, cat, is_late in cells}
    indicators = {"total": lines, "pending": pending, "kept_at": kept_at, "stale": stale}
    return {"groups": groups, "late": late, "kinds": by_kind, "matrix": matrix, "indicators": indicators}


def dashboard_figures(data: dict, *, counts_only: bool = False) -> dict:
    """The same figures read from `reports.dashboard.dashboard(round_)` (`counts_only`: those of
    `dashboard_counts_sql`)."""
    groups = {
        g["region"]: {
            "units": g["units"],
            "reports": g["reports"],
            "counts": g["counts"],
            "complete": g["complete"],
        }
        for g in data["groups"]
        if g["units"]
    }
    kinds = {}
    for kind, part in (("unit", data["counts"].unit), ("host_summary", data["counts"].summary)):
        if part.total:
            kinds[kind] = {
                "total": part.total,
                "sent": part.sent,
                "late": part.late,
                "by_category": part.by_category,
            }
    matrix = {
        (unit.pk, column.pk): (cell.report_id, cell.category, cell.late)
        for unit, cells in data["matrix"]
        for column, cell in zip(data["activities"], cells, strict=True)
        if cell is not None
    }
    shown = data["indicators"]
    indicators = {key: shown[key] for key in ("total", "pending", "kept_at", "stale")}
    figures = {
        "groups": groups,
        "late": {unit.pk: n for unit, n in data["late_units"]},
        "kinds": kinds,
        "matrix": matrix,
        "indicators": indicators,
    }
    if not counts_only:
        figures["units"] = {unit.pk: unit.name for unit, _ in data["matrix"]}
        figures["verdicts"] = {line["indicator"].pk: line["result"].status for line in shown["lines"]}
    return figures


ROLLUP_SQL = """
SELECT p.agency_id, count(*) AS slots,
       count(*) FILTER (WHERE rp.status IN ('submitted', 'endorsed', 'accepted', 'locked')) AS sent,
       count(*) FILTER (WHERE rp.status IN ('accepted', 'locked')) AS accepted
FROM reports_report rp JOIN reports_round r ON r.id = rp.round_id JOIN plans_plan p ON p.id = r.plan_id
WHERE r.fiscal_year = %(year)s AND r.kind = %(kind)s
GROUP BY p.agency_id ORDER BY p.agency_id
"""


def rollup_sql(fiscal_year: int, kind: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(ROLLUP_SQL, {"year": fiscal_year, "kind": kind})
        return [tuple(row) for row in cursor.fetchall()]
