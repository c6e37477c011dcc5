"""The life of a case, as guarded transitions. Each one locks the case, checks who acts and from which status,
changes it, writes what the complainant may read, and records the audit entry.

received → acknowledged → assigned (one lead unit, co-owners possible) → in progress (configurable stages)
→ answered → closed (after a rating, by staff, or when the rating period runs out). Answered or closed cases
can be reopened. Before work starts a case can instead be forwarded to another agency, rejected, marked as a
duplicate or as outside the agency's responsibility — always with a reason the complainant can read.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from complaints import files as evidence
from complaints.models import DISMISSALS, Attachment, Case, Message, ProgressStage, Rating, Status
from complaints.selectors import units_without_handlers
from complaints.services import notify
from complaints.services.common import (
    guard,
    lock,
    need_reason,
    record,
    require,
    require_any,
    say,
    state,
    triage_action,
)
from complaints.services.intake import attach_files, deadlines
from complaints.services.timers import timers_schedule_close, timers_schedule_reopen
from core.errors import ApplicationError

BEFORE_WORK = {Status.RECEIVED, Status.ACKNOWLEDGED, Status.ASSIGNED}
WORKING = {Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED}


def _acknowledge(case: Case, actor, note: str = "") -> None:
    old = state(case)
    case.status = Status.ACKNOWLEDGED
    case.acknowledged_at = timezone.now()
    case.save(update_fields=["status", "acknowledged_at"])
    # The standard text names no date: the deadline is shown beside it and may move if the case is reopened.
    say(case, Message.Kind.PROGRESS,
        note or "หน่วยงานได้รับเรื่องของท่านแล้ว และจะแจ้งผลภายในกำหนดตามมาตรฐานการให้บริการ", actor=actor)
    record(actor=actor, action="complaint.acknowledge", case=case, old=old, new=state(case))
    notify.complainant(case, "acknowledged")


@transaction.atomic
def case_acknowledge(*, actor, case: Case, note: str = "") -> Case:
    case = lock(case)
    require(actor, triage_action(case), case)
    guard(case, {Status.RECEIVED}, "ตอบรับ")
    _acknowledge(case, actor, note.strip())
    return case


@transaction.atomic
def case_assign(*, actor, case: Case, lead, co_owners=(), note: str = "") -> Case:
    """Give the case to a lead unit (and co-owning units). Reassigning an open case replaces the owners.

    The assigned units' complaint handlers (selectors.unit_handlers) are told and may then view and handle
    this case, and only the cases assigned to them. A unit with no such handler is still assigned — the work
    may be done there on paper, and the assigning desk keeps the case within its own reach — but the audit
    note says so and the page warns the assigner (`units_without_handlers`).
    """
    case = lock(case)
    require(actor, triage_action(case), case)
    guard(case, {Status.RECEIVED, Status.ACKNOWLEDGED, Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED},
          "มอบหมาย")
    units = [lead, *[u for u in co_owners if u.pk != lead.pk]]
    for unit in units:
        if not unit.path.startswith(case.agency.path):
            raise ApplicationError("มอบหมายได้เฉพาะหน่วยงานในส่วนราชการเดียวกัน", field="lead")
    if case.status == Status.RECEIVED:
        _acknowledge(case, actor)
    old = state(case)
    before = set(case.assigned_units.values_list("pk", flat=True))
    case.assignments.all().delete()
    for unit in units:
        case.assignments.create(unit=unit, is_lead=unit.pk == lead.pk)
    if case.status == Status.ACKNOWLEDGED:
        case.status = Status.ASSIGNED
        case.save(update_fields=["status"])
        say(case, Message.Kind.PROGRESS, "ส่งเรื่องให้หน่วยงานที่รับผิดชอบพิจารณาดำเนินการแล้ว", actor=actor)
    note = note.strip()
    missing = units_without_handlers(units)
    if missing:
        # Kept in the trail: the assignment stands (the unit may work on paper), but nobody there can open it.
        warning = "หน่วยงานที่ยังไม่มีเจ้าหน้าที่จัดการเรื่องร้องเรียนในระบบ: " + ", ".join(u.name for u in missing)
        note = f"{note} ({warning})" if note else warning
    record(actor=actor, action="complaint.assign", case=case, old=old, new=state(case), note=note)
    notify.case_assigned(case, [u for u in units if u.pk not in before], actor=actor)
    return case


@transaction.atomic
def case_forward(*, actor, case: Case, agency_name: str, reason: str) -> Case:
    case = lock(case)
    require(actor, triage_action(case), case)
    guard(case, BEFORE_WORK, "ส่งต่อ")
    agency_name = need_reason(agency_name, "หน่วยงานที่ส่งต่อ", 3)
    reason = need_reason(reason)
    old = state(case)
    now = timezone.now()
    case.status, case.forwarded_to, case.outcome_reason = Status.FORWARDED, agency_name, reason
    case.acknowledged_at = case.acknowledged_at or now
    case.answered_at = case.closed_at = now
    case.save()
    say(case, Message.Kind.OUTCOME, f"ส่งเรื่องของท่านไปยัง {agency_name} ซึ่งเป็นหน่วยงานที่มีอำนาจหน้าที่ "
                                    f"เหตุผล: {reason}", actor=actor)
    record(actor=actor, action="complaint.forward", case=case, old=old, new=state(case))
    notify.complainant(case, "outcome")
    return case


@transaction.atomic
def case_dismiss(*, actor, case: Case, outcome: str, reason: str, duplicate_of: Case | None = None) -> Case:
    """Reject, mark as duplicate or as not the agency's responsibility; the reason is shown to the
    complainant."""
    case = lock(case)
    require(actor, triage_action(case), case)
    guard(case, BEFORE_WORK, "ยุติเรื่อง")
    if outcome not in DISMISSALS:
        raise ApplicationError("ผลการพิจารณาไม่ถูกต้อง", field="outcome")
    reason = need_reason(reason)
    same_agency = (duplicate_of is not None and duplicate_of.pk != case.pk
                   and duplicate_of.agency_id == case.agency_id)
    if outcome == Status.DUPLICATE and not same_agency:
        raise ApplicationError("กรุณาระบุเลขที่เรื่องเดิมที่ซ้ำกัน", field="duplicate_of")
    old = state(case)
    now = timezone.now()
    case.status, case.outcome_reason = outcome, reason
    case.duplicate_of = duplicate_of if outcome == Status.DUPLICATE else None
    case.acknowledged_at = case.acknowledged_at or now
    case.answered_at = case.closed_at = now
    case.save()
    say(case, Message.Kind.OUTCOME, f"{Status(outcome).label}: {reason}", actor=actor)
    record(actor=actor, action="complaint.dismiss", case=case, old=old, new=state(case))
    notify.complainant(case, "outcome")
    return case


@transaction.atomic
def case_progress(*, actor, case: Case, stage: ProgressStage | None, note: str, public: bool = False,
                  files=()) -> Case:
    """Record progress. The note stays internal unless `public` is passed: telling the complainant is a
    deliberate act, never a default."""
    case = lock(case)
    require(actor, "complaint.handle", case)
    guard(case, WORKING, "บันทึกความคืบหน้า")
    note = need_reason(note, "ความคืบหน้า")
    if stage is not None and stage.agency_id != case.agency_id:
        raise ApplicationError("ขั้นตอนนี้เป็นของส่วนราชการอื่น", field="stage")
    if stage is not None and not stage.is_active:
        raise ApplicationError("ขั้นตอนนี้ยกเลิกการใช้งานแล้ว", field="stage")
    old = state(case)
    case.status, case.stage = Status.IN_PROGRESS, stage
    case.save(update_fields=["status", "stage"])
    message = say(case, Message.Kind.PROGRESS if public else Message.Kind.NOTE, note, actor=actor,
                  stage=stage)
    attach_files(case=case, incoming=list(files), kind=Attachment.Kind.INTERNAL, actor=actor, message=message)
    record(actor=actor, action="complaint.progress", case=case, old=old, new=state(case),
           note="แจ้งผู้ร้องทราบ" if public else "บันทึกภายใน")
    return case


@transaction.atomic
def case_note(*, actor, case: Case, text: str) -> Message:
    case = lock(case)
    if not case.is_open:
        raise ApplicationError("เรื่องนี้ปิดแล้ว")
    require_any(actor, ["complaint.handle", triage_action(case)], case)
    message = say(case, Message.Kind.NOTE, need_reason(text, "ข้อความ", 2), actor=actor)
    record(actor=actor, action="complaint.note", case=case, note="เพิ่มบันทึกภายใน")
    return message


@transaction.atomic
def case_answer(*, actor, case: Case, reply: str, files=()) -> Case:
    """Tell the complainant the result, with evidence of the resolution kept on the case."""
    case = lock(case)
    require(actor, "complaint.handle", case)
    guard(case, WORKING, "แจ้งผล")
    reply = need_reason(reply, "คำตอบแก่ผู้ร้อง", 10)
    old = state(case)
    case.status, case.answered_at = Status.ANSWERED, timezone.now()
    case.save(update_fields=["status", "answered_at"])
    message = say(case, Message.Kind.REPLY, reply, actor=actor)
    timers_schedule_close(case)
    record(actor=actor, action="complaint.answer", case=case, old=old, new=state(case),
           note=f"แจ้งผลพร้อมหลักฐาน {len(files)} ไฟล์" if files else "แจ้งผลแก่ผู้ร้อง")
    notify.complainant(case, "answered")
    attach_files(case=case, incoming=list(files), kind=Attachment.Kind.RESOLUTION, actor=actor,
                 message=message)
    return case


def _close(case: Case, *, actor, note: str, timeout: bool = False) -> None:
    old = state(case)
    case.status, case.closed_at, case.closed_by_timeout = Status.CLOSED, timezone.now(), timeout
    case.save(update_fields=["status", "closed_at", "closed_by_timeout"])
    record(actor=actor, action="complaint.close", case=case, old=old, new=state(case), note=note)


@transaction.atomic
def case_rate(*, case: Case, score: int, comment: str = "", actor=None) -> Rating:
    """The complainant's rating closes an answered case. Staff may record a rating given by phone or
    letter."""
    case = lock(case)
    via = Rating.Via.CITIZEN
    if actor is not None:
        require(actor, triage_action(case), case)
        via = Rating.Via.STAFF
    guard(case, {Status.ANSWERED}, "ประเมินความพึงพอใจ")
    if score not in dict(Rating.SCALE):
        raise ApplicationError("กรุณาเลือกระดับความพึงพอใจ ๑ ถึง ๕", field="score")
    rating = Rating.objects.create(case=case, cycle=case.cycle, score=score, comment=comment.strip()[:2000],
                                   via=via)
    actor = actor or AnonymousUser()
    record(actor=actor, action="complaint.rate", case=case, new={"score": score}, note=Rating.Via(via).label)
    _close(case, actor=actor, note="ปิดเรื่องหลังประเมินความพึงพอใจ")
    return rating


@transaction.atomic
def case_close(*, actor, case: Case, reason: str) -> Case:
    case = lock(case)
    require(actor, triage_action(case), case)
    guard(case, {Status.ANSWERED}, "ปิดเรื่อง")
    _close(case, actor=actor, note=need_reason(reason))
    return case


def close_by_timeout(*, case: Case, now: dt.datetime) -> None:
    """Called by the auto-close timer inside its transaction, with the case already locked."""
    _close(case, actor=None, timeout=True,
           note=f"ผู้ร้องไม่ได้ประเมินความพึงพอใจภายใน {case.standard.close_after_days} วันหลังแจ้งผล")


@transaction.atomic
def case_reopen(*, actor, case: Case, reason: str) -> Case:
    """Work on an answered or closed case again, with a new answer deadline counted from today."""
    case = lock(case)
    require(actor, triage_action(case), case)
    guard(case, {Status.ANSWERED, Status.CLOSED}, "เปิดเรื่องอีกครั้ง")
    reason = need_reason(reason)
    old = state(case)
    _, answer_due = deadlines(case.standard, timezone.localdate())
    case.status, case.cycle, case.answer_due = Status.REOPENED, case.cycle + 1, answer_due
    case.answered_at = case.closed_at = None
    case.closed_by_timeout = False
    case.save()
    say(case, Message.Kind.PROGRESS, f"เปิดเรื่องเพื่อพิจารณาอีกครั้ง: {reason}", actor=actor)
    timers_schedule_reopen(case)
    record(actor=actor, action="complaint.reopen", case=case, old=old, new=state(case), note=reason)
    return case


@transaction.atomic
def file_download(*, actor, case: Case, attachment: Attachment) -> tuple[str, bytes]:
    require(actor, "complaint.view", case)
    if attachment.case_id != case.pk:
        raise ApplicationError("ไฟล์ไม่อยู่ในเรื่องนี้")
    name, data = evidence.open_attachment(attachment)
    record(actor=actor, action="complaint.file_download", case=case,
           note=f"{attachment.get_kind_display()} #{attachment.pk} SHA-256 {attachment.sha256[:12]}…")
    return name, data
