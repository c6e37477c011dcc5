"""Executives' issuances and their reviews. A flagged review escalates the issuance: its status says so,
the audit trail records to whom, and the executives and auditors of the agency are told by e-mail."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record
from core.errors import ApplicationError
from integrity.models import Issuance, IssuanceReview
from integrity.models.issuances import CHECKLIST
from integrity.services.common import not_future, record_audit, store_files
from integrity.services.notify import escalation_notice

ISSUANCE_FIELDS = [
    "unit",
    "issuer_name",
    "issuer_position",
    "kind",
    "title",
    "issued_on",
    "reference",
    "uses_budget",
]


@transaction.atomic
def issuance_record(
    *,
    actor,
    unit,
    issuer_name,
    issuer_position,
    kind,
    title,
    issued_on,
    reference="",
    uses_budget=False,
    summary="",
    files=(),
    audit: bool = True,
) -> Issuance:
    require(actor, "integrity.issuance.edit", unit=unit)
    not_future(issued_on, "issued_on", "วันที่ออก")
    if kind not in Issuance.Kind.values:
        raise ApplicationError("กรุณาเลือกประเภท", field="kind")
    issuance = Issuance.objects.create(
        unit=unit,
        issuer_name=" ".join(issuer_name.split()),
        issuer_position=issuer_position.strip(),
        kind=kind,
        title=title.strip(),
        issued_on=issued_on,
        reference=reference.strip(),
        uses_budget=uses_budget,
        summary=summary.strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    store_files(actor, issuance, files)
    if audit:
        record_audit(actor, "integrity.issuance_record", issuance, ISSUANCE_FIELDS)
    return issuance


@transaction.atomic
def issuance_review(
    *, actor, issuance: Issuance, reviewed_on, checklist: dict, verdict: str, note: str = ""
) -> IssuanceReview:
    """Record the review. A concern ticked on the checklist cannot be reviewed clean; a flagged review needs
    the reviewer's reason and escalates the issuance."""
    require(actor, "integrity.issuance.review", issuance)
    not_future(reviewed_on, "reviewed_on", "วันที่ตรวจ")
    if reviewed_on < issuance.issued_on:
        raise ApplicationError("วันที่ตรวจต้องไม่ก่อนวันที่ออก", field="reviewed_on")
    answers = {key: bool(checklist.get(key)) for key in CHECKLIST}
    if verdict == IssuanceReview.Verdict.CLEAN and any(answers.values()):
        raise ApplicationError("มีรายการตรวจที่พบประเด็น จึงสรุปว่าไม่พบการเอื้อประโยชน์ไม่ได้", field="verdict")
    if verdict == IssuanceReview.Verdict.FLAGGED and not note.strip():
        raise ApplicationError("กรุณาระบุความเห็นว่าพบประเด็นใด", field="note")
    if verdict not in IssuanceReview.Verdict.values:
        raise ApplicationError("กรุณาเลือกผลการตรวจ", field="verdict")
    review = IssuanceReview.objects.create(
        issuance=issuance,
        reviewer=actor if getattr(actor, "is_authenticated", False) else None,
        reviewed_on=reviewed_on,
        checklist=answers,
        verdict=verdict,
        note=note.strip(),
    )
    old = issuance.status
    audit_record(
        actor=actor,
        action="integrity.issuance_review",
        obj=issuance,
        unit=issuance.unit,
        new={"verdict": verdict, "checklist": answers},
    )
    if verdict == IssuanceReview.Verdict.CLEAN:
        issuance.status = Issuance.Status.CLEAN
        issuance.save(update_fields=["status"])
    else:
        issuance.status, issuance.escalated_at = Issuance.Status.ESCALATED, timezone.now()
        issuance.save(update_fields=["status", "escalated_at"])
        sent_to = escalation_notice(issuance, review)
        audit_record(
            actor=actor,
            action="integrity.issuance_escalate",
            obj=issuance,
            unit=issuance.unit,
            old={"status": old},
            new={"status": issuance.status, "sent_to": sent_to},
        )
    return review
