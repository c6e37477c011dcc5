"""The ITA readiness board at a phone's width (390 px) and the OIT answer sheet downloaded from it."""

import re

import openpyxl
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
def year(agency, make_user):
    from ita import catalogue, services

    ict = make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))
    year = services.catalogue_load(actor=ict, agency=agency, fiscal_year=2570,
                                   content=catalogue.shipped("oit_2570.yaml"))
    # Keep the check quick: a few items, one of each colour.
    year.items.exclude(code__in=["O1", "O21", "O30", "O31"]).delete()
    services.item_save(actor=ict, year=year, item=year.items.get(code="O1"), code="O1", text="โครงสร้าง",
                       links="portal:section no_such_section_anywhere", owner=ict)
    services.run_links(services.run_start(actor=ict, agency=agency))
    return year


def test_board_fits_a_phone_and_the_answer_sheet_downloads(live_server, page, year, tmp_path):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "ict")
    page.goto(f"{base}/ita/2570/")
    expect(page.locator("h1")).to_contain_text("2570")
    expect(page.locator("tr[data-code=O30] .badge")).to_have_text("พร้อม")
    expect(page.locator("tr[data-code=O1] .badge")).to_have_text("ไม่มี")
    expect(page.get_by_text("คะแนน OIT ประมาณการ")).to_be_visible()
    _fits(page, "readiness board")
    page.screenshot(path=str(tmp_path / "ita-board-390.png"), full_page=True)
    with page.expect_download() as info:
        page.get_by_role("link", name="ส่งออกแบบตอบ OIT (Excel)").click()
    download = info.value
    assert download.suggested_filename == "oit-2570.xlsx"
    target = tmp_path / "oit.xlsx"
    download.save_as(target)
    rows = list(openpyxl.load_workbook(target)["OIT"].iter_rows(values_only=True))
    assert rows[0] == ("ข้อ", "รายการ", "มี/ไม่มี", "URL", "หมายเหตุ")
    by_code = {r[0]: r for r in rows[1:]}
    assert set(by_code) == {"O1", "O21", "O30", "O31"}
    assert by_code["O30"][2] == "มี" and by_code["O1"][2] == "ไม่มี"
    page.locator("tr[data-code=O30] a").first.click()
    expect(page.locator("h1")).to_contain_text("O30")
    _fits(page, "item page")
