"""E-mail about the identity custodian role: every proposal, confirmation, refusal and revocation is told to
each custodian and each system administrator held at the agency root, so that nobody can become custodian
quietly. Messages name people and units only; queued on commit, one message per person."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from accounts.models import Role, RoleAssignment, RoleProposal, User

PREFIX = "[โปร่งใส]"
FOOTER = ("หากท่านไม่ได้คาดว่าจะมีการแต่งตั้งนี้ กรุณาตรวจสอบในระบบและแจ้งผู้บริหารโดยเร็ว "
          "อีเมลฉบับนี้ส่งจากระบบโปร่งใสโดยอัตโนมัติ กรุณาอย่าตอบกลับ")


def _name(user: User | None) -> str:
    if user is None:
        return "ระบบ"
    return user.get_full_name() or user.username


def watchers(unit) -> list[int]:
    """Every active custodian of the unit's agency (at any level) and every system administrator at its
    root."""
    agency = "/" + unit.path.strip("/").split("/")[0] + "/"
    return sorted(set(RoleAssignment.objects.filter(
        Q(role=Role.IDENTITY_CUSTODIAN, unit__path__startswith=agency)
        | Q(role=Role.SYSADMIN, unit__path=agency), user__is_active=True,
    ).exclude(user__email="").values_list("user_id", flat=True)))


def _send(unit, subject: str, lines: list[str], *, also: list[int] = ()) -> None:
    ids = sorted(set(watchers(unit)) | set(also))
    if not ids:
        return
    from accounts.tasks import send_custodian_notice

    body = "\n".join([*lines, "",
                      f"รายการที่รอยืนยัน: {settings.SITE_URL.rstrip('/')}{reverse('accounts:proposals')}",
                      "", FOOTER])
    transaction.on_commit(lambda: send_custodian_notice.enqueue(ids, f"{PREFIX} {subject}", body))


def _describe(proposal: RoleProposal) -> list[str]:
    return [f"ผู้ได้รับการเสนอ: {_name(proposal.user)} ({proposal.user.username})",
            f"บทบาท: {proposal.get_role_display()} ขอบเขต {proposal.unit.name}",
            f"ผู้เสนอ: {_name(proposal.proposed_by)}",
            f"เหตุผล: {proposal.reason}"]


def proposed(proposal: RoleProposal) -> None:
    _send(proposal.unit, f"เสนอแต่งตั้ง{proposal.get_role_display()}: {_name(proposal.user)}", [
        "มีการเสนอแต่งตั้งผู้รักษาข้อมูลผู้ร้องเรียน ซึ่งเปิดดูชื่อและที่อยู่ของผู้แจ้งเบาะแสได้",
        "บทบาทจะมีผลเมื่อผู้ดูแลระบบอีกคนหรือผู้รักษาข้อมูลผู้ร้องเรียนยืนยัน (ผู้เสนอและผู้ได้รับการเสนอยืนยันเองไม่ได้)",
        *_describe(proposal)])


def decided(proposal: RoleProposal) -> None:
    verb = {RoleProposal.Status.CONFIRMED: "ยืนยันแล้ว บทบาทมีผลตั้งแต่บัดนี้",
            RoleProposal.Status.REJECTED: "ไม่ได้รับการยืนยัน",
            RoleProposal.Status.WITHDRAWN: "ผู้เสนอถอนข้อเสนอแล้ว"}[proposal.status]
    lines = [f"ข้อเสนอแต่งตั้ง{proposal.get_role_display()} {verb}", *_describe(proposal),
             f"ผู้พิจารณา: {_name(proposal.decided_by)}"]
    if proposal.decision_note:
        lines.append(f"หมายเหตุ: {proposal.decision_note}")
    _send(proposal.unit,
          f"{proposal.get_role_display()}: {_name(proposal.user)} — {proposal.get_status_display()}",
          lines, also=[proposal.user_id] if proposal.status == RoleProposal.Status.CONFIRMED else [])


def revoked(*, actor, user: User, role: str, unit) -> None:
    _send(unit, f"ยกเลิกบทบาท{Role(role).label}: {_name(user)}", [
        f"{_name(actor)} ยกเลิกบทบาท{Role(role).label}ของ {_name(user)} ({user.username}) ขอบเขต {unit.name}"])


def emails_of(user_ids: list[int]) -> list[str]:
    return list(User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="").values_list(
        "email", flat=True))
