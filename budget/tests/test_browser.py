"""Budget and survey pages in a real browser at a phone's width (390 px): the chart page, the import with a
bad row, the public survey answered from the portal's box, and its results."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Pr0ngsai-test-pw"


def login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))


def _fits(page, what):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, what


@pytest.fixture
def demo(agency, plan, make_user):
    from budget import demo as budget_demo
    from surveys import demo as surveys_demo

    budget_demo.load(agency=agency, plan=plan)
    surveys_demo.load(agency=agency, plan=plan)
    make_user("finance", "cpd-finance", (Role.FINANCE_OFFICER, "cpd"))
    make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))


def test_budget_pages_and_the_import_fit_a_phone(live_server, page, demo, tmp_path):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "finance")
    page.goto(f"{base}/budget/?fy=2560")
    expect(page.locator("h1")).to_contain_text("2560")
    chart = page.locator("main svg").first
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] <= 390
    _fits(page, "budget home")
    page.screenshot(path=str(tmp_path / "budget-390.png"), full_page=True)
    for path in ("meetings/", "targets/", "lines/", "reviews/", "publications/"):
        page.goto(f"{base}/budget/{path}?fy=2560")
        expect(page.locator("h1")).to_be_visible()
        _fits(page, path)
    bad = tmp_path / "เบิกจ่าย.csv"
    bad.write_text("หน่วยงาน,รหัสงบ,เดือน,จำนวนเงิน\ncpd-finance,25001,ต.ค.,10\ncpd-finance,99999,ต.ค.,10\n",
                   encoding="utf-8-sig")
    page.goto(f"{base}/budget/import/?fy=2560")
    page.set_input_files("input[name=file]", str(bad))
    page.get_by_role("button", name="นำเข้า").click()
    expect(page.locator(".msg-error")).to_contain_text("แถวที่ 3: รหัสงบ: ไม่พบรหัสงบ “99999”")
    _fits(page, "import errors")
    # The published spending reports' tables stack on a phone on the public portal too.
    page.goto(f"{base}/public/s/budget/")
    expect(page.locator("main")).to_contain_text("รายงานผลการใช้จ่ายงบประมาณรอบ 6 เดือน ปีงบประมาณ พ.ศ. 2560")
    _fits(page, "public budget section")
    # Each kind's own page (the one ITA O19 links), its tables captioned and stacked too.
    page.get_by_role("link", name="รายงานผลการใช้จ่ายงบประมาณรอบ 6 เดือน").click()
    expect(page.locator("h1")).to_have_text("รายงานผลการใช้จ่ายงบประมาณรอบ 6 เดือน")
    expect(page.locator("main table caption").first).to_contain_text("ปีงบประมาณ พ.ศ. 2560")
    _fits(page, "public half-year report page")


def test_the_website_survey_is_answered_from_the_portal_at_a_phone_width(live_server, page, demo, tmp_path):
    from surveys.models import Response

    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/public/")
    page.get_by_role("link", name="ตอบแบบประเมิน").click()
    expect(page.locator("h1")).to_contain_text("ความพึงพอใจต่อเว็บไซต์")
    _fits(page, "survey form")
    before = Response.objects.count()
    radios = page.locator("fieldset.sv-question input[type=radio][value='4']")
    assert radios.count() == 4
    for i in range(radios.count()):
        radios.nth(i).check()
    page.get_by_role("button", name="ส่งคำตอบ").click()
    expect(page.locator("h1")).to_contain_text("ขอบคุณ")
    assert Response.objects.count() == before + 1
    login(page, base, "ict")
    page.goto(f"{base}/surveys/")
    page.get_by_role("link", name=re.compile("ความพึงพอใจต่อเว็บไซต์")).last.click()  # the 2560 one
    expect(page.locator("main")).to_contain_text("ผู้ตอบ 62 คน")
    expect(page.locator("main")).to_contain_text("ช่วงความเชื่อมั่นร้อยละ ๙๕")
    _fits(page, "survey results")
    page.screenshot(path=str(tmp_path / "survey-results-390.png"), full_page=True)
