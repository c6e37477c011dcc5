"""The e-mail that escalates a flagged issuance to the agency's executives and auditors held at its root.
The message names the issuance and the concern, with a link; it is queued when the review commits."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse

from accounts.models import Role, RoleAssignment, User
from integrity.models import Issuance

ESCALATE_TO = (Role.EXECUTIVE, Role.AUDITOR)
SENT_TO_TEXT = "ผู้บริหารและผู้ตรวจสอบภายในระดับกรม"


def _agency_path(unit) -> str:
    return "/" + unit.path.strip("/").split("/")[0] + "/"


def escalation_recipients(issuance: Issuance) -> list[int]:
    return sorted(
        set(
            RoleAssignment.objects.filter(
                role__in=ESCALATE_TO,
                unit__path=_agency_path(issuance.unit),
                user__is_active=True,
            )
            .exclude(user__email="")
            .values_list("user_id", flat=True)
        )
    )


def escalation_notice(issuance: Issuance, review) -> str:
    """Queue the message; returns to whom it goes, in words, for the audit entry."""
    ids = escalation_recipients(issuance)
    if ids:
        from integrity.tasks import send_escalation

        transaction.on_commit(lambda: send_escalation.enqueue(issuance.pk, ids))
    return f"{SENT_TO_TEXT} ({len(ids)} คน)"


def deliver_escalation(*, issuance_id: int, user_ids: list[int]) -> int:
    issuance = Issuance.objects.filter(pk=issuance_id).select_related("unit").first()
    if issuance is None:
        return 0
    review = issuance.reviews.order_by("-reviewed_on", "-id").first()
    concerns = ", ".join(review.concerns()) if review else ""
    link = settings.SITE_URL.rstrip("/") + reverse("integrity:issuance_detail", args=[issuance.pk])
    body = "\n".join(
        [
            "การตรวจการออกกฎ ระเบียบ ประกาศ นโยบาย แผนงาน หรือโครงการของผู้บริหาร พบประเด็นที่อาจเอื้อประโยชน์",
            "",
            f"เรื่อง: {issuance.title}",
            f"ผู้ออก: {issuance.issuer_name} {issuance.issuer_position}",
            f"หน่วยงาน: {issuance.unit.name}",
            f"ประเด็นที่พบ: {concerns or '-'}",
            f"ความเห็นผู้ตรวจ: {review.note if review else '-'}",
            "",
            f"เปิดดูในระบบ: {link}",
            "",
            "อีเมลฉบับนี้ส่งจากระบบโปร่งใสโดยอัตโนมัติ กรุณาอย่าตอบกลับ",
        ]
    )
    emails = list(
        User.objects.filter(pk__in=user_ids, is_active=True).exclude(email="").values_list("email", flat=True)
    )
    messages = [
        EmailMessage(
            subject="[โปร่งใส] การออกกฎของผู้บริหารที่ตรวจพบประเด็น",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email],
        )
        for email in emails
    ]
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
