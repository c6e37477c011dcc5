"""A unit says an activity does not concern it (ไม่เกี่ยวข้องกับหน่วยงาน); the activity's host unit decides.

Only a unit's own report of an open round can carry the statement, and only while the report is still
being written (a sent report has been reported on). The host unit accepts or refuses; an accepted statement
takes the unit out of the activity's denominator in the compiled round (reports.compile). Each step is
audited.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from core.errors import ApplicationError
from reports.models import ActivityRelevance, Report
from reports.services.common import ensure_round_accepts, require

REASON_MAX = 2000


@transaction.atomic
def relevance_claim(*, actor, report: Report, reason: str) -> ActivityRelevance:
    report = Report.objects.select_for_update().select_related("round", "unit", "activity").get(pk=report.pk)
    require(actor, "report.relevance_claim", report)
    if report.kind != Report.Kind.UNIT:
        raise ApplicationError("แจ้งว่าไม่เกี่ยวข้องได้เฉพาะรายงานของหน่วยงานปฏิบัติ")
    ensure_round_accepts(report.round)
    if not report.is_editable:
        raise ApplicationError("รายงานนี้ส่งแล้ว จึงแจ้งว่าไม่เกี่ยวข้องไม่ได้")
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("กรุณาระบุเหตุผลที่กิจกรรมนี้ไม่เกี่ยวข้องกับหน่วยงาน", field="reason")
    if len(reason) > REASON_MAX:
        raise ApplicationError(f"เหตุผลยาวเกิน {REASON_MAX:,} ตัวอักษร", field="reason")
    claim = ActivityRelevance.objects.filter(report=report).first()
    if claim is not None and claim.status == ActivityRelevance.Status.ACCEPTED:
        raise ApplicationError("หน่วยงานเจ้าภาพรับแล้วว่ากิจกรรมนี้ไม่เกี่ยวข้องกับหน่วยงาน")
    old = {"status": claim.status, "reason": claim.reason} if claim else None
    claim = claim or ActivityRelevance(report=report)
    claim.reason, claim.status = reason, ActivityRelevance.Status.PENDING
    claim.claimed_by, claim.claimed_at = actor, timezone.now()
    claim.decided_by, claim.decided_at, claim.decision_note = None, None, ""
    claim.save()
    audit_record(actor=actor, action="report.relevance_claim", obj=report, unit=report.unit, old=old,
                 new={"status": claim.status, "reason": reason})
    return claim


@transaction.atomic
def relevance_decide(*, actor, claim: ActivityRelevance, accept: bool, note: str = "") -> ActivityRelevance:
    claim = ActivityRelevance.objects.select_for_update().select_related("report__unit").get(pk=claim.pk)
    report = claim.report
    require(actor, "report.relevance_decide", report)
    if claim.status != ActivityRelevance.Status.PENDING:
        raise ApplicationError("เรื่องนี้พิจารณาแล้ว")
    note = (note or "").strip()
    if not accept and not note:
        raise ApplicationError("กรุณาระบุเหตุผลที่ไม่รับ เพื่อให้หน่วยงานทราบ", field="note")
    old = {"status": claim.status}
    claim.status = ActivityRelevance.Status.ACCEPTED if accept else ActivityRelevance.Status.REFUSED
    claim.decided_by, claim.decided_at, claim.decision_note = actor, timezone.now(), note
    claim.save()
    audit_record(actor=actor, action="report.relevance_decide", obj=report, unit=report.unit, old=old,
                 new={"status": claim.status, "note": note})
    return claim
