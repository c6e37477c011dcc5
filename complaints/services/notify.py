"""E-mail to staff and complainants, queued on commit through the task worker.

Messages name the case by number and link to it; they never carry the complainant's identity, the subject or
the details of a case, because mail passes through servers and inboxes the system does not control. Task
arguments are stored in the database, so they carry ids only: a complainant's address is decrypted inside the
task, at the moment of sending.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from accounts.models import Role, RoleAssignment, User
from complaints.models import Case, Channel
from core.thai import format_be

PREFIX = "[โปร่งใส]"


def _ancestor_paths(unit) -> list[str]:
    """The unit's own path first, then each parent's, up to the agency."""
    parts = [p for p in unit.path.split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(len(parts), 0, -1)]


def holders(role: str, units) -> list[int]:
    """For each unit, the active users holding `role` closest to it: over the unit itself if anyone does,
    else over its nearest parent. A department-wide desk hears of a provincial case only when the province
    has nobody in that role."""
    found: set[int] = set()
    for unit in units:
        paths = _ancestor_paths(unit)
        rows = RoleAssignment.objects.filter(role=role, unit__path__in=paths, user__is_active=True).exclude(
            user__email="").values_list("user_id", "unit__path")
        by_path: dict[str, set[int]] = {}
        for user_id, path in rows:
            by_path.setdefault(path, set()).add(user_id)
        nearest = next((path for path in paths if path in by_path), None)
        if nearest:
            found |= by_path[nearest]
    return sorted(found)


def triage_desk(case: Case) -> list[int]:
    role = Role.IDENTITY_CUSTODIAN if case.channel == Channel.CORRUPTION else Role.COMPLAINT_OFFICER
    return holders(role, [case.unit])


def handlers(case: Case) -> list[int]:
    return holders(Role.COMPLAINT_OFFICER, list(case.assigned_units.all()) or [case.unit])


def case_link(case: Case) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("complaints:detail", args=[case.pk])


def _send_staff(user_ids: list[int], subject: str, lines: list[str]) -> None:
    if not user_ids:
        return
    from complaints.tasks import send_staff_mail

    body = "\n".join(lines)
    ids = list(user_ids)
    transaction.on_commit(lambda: send_staff_mail.enqueue(ids, f"{PREFIX} {subject}", body))


def _footer(case: Case) -> list[str]:
    return ["", f"เปิดดูเรื่อง: {case_link(case)}",
            "ข้อความนี้ไม่มีรายละเอียดของเรื่องและข้อมูลผู้ร้อง เพื่อคุ้มครองผู้ร้องเรียน กรุณาเข้าสู่ระบบเพื่อดำเนินการ"]


def case_received(case: Case) -> None:
    _send_staff(triage_desk(case), f"เรื่องใหม่เลขที่ {case.number}", [
        f"มีเรื่อง{case.get_channel_display()} เลขที่ {case.number} เข้าสู่ระบบ",
        f"กรุณาตอบรับเรื่องภายในวันที่ {format_be(case.acknowledge_due)}",
        f"กำหนดแจ้งผลแก่ผู้ร้อง: {format_be(case.answer_due)}",
        *_footer(case)])


def _with_email(users) -> list[int]:
    return list(users.exclude(email="").values_list("pk", flat=True))


def case_assigned(case: Case, new_units, *, actor=None) -> None:
    """Tell each newly assigned unit's own complaint handlers (selectors.unit_handlers), never the one who
    assigned it. Where a unit has nobody in that role, the department-wide desk (the role at the agency root)
    hears of it in plain words instead of a notice that claims the unit was told; the assigner is warned on
    screen (views.staff)."""
    from complaints.selectors import unit_handlers

    skip = {actor.pk} if getattr(actor, "pk", None) else set()
    recipients: set[int] = set()
    orphaned = []
    for unit in new_units:
        handlers_there = unit_handlers(unit)
        if handlers_there.exists():
            recipients |= set(_with_email(handlers_there))
        else:
            orphaned.append(unit)
    _send_staff(sorted(recipients - skip), f"มอบหมายเรื่องเลขที่ {case.number}", [
        f"เรื่องเลขที่ {case.number} ได้รับมอบหมายให้หน่วยงานของท่านดำเนินการ",
        f"กำหนดแจ้งผลแก่ผู้ร้อง: {format_be(case.answer_due)}",
        *_footer(case)])
    if orphaned:
        names = ", ".join(u.name for u in orphaned)
        desk = set(holders(Role.COMPLAINT_OFFICER, [case.agency])) - skip
        _send_staff(sorted(desk), f"เรื่องเลขที่ {case.number} มอบหมายให้หน่วยงานที่ยังไม่มีผู้รับเรื่อง", [
            f"เรื่องเลขที่ {case.number} ได้รับมอบหมายให้ {names}",
            "แต่หน่วยงานนี้ยังไม่มีผู้ได้รับบทบาทเจ้าหน้าที่จัดการเรื่องร้องเรียน จึงไม่มีผู้ใดในหน่วยงานได้รับแจ้งหรือเปิดเรื่องได้",
            "กรุณาประสานหน่วยงานโดยตรง หรือขอให้ผู้ดูแลระบบกำหนดบทบาทให้เจ้าหน้าที่ของหน่วยงาน",
            f"กำหนดแจ้งผลแก่ผู้ร้อง: {format_be(case.answer_due)}",
            *_footer(case)])


def citizen_added_info(case: Case) -> None:
    _send_staff(handlers(case), f"ผู้ร้องส่งข้อมูลเพิ่มเติม เรื่องเลขที่ {case.number}", [
        f"ผู้ร้องส่งข้อมูลเพิ่มเติมสำหรับเรื่องเลขที่ {case.number}", *_footer(case)])


def deadline(case: Case, *, escalate: bool, what: str, due: dt.date) -> None:
    units = list(case.assigned_units.all()) or [case.unit]
    recipients = set(handlers(case)) | set(triage_desk(case))
    if escalate:
        recipients |= set(holders(Role.UNIT_HEAD, units))
        subject = f"เกินกำหนด{what} เรื่องเลขที่ {case.number}"
        first = f"เรื่องเลขที่ {case.number} เกินกำหนด{what} ซึ่งครบกำหนดวันที่ {format_be(due)}"
    else:
        subject = f"ใกล้ครบกำหนด{what} เรื่องเลขที่ {case.number}"
        first = f"เรื่องเลขที่ {case.number} ครบกำหนด{what}วันที่ {format_be(due)}"
    _send_staff(sorted(recipients), subject,
                [first, f"สถานะปัจจุบัน: {case.get_status_display()}", *_footer(case)])


def complainant(case: Case, event: str) -> None:
    """Tell a service-channel complainant who left an e-mail address that there is news (without the news).

    Confidential reporters are not written to: a message in a shared or work inbox could expose them. They
    follow their case with the tracking code and secret.
    """
    if case.channel != Channel.SERVICE or not case.has_identity:
        return
    from complaints.tasks import send_complainant_mail

    case_id = case.pk
    transaction.on_commit(lambda: send_complainant_mail.enqueue(case_id, event))


COMPLAINANT_EVENTS = {
    "acknowledged": "หน่วยงานได้รับและตอบรับเรื่องของท่านแล้ว",
    "answered": "หน่วยงานได้แจ้งผลการพิจารณาเรื่องของท่านแล้ว",
    "outcome": "หน่วยงานได้แจ้งผลการพิจารณาเบื้องต้นเรื่องของท่านแล้ว",
}


def complainant_message(case: Case, event: str) -> tuple[str, str]:
    track = settings.SITE_URL.rstrip("/") + reverse("complaints:public_track")
    subject = f"{PREFIX} ความคืบหน้าเรื่องร้องเรียน รหัสติดตาม {case.tracking_code}"
    body = "\n".join([
        COMPLAINANT_EVENTS.get(event, "มีความคืบหน้าเรื่องร้องเรียนของท่าน"),
        f"อ่านรายละเอียดได้ที่ {track} โดยใช้รหัสติดตาม {case.tracking_code} และรหัสลับที่ได้รับเมื่อยื่นเรื่อง",
        "อีเมลนี้ส่งจากระบบอัตโนมัติ กรุณาอย่าตอบกลับ"])
    return subject, body


def emails_of(user_ids: list[int]) -> list[str]:
    return list(User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="").values_list(
        "email", flat=True))
