"""Reads of the complaints app: scoped lists, the overdue dashboard, period statistics, satisfaction."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts import policy
from audit.models import AuditEvent
from complaints.models import (
    OPEN,
    REPLIED,
    Case,
    Category,
    Channel,
    HolidayOverride,
    ProgressStage,
    Rating,
    ReviewRecord,
    ServiceStandard,
    Source,
    Status,
)
from core.errors import ApplicationError
from core.thai import BANGKOK, be_year, fiscal_year_bounds, month_name


def default_agency():
    """The agency the public pages serve: the one named by the /a/<code>/ prefix (org.serving), else the
    first active root unit."""
    from org.selectors import served_agency, unprefixed_agency

    return served_agency() or unprefixed_agency()


def standard_in_effect(*, agency, channel: str, on: dt.date) -> ServiceStandard:
    standard = (ServiceStandard.objects.select_related("receiving_unit")
                .filter(agency=agency, channel=channel, effective_from__lte=on)
                .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
                .order_by("-effective_from", "-id").first())
    if standard is None:
        raise ApplicationError("ยังไม่ได้กำหนดมาตรฐานระยะเวลาสำหรับช่องทางนี้ กรุณาแจ้งผู้ดูแลระบบ")
    return standard


def standards_now(agency) -> dict[str, ServiceStandard | None]:
    today = timezone.localdate()
    result = {}
    for channel in Channel:
        try:
            result[channel.value] = standard_in_effect(agency=agency, channel=channel, on=today)
        except ApplicationError:
            result[channel.value] = None
    return result


def categories_of(agency) -> QuerySet[Category]:
    """The categories an agency works with: its own and the national defaults (no agency)."""
    own = Q(agency__isnull=True)
    if agency is not None:
        own |= Q(agency=agency)
    return Category.objects.filter(own)


def active_categories(channel: str | None = None, *, agency=None) -> QuerySet[Category]:
    """Active categories of `agency` (its own + national); without one, the national defaults only."""
    qs = categories_of(agency).filter(is_active=True)
    return qs.filter(channel=channel) if channel else qs


def stages_of(agency) -> QuerySet[ProgressStage]:
    return ProgressStage.objects.filter(agency=agency)


def active_stages(agency) -> QuerySet[ProgressStage]:
    return stages_of(agency).filter(is_active=True)


SOON_DAYS = 3


def responsible_in(qs: QuerySet[Case], unit) -> QuerySet[Case]:
    """Cases a unit is responsible for: assigned to it (as lead or co-owner), or received there and not yet
    assigned to anyone — the same reading as the list's "responsible unit" column and the overdue board's
    count per unit, so the board's figure and the filtered list agree."""
    inside = Case.objects.filter(Q(assigned_units=unit) | Q(assignments__isnull=True, unit=unit))
    return qs.filter(pk__in=inside.values("pk"))


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=BANGKOK)


def _queue(qs: QuerySet[Case], queue: str, today: dt.date, received_to: dt.date | None) -> QuerySet[Case]:
    not_replied = qs.exclude(status__in=REPLIED)
    queues = {
        "open": lambda: qs.filter(status__in=OPEN),
        "overdue": lambda: overdue_filter(qs, today),
        "new": lambda: qs.filter(status=Status.RECEIVED),
        "late_ack": lambda: qs.filter(status=Status.RECEIVED, acknowledge_due__lt=today),
        "late_answer": lambda: not_replied.filter(answer_due__lt=today),
        "due_soon": lambda: not_replied.filter(answer_due__gte=today,
                                               answer_due__lte=today + dt.timedelta(days=SOON_DAYS)),
        # The on-time rate's misses: as of the end of the period asked for (the report's link), or today.
        "late_unanswered": lambda: late_unanswered(qs, min(received_to, today) if received_to else today),
    }
    return queues[queue]() if queue in queues else qs


def _search(qs: QuerySet[Case], text: str) -> QuerySet[Case]:
    text = text.strip()
    return qs.filter(Q(number__icontains=text) | Q(tracking_code__iexact=text) | Q(subject__icontains=text)
                     | Q(external_ref__icontains=text))


