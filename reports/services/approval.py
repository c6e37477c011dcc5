"""Versions of a compiled round, the executive's approval (เห็นชอบ) and the letter to ป.ป.ท. recorded as sent.

Every compilation (and every edit of its summary) freezes the content of the official documents as a
`CompiledVersion` named by its SHA-256; the same content keeps its version, different content makes the next
one, which needs approval again. Only the department's executive approves (policy `round.approve`), only the
latest version, and only an approved latest version is recorded as sent (`round.send`). Each step is audited
with the version's number and hash.
"""

from __future__ import annotations

import datetime
import json

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from core.errors import ApplicationError
from reports.approval_models import CompiledVersion, PaccDispatch
from reports.exports import official_content
from reports.models import Round
from reports.services.common import require
from reports.services.compiled_pdf import annex_refresh


def latest_version(round_: Round) -> CompiledVersion | None:
    return CompiledVersion.objects.filter(round=round_).order_by("-number").first()


def current_content(round_: Round) -> dict:
    """What the official documents of the round hold now: the stored compilation (its frozen indicator
    values, its summary text) over the whole round, as JSON values (dates as ISO text)."""
    from reports.exports import compiled_inputs

    compiled, text, thai_digits = compiled_inputs(round_, None, whole_round=True)
    content = official_content.build(compiled, text, thai_digits)
    return json.loads(official_content.canonical_json(content))


def _audit_values(version: CompiledVersion) -> dict:
    return {"version": version.number, "sha256": version.sha256}


