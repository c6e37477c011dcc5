"""Hand-written SQL of the figures the round dashboard shows (units and reports per region by category,
complete units, late units) and of the national roll-up: the baseline `bench/national_bench.py` measures
the system's selectors against, and what the national test checks them with."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from reports.selectors import late_after

CATEGORIES = ("accepted", "waiting", "returned", "draft", "not_started")

DASHBOARD_SQL = """
WITH r AS (
  SELECT rp.unit_id, u.region,
         CASE WHEN rp.status IN ('accepted', 'locked') THEN 'accepted'
              WHEN rp.status IN ('submitted', 'endorsed') THEN 'waiting'
              WHEN rp.status = 'returned' THEN 'returned'
              WHEN rp.version > 0 THEN 'draft' ELSE 'not_started' END AS cat,
         CASE WHEN rp.first_submitted_at IS NOT NULL THEN rp.first_submitted_at >= %(late_after)s
              ELSE %(past_due)s END AS late
  FROM reports_report rp JOIN org_unit u ON u.id = rp.unit_id
  WHERE rp.round_id = %(round)s AND rp.kind = 'unit'
), per_unit AS (
  SELECT unit_id, region, count(*) AS n,
         count(*) FILTER (WHERE cat = 'accepted') AS accepted,
         count(*) FILTER (WHERE cat = 'waiting') AS waiting,
         count(*) FILTER (WHERE cat = 'returned') AS returned, count(*) FILTER (WHERE cat = 'draft') AS draft,
         count(*) FILTER (WHERE cat = 'not_started') AS not_started, count(*) FILTER (WHERE late) AS late
  FROM r GROUP BY unit_id, region
)
SELECT region, count(*), sum(n), sum(accepted), sum(waiting), sum(returned), sum(draft), sum(not_started),
       count(*) FILTER (WHERE accepted + waiting = n),
       coalesce(json_agg(json_build_array(unit_id, late)) FILTER (WHERE late > 0), '[]')
FROM per_unit GROUP BY region ORDER BY region
"""


def dashboard_figures_sql(round_) -> dict:
    params = {"round": round_.pk, "late_after": late_after(round_.due_on),
              "past_due": timezone.localdate() > round_.due_on}
    with connection.cursor() as cursor:
        cursor.execute(DASHBOARD_SQL, params)
        rows = cursor.fetchall()
    groups, late = {}, {}
    for region, units, reports, *rest in rows:
        counts = dict(zip(CATEGORIES, (int(v) for v in rest[:5]), strict=True))
        groups[region] = {"units": units, "reports": int(reports), "counts": counts, "complete": rest[5]}
        late.update({unit_id: n for unit_id, n in rest[6]})  # psycopg reads json as lists
    return {"groups": groups, "late": late}


def dashboard_figures(data: dict) -> dict:
    """The same figures read from `reports.dashboard.dashboard(round_)`."""
    groups = {g["region"]: {"units": g["units"], "reports": g["reports"], "counts": g["counts"],
                            "complete": g["complete"]} for g in data["groups"] if g["units"]}
    return {"groups": groups, "late": {unit.pk: n for unit, n in data["late_units"]}}


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