def cases_visible(user, *, q: str = "", queue: str = "", unit=None, answered_from: dt.date | None = None,
                  answered_to: dt.date | None = None, **exact) -> QuerySet[Case]:
    """The staff list: the cases the user may view, narrowed by the list's filters.

    `exact` takes status, channel, source, category, received_from and received_to. Each queue matches one
    count of the overdue board and each date range one count of the report page, so a count can link to
    exactly the cases it counts.
    """
    qs = policy.scope(user, "complaint.view", Case.objects.all()).select_related("unit", "category", "stage")
    fields = {"status": "status", "channel": "channel", "source": "source", "category": "category",
              "received_from": "received_on__gte", "received_to": "received_on__lte"}
    qs = qs.filter(**{fields[name]: value for name, value in exact.items() if value not in (None, "")})
    if unit is not None:
        qs = responsible_in(qs, unit)
    if q:
        qs = _search(qs, q)
    if answered_from:
        qs = qs.filter(answered_at__gte=_day_start(answered_from))
    if answered_to:
        qs = qs.filter(answered_at__lt=_day_start(answered_to + dt.timedelta(days=1)))
    qs = _queue(qs, queue, timezone.localdate(), exact.get("received_to"))
    return qs.prefetch_related("assignments__unit")


def _handler_paths(unit) -> list[str]:
    """Paths over which a complaint officer role makes someone a handler of `unit`: the unit itself and each
    parent below the agency root. A role held at the root is the department-wide desk, which can open every
    case but is not the assigned unit's own staff (it is what assigning *hands the case away from*)."""
    parts = [p for p in unit.path.split("/") if p]
    paths = ["/" + "/".join(parts[:i]) + "/" for i in range(len(parts), 0, -1)]
    return paths if len(paths) == 1 else paths[:-1]


def unit_handlers(unit):
    """Active users who handle complaints for `unit`: the complaint officer role held over a subtree that
    contains it (the unit or a parent, below the agency root). These are the people the policy lets view and
    handle the cases assigned to the unit through its "assigned" key, and the ones told of an assignment."""
    from accounts.models import Role, User

    return User.objects.filter(
        is_active=True, role_assignments__role=Role.COMPLAINT_OFFICER,
        role_assignments__unit__path__in=_handler_paths(unit), role_assignments__unit__is_active=True,
    ).distinct().order_by("id")


def units_without_handlers(units) -> list:
    """Those of `units` where nobody could open an assigned case (see unit_handlers)."""
    return [unit for unit in units if not unit_handlers(unit).exists()]


def handled_unit_ids(units) -> set[int]:
    """Of a list of units, the ids of those with at least one handler, in one query (long choice lists)."""
    from accounts.models import Role, RoleAssignment

    held = set(RoleAssignment.objects.filter(role=Role.COMPLAINT_OFFICER, user__is_active=True,
                                             unit__is_active=True).values_list("unit__path", flat=True))
    return {unit.pk for unit in units if any(path in held for path in _handler_paths(unit))}


def overdue_filter(qs: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    return qs.filter(Q(status=Status.RECEIVED, acknowledge_due__lt=today)
                     | (Q(answer_due__lt=today) & ~Q(status__in=REPLIED)))


@dataclass
class OverdueBoard:
    late_acknowledge: list[Case]
    late_answer: list[Case]
    due_soon: list[Case]
    by_unit: list[tuple[object, int]]  # (unit, late answers), most first


def overdue_board(user, *, soon_days: int = SOON_DAYS) -> OverdueBoard:
    today = timezone.localdate()
    qs = policy.scope(user, "complaint.view", Case.objects.all()).select_related("unit").prefetch_related(
        "assigned_units", "assignments__unit")
    not_replied = qs.exclude(status__in=REPLIED)
    late_ack = list(qs.filter(status=Status.RECEIVED, acknowledge_due__lt=today).order_by("acknowledge_due"))
    late_answer = list(not_replied.filter(answer_due__lt=today).order_by("answer_due"))
    soon_end = today + dt.timedelta(days=soon_days)
    soon = list(not_replied.filter(answer_due__gte=today, answer_due__lte=soon_end).order_by("answer_due"))
    per_unit: Counter = Counter()
    for case in late_answer:
        units = list(case.assigned_units.all()) or [case.unit]
        for unit in units:
            per_unit[unit] += 1
    return OverdueBoard(late_ack, late_answer, soon, per_unit.most_common())


def case_trail(case: Case) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type="complaints.Case",
                                     object_id=str(case.pk)).order_by("at", "id")


# --- statistics ---------------------------------------------------------------------------------------


