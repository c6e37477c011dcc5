"""The review queue and the dashboard's linked counts in a real browser, on a desktop and a phone width: the
unit box suggests units as one types and filters without script, each filter is labelled and shows focus,
and a count on the dashboard opens a list of that many."""

import re

import pytest
from playwright.sync_api import expect

from reports import services
from reports.tests.conftest import fill, report_of
from reports.tests.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sent_round(open_round, people):
    for code, actor in (("cpd-prov-13", people["reporter"]), ("cpd-prov-01", people["other"])):
        for key in ("t-1", "t-2"):
            services.report_submit(actor=actor, report=fill(report_of(open_round, code, key), actor))
    return open_round


@pytest.mark.parametrize("width", [1280, 390])
def test_the_queue_filters_by_a_typed_unit_and_keeps_the_page_within_the_screen(
    live_server, page, sent_round, people, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server.url, "planadmin")
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name=re.compile("ค้นหาและกรองรายการรอตรวจ")).click()
    expect(page.locator("#list-count")).to_contain_text("4 รายการ")
    for label in ("หน่วยงาน", "สถานะ", "ประเภท", "กิจกรรม", "ความล่าช้า", "สังกัด", "ค้นหา"):
        expect(page.get_by_label(label, exact=False).first).to_be_visible()
    box = page.get_by_label(re.compile("^หน่วยงาน"))
    assert box.get_attribute("list") == "f-unit-list"
    assert page.locator("#f-unit-list option").count() == 2
    box.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    box.fill("กระบี่")
    page.get_by_role("button", name="กรอง").click()
    expect(page.locator("#list-count")).to_contain_text("2 รายการ")
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.locator("tbody")).to_contain_text("สสจ.กระบี่")
    expect(box).to_have_value("กระบี่")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_dashboard_count_opens_the_list_it_counts(live_server, page, sent_round, people):
    page.set_viewport_size({"width": 390, "height": 900})
    login(page, live_server.url, "exec")
    page.goto(f"{live_server.url}/reports/rounds/{sent_round.pk}/dashboard/")
    card = page.locator("a.stat-link", has_text="ส่งแล้ว รอตรวจ")
    shown = card.locator(".stat").inner_text()
    card.click()
    expect(page.locator("#list-count [data-count]")).to_have_text(shown)
    expect(page.locator("#f-status")).to_have_value("waiting")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
