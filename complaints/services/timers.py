"""Deadline timers: reminders before a due date, escalation after it, closing after the rating period.

Each timer is a row, created when the deadline becomes known. Firing claims the row with a conditional update
(fired_at IS NULL), so a timer acts exactly once however many workers or sweeps reach it; the action itself
re-reads the case and does nothing when the case has moved on. With a task backend that can defer, each timer
is also queued to run at its due time; `timers_fire_due` (the `complaints_timers` command) is the sweep that
catches anything a stopped worker missed.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from complaints.models import REPLIED, Case, Status, Timer
from complaints.services import notify
from complaints.services.common import record
from core.thai import BANGKOK, format_be
from core.workdays import WorkCalendar

# Reminders and escalations go out at the start of the working day.
FIRE_TIME = dt.time(8, 30)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, FIRE_TIME, tzinfo=BANGKOK)


def _schedule(case: Case, kind: str, due_at: dt.datetime) -> Timer | None:
    timer, created = Timer.objects.get_or_create(case=case, kind=kind, cycle=case.cycle,
                                                 defaults={"due_at": due_at})
    if not created:
        return None
    transaction.on_commit(lambda: _enqueue(timer.pk, due_at))
    return timer


def _enqueue(timer_id: int, due_at: dt.datetime) -> None:
    from django_tasks import default_task_backend

    from complaints.tasks import timer_fire

    if default_task_backend.supports_defer:
        timer_fire.using(run_after=due_at).enqueue(timer_id)


def timers_schedule_intake(case: Case) -> None:
    calendar = WorkCalendar.around(case.received_on, days_ahead=90)
    _schedule(case, Timer.Kind.ACK_REMIND, _at(case.acknowledge_due))
    _schedule(case, Timer.Kind.ACK_ESCALATE, _at(case.acknowledge_due + dt.timedelta(days=1)))
    _schedule_answer(case, calendar)


def _schedule_answer(case: Case, calendar: WorkCalendar) -> None:
    remind_on = calendar.subtract_working_days(case.answer_due, case.standard.remind_before_days)
    _schedule(case, Timer.Kind.ANSWER_REMIND, _at(max(remind_on, timezone.localdate())))
    _schedule(case, Timer.Kind.ANSWER_ESCALATE, _at(case.answer_due + dt.timedelta(days=1)))


def timers_schedule_reopen(case: Case) -> None:
    _schedule_answer(case, WorkCalendar.around(timezone.localdate(), days_ahead=90))


def timers_schedule_close(case: Case) -> None:
    _schedule(case, Timer.Kind.AUTO_CLOSE,
              case.answered_at + dt.timedelta(days=case.standard.close_after_days))


def timer_fire(*, timer_id: int, now: dt.datetime | None = None) -> str:
    """Run one timer if it is due and nobody has run it yet; returns what happened."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Timer.objects.filter(pk=timer_id, fired_at__isnull=True,
                                       due_at__lte=now).update(fired_at=now)
        if not claimed:
            return "skipped"
        timer = Timer.objects.select_related("case").get(pk=timer_id)
        case = Case.objects.select_for_update().select_related("standard", "unit").get(pk=timer.case_id)
        result = _act(timer, case, now)
        Timer.objects.filter(pk=timer_id).update(result=result)
    return result


def timers_fire_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    counts: dict[str, int] = {}
    for timer_id in Timer.objects.filter(fired_at__isnull=True, due_at__lte=now).values_list("pk", flat=True):
        result = timer_fire(timer_id=timer_id, now=now)
        counts[result] = counts.get(result, 0) + 1
    return counts


def _act(timer: Timer, case: Case, now: dt.datetime) -> str:
    stale = timer.cycle != case.cycle
    kind = timer.kind
    if kind in (Timer.Kind.ACK_REMIND, Timer.Kind.ACK_ESCALATE):
        if stale or case.status != Status.RECEIVED:
            return "not_needed"
        if kind == Timer.Kind.ACK_REMIND:
            notify.deadline(case, escalate=False, what="ตอบรับเรื่อง", due=case.acknowledge_due)
            record(actor=None, action="complaint.remind", case=case, note="ครบกำหนดตอบรับเรื่องวันนี้")
            return "reminded"
        return _escalate(case, now, what="ตอบรับเรื่อง", due=case.acknowledge_due)
    if kind in (Timer.Kind.ANSWER_REMIND, Timer.Kind.ANSWER_ESCALATE):
        if stale or case.status in REPLIED:
            return "not_needed"
        if kind == Timer.Kind.ANSWER_REMIND:
            notify.deadline(case, escalate=False, what="แจ้งผล", due=case.answer_due)
            record(actor=None, action="complaint.remind", case=case, note="ใกล้ครบกำหนดแจ้งผลแก่ผู้ร้อง")
            return "reminded"
        return _escalate(case, now, what="แจ้งผล", due=case.answer_due)
    if kind == Timer.Kind.AUTO_CLOSE:
        if stale or case.status != Status.ANSWERED:
            return "not_needed"
        from complaints.services.lifecycle import close_by_timeout

        close_by_timeout(case=case, now=now)
        return "closed"
    return "unknown"


def _escalate(case: Case, now: dt.datetime, *, what: str, due: dt.date) -> str:
    case.escalated_at = now
    case.save(update_fields=["escalated_at"])
    notify.deadline(case, escalate=True, what=what, due=due)
    record(actor=None, action="complaint.escalate", case=case,
           note=f"เกินกำหนด{what} (ภายในวันที่ {format_be(due, 'abbr')}) แจ้งผู้บังคับบัญชาของหน่วยงาน")
    return "escalated"
