"""Text a reporter typed never reaches the compiled workbook as a formula."""

import io

import pytest
from openpyxl import load_workbook

from reports import exports
from reports.models import ReportRow

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("arabic_documents")]

MALICIOUS = "=cmd|' /C calc'!A0"


def test_report_text_that_looks_like_a_formula_is_text_in_the_compiled_workbook(reported_round, people):
    row = ReportRow.objects.filter(report__round=reported_round).order_by("pk").first()
    ReportRow.objects.filter(pk=row.pk).update(method=MALICIOUS, result="+1+HYPERLINK(\"http://evil.example\")")
    content = exports.compiled_export(reported_round, people["admin"], "xlsx").content
    book = load_workbook(io.BytesIO(content))
    cells = {c.value: c for ws in book.worksheets for r in ws.iter_rows() for c in r
             if c.value in (MALICIOUS, "+1+HYPERLINK(\"http://evil.example\")")}
    assert set(cells) == {MALICIOUS, "+1+HYPERLINK(\"http://evil.example\")"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells.values())
    assert not any(c.data_type == "f" for ws in book.worksheets for r in ws.iter_rows() for c in r)
