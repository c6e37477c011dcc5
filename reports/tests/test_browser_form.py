"""The report form's error handling in a real browser: after a refused save the focus is on the summary of
what to fix (no script needed: the page asks for it with autofocus), its links reach the fields, a row the
page's script adds can be chosen for a file, and a long pasted period is kept whole. Also at a phone's
width."""

import pytest
from playwright.sync_api import expect

from reports.models import Report
from reports.tests.conftest import PDF_BYTES, report_of
from reports.tests.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERIOD = ("ตุลาคม 2559 ถึง มีนาคม 2560 ดำเนินการเป็นสามระยะ ระยะแรกประชุมชี้แจง ระยะที่สองติดตามผล " * 6)[:400]


def _active(page) -> dict:
    return page.evaluate(
        "() => ({id: document.activeElement.id, tag: document.activeElement.tagName,"
        " role: document.activeElement.getAttribute('role')})"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_refused_submission_focuses_the_summary(live_server, browser, open_round, people, javascript):
    context = browser.new_context(java_script_enabled=javascript, locale="th-TH", timezone_id="Asia/Bangkok")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the "submit?" confirmation
    base = live_server.url
    report = report_of(open_round, "cpd-prov-13")
    login(page, base, "rep.cm")
    page.goto(f"{base}/reports/{report.pk}/edit/")
    page.fill("textarea[name=rows-0-method]", "จัดประชุมรณรงค์")  # no result, no ข้อมูล ณ วันที่
    page.get_by_role("button", name="บันทึกและส่งรายงาน").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("ยังส่งรายงานไม่ได้")
    assert _active(page) == {"id": "error-summary", "tag": "DIV", "role": "alert"}
    expect(summary.get_by_role("link")).to_have_count(2)
    # A link of the summary takes the focus to its field.
    summary.get_by_role("link", name="แถวที่ 1 · ผลการดำเนินงาน: กรุณากรอกก่อนส่งรายงาน").click()
    assert _active(page)["id"] == "id_rows-0-result"
    assert page.input_value("textarea[name=rows-0-method]") == "จัดประชุมรณรงค์"
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT and not report.rows.exists()
    context.close()


def test_a_failed_save_after_adding_a_row_without_script_still_focuses_the_summary(
    live_server, browser, open_round, people
):
    """Without the script "เพิ่มแถว" saves and comes back at #rows; the next refused save must not land on
    that fragment (a page reached through one skips autofocus)."""
    context = browser.new_context(java_script_enabled=False, locale="th-TH", timezone_id="Asia/Bangkok")
    page = context.new_page()
    base = live_server.url
    report = report_of(open_round, "cpd-prov-13")
    login(page, base, "rep.cm")
    page.goto(f"{base}/reports/{report.pk}/edit/")
    page.fill("textarea[name=rows-0-method]", "แถวแรก")
    page.get_by_role("button", name="เพิ่มแถว").click()
    page.wait_for_url("**/edit/#rows")
    page.fill("input[name=rows-1-order]", "1000")  # past the largest ลำดับ
    page.get_by_role("button", name="บันทึกร่าง").click()
    expect(page.locator("#error-summary")).to_contain_text("แถวที่ 2 · ลำดับ")
    assert "#" not in page.url
    assert _active(page)["id"] == "error-summary"
    context.close()


def test_a_pasted_period_is_kept_and_a_new_row_can_carry_a_file(
    live_server, page, open_round, people, tmp_path
):
    base = live_server.url
    report = report_of(open_round, "cpd-prov-13")
    evidence = tmp_path / "ภาพกิจกรรม.pdf"
    evidence.write_bytes(PDF_BYTES)
    login(page, base, "rep.cm")
    page.goto(f"{base}/reports/{report.pk}/edit/")
    page.get_by_label("ข้อมูล ณ วันที่").fill("31/03/2560")
    page.fill("textarea[name=rows-0-method]", "จัดประชุมรณรงค์")
    page.fill("textarea[name=rows-0-result]", "ผู้เข้าร่วม 30 คน")
    period = page.locator("[name=rows-0-period_text]")
    period.focus()
    page.keyboard.insert_text(PERIOD)  # as a paste arrives: one input of the whole text
    assert period.input_value() == PERIOD
    row_choice = page.locator("select[name=evidence_row] option")
    expect(row_choice).to_have_text(["ทั้งรายงาน", "แถวที่ 1"])
    page.get_by_role("button", name="เพิ่มแถว").click()
    expect(row_choice).to_have_text(["ทั้งรายงาน", "แถวที่ 1", "แถวที่ 2"])
    page.fill("textarea[name=rows-1-method]", "ติดประกาศ")
    page.fill("textarea[name=rows-1-result]", "ติดแล้ว")
    page.set_input_files("input[name=evidence_file]", str(evidence))
    page.select_option("select[name=evidence_row]", "2")
    page.get_by_role("button", name="บันทึกร่าง").click()
    expect(page.locator(".messages")).to_contain_text("บันทึกร่างแล้ว")
    assert page.input_value("[name=rows-0-period_text]") == PERIOD
    rows = list(report.rows.order_by("order"))
    assert rows[0].period_text == PERIOD
    assert report.evidence.get().row == rows[1]


def test_the_form_with_errors_fits_a_phone(live_server, page, open_round, people, tmp_path):
    base = live_server.url
    report = report_of(open_round, "cpd-prov-13")
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "rep.cm")
    page.goto(f"{base}/reports/{report.pk}/edit/")
    page.fill("textarea[name=rows-0-method]", "จัดประชุมรณรงค์")
    page.fill("[name=rows-0-period_text]", PERIOD)
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="บันทึกและส่งรายงาน").click()
    expect(page.locator("#error-summary")).to_be_visible()
    page.screenshot(path=str(tmp_path / "report-form-errors-390.png"))
    page.screenshot(path=str(tmp_path / "report-form-errors-390-full.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator("#error-summary").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    period = page.locator("[name=rows-0-period_text]").bounding_box()
    assert period["width"] <= 390 and period["height"] > 40, "the period wraps over lines"
    grown = page.evaluate(
        "() => { const t = document.querySelector('[name=rows-0-period_text]');"
        " return t.scrollHeight <= t.clientHeight + 1; }"
    )
    assert grown, "the text area grows to show the whole pasted period"