def _local_date(value: dt.datetime) -> dt.date:
    return value.astimezone(BANGKOK).date()


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Satisfaction:
    responses: int
    average: Decimal | None  # on the 1–5 scale
    percent: Decimal | None  # average as a percentage of the top of the scale
    satisfied_share: Decimal | None  # share of ratings 4 or 5


def satisfaction(*, start: dt.date, end: dt.date, agency=None, channel: str = "") -> Satisfaction:
    """Satisfaction of complainants who rated in [start, end]; what a plan indicator ("ร้อยละความพึงพอใจ")
    reads.

    `percent` is the mean score over 5 × 100, the usual Thai reporting of a five-level scale.
    """
    qs = Rating.objects.filter(rated_at__date__gte=start, rated_at__date__lte=end)
    if agency is not None:
        qs = qs.filter(case__agency=agency)
    if channel:
        qs = qs.filter(case__channel=channel)
    scores = list(qs.values_list("score", flat=True))
    if not scores:
        return Satisfaction(0, None, None, None)
    average = (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Satisfaction(len(scores), average, (average * 20).quantize(Decimal("0.01")),
                        _percent(sum(1 for s in scores if s >= 4), len(scores)))


def satisfaction_percent(*, start: dt.date, end: dt.date, agency=None) -> Decimal | None:
    return satisfaction(start=start, end=end, agency=agency).percent


@dataclass
class PeriodStats:
    start: dt.date
    end: dt.date
    received: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_category: list[tuple[str, str, int]] = field(default_factory=list)
    by_source: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    replied: int = 0
    replied_in_time: int = 0
    # Not answered although the answer deadline had passed by the end of the period (or today, if earlier).
    late_unanswered: int = 0
    # The cases judged for timeliness: replied in the period + late_unanswered (see period_stats).
    in_time_base: int = 0
    in_time_percent: Decimal | None = None
    as_of: dt.date | None = None
    days_to_reply_mean: Decimal | None = None
    days_to_reply_median: Decimal | None = None
    open_now: int = 0
    overdue_now: int = 0
    by_month: list[tuple[str, int, int]] = field(default_factory=list)
    satisfaction: Satisfaction | None = None

    def as_json(self) -> dict:
        data = asdict(self)

        def plain(value):
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [plain(v) for v in value]
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, dt.date):
                return value.isoformat()
            return value

        return plain(data)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


def report_cases(user, agency) -> QuerySet[Case]:
    qs = Case.objects.filter(agency=agency)
    return qs if user is None else policy.scope(user, "complaint.report", qs)


def late_unanswered(qs: QuerySet[Case], as_of: dt.date) -> QuerySet[Case]:
    """Cases whose answer deadline passed before `as_of` without an answer by the end of that day."""
    next_day = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time.min, tzinfo=BANGKOK)
    return qs.filter(answer_due__lt=as_of).filter(Q(answered_at__isnull=True) | Q(answered_at__gte=next_day))


def period_stats(*, agency, start: dt.date, end: dt.date, user=None) -> PeriodStats:
    """Counts for cases received in [start, end] (replies counted when they fall in the period too).

    `user=None` is for system use (published aggregate statistics, the review record); pages pass the user so
    the counts never include cases outside their reach.
    """
    base = report_cases(user, agency)
    received = list(base.filter(received_on__range=(start, end)).select_related("category"))
    stats = PeriodStats(start=start, end=end, received=len(received))
    stats.by_channel = {c.label: sum(1 for x in received if x.channel == c) for c in Channel}
    stats.by_source = {s.label: n for s in Source if (n := sum(1 for x in received if x.source == s))}
    stats.by_status = {s.label: n for s in Status if (n := sum(1 for x in received if x.status == s))}
    categories = Counter((x.channel, x.category.name if x.category_id else "ไม่ระบุประเภท") for x in received)
    stats.by_category = [(Channel(ch).label, name, n) for (ch, name), n in sorted(categories.items())]
    replied = [x
               for x in base.filter(answered_at__isnull=False) if start <= _local_date(x.answered_at) <= end]
    stats.replied = len(replied)
    stats.replied_in_time = sum(1 for x in replied if _local_date(x.answered_at) <= x.answer_due)
    # On time = answered on or before the answer deadline. A case still unanswered after its deadline has
    # already missed it, so it counts against the rate; open cases not yet due are not judged. Counting
    # replies alone showed 100% beside an overdue case.
    today = timezone.localdate()
    stats.as_of = min(end, today)
    stats.late_unanswered = late_unanswered(base, stats.as_of).count()
    stats.in_time_base = stats.replied + stats.late_unanswered
    stats.in_time_percent = _percent(stats.replied_in_time, stats.in_time_base)
    days = [(_local_date(x.answered_at) - x.received_on).days for x in replied]
    if days:
        stats.days_to_reply_mean = Decimal(statistics.mean(days)).quantize(Decimal("0.1"),
                                                                           rounding=ROUND_HALF_UP)
        stats.days_to_reply_median = Decimal(statistics.median(days)).quantize(Decimal("0.1"))
    stats.open_now = base.filter(status__in=OPEN, received_on__lte=end).count()
    stats.overdue_now = overdue_filter(base.filter(received_on__lte=end), today).count()
    for month in _months(start, end):
        month_end = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        label = f"{month_name(month.month, abbr=True)} {be_year(month.year)}"
        stats.by_month.append((label, sum(1 for x in received if month <= x.received_on <= month_end),
                               sum(1 for x in replied if month <= _local_date(x.answered_at) <= month_end)))
    stats.satisfaction = satisfaction(start=start, end=end, agency=agency)
    return stats


