"""Due-date reminders: 7 days and 1 day before, on the day, and an overdue escalation to the unit head.

Exactly once per report and kind: a `ReminderLog` row is inserted (unique per report and kind) and committed
before the e-mail goes out, so a second run, or a worker restarted halfway, finds the claim and sends
nothing. A claim whose e-mail was never confirmed sent (the worker died between claiming and sending) is
taken over by a later run only after `LEASE`, so a slow run is never doubled. One e-mail per unit lists all
of its reports of the round that still need sending; the Message-ID is fixed per unit, round and kind.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from reports import notifications, selectors
from reports.models import ReminderLog, Report, Round

LEASE = datetime.timedelta(minutes=30)
ESCALATION_DAYS = 30
K = ReminderLog.Kind


def reminder_kind(today: datetime.date, due: datetime.date) -> str | None:
    """The one reminder that applies today; a missed earlier one is not sent late once a later one applies."""
    days = (due - today).days
    if 2 <= days <= 7:
        return K.WEEK_BEFORE
    if days == 1:
        return K.DAY_BEFORE
    if days == 0:
        return K.DUE_DAY
    if -ESCALATION_DAYS <= days < 0:
        return K.OVERDUE
    return None


def reminder_dates(due: datetime.date) -> list[datetime.date]:
    return [
        due - datetime.timedelta(days=7),
        due - datetime.timedelta(days=1),
        due,
        due + datetime.timedelta(days=1),
    ]


def _claim(report: Report, kind: str, now) -> ReminderLog | None:
    try:
        with transaction.atomic():
            return ReminderLog.objects.create(report=report, kind=kind, claimed_at=now)
    except IntegrityError:
        pass
    taken = ReminderLog.objects.filter(
        report=report, kind=kind, sent_at__isnull=True, claimed_at__lt=now - LEASE
    ).update(claimed_at=now)
    return ReminderLog.objects.get(report=report, kind=kind) if taken else None


def _domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "prongsai.local"


def _send_unit(round_: Round, unit, reports: list[Report], kind: str) -> int:
    now = timezone.now()
    claims = [(r, log) for r in reports if (log := _claim(r, kind, now)) is not None]
    if not claims:
        return 0
    claimed = [r for r, _ in claims]
    if kind == K.OVERDUE:
        to_users = selectors.heads_of(unit) or selectors.users_with_role_over([unit], [Role.REPORTER])
        cc_users = selectors.users_with_role_over([unit], [Role.REPORTER])
    else:
        to_users = selectors.users_with_role_over([unit], [Role.REPORTER]) or selectors.heads_of(unit)
        cc_users = []
    to = sorted({u.email for u in to_users if u.email})
    cc = sorted({u.email for u in cc_users if u.email} - set(to))
    log_ids = [log.pk for _, log in claims]
    if not to:
        # Nobody to tell: record it, so the run does not try again every time.
        ReminderLog.objects.filter(pk__in=log_ids).update(sent_at=now, recipients="(ไม่มีผู้รับที่มีอีเมล)")
        return 0
    message = notifications.reminder_message(
        round_=round_,
        unit=unit,
        reports=claimed,
        kind=kind,
        to=to,
        cc=cc,
        message_id=f"<reminder.{round_.pk}.{unit.pk}.{kind}@{_domain()}>",
    )
    try:
        notifications.send_reminder(message)
    except Exception:
        # Not sent: release the claims so the next run tries again.
        ReminderLog.objects.filter(pk__in=log_ids, sent_at__isnull=True).delete()
        raise
    ReminderLog.objects.filter(pk__in=log_ids).update(sent_at=timezone.now(), recipients=", ".join(to + cc))
    return 1


def run_reminders(*, today: datetime.date | None = None, round_id: int | None = None) -> int:
    """Send what is due today for every open round (or one round); returns the number of e-mails sent."""
    today = today or timezone.localdate()
    rounds = Round.objects.filter(status=Round.Status.OPEN).select_related("plan")
    if round_id is not None:
        rounds = rounds.filter(pk=round_id)
    sent = 0
    for round_ in rounds:
        kind = reminder_kind(today, round_.due_on)
        if kind is None:
            continue
        pending = (
            Report.objects.filter(round=round_, status__in=Report.EDITABLE)
            .exclude(pk__in=ReminderLog.objects.filter(kind=kind, sent_at__isnull=False).values("report_id"))
            .select_related("unit", "activity")
            .order_by("unit__path", "activity__sort_order")
        )
        by_unit = defaultdict(list)
        for report in pending:
            by_unit[report.unit].append(report)
        for unit, reports in by_unit.items():
            sent += _send_unit(round_, unit, reports, kind)
    return sent
