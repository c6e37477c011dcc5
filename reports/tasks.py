"""Background work of the reporting loop. Each task loads by id and calls the code that does the work, and
is safe to run twice."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import default_task_backend, task

from core.thai import BANGKOK
from reports.reminders import reminder_dates

REMINDER_HOUR = 8


@task()
def send_report_notice(report_id: int, event: str, actor_id: int | None, note: str = "") -> int:
    from reports.notifications import deliver_report_notice

    return deliver_report_notice(report_id=report_id, event=event, actor_id=actor_id, note=note)


@task()
def send_round_opened(round_id: int) -> int:
    from reports.notifications import deliver_round_opened

    return deliver_round_opened(round_id=round_id)


@task()
def send_due_reminders(round_id: int | None = None) -> int:
    from reports.reminders import run_reminders

    return run_reminders(round_id=round_id)


@task()
def check_evidence_link(link_id: int) -> str:
    from reports.evidence_models import EvidenceLink
    from reports.services import link_check

    link = EvidenceLink.objects.filter(pk=link_id, removed_at__isnull=True).first()
    return link_check(link=link).status if link else "gone"


def schedule_reminders(round_) -> int:
    """Queue the reminder runs of a round at 08:00 on each reminder date still ahead. Backends that cannot
    delay a task (the immediate one used in tests) get nothing queued; `prongsai reports_reminders` run daily
    does the same job."""
    if not getattr(default_task_backend, "supports_defer", False):
        return 0
    now = timezone.now()
    queued = 0
    for day in reminder_dates(round_.due_on):
        at = datetime.datetime.combine(day, datetime.time(REMINDER_HOUR), tzinfo=BANGKOK)
        if at > now:
            send_due_reminders.using(run_after=at).enqueue(round_.pk)
            queued += 1
    return queued
