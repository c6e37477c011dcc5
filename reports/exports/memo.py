"""The cover memo (บันทึกข้อความ) sent with a compiled round; number and date are typed by the user."""

from __future__ import annotations

from core.documents.memo import Memo, memo_docx, memo_pdf
from org.selectors import agency_thai_digits
from reports.models import CompiledSummary


def memo_for(summary: CompiledSummary) -> Memo:
    return Memo(
        agency=summary.memo_agency,
        ref_no=summary.memo_ref_no,
        date=summary.memo_date,
        subject=summary.memo_subject,
        addressee=summary.memo_addressee,
        paragraphs=[p for p in summary.memo_body.split("\n") if p.strip()],
        signer_name=summary.memo_signer_name,
        signer_position=summary.memo_signer_position,
        phone=summary.memo_phone,
        thai_digits=agency_thai_digits(summary.round.plan.agency),
    )


def cover_docx(summary: CompiledSummary) -> bytes:
    return memo_docx(memo_for(summary))


def cover_pdf(summary: CompiledSummary) -> bytes:
    return memo_pdf(memo_for(summary))
