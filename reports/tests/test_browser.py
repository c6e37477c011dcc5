"""The whole loop in a real browser: a reporter fills and submits with an evidence file, the coordinator
returns it with a comment, the reporter fixes and resubmits, the coordinator accepts, and the plan
administrator compiles the round and downloads the Word file."""

import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from core.thai import to_thai_digits
from reports.models import Report
from reports.tests.conftest import PDF_BYTES, report_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Pr0ngsai-test-pw"


def login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))


def test_report_review_and_compile_loop(live_server, page, open_round, people, tmp_path):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())  # the "submit?" confirmation
    report = report_of(open_round, "cpd-prov-13", "t-2")
    evidence = tmp_path / "รายงานการประชุม.pdf"
    evidence.write_bytes(PDF_BYTES)

    # The reporter fills the form of attachment 3, adds a second row with the page's button, attaches a file.
    login(page, base, "rep.cm")
    page.goto(f"{base}/reports/")
    row = page.locator("tr", has_text="รณรงค์ ปลูกฝังจิตสำนึก")
    row.get_by_role("link", name="กรอกรายงาน").click()
    expect(page.get_by_role("heading", name="แบบรายงานผลการดำเนินงาน")).to_be_visible()
    page.get_by_label("ข้อมูล ณ วันที่").fill("31/03/2560")
    page.fill("textarea[name=rows-0-method]", "จัดประชุมรณรงค์เรื่องผลประโยชน์ทับซ้อน")
    page.fill("textarea[name=rows-0-period_text]", "มี.ค. 2560")
    page.fill("textarea[name=rows-0-result]", "บุคลากรเข้าร่วม 30 คน")
    page.fill("textarea[name=rows-0-evidence_note]", "รายงานการประชุม")
    page.get_by_role("button", name="เพิ่มแถว").click()
    page.fill("textarea[name=rows-1-method]", "ติดประกาศที่บอร์ดประชาสัมพันธ์")
    page.fill("textarea[name=rows-1-result]", "ติดประกาศแล้ว")
    page.set_input_files("input[name=evidence_file]", str(evidence))
    page.get_by_label("ชื่อเอกสาร").fill("รายงานการประชุมรณรงค์")
    page.get_by_role("button", name="บันทึกและส่งรายงาน").click()
    expect(page.locator(".messages")).to_contain_text("ส่งรายงานแล้ว")
    expect(page.locator(".rep-sheet")).to_contain_text("ติดประกาศที่บอร์ดประชาสัมพันธ์")
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED and report.rows.count() == 2
    assert report.evidence.get().current.sha256

    # The host unit's coordinator returns it with a comment on the first row.
    login(page, base, "coord.hr")
    page.goto(f"{base}/reports/{report.pk}/")
    page.get_by_label(re.compile("ความเห็นต่อแถวที่ 1")).fill("กรุณาระบุวันที่จัดประชุม")
    page.get_by_role("button", name="ส่งกลับแก้ไข").click()
    expect(page.locator(".messages")).to_contain_text("ส่งรายงานกลับให้หน่วยงานแก้ไขแล้ว")

    # The reporter sees the comment beside the row, fixes it and sends again.
    login(page, base, "rep.cm")
    page.goto(f"{base}/reports/")
    page.get_by_role("link", name="แก้ไขตามความเห็น").click()
    expect(page.locator(".rep-row-comments")).to_contain_text("กรุณาระบุวันที่จัดประชุม")
    page.fill("textarea[name=rows-0-result]", "บุคลากรเข้าร่วม 30 คน ประชุมเมื่อ 15 มี.ค. 2560")
    page.get_by_role("button", name="บันทึกและส่งรายงาน").click()
    expect(page.locator(".messages")).to_contain_text("ส่งรายงานแล้ว")

    # The coordinator accepts it.
    login(page, base, "coord.hr")
    page.goto(f"{base}/reports/{report.pk}/")
    page.get_by_role("button", name="ผ่านการตรวจ").click()
    expect(page.locator(".messages")).to_contain_text("ผ่านการตรวจแล้ว")
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED
    assert list(report.submissions.values_list("outcome", flat=True)) == ["returned", "accepted"]

    # The plan administrator compiles the round and downloads the Word file.
    login(page, base, "planadmin")
    page.goto(f"{base}/reports/rounds/{open_round.pk}/compile/")
    page.get_by_role("button", name="รวบรวมผลล่าสุด").click()
    expect(page.locator(".messages")).to_contain_text("รวบรวมผลล่าสุดแล้ว")
    with page.expect_download() as download:
        page.get_by_role("link", name="รายงานสรุป (Word)").click()
    with open(download.value.path(), "rb") as handle:
        doc = Document(io.BytesIO(handle.read()))
    text = "\n".join(cell.text for table in doc.tables for r in table.rows for cell in r.cells)
    # The department's documents write numbers in Thai digits (the agency's setting, on by default).
    assert to_thai_digits("บุคลากรเข้าร่วม 30 คน ประชุมเมื่อ 15 มี.ค. 2560") in text
    assert "ไฟล์: รายงานการประชุมรณรงค์ (รายงานการประชุม.pdf, SHA-256" in text


