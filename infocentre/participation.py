"""Participation (ด้านความโปร่งใส ๑.๒, indicator 1.1.2-a): a unit opens a draft plan or project for comment,
citizens comment (a name only if they want one; no address, account or time of day is kept), the unit
moderates with a reason, then publishes its answer to each theme and what changed."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from accounts import policy
from audit.services import audit_record
from core.errors import ApplicationError
from core.record_files import audit_fields, store
from core.thai import format_be
from infocentre.models import Comment, Consultation, ConsultationFile, ThemeResponse
from infocentre.services import throttle, throttle_count

MAX_COMMENT = 3000


def consultation_save(*, actor, unit, title: str, summary: str, opens_on: dt.date, closes_on: dt.date,
                      kind: str = Consultation.Kind.PROJECT, questions: str = "", consultation=None,
                      uploaded=None) -> Consultation:
    policy.require(actor, "consultation.manage", consultation, unit=None if consultation else unit)
    if not title.strip():
        raise ApplicationError("กรุณากรอกชื่อเรื่อง", field="title")
    if not summary.strip():
        raise ApplicationError("กรุณาสรุปสาระสำคัญของร่างแผนงาน/โครงการ", field="summary")
    if closes_on < opens_on:
        raise ApplicationError("วันปิดรับต้องไม่ก่อนวันเปิดรับ", field="closes_on")
    if kind not in Consultation.Kind.values:
        raise ApplicationError("ไม่รู้จักประเภทนี้", field="kind")
    with transaction.atomic():
        old = None
        if consultation is None:
            consultation = Consultation(unit=unit)
        else:
            old = {"title": consultation.title, "opens_on": format_be(consultation.opens_on),
                   "closes_on": format_be(consultation.closes_on)}
        consultation.kind, consultation.title, consultation.summary = kind, title.strip(), summary.strip()
        consultation.questions = questions.strip()
        consultation.opens_on, consultation.closes_on = opens_on, closes_on
        consultation.save()
        new = {"title": consultation.title, "opens_on": format_be(opens_on),
               "closes_on": format_be(closes_on)}
        if uploaded is not None:
            stored = store(ConsultationFile(consultation=consultation), uploaded, actor=actor)
            new.update(audit_fields(stored))
        audit_record(actor=actor, action="consultation.save", obj=consultation, old=old, new=new,
                     unit=consultation.unit)
    return consultation


def is_open(consultation: Consultation, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return consultation.opens_on <= today <= consultation.closes_on


def comment_submit(*, consultation: Consultation, text: str, display_name: str = "",
                   client_address: str | None = None, limit: int = 10) -> Comment:
    """A citizen's comment, held for moderation. The client address only feeds the hourly pseudonym."""
    if not is_open(consultation):
        raise ApplicationError("เรื่องนี้ไม่ได้เปิดรับความคิดเห็นในขณะนี้")
    text = text.strip()
    if len(text) < 5:
        raise ApplicationError("กรุณาพิมพ์ความคิดเห็น", field="text")
    if len(text) > MAX_COMMENT:
        raise ApplicationError(f"ความคิดเห็นยาวเกิน {MAX_COMMENT} ตัวอักษร", field="text")
    key = throttle("comment", client_address, limit)
    with transaction.atomic():
        comment = Comment.objects.create(consultation=consultation, display_name=display_name.strip()[:100],
                                         text=text, submitted_on=timezone.localdate())
        audit_record(actor=AnonymousUser(), action="consultation.comment", obj=comment,
                     unit=consultation.unit)
        throttle_count("comment", key)
    return comment


def comment_moderate(*, actor, comment: Comment, publish: bool, reason: str = "") -> Comment:
    """Publish or hold back a comment; holding back needs a reason (kept and shown in the count)."""
    policy.require(actor, "consultation.manage", comment)
    if not publish and not reason.strip():
        raise ApplicationError("การไม่เผยแพร่ความคิดเห็นต้องระบุเหตุผล", field="reason")
    with transaction.atomic():
        old = {"state": comment.get_state_display()}
        comment.state = Comment.State.PUBLISHED if publish else Comment.State.REJECTED
        comment.moderation_reason = reason.strip()[:300]
        comment.save(update_fields=["state", "moderation_reason"])
        audit_record(actor=actor, action="consultation.moderate", obj=comment, old=old,
                     unit=comment.consultation.unit,
                     new={"state": comment.get_state_display(),
                          "moderation_reason": comment.moderation_reason})
    return comment


def response_add(*, actor, consultation: Consultation, theme: str, response: str,
                 change: str = "") -> ThemeResponse:
    policy.require(actor, "consultation.manage", consultation)
    if not theme.strip() or not response.strip():
        raise ApplicationError("กรุณาระบุประเด็นและคำชี้แจงของหน่วยงาน", field="response")
    with transaction.atomic():
        item = ThemeResponse.objects.create(consultation=consultation, theme=theme.strip()[:300],
                                            response=response.strip(), change=change.strip())
        audit_record(actor=actor, action="consultation.respond", obj=consultation, unit=consultation.unit,
                     new={"theme": item.theme})
    return item


def responses_publish(*, actor, consultation: Consultation, outcome: str) -> Consultation:
    """Publish the answers and what changed (after the window closed)."""
    policy.require(actor, "consultation.manage", consultation)
    if timezone.localdate() <= consultation.closes_on:
        raise ApplicationError("เผยแพร่ผลได้หลังปิดรับความคิดเห็นแล้ว")
    if not outcome.strip() and not consultation.responses.exists():
        raise ApplicationError("กรุณาสรุปสิ่งที่ปรับปรุง หรือเพิ่มคำชี้แจงอย่างน้อยหนึ่งประเด็น", field="outcome")
    with transaction.atomic():
        consultation.outcome, consultation.responses_published_on = outcome.strip(), timezone.localdate()
        consultation.save(update_fields=["outcome", "responses_published_on"])
        audit_record(actor=actor, action="consultation.respond", obj=consultation, unit=consultation.unit,
                     new={"state": "เผยแพร่ผลแล้ว"})
    return consultation