@transaction.atomic
def version_record(*, actor, round_: Round) -> CompiledVersion:
    """Freeze the round's documents as a version: the latest one when the content is unchanged, otherwise
    the next number (unapproved). Called by the compilation and the summary's edit."""
    require(actor, "round.compile", round_, message="เฉพาะผู้ดูแลแผนจึงจะรวบรวมผลได้")
    Round.objects.select_for_update().filter(pk=round_.pk).first()  # one numbering at a time per round
    content = current_content(round_)
    digest = official_content.content_sha256(content)
    latest = latest_version(round_)
    if latest is not None and latest.sha256 == digest:
        return latest
    version = CompiledVersion.objects.create(
        round=round_,
        number=(latest.number + 1) if latest else 1,
        sha256=digest,
        content=content,
        created_at=timezone.now(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="round.version",
        obj=round_,
        unit=round_.plan.agency,
        new=_audit_values(version),
        note=f"ฉบับที่ {version.number} (ฉบับที่ {latest.number} ถูกแทนที่)" if latest else "",
    )
    annex_refresh(version=version)
    return version


@transaction.atomic
def version_approve(
    *,
    actor,
    version: CompiledVersion,
    position: str,
    approved_on: datetime.date | None = None,
    comment: str = "",
) -> CompiledVersion:
    version = (
        CompiledVersion.objects.select_for_update().select_related("round__plan__agency").get(pk=version.pk)
    )
    round_ = version.round
    require(
        actor,
        "round.approve",
        round_,
        message="เฉพาะผู้บริหารของส่วนราชการ (ระดับกรม) จึงจะให้ความเห็นชอบผลการรวบรวมได้",
    )
    latest = latest_version(round_)
    if latest is None or latest.pk != version.pk:
        raise ApplicationError(f"ฉบับที่ {version.number} ไม่ใช่ฉบับล่าสุดแล้ว กรุณาพิจารณาฉบับที่ {latest.number}")
    if version.approved:
        raise ApplicationError(f"ฉบับที่ {version.number} ได้รับความเห็นชอบแล้ว")
    position = (position or "").strip()
    if not position:
        raise ApplicationError("กรุณากรอกตำแหน่งของผู้ให้ความเห็นชอบ", field="position")
    version.approved_by = actor
    version.approver_name = actor.get_full_name() or actor.username
    version.approver_position = position[:255]
    version.approved_on = approved_on or timezone.localdate()
    version.approved_at = timezone.now()
    version.comment = (comment or "").strip()
    version.save()
    audit_record(
        actor=actor,
        action="round.approve",
        obj=round_,
        unit=round_.plan.agency,
        new={
            **_audit_values(version),
            "position": version.approver_position,
            "approved_on": version.approved_on,
            "comment": version.comment,
        },
        note=f"เห็นชอบฉบับที่ {version.number} SHA-256 {version.short_hash}",
    )
    annex_refresh(version=version)
    return version


def current_dispatch(round_: Round) -> PaccDispatch | None:
    """The letter being prepared (not sent yet), or else the last one sent."""
    dispatches = PaccDispatch.objects.filter(round=round_)
    return (
        dispatches.filter(sent_on__isnull=True).order_by("-id").first() or dispatches.order_by("-id").first()
    )


def _draft(round_: Round) -> PaccDispatch:
    draft = (
        PaccDispatch.objects.select_for_update()
        .filter(round=round_, sent_on__isnull=True)
        .order_by("-id")
        .first()
    )
    if draft is None:
        last = PaccDispatch.objects.filter(round=round_).order_by("-id").first()
        draft = PaccDispatch(round=round_, reference=last.reference if last else "")
    return draft


@transaction.atomic
def dispatch_save(*, actor, round_: Round, reference: str = "") -> PaccDispatch:
    """The letter's details typed before it is sent (อ้างถึง)."""
    require(actor, "round.send", round_, message="เฉพาะผู้ดูแลแผนจึงจะจัดทำหนังสือถึงสำนักงาน ป.ป.ท. ได้")
    draft = _draft(round_)
    old = {"reference": draft.reference}
    draft.reference = (reference or "").strip()[:500]
    draft.save()
    audit_record(
        actor=actor,
        action="round.letter",
        obj=round_,
        unit=round_.plan.agency,
        old=old,
        new={"reference": draft.reference},
    )
    return draft


@transaction.atomic
def dispatch_record_sent(
    *,
    actor,
    round_: Round,
    ref_no: str,
    letter_date: datetime.date | None,
    sent_on: datetime.date | None,
    reference: str | None = None,
) -> PaccDispatch:
    """Record the letter to ป.ป.ท. as sent, with its number and date; only the approved latest version."""
    require(actor, "round.send", round_, message="เฉพาะผู้ดูแลแผนจึงจะบันทึกการส่งหนังสือถึงสำนักงาน ป.ป.ท. ได้")
    version = latest_version(round_)
    if version is None:
        raise ApplicationError("ยังไม่ได้รวบรวมผลของรอบนี้")
    if not version.approved:
        raise ApplicationError(f"ฉบับที่ {version.number} ยังไม่ได้รับความเห็นชอบจากผู้บริหาร จึงบันทึกว่าส่งแล้วไม่ได้")
    ref_no = (ref_no or "").strip()
    if not ref_no:
        raise ApplicationError("กรุณากรอกเลขที่หนังสือตามทะเบียนหนังสือส่ง", field="ref_no")
    if sent_on is None:
        raise ApplicationError("กรุณากรอกวันที่ส่ง", field="sent_on")
    if sent_on > timezone.localdate():
        raise ApplicationError("วันที่ส่งต้องไม่เป็นวันในอนาคต", field="sent_on")
    draft = _draft(round_)
    if reference is not None:
        draft.reference = reference.strip()[:500]
    draft.version = version
    draft.ref_no = ref_no[:100]
    draft.letter_date = letter_date or sent_on
    draft.sent_on = sent_on
    draft.sent_by = actor if getattr(actor, "is_authenticated", False) else None
    draft.recorded_at = timezone.now()
    draft.save()
    audit_record(
        actor=actor,
        action="round.send",
        obj=round_,
        unit=round_.plan.agency,
        new={
            **_audit_values(version),
            "ref_no": draft.ref_no,
            "letter_date": draft.letter_date,
            "sent_on": draft.sent_on,
        },
        note=f"ส่งฉบับที่ {version.number} หนังสือที่ {draft.ref_no}",
    )
    return draft
