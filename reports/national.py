"""The national roll-up: every agency's report slots of one kind of round in a fiscal year, how many were
sent and accepted, in one grouped query (the index on (round, status) and the round's plan give the
agency); and every agency's current round as the supervising bodies' page shows it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.utils import timezone

from reports import achievement
from reports.models import Report, Round
from reports.selectors import late_after


@dataclass(frozen=True)
class AgencyLine:
    agency_id: int
    slots: int
    sent: int
    accepted: int

    @property
    def pct_sent(self) -> float:
        return round(100 * self.sent / self.slots, 1) if self.slots else 0.0


def national_rollup(*, fiscal_year: int, kind: str) -> list[AgencyLine]:
    rows = (
        Report.objects.filter(round__fiscal_year=fiscal_year, round__kind=kind)
        .order_by()
        .values(agency_id=F("round__plan__agency_id"))
        .annotate(slots=Count("id"), sent=Count("id", filter=Q(status__in=Report.SENT)),
                  accepted=Count("id", filter=Q(status__in=[Report.Status.ACCEPTED, Report.Status.LOCKED])))
        .order_by("agency_id")
    )
    return [AgencyLine(**row) for row in rows]


# --- Every agency's current round, for the supervising bodies (site_shell.national_views, the API) -------
#
# One row per agency: its current round and that round's unit reports, counted as the agency's dashboard
# counts them (reports.dashboard: sent = accepted and waiting, a late unit = a unit with a late report). The
# whole table is three grouped queries kept for a minute (it changes only when reports are sent); the
# indicator counts are read per row shown, from the values the task worker keeps, never computed here.

ROLLUP_CACHE_SECONDS = 60
STATUS_FILTERS = {
    "incomplete": "ยังส่งไม่ครบ",
    "complete": "ส่งครบแล้ว",
    "late": "มีหน่วยงานส่งล่าช้า",
    "no_round": "ยังไม่มีรอบการรายงาน",
}


@dataclass
class AgencyStatus:
    agency_id: int
    name: str
    short_name: str
    code: str
    ministry: str
    round_id: int | None = None
    round_name: str = ""
    round_status: str = ""
    fiscal_year: int | None = None
    due_on: datetime.date | None = None
    slots: int = 0
    sent: int = 0
    late_units: int = 0

    @property
    def status(self) -> str:
        if self.round_id is None:
            return "no_round"
        return "complete" if self.sent >= self.slots else "incomplete"

    @property
    def pct_sent(self) -> float:
        return round(100 * self.sent / self.slots, 1) if self.slots else 0.0

    @property
    def round_status_label(self) -> str:
        return Round.Status(self.round_status).label if self.round_status else ""

    def matches(self, *, ministry: str = "", q: str = "", status: str = "") -> bool:
        if ministry and self.ministry != ministry:
            return False
        if q and not any(q in text.casefold() for text in (self.name, self.short_name, self.code)):
            return False
        if status == "late":
            return self.late_units > 0
        return not status or self.status == status


def current_round_ids() -> dict[int, int]:
    """agency id → its current round: the open round due last, else the round due last (drafts never)."""
    best: dict[int, tuple] = {}
    for pk, agency_id, status, due_on in Round.objects.exclude(status=Round.Status.DRAFT).values_list(
            "pk", "plan__agency_id", "status", "due_on"):
        key = (status == Round.Status.OPEN, due_on, pk)
        if agency_id not in best or key > best[agency_id]:
            best[agency_id] = key
    return {agency_id: key[2] for agency_id, key in best.items()}


def _late_condition(due_dates) -> Q:
    """reports.selectors.late_q by due date rather than by round: thousands of rounds share a few dates."""
    today = timezone.localdate()
    condition = Q(pk__in=[])
    for due in due_dates:
        late = Q(first_submitted_at__gte=late_after(due))
        if today > due:
            late |= Q(first_submitted_at__isnull=True)
        condition |= Q(round__due_on=due) & late
    return condition


def agency_statuses() -> list[AgencyStatus]:
    """Every active agency with its current round's unit reports: slots, sent, late units."""
    from org.models import Unit

    rows = {
        pk: AgencyStatus(pk, name, abbreviation or name, code, (ministry or "").strip())
        for pk, name, abbreviation, code, ministry in Unit.objects.filter(
            parent__isnull=True, is_active=True).values_list("pk", "name", "abbreviation", "code",
                                                              "profile__ministry")
    }
    current = {a: r for a, r in current_round_ids().items() if a in rows}
    rounds = {pk: rest for pk, *rest in Round.objects.filter(pk__in=current.values()).values_list(
        "pk", "name", "status", "fiscal_year", "due_on")}
    for agency_id, round_id in current.items():
        name, status, year, due = rounds[round_id]
        row = rows[agency_id]
        row.round_id, row.round_name, row.round_status, row.fiscal_year, row.due_on = (
            round_id, name, status, year, due)
    counts = (
        Report.objects.filter(round_id__in=list(current.values()), kind=Report.Kind.UNIT)
        .order_by().values("round_id")
        .annotate(slots=Count("id"), sent=Count("id", filter=Q(status__in=Report.SENT)),
                  late_units=Count("unit_id", distinct=True,
                                   filter=_late_condition({r[3] for r in rounds.values()})))
    )
    by_round = {c["round_id"]: c for c in counts}
    for row in rows.values():
        c = by_round.get(row.round_id)
        if c:
            row.slots, row.sent, row.late_units = c["slots"], c["sent"], c["late_units"]
    return sorted(rows.values(), key=lambda r: (r.ministry == "", r.ministry, r.name, r.agency_id))


