"""The HR pages in a real browser at a phone's width (390 px): the year's page, a round with every unit,
the forms and the import with a bad row, all without sideways scrolling."""

import datetime

import pytest
from playwright.sync_api import expect

from reports.tests.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date


def _fits(page, what):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, what


def test_hr_pages_and_the_import_fit_a_phone(live_server, page, make_user, agency, tmp_path):
    import openpyxl

    from accounts.models import Role
    from hr import services
    from org.models import Unit

    officer = make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))
    services.criteria_step_save(actor=officer, agency=agency, fiscal_year=2561, step=1,
                                done_on=D(2017, 10, 5),
                                reference="บันทึกข้อความ กกจ. ที่ กษ ๑๑๐๒/ว ๑๒๓๔ ลงวันที่ ๕ ตุลาคม ๒๕๖๐")
    line = services.job_line_save(actor=officer, agency=agency, name="นักวิชาการส่งเสริมสหกรณ์ชำนาญการพิเศษ",
                                  kind="core")
    services.job_line_kpis_save(actor=officer, job_line=line, fiscal_year=2561, set_on=D(2017, 10, 2),
                                kpis="ร้อยละของสหกรณ์และกลุ่มเกษตรกรที่ได้รับการส่งเสริมและพัฒนาตามมาตรฐานที่กำหนด")
    round_ = services.round_save(actor=officer, agency=agency, fiscal_year=2561, number=1,
                                 closes_on=D(2018, 3, 31))
    services.unit_complete(actor=officer, round_=round_, unit=Unit.objects.get(code="cpd-hr"),
                           completed_on=D(2018, 3, 15), staff_count=40, evaluated_count=40)
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "hr")
    for path in ["/hr/?fy=2561", f"/hr/rounds/{round_.pk}/", "/hr/criteria/new/?fy=2561",
                 f"/hr/job-lines/{line.pk}/kpis/?fy=2561", "/hr/job-lines/import/?fy=2561",
                 f"/hr/rounds/{round_.pk}/import/"]:
        page.goto(base + path)
        expect(page.locator("h1")).to_be_visible()
        _fits(page, path)
        page.screenshot(path=str(tmp_path / f"{path.strip('/').replace('/', '-')}.png"), full_page=True)

    bad = tmp_path / "ผลการประเมิน.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["หน่วยงาน", "จำนวนบุคลากร", "ประเมินแล้ว", "วันที่แล้วเสร็จ"])
    book.active.append(["cpd-prov-13", 25, 25, "15/03/2561"])
    book.active.append(["หน่วยงานที่ไม่มีอยู่จริงในระบบของกรมส่งเสริมสหกรณ์", 10, 10, "15/03/2561"])
    book.save(bad)
    page.set_input_files("input[name=file]", str(bad))
    page.get_by_label("ตรวจสอบอย่างเดียว ยังไม่บันทึก").uncheck()
    page.get_by_role("button", name="นำเข้า").click()
    expect(page.locator(".msg-error")).to_contain_text("แถวที่ 3: หน่วยงาน: ไม่พบหน่วยงาน")
    _fits(page, "import errors")
    assert round_.completions.count() == 1  # nothing of the file was kept
