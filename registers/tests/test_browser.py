"""The register pages in a real browser at a phone's width (390 px): nothing wider than the screen, and the
form's unit box and B.E. date work."""

import datetime

import pytest

from registers.services import icontrol, manuals, workplace
from registers.tests.conftest import pdf, unit
from reports.tests.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_pages_fit_a_phone(live_server, page, make_user, agency, tmp_path):
    from accounts.models import Role

    officer = make_user("reg", "cpd-psdg", (Role.REGISTER_OFFICER, "cpd"), (Role.HR_OFFICER, "cpd"),
                        (Role.PLAN_ADMIN, "cpd"))
    hr = unit("cpd-hr")
    process = manuals.process_save(actor=officer, unit=hr, name="การสรรหาและเลือกสรรบุคลากรเข้ารับราชการ")
    manuals.version_save(actor=officer, process=process, document_type="manual", number="1",
                         title="คู่มือการสรรหาและเลือกสรรบุคลากร", effective_on=datetime.date(2016, 5, 1),
                         is_published=True, files=[pdf("คู่มือการสรรหาและเลือกสรรบุคลากรฉบับสมบูรณ์.pdf")])
    round_ = icontrol.round_save(actor=officer, agency=agency, fiscal_year=2560, number=1,
                                 as_of=datetime.date(2017, 3, 31), due_on=datetime.date(2017, 4, 30))
    workplace.assessment_save(actor=officer, unit=hr, assessed_on=datetime.date(2017, 6, 1),
                              assessor="คณะกรรมการ", clean=True, safe=False, environment=True, lively=True)
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "reg")
    for path in ["/registers/manuals/?fy=2560",
                 f"/registers/internal-control/rounds/{round_.pk}/",
                 "/registers/healthy-workplace/?fy=2560", "/registers/publicity/?fy=2560",
                 "/registers/publicity/new/", "/registers/sheets/manuals/import/",
                 "/registers/public/manuals/"]:
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        page.screenshot(path=str(tmp_path / f"{path.strip('/').replace('/', '-')}.png"), full_page=True)
    # A B.E. date typed into the form is kept after a refusal and saved once corrected.
    page.goto(base + "/registers/publicity/new/")
    page.fill("input[name=unit]", "กลุ่มพัฒนาระบบบริหาร")
    page.select_option("select[name=channel]", "board")
    page.fill("input[name=published_on]", "09/12/2559")
    page.fill("input[name=title]", "บอร์ดวันต่อต้านคอร์รัปชันสากล")
    page.get_by_role("button", name="บันทึก").click()
    assert "แนบภาพ" in page.content()
    assert page.input_value("input[name=published_on]") == "09/12/2559"
    page.fill("input[name=link]", "https://example.org/board")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_url("**/registers/publicity/?fy=2560")
    assert "บอร์ดวันต่อต้านคอร์รัปชันสากล" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