def test_autosave_keeps_typing_when_the_session_ends(live_server, page, open_round, people):
    base = live_server.url
    report = report_of(open_round, "cpd-prov-13")
    login(page, base, "rep.cm")
    page.goto(f"{base}/reports/{report.pk}/edit/")
    page.fill("textarea[name=rows-0-method]", "ข้อความที่ยังไม่ได้กดบันทึก")
    expect(page.locator("#autosave-status")).to_contain_text("เก็บข้อความที่พิมพ์ไว้ชั่วคราวแล้ว", timeout=10000)
    page.context.clear_cookies()  # the session ends while the form is open
    page.fill("textarea[name=rows-0-result]", "ผลที่พิมพ์หลังหมดเวลา")
    expect(page.locator("#autosave-status")).to_contain_text("หมดเวลาเข้าสู่ระบบ", timeout=10000)
    assert page.input_value("textarea[name=rows-0-result]") == "ผลที่พิมพ์หลังหมดเวลา"
    login(page, base, "rep.cm")
    page.goto(f"{base}/reports/{report.pk}/edit/")
    expect(page.locator(".rep-notice")).to_contain_text("กู้คืนข้อมูลที่ท่านพิมพ์ไว้")
    assert page.input_value("textarea[name=rows-0-method]") == "ข้อความที่ยังไม่ได้กดบันทึก"


def test_a_pdf_not_ready_shows_progress_then_downloads_itself(
    live_server, page, reported_round, people, settings, tmp_path
):
    """Past the rendering budget the download page waits for the worker (here the immediate backend renders
    while the request queues it), polls with htmx, and starts the download itself when the file is ready."""
    from reports import services

    settings.DATA_DIR = tmp_path
    settings.REPORTS_PDF_SYNC_SECONDS = 0
    services.round_compile(actor=people["admin"], round_=reported_round)
    base = live_server.url
    login(page, base, "planadmin")
    with page.expect_download(timeout=30_000) as download:
        page.goto(f"{base}/reports/rounds/{reported_round.pk}/compiled.pdf")
        expect(page.get_by_role("heading", name="รายงานสรุป (PDF)")).to_be_visible()
        expect(page.get_by_label(re.compile(r"จัดทำแล้ว \d+ จาก \d+ ส่วน"))).to_be_visible()
    assert download.value.suggested_filename == f"compiled-round-{reported_round.pk}-fy2560.pdf"
    assert download.value.path().read_bytes().startswith(b"%PDF-")
    expect(page.locator("#pdf-progress")).to_contain_text("ไฟล์พร้อมแล้ว")
