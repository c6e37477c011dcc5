"""The report form's small defects: a refused submission says "ยังส่งรายงานไม่ได้" once and puts each problem
beside its field; a failed save focuses a summary of what to fix; the row choice for a file or link offers
only rows on the page; ช่วงเวลาดำเนินการ is a text area that keeps pasted text whole."""

import re

import pytest
from django.urls import reverse

from reports.models import Report
from reports.tests.conftest import fill, pdf_upload, report_of
from reports.tests.test_views import ROW, form_data

pytestmark = pytest.mark.django_db
ONE_ROW = {"method": "ก", "result": "ข"}


def _post(client, report, user, rows, **extra):
    client.force_login(user)
    return client.post(reverse("reports:edit", args=[report.pk]), form_data(report, user, rows, **extra))


def _summary(page: str) -> str:
    match = re.search(r'<div class="msg msg-error error-summary".*?</div>', page, re.S)
    assert match, "a failed save shows the error summary"
    return match[0]


def _field_box(page: str, name: str) -> str:
    """The `_field.html` box of one field: its label, errors and input."""
    pattern = rf'<div class="field[^"]*">(?:(?!<div class="field).)*?name="{re.escape(name)}".*?</div>'
    match = re.search(pattern, page, re.S)
    assert match, name
    return match[0]


