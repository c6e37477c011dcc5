"""The compiled round's cover memo and single report files follow the agency's Thai-digits setting."""

import html
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from reports import exports, services
from reports.exports import official
from reports.services.approval import latest_version
from reports.tests.conftest import report_of, set_agency_digits

pytestmark = pytest.mark.django_db
THAI, ARABIC = re.compile("[๐-๙]"), re.compile("[0-9]")


def _lines(content: bytes) -> list[str]:
    doc = Document(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    lines += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return [x for x in lines if x.strip()]


@pytest.mark.parametrize("thai", [True, False])
def test_memo_and_report_follow_the_agency_setting(reported_round, people, thai):
    summary = services.round_compile(actor=people["admin"], round_=reported_round)
    services.summary_update(actor=people["admin"], summary=summary, memo_ref_no="กษ 1113/123")
    set_agency_digits(thai)
    want, other = (THAI, ARABIC) if thai else (ARABIC, THAI)
    memo = _lines(exports.memo_export(summary, "docx").content)
    assert [x for x in memo if want.search(x)] and not [x for x in memo if other.search(x)]
    report = _lines(exports.report_export(report_of(reported_round, "cpd-prov-13"), "docx").content)
    assert [x for x in report if want.search(x)]


def test_file_names_links_and_digests_keep_their_digits_in_thai_digit_documents(open_round, people):
    """Thai digits turned "SHA-256 cfa3181c1ee3" into "SHA-๒๕๖ cfa๓๑๘๑c๑ee๓" and would do the same to a link:
    identifiers people copy and search with stay as written; the words around them follow the setting."""
    from reports.tests.conftest import fill, pdf_upload

    set_agency_digits(True)
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    services.evidence_add(actor=people["reporter"], report=report, title="ภาพกิจกรรม 2 ภาพ",
                          uploaded=pdf_upload("กิจกรรม-2560.pdf"))
    services.link_add(actor=people["reporter"], report=report, url="https://example.go.th/news/2560/15",
                      title="ข่าว 15 มี.ค.", row=report.rows.first())
    services.report_submit(actor=people["reporter"], report=report)
    digest = report.evidence.get().current.sha256[:12]
    services.round_compile(actor=people["admin"], round_=open_round)
    texts = [_lines(exports.compiled_export(open_round, people["admin"], "docx").content),
             _lines(exports.report_export(report, "docx").content)]
    workbook = load_workbook(io.BytesIO(exports.compiled_export(open_round, people["admin"], "xlsx").content))
    texts.append([str(c.value) for ws in workbook for r in ws.iter_rows() for c in r if c.value is not None])
    for lines in texts:
        assert "ลิงก์: ข่าว ๑๕ มี.ค. https://example.go.th/news/2560/15" in "\n".join(lines)
    for lines in texts[:2]:  # the workbook lists the rows' evidence only
        assert f"ไฟล์: ภาพกิจกรรม ๒ ภาพ (กิจกรรม-2560.pdf, SHA-256 {digest}…)" in "\n".join(lines)
    # The official annex printed the same line as "(กิจกรรม-๒๕๖๐.pdf, SHA-๒๕๖ …)": its extra lines went through
    # the digits twice.
    annex = html.unescape("".join(official.annex_documents(latest_version(open_round).content)))
    assert f"เอกสารหลักฐานประกอบ — ไฟล์: ภาพกิจกรรม ๒ ภาพ (กิจกรรม-2560.pdf, SHA-256 {digest}…)" in annex
    assert "ลิงก์: ข่าว ๑๕ มี.ค. https://example.go.th/news/2560/15" in annex
