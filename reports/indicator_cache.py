"""The computed indicators' values kept per round, so the dashboard and the API need not read every register
on each request.

What refreshes them: the task `reports.tasks.refresh_round_indicators(round_id)`, queued when a round opens
and when it is compiled, which queues its own next run `REFRESH_INTERVAL` later while the round is open (one
waiting run per round at most); `prongsai reports_refresh_indicators` does the same for every open round
(for a host whose worker was down, or from cron). No register app calls into this: a record changed after a
refresh makes the kept values stale (see below), and the API computes live until the next refresh; the
dashboard and the executive's home never compute on a request for the whole department: they show the kept
values with the time they stand at, say when they are stale and queue a refresh (`shown`). The report form,
the review page, the compilation and the "changed since compiled" check always compute live; every page says
the time its value stands at.

A kept value is used only while younger than `REFRESH_INTERVAL`, computed for the same evaluation date as
the request's (reports.compile.evaluation_context), and while nothing has been written since it was computed
(every write of the system leaves an audit entry: the latest entry's id is kept with the value, so a register
record changed after the refresh shows at once, computed live); otherwise the value is computed live.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Max, Subquery
from django.utils import timezone

from plans.models import Indicator
from reports.computed import Computation
from reports.models import IndicatorSnapshot, Report, Round

REFRESH_INTERVAL = datetime.timedelta(hours=1)


def _last_write() -> int | None:
    from audit.models import AuditEvent

    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()


def _dump(comp: Computation, as_of: datetime.date, last_write: int | None) -> dict:
    value = comp.value
    kind = ("bool" if isinstance(value, bool) else "int" if isinstance(value, int)
            else "none" if value is None else "decimal")
    return {
        "kind": kind,
        "value": str(value) if kind == "decimal" else value,
        "records": [list(r) for r in comp.records],
        "explanation": comp.explanation,
        "as_of": comp.as_of.isoformat(),
        "event_date": comp.event_date.isoformat() if comp.event_date else None,
        "evaluated_on": as_of.isoformat(),
        "last_write": last_write,
    }


def load(data: dict) -> Computation:
    """A kept value's data (as `_dump` wrote it) as the computation it was."""
    value = data["value"]
    if data["kind"] == "decimal":
        value = Decimal(value)
    return Computation(
        value=value,
        records=[tuple(r) for r in data["records"]],
        explanation=data["explanation"],
        as_of=datetime.datetime.fromisoformat(data["as_of"]),
        event_date=datetime.date.fromisoformat(data["event_date"]) if data["event_date"] else None,
    )


def store(round_: Round, indicator: Indicator, comp: Computation, as_of: datetime.date,
          last_write: int | None = None) -> None:
    """Keep one value; `last_write`: the latest audit entry's id read before computing it (read here when
    not given, which a caller computing several values first should avoid)."""
    IndicatorSnapshot.objects.update_or_create(
        round=round_, indicator=indicator,
        defaults={"data": _dump(comp, as_of, _last_write() if last_write is None else last_write),
                  "computed_at": timezone.now()},
    )


def round_computed_indicators(round_: Round) -> list[Indicator]:
    """The computed indicators of the activities the round holds reports for."""
    from reports.indicator_values import is_computed

    in_round = Report.objects.filter(round=round_).values("activity_id")
    return [ind for ind in Indicator.objects.filter(activity_id__in=in_round).select_related("activity")
            if is_computed(ind)]


def refresh_round(round_: Round) -> int:
    """Compute and keep every computed indicator of the round; returns how many."""
    from reports.compile import evaluation_context
    from reports.indicator_values import compute_for

    ctx = evaluation_context(round_)
    # Read before computing: a write made while computing leaves the values stale, never marked fresh.
    last_write = _last_write()
    indicators = round_computed_indicators(round_)
    for ind in indicators:
        store(round_, ind, compute_for(ind, round_, ctx), ctx.as_of, last_write)
    return len(indicators)


def fresh(round_: Round, as_of: datetime.date, *,
          now=None) -> dict[int, tuple[Computation, datetime.datetime]]:
    """The kept values still fresh for the evaluation date `as_of`: {indicator id: (computation, kept at)}."""
    now = now or timezone.now()
    snaps = list(IndicatorSnapshot.objects.filter(round=round_, computed_at__gt=now - REFRESH_INTERVAL))
    if not snaps:
        return {}
    last_write = _last_write()
    return {
        snap.indicator_id: (load(snap.data), snap.computed_at)
        for snap in snaps
        if snap.data.get("evaluated_on") == as_of.isoformat() and snap.data.get("last_write") == last_write
    }


def latest(round_: Round, as_of: datetime.date) -> dict[int, tuple[Computation, datetime.datetime]]:
    """The last kept value of each computed indicator for the evaluation date `as_of`, however old and
    whatever was written since: what the national roll-up shows, with the time it stands at, rather than
    computing thousands of rounds on one page."""
    return {
        snap.indicator_id: (load(snap.data), snap.computed_at)
        for snap in IndicatorSnapshot.objects.filter(round=round_)
        if snap.data.get("evaluated_on") == as_of.isoformat()
    }


def latest_write_state(round_: Round) -> tuple[int, str]:
    """How many values the round keeps and when the last was kept (one query): part of the pages' cache
    keys, so a refresh by the worker (which writes no audit entry) shows at once."""
    state = IndicatorSnapshot.objects.filter(round=round_).aggregate(n=Count("id"), at=Max("computed_at"))
    return state["n"], state["at"].isoformat() if state["at"] else ""


def shown_rows(round_: Round | int):
    """The rows `shown` reads (one query; the round or its id): each kept value with the latest audit
    entry's id, as rows of values rather than model instances; a caller reading several things may fetch
    it with them."""
    from audit.models import AuditEvent

    latest_entry = Subquery(AuditEvent.objects.order_by("-pk").values("pk")[:1])
    return (IndicatorSnapshot.objects.filter(round=round_).order_by().annotate(last_entry=latest_entry)
            .values_list("indicator_id", "data", "computed_at", "last_entry"))


def shown(round_: Round, as_of: datetime.date, *, now=None,
          rows: list | None = None) -> tuple[dict, bool, datetime.datetime | None]:
    """What the dashboard and the executive's home show: every kept value for the evaluation date however
    old (`latest`), whether any is stale (older than `REFRESH_INTERVAL` or written over since), and the time
    of the oldest one (the time the figures stand at). The caller queues a refresh when stale or missing.
    `rows`: those of `shown_rows(round_)`, when the caller has read them."""
    now = now or timezone.now()
    rows = list(shown_rows(round_)) if rows is None else rows
    snaps = [row for row in rows if row[1].get("evaluated_on") == as_of.isoformat()]
    if not snaps:
        return {}, False, None
    last_write = snaps[0][3]
    stale = any(at <= now - REFRESH_INTERVAL or data.get("last_write") != last_write
                for _, data, at, _ in snaps)
    kept = {indicator_id: (load(data), at) for indicator_id, data, at, _ in snaps}
    return kept, stale, min(at for _, _, at, _ in snaps)
