"""Recording that a monthly or quarterly complaints report was actually sent (plan measure ๔.๓).

The indicator counts the months (quarters) a report went out for, not the files downloaded: the download
page makes as many as anyone asks for, while only this record says one went to the Director-General or the
executive committee, when and under which number. The file is generated now and kept as it is, so later
changes to the period's cases do not alter what was sent.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record, snapshot
from complaints import documents
from complaints.models import ReportIssue, ReportIssueFile
from core import record_files
from core.errors import ApplicationError
from core.thai import fiscal_year as fiscal_year_of

FIELDS = ["kind", "fiscal_year", "period_label", "issued_on", "recipient", "reference"]


def _spec(kind: str, period: dict) -> tuple[documents.ReportSpec, int]:
    if kind == ReportIssue.Kind.MONTHLY:
        spec = documents.monthly(int(period["year"]), int(period["month"]))
        return spec, fiscal_year_of(spec.start)
    if kind == ReportIssue.Kind.QUARTERLY:
        return documents.quarterly(int(period["fy"]), int(period["quarter"])), int(period["fy"])
    raise ApplicationError("ไม่มีรายงานประเภทนี้")


@transaction.atomic
def report_issue(*, actor, agency, kind: str, period: dict, issued_on: dt.date, recipient: str,
                 reference: str = "", fmt: str = "pdf") -> ReportIssue:
    """Record that the report of `period` ({year, month} or {fy, quarter}) was sent on `issued_on` to
    `recipient`, and freeze the report file (`fmt`: pdf or docx) as generated now."""
    require(actor, "complaint.report_issue", unit=agency)
    spec, fy = _spec(kind, period)
    if issued_on is None:
        raise ApplicationError("กรุณากรอกวันที่เสนอ", field="issued_on")
    if issued_on > timezone.localdate():
        raise ApplicationError("วันที่เสนอต้องไม่เป็นวันในอนาคต", field="issued_on")
    if issued_on < spec.end:
        raise ApplicationError(f"รายงาน{spec.period_label}เสนอได้ตั้งแต่สิ้นงวด กรุณาตรวจสอบวันที่",
                               field="issued_on")
    recipient = (recipient or "").strip()
    if not recipient:
        raise ApplicationError("กรุณาระบุผู้รับรายงาน", field="recipient")
    if fmt not in ("pdf", "docx"):
        raise ApplicationError("ไม่มีรายงานในรูปแบบนี้", field="fmt")
    if ReportIssue.objects.filter(agency=agency, kind=kind, period_start=spec.start).exists():
        raise ApplicationError(f"บันทึกการเสนอรายงาน{spec.period_label}ไว้แล้ว", field="recipient")
    data, content_type, name = documents.build(spec, fmt, agency=agency, user=actor)
    issue = ReportIssue.objects.create(
        agency=agency, kind=kind, fiscal_year=fy, period_start=spec.start, period_end=spec.end,
        period_label=spec.period_label, issued_on=issued_on, recipient=recipient,
        reference=(reference or "").strip(), recorded_by=actor if getattr(actor, "is_authenticated", False)
        else None)
    stored = record_files.store(ReportIssueFile(issue=issue), SimpleUploadedFile(name, data, content_type),
                                actor=actor)
    audit_record(actor=actor, action="complaint.report_issue", obj=issue, unit=agency,
                 new={**snapshot(issue, FIELDS), "file": record_files.audit_fields(stored)})
    return issue