def cached_agency_statuses() -> tuple[list[AgencyStatus], datetime.datetime]:
    """`agency_statuses()` and when it was read, kept a minute per latest audit entry (any write moves it)."""
    from audit.models import AuditEvent

    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    key = f"national:statuses:{last}:{timezone.localdate().isoformat()}"
    found = cache.get(key)
    if found is None:
        found = (agency_statuses(), timezone.now())
        cache.set(key, found, ROLLUP_CACHE_SECONDS)
    return found


def supervised_statuses(user, *, ministry: str = "", q: str = "", status: str = ""):
    """The rows of the agencies `user` supervises (the policy's "national.rollup" scope) that match the
    filters, the ministries among all they supervise, and when the figures were read."""
    from accounts.policy import scope
    from org.selectors import agencies

    rows, read_at = cached_agency_statuses()
    allowed = set(scope(user, "national.rollup", agencies()).values_list("pk", flat=True))
    mine = [r for r in rows if r.agency_id in allowed]
    ministries = sorted({r.ministry for r in mine if r.ministry})
    q = " ".join(q.split()).casefold()
    return [r for r in mine if r.matches(ministry=ministry, q=q, status=status)], ministries, read_at


def rounds_of(rows: list[AgencyStatus]) -> dict[int, Round]:
    return Round.objects.select_related("plan").in_bulk([r.round_id for r in rows if r.round_id])


@dataclass
class IndicatorCounts:
    met: int
    not_met: int
    not_yet_due: int
    other: int  # no data, no target, not judged, a plan error
    pending: int  # computed indicators the task worker has not computed for this evaluation date yet
    total: int
    kept_at: datetime.datetime | None  # the oldest kept value counted


def indicator_counts(round_: Round) -> IndicatorCounts:
    """The dashboard's indicator verdicts (reports.dashboard.indicator_overview) with the computed ones
    taken from the last values the task worker kept, whatever their age."""
    from reports.compile import evaluation_context
    from reports.dashboard import indicator_overview
    from reports.indicator_cache import latest

    kept = latest(round_, evaluation_context(round_).as_of)
    overview = indicator_overview(round_, kept=kept, live=False)
    c = overview["counts"]
    main = c[achievement.MET] + c[achievement.NOT_MET] + c[achievement.NOT_YET_DUE]
    times = [line["cached_at"] for line in overview["lines"] if line["cached_at"]]
    return IndicatorCounts(c[achievement.MET], c[achievement.NOT_MET], c[achievement.NOT_YET_DUE],
                           overview["total"] - main, overview["pending"],
                           overview["total"] + overview["pending"], min(times) if times else None)
