"""Complaint reports, their memo and their attachments write numbers as the agency's one setting says."""

import io
import re
import shutil
import subprocess

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from complaints import documents
from complaints.models import ReviewRecord
from org.models import Unit

pytestmark = pytest.mark.django_db

THAI = re.compile("[๐-๙]")
ARABIC = re.compile("[0-9]")


def pdf_text(data: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()


def docx_lines(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells[1:]]  # the case number is kept as typed
    return [line for line in lines if line.strip()]


def digits_of(lines, thai: bool) -> tuple[list[str], list[str]]:
    """(lines with digits of the expected kind, lines with digits of the other kind)."""
    want, other = (THAI, ARABIC) if thai else (ARABIC, THAI)
    return [x for x in lines if want.search(x)], [x for x in lines if other.search(x)]


@pytest.mark.parametrize("thai", [True, False])
def test_every_complaint_document_follows_the_agency_setting(submit, officer, thai):
    case = submit().case
    Unit.objects.filter(pk=case.agency_id).update(thai_digits=thai)
    today = timezone.localdate()
    spec = documents.monthly(today.year + 543, today.month)

    docx, _, _ = documents.build(spec, "docx", agency=case.agency, user=officer)
    good, bad = digits_of(docx_lines(docx), thai)
    assert good and not bad, bad  # the memo and the tables attached to it alike

    for fmt in ("pdf", "memo.pdf"):
        content, _, _ = documents.build(spec, fmt, agency=case.agency, user=officer)
        lines = [line.replace(case.number, "") for line in pdf_text(content).splitlines()]
        good, bad = digits_of(lines, thai)
        assert good and not bad, (fmt, bad)

    xlsx, _, _ = documents.build(spec, "xlsx", agency=case.agency, user=officer)
    book = load_workbook(io.BytesIO(xlsx))
    texts = [c.value for ws in book for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value != case.number]
    good, bad = digits_of(texts, thai)
    assert good and not bad, bad
    counts = [c for ws in book for row in ws.iter_rows() for c in row if type(c.value) is int]
    assert counts and all(c.number_format.startswith("[$-D00041E]") == thai for c in counts)
    received = book["รายการเรื่อง"]["B2"]
    assert received.number_format.startswith("[$-D07041E]" if thai else "[$-107041E]")


@pytest.mark.parametrize("thai", [True, False])
def test_the_yearly_review_memo_follows_the_agency_setting(agency, officer, thai):
    Unit.objects.filter(pk=agency.pk).update(thai_digits=thai)
    record = ReviewRecord.objects.create(agency=agency, fiscal_year=2568, reviewed_on=timezone.localdate(),
                                         findings="ระบบยังเหมาะสม", recorded_by=officer)
    content, _, _ = documents.review_file(record, "docx")
    good, bad = digits_of(docx_lines(content), thai)
    assert good and not bad, bad