def ita_statistics(*, agency, fiscal_year: int, user=None) -> PeriodStats:
    """The annual complaint statistics ITA asks agencies to publish (counts by type, channel, outcome,
    time)."""
    start, end = fiscal_year_bounds(fiscal_year)
    return period_stats(agency=agency, start=start, end=end, user=user)


def report_rows(*, agency, start: dt.date, end: dt.date, user=None) -> list[Case]:
    """Cases for a progress report: received in the period, or still open at its end."""
    qs = report_cases(user, agency).filter(Q(received_on__range=(start, end))
                                           | Q(status__in=OPEN, received_on__lt=start))
    return list(qs.select_related("unit", "category").prefetch_related("assigned_units")
                .order_by("received_on", "number"))


def configuration_snapshot(agency) -> dict:
    """The configuration in force, as the yearly review records it and the manual publishes it."""
    standards = ServiceStandard.objects.filter(agency=agency).select_related("receiving_unit")
    return {
        "standards": [{"channel": s.get_channel_display(), "receiving_unit": s.receiving_unit.name,
                       "acknowledge_days": s.acknowledge_days, "answer": s.answer_text,
                       "close_after_days": s.close_after_days, "effective_from": s.effective_from.isoformat(),
                       "effective_to": s.effective_to.isoformat() if s.effective_to else None,
                       "legal_basis": s.legal_basis, "verified": s.verified} for s in standards],
        "categories": [f"{c.get_channel_display()}: {c.name}" for c in active_categories(agency=agency)],
        "stages": [s.name for s in active_stages(agency)],
        "holiday_overrides": HolidayOverride.objects.count(),
    }


def holiday_overrides(start: dt.date, end: dt.date) -> dict[dt.date, tuple[bool, str]]:
    """The override table as core.workdays reads it (registered in ComplaintsConfig.ready)."""
    return {o.date: (o.is_day_off, o.name) for o in HolidayOverride.objects.filter(date__range=(start, end))}


def review_records(agency, fiscal_year: int) -> QuerySet[ReviewRecord]:
    """The recorded yearly reviews of the complaint system for an agency (one per fiscal year)."""
    return ReviewRecord.objects.filter(agency=agency, fiscal_year=fiscal_year).order_by("reviewed_on")


def case_reference(case_id: int) -> tuple[str, str] | None:
    """(tracking code, channel) of a case, for a register that takes the case up (integrity's discipline
    cases): the code and nothing else, so nothing that identifies the complainant can travel with it."""
    return Case.objects.filter(pk=case_id).values_list("tracking_code", "channel").first()


def issued_reports(agency, fiscal_year: int, kind: str | None = None):
    """The monthly/quarterly reports recorded as sent for an agency's fiscal year, with their files."""
    from complaints.models import ReportIssue

    qs = ReportIssue.objects.filter(agency=agency, fiscal_year=fiscal_year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.prefetch_related("files").order_by("kind", "period_start")


def recent_issued_reports(agency, limit: int = 24):
    """The latest reports recorded as sent, newest period first (for the report page)."""
    from complaints.models import ReportIssue

    return ReportIssue.objects.filter(agency=agency).prefetch_related("files") \
        .order_by("-period_start", "kind")[:limit]
