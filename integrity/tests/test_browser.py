"""A CoI campaign walked in a real browser: the officer records an event dated 15 March 2560 through the
form (B.E. date, type-ahead unit), the round's indicator values show 3.1-a ๑ computed from it and met; an
event in April does not count. The register's pages fit a phone's width."""

import json

import pytest
from playwright.sync_api import expect

from integrity.models import CampaignEvent
from reports.tests.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _record(page, base, day, title):
    page.goto(f"{base}/integrity/events/new/")
    page.get_by_label("หน่วยงานที่จัด").fill("กองการเจ้าหน้าที่")  # a type-ahead box
    page.get_by_label("วันที่จัด").fill(day)
    page.get_by_label("ชื่อกิจกรรม").fill(title)
    page.get_by_label("กลุ่มเป้าหมาย").fill("ข้าราชการและลูกจ้างส่วนกลาง")
    page.get_by_label("จำนวนผู้เข้าร่วม (คน)").fill("120")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("บันทึกแล้ว")


def _refresh(round_id):
    """The API gives the computed values the task worker keeps (refreshed hourly); refresh them as its run
    would, so the test reads what the records now give."""
    try:
        from reports.indicator_cache import refresh_round
    except ImportError:  # values computed on every request
        return
    from reports.models import Round

    refresh_round(Round.objects.get(pk=round_id))


def _indicator(page, base, round_id, key):
    _refresh(round_id)
    response = page.request.get(f"{base}/api/rounds/{round_id}/indicators")
    assert response.ok, response.text()
    return next(v for v in json.loads(response.text()) if v["key"] == key)


def test_a_campaign_from_event_to_the_march_verdict(live_server, page, browser, annual_2560, people):
    base = live_server.url
    # The plan administrator reads the round's values (the CoI officer reads no reports) in a window of
    # their own.
    admin = browser.new_context().new_page()
    login(admin, base, "planadmin")
    login(page, base, "coi")
    # A bad date keeps everything else typed.
    page.goto(f"{base}/integrity/events/new/")
    page.get_by_label("ชื่อกิจกรรม").fill("ประชุมชี้แจงการป้องกันผลประโยชน์ทับซ้อน")
    page.get_by_label("วันที่จัด").fill("31/02/2560")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert page.get_by_label("ชื่อกิจกรรม").input_value() == "ประชุมชี้แจงการป้องกันผลประโยชน์ทับซ้อน"
    assert page.get_by_label("วันที่จัด").input_value() == "31/02/2560"

    _record(page, base, "20/04/2560", "อบรมหลังกำหนด")
    late = _indicator(admin, base, annual_2560.pk, "3.1-a/1")
    assert late["source"] == "computed" and float(late["value"]) == 0 and late["verdict"] != "met"

    _record(page, base, "15 มี.ค. 2560", "ประชุมชี้แจงการป้องกันผลประโยชน์ทับซ้อน")
    assert CampaignEvent.objects.get(title__startswith="ประชุมชี้แจง").held_on.isoformat() == "2017-03-15"
    value = _indicator(admin, base, annual_2560.pk, "3.1-a/1")
    assert value["source"] == "computed" and float(value["value"]) == 1 and value["verdict"] == "met", value
    assert "15 มีนาคม 2560" in value["explanation"] and "หลังเดือนมีนาคมอีก 1 ครั้งไม่นับ" in value["explanation"]

    # The plan administrator opens the record the value links to, and sees it on the round's page.
    event = CampaignEvent.objects.get(held_on__month=3)
    admin.goto(f"{base}/integrity/events/{event.pk}/")
    expect(admin.locator("h1")).to_contain_text("ประชุมชี้แจง")
    admin.context.close()


@pytest.mark.parametrize(
    "path",
    [
        "events/",
        "events/new/",
        "reminders/new/",
        "gifts/",
        "gifts/rules/",
        "declarations/",
        "declarations/new/",
        "issuances/",
        "issuances/new/",
        "discipline/",
        "discipline/new/",
        "discipline/counts/",
        "coi-reports/",
    ],
)
def test_the_register_pages_fit_a_phone(live_server, page, department, people, path):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "coi" if "discipline" not in path else "discipline")
    page.goto(f"{base}/integrity/{path}")
    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_a_refused_gift_form_keeps_what_was_typed_at_a_phones_width(live_server, page, department, people):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "coi")
    page.goto(f"{base}/integrity/gifts/new/")
    page.locator("[name=giver]").fill("บริษัท ตัวอย่าง จำกัด")
    page.get_by_label("มูลค่าโดยประมาณ (บาท)").fill("สามพัน")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator(".field-error").first).to_be_visible()
    assert page.locator("[name=giver]").input_value() == "บริษัท ตัวอย่าง จำกัด"
    assert page.get_by_label("มูลค่าโดยประมาณ (บาท)").input_value() == "สามพัน"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
