"""The public acknowledgement page on a phone (390 px): the text, one button, and the thank-you after it;
nothing overflows the screen."""

import pytest
from playwright.sync_api import expect

from campaigns import tokens
from campaigns.models import Acknowledgement
from campaigns.tests.conftest import make_campaign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_acknowledges_on_a_phone(live_server, browser, agency, staff):
    campaign = make_campaign(agency)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="th-TH",
                                  timezone_id="Asia/Bangkok")
    page = context.new_page()
    page.goto(live_server.url + tokens.path(campaign.pk, staff["cm1"].pk))
    expect(page.locator("h1")).to_contain_text(campaign.title)
    expect(page.locator("#ack-card")).to_contain_text("ซื่อตรงต่อหน้าที่ มีวินัย โปร่งใส ไร้ทุจริต")
    button = page.get_by_role("button", name="ข้าพเจ้าขอแสดงเจตจำนง")
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    button.click()
    expect(page.locator("#ack-done")).to_contain_text("บันทึกการแสดงเจตจำนงของท่านแล้วเมื่อ")
    page.reload()  # the second visit shows the first acknowledgement, no button
    expect(page.get_by_role("button", name="ข้าพเจ้าขอแสดงเจตจำนง")).to_have_count(0)
    assert Acknowledgement.objects.filter(campaign=campaign, staff=staff["cm1"]).count() == 1
    context.close()
