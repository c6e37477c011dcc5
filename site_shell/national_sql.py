"""Hand-written SQL of the figures the round dashboard shows and of the national roll-up: the baseline
`bench/national_bench.py` measures the system's selectors against, and what the national test checks them
with. The dashboard's figures: units and reports per region by category, complete units, late units, the
slots of each kind by category (sent, late), the units × activities matrix (each unit report's category and
lateness), and of the indicators what the kept values (`IndicatorSnapshot`) give: how many lines, how many
computed ones are still pending, the time the oldest kept value stands at and whether any is stale. The
verdicts themselves (met, not met…) are the rules of `reports.achievement` and have no SQL here."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from reports.compile import evaluation_context
from reports.computed import REGISTRY
from reports.indicator_cache import REFRESH_INTERVAL
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
  SELECT i.id, i.source ->> 'kind' = 'computed' AND i.source ->> 'name' = ANY(%(registry)s) AS computed
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


def dashboard_params(round_) -> dict:
    return {
        "round": round_.pk,
        "late_after": late_after(round_.due_on),
        "past_due": timezone.localdate() > round_.due_on,
        "registry": list(REGISTRY),
        "as_of": evaluation_context(round_).as_of.isoformat(),
        "stale_before": timezone.now() - REFRESH_INTERVAL,
    }


def dashboard_figures_sql(round_) -> dict:
    params = dashboard_params(round_)
    with connection.cursor() as cursor:
        cursor.execute(DASHBOARD_SQL, params)
        regions, kinds, cells, lines, pending, kept_at, stale = cursor.fetchone()
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


def dashboard_figures(data: dict) -> dict:
    """The same figures read from `reports.dashboard.dashboard(round_)`."""
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
    return {
        "groups": groups,
        "late": {unit.pk: n for unit, n in data["late_units"]},
        "kinds": kinds,
        "matrix": matrix,
        "indicators": indicators,
    }


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