def test_a_refused_submission_says_once_why_and_marks_each_field(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    response = _post(client, report, people["reporter"], [{**ROW, "result": ""}], as_of="", action="submit")
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("ยังส่งรายงานไม่ได้") == 1, "the service's sentence is not wrapped in the view's own"
    assert "ยังส่งรายงานไม่ได้:" not in page and "แต่ยังส่งไม่ได้" not in page
    summary = _summary(page)
    assert "ระบบยังไม่ได้บันทึกและยังไม่ได้ส่ง" in summary
    # Each problem sits on its field and is listed once, linking there.
    assert '<a href="#id_as_of">ข้อมูล ณ วันที่: กรุณาระบุวันที่ก่อนส่งรายงาน</a>' in summary
    assert '<a href="#id_rows-0-result">แถวที่ 1 · ผลการดำเนินงาน: กรุณากรอกก่อนส่งรายงาน</a>' in summary
    assert "field-error" in _field_box(page, "as_of") and "กรุณาระบุวันที่ก่อนส่งรายงาน" in _field_box(page, "as_of")
    assert "กรุณากรอกก่อนส่งรายงาน" in _field_box(page, "rows-0-result")
    assert "field-error" not in _field_box(page, "rows-0-method")
    assert ROW["method"] in page
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT and report.version == 0


def test_a_row_problem_lands_on_the_row_as_the_page_shows_it(client, open_round, people):
    """The service numbers saved rows (blank lines dropped, then by ลำดับ); the page numbers its lines. A
    problem of saved row 1 typed on the page's second line (the first left blank) is marked there."""
    report = report_of(open_round, "cpd-prov-13")
    rows = [{"order": 1}, {**ROW, "order": 2, "method": ""}]
    response = _post(client, report, people["reporter"], rows, action="submit")
    assert response.status_code == 400
    summary = _summary(response.content.decode())
    assert '<a href="#id_rows-1-method">แถวที่ 2 · วิธีดำเนินการ: กรุณากรอกก่อนส่งรายงาน</a>' in summary
    assert "แถวที่ 1" not in summary


def test_a_submission_with_no_rows_points_at_the_first_row(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    response = _post(client, report, people["reporter"], [{"order": 1}], action="submit")
    summary = _summary(response.content.decode())
    assert '<a href="#id_rows-0-method">แถวที่ 1 · วิธีดำเนินการ: กรุณากรอกอย่างน้อยหนึ่งแถวก่อนส่งรายงาน</a>' in summary
    assert summary.count("ยังส่งรายงานไม่ได้") == 1


def test_a_refusal_that_is_not_about_fields_is_shown_whole_once(client, open_round, people):
    import datetime

    from django.utils import timezone

    report = report_of(open_round, "cpd-prov-13")
    open_round.closes_on = timezone.localdate() - datetime.timedelta(days=1)  # closed while the form was open
    open_round.save()
    response = _post(client, report, people["reporter"], [ROW], action="submit")
    assert response.status_code == 400
    summary = _summary(response.content.decode())
    assert summary.count("ยังส่งรายงานไม่ได้") == 1
    assert "<li>เลยวันปิดรับรายงานของรอบนี้แล้ว กรุณาติดต่อผู้ดูแลแผน</li>" in summary


def test_a_failed_save_focuses_the_summary_without_a_script(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    response = _post(client, report, people["reporter"], [{**ROW, "order": "หนึ่ง"}])
    assert response.status_code == 400
    page = response.content.decode()
    summary = _summary(page)
    opening = summary.split(">", 1)[0]
    assert 'role="alert"' in opening and 'tabindex="-1"' in opening and "autofocus" in opening
    assert page.count("autofocus") == 1, "one element asks for the focus"
    assert '<a href="#id_rows-0-order">แถวที่ 1 · ลำดับ:' in summary
    # The form posts to its own address without the #rows a previous "เพิ่มแถว" left in the address bar:
    # a page reached through a fragment skips autofocus.
    assert f'action="{reverse("reports:edit", args=[report.pk])}"' in page
    assert not re.search(r"<script>", page) and not re.search(r"\sstyle=", page)


def test_the_form_as_opened_asks_for_no_focus(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "autofocus" not in page and "error-summary" not in page


def test_the_row_choice_offers_only_rows_on_the_page(client, open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"], rows=[ONE_ROW])
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    for name in ("evidence_row", "link_row"):
        select = re.search(rf'<select name="{name}".*?</select>', page, re.S)[0]
        options = re.findall(r'<option value="([^"]*)"', select)
        assert options == ["", "1", "2"], "the saved row and the blank line below it, nothing more"


def test_a_row_the_script_added_can_carry_a_file_in_the_same_post(client, open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"], rows=[ONE_ROW])
    saved = report.rows.get()
    rows = [
        {"id": saved.pk, "order": 1, "method": "ก", "result": "ข"},
        {"order": 2, "method": "แถวที่สอง", "result": "ผล"},
        {"order": 3, "method": "แถวที่สาม", "result": "ผล"},  # added on the page by the script
    ]
    report.refresh_from_db()
    extra = {"rows-INITIAL_FORMS": 2}  # as the page posts it: the saved row and the blank line
    response = _post(
        client, report, people["reporter"], rows, evidence_row="3", evidence_file=pdf_upload(), **extra
    )
    assert response.status_code == 302
    assert report.evidence.get().row.method == "แถวที่สาม"


def test_a_row_number_past_the_posted_rows_is_refused_with_the_input_kept(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    response = _post(
        client, report, people["reporter"], [ROW], link_row="4", link_url="https://www.cpd.go.th/"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "เลือกตัวเลือกที่ถูกต้อง" in _field_box(page, "link_row")
    assert "เพิ่มลิงก์ · ประกอบแถว:" in _summary(page)
    assert ROW["method"] in page and "https://www.cpd.go.th/" in page
    assert not report.rows.exists()


PASTED_PERIOD = ("ตุลาคม 2559 ถึง มีนาคม 2560 ดำเนินการเป็นสามระยะ ระยะแรกประชุมชี้แจง ระยะที่สองติดตามผล " * 6)[:400]


def test_a_pasted_period_of_400_characters_is_kept_whole(client, open_round, people):
    assert len(PASTED_PERIOD) == 400
    report = report_of(open_round, "cpd-prov-13")
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    box = _field_box(page, "rows-0-period_text")
    assert "<textarea" in box and "maxlength" not in box, "a browser would cut pasted text without a word"
    response = _post(client, report, people["reporter"], [{**ROW, "period_text": PASTED_PERIOD}])
    assert response.status_code == 302
    assert report.rows.get().period_text == PASTED_PERIOD
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert PASTED_PERIOD in page


def test_an_overlong_period_is_refused_in_thai_and_kept(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    long_period = "ก" * 1001
    response = _post(client, report, people["reporter"], [{**ROW, "period_text": long_period}])
    assert response.status_code == 400
    page = response.content.decode()
    assert "ช่วงเวลาดำเนินการยาวได้ไม่เกิน 1000 ตัวอักษร (ขณะนี้มี 1001 ตัวอักษร)" in _field_box(
        page, "rows-0-period_text"
    )
    assert '<a href="#id_rows-0-period_text">แถวที่ 1 · ช่วงเวลาดำเนินการ:' in _summary(page)
    assert long_period in page, "the whole text comes back to be shortened, not cut"
    assert not report.rows.exists()


def test_the_service_refuses_an_overlong_period_from_any_caller(open_round, people):
    from core.errors import ApplicationError

    report = report_of(open_round, "cpd-prov-13")
    fill(report, people["reporter"], rows=[{"method": "ก", "result": "ข", "period_text": "ค" * 1000}])
    assert len(report.rows.get().period_text) == 1000
    report.refresh_from_db()
    with pytest.raises(ApplicationError, match="“ช่วงเวลาดำเนินการ” ยาวได้ไม่เกิน 1,000 ตัวอักษร"):
        fill(report, people["reporter"], rows=[{"method": "ก", "result": "ข", "period_text": "ค" * 1001}])
