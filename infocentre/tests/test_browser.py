"""The information request and the participation flow in a real browser at a phone's width (390 px)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from infocentre import participation
from infocentre.models import Comment, InfoRequest
from org.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Pr0ngsai-test-pw"


def _fits(page, what):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, what


def login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))


def test_an_information_request_gets_a_receipt_a_reply_and_a_status(live_server, page, agency, make_user):
    make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/info/request/")
    _fits(page, "request form")
    page.fill("input[name=name]", "สมชาย ใจดี")
    page.fill("input[name=contact]", "x")  # too short: refused, nothing typed is lost
    page.fill("input[name=subject]", "สำเนาแผนปฏิบัติการประจำปี")
    page.get_by_role("button", name="ยื่นคำขอ").click()
    expect(page.locator("main")).to_contain_text("ช่องทางติดต่อกลับ")
    assert page.input_value("input[name=subject]") == "สำเนาแผนปฏิบัติการประจำปี"
    page.fill("input[name=contact]", "somchai@example.test")
    page.get_by_role("button", name="ยื่นคำขอ").click()
    code = page.locator("#receipt-code").inner_text()
    secret = page.locator("#receipt-secret").inner_text()
    _fits(page, "receipt")
    page.reload()  # reloading shows the receipt again and files nothing new
    expect(page.locator("#receipt-code")).to_have_text(code)
    assert InfoRequest.objects.count() == 1

    login(page, base, "ict")
    info = InfoRequest.objects.get()
    page.goto(f"{base}/info/manage/requests/{info.pk}/")
    expect(page.locator("main")).to_contain_text("สมชาย ใจดี")
    page.fill("textarea[name=text]", "ข้อมูลส่วนบุคคลของผู้อื่น")
    page.get_by_role("button", name="ปฏิเสธ (ระบุเหตุ)").click()
    expect(page.locator("main")).to_contain_text("มาตรา ๑๔ หรือมาตรา ๑๕")  # a ground is required
    page.select_option("select[name=ground]", "s15_5")
    page.get_by_role("button", name="ปฏิเสธ (ระบุเหตุ)").click()
    expect(page.locator("main")).to_contain_text("ปฏิเสธการเปิดเผย")
    _fits(page, "handling page")

    page.context.clear_cookies()
    page.goto(f"{base}/info/request/status/")
    page.fill("input[name=code]", code)
    page.fill("input[name=secret]", secret)
    page.get_by_role("button", name="ตรวจสอบ").click()
    expect(page.locator("#request-status")).to_contain_text("ปฏิเสธการเปิดเผย")
    expect(page.locator("#appeal")).to_contain_text("คณะกรรมการวินิจฉัยการเปิดเผยข้อมูลข่าวสาร")
    _fits(page, "status page")


def test_participation_comment_moderation_and_published_responses(live_server, page, agency, make_user):
    ict = make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))
    today = timezone.localdate()
    item = participation.consultation_save(
        actor=ict, unit=Unit.objects.get(code="cpd-ict"), title="ร่างแผนพัฒนาเว็บไซต์กรม",
        summary="ปรับปรุงเว็บไซต์ให้ค้นหาข้อมูลได้ง่าย", questions="ควรเพิ่มบริการใด\nใช้งานบนมือถือสะดวกหรือไม่",
        opens_on=today, closes_on=today)
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/info/participation/")
    page.get_by_role("link", name="ร่างแผนพัฒนาเว็บไซต์กรม").click()
    _fits(page, "consultation page")
    page.fill("textarea[name=text]", "ควรมีระบบค้นหาภาษาไทยที่ตัดคำได้")
    page.get_by_role("button", name="ส่งความคิดเห็น").click()
    expect(page.locator("main")).to_contain_text("จะแสดงหลังเจ้าหน้าที่ตรวจ")
    page.fill("textarea[name=text]", "ข้อความไม่สุภาพ")
    page.get_by_role("button", name="ส่งความคิดเห็น").click()
    assert Comment.objects.count() == 2

    login(page, base, "ict")
    page.goto(f"{base}/info/manage/participation/{item.pk}/")
    _fits(page, "moderation page")
    first, second = Comment.objects.order_by("id")
    publishing = page.locator(f"form:has(input[name=comment][value='{first.pk}'])")
    publishing.get_by_role("button", name="เผยแพร่", exact=True).click()
    rejecting = page.locator(f"form:has(input[name=comment][value='{second.pk}'])")
    rejecting.get_by_role("button", name="ไม่เผยแพร่").click()
    expect(page.locator("main")).to_contain_text("ต้องระบุเหตุผล")
    rejecting = page.locator(f"form:has(input[name=comment][value='{second.pk}'])")
    rejecting.locator("input[name=reason]").fill("ถ้อยคำไม่สุภาพ")
    rejecting.get_by_role("button", name="ไม่เผยแพร่").click()
    page.fill("input[name=theme]", "การค้นหา")
    page.fill("textarea[name=response]", "จะพัฒนาระบบค้นหาที่ตัดคำภาษาไทย")
    page.fill("textarea[name=change]", "เพิ่มการค้นหาในแผน")
    page.get_by_role("button", name="เพิ่มคำชี้แจง").click()
    # The window closes; then the unit publishes its answers.
    type(item).objects.filter(pk=item.pk).update(opens_on=today - datetime.timedelta(days=10),
                                                 closes_on=today - datetime.timedelta(days=1))
    page.fill("textarea[name=outcome]", "เพิ่มการค้นหาภาษาไทยในแผนพัฒนาเว็บไซต์")
    page.get_by_role("button", name="เผยแพร่ผล").click()

    page.context.clear_cookies()
    page.goto(f"{base}/info/participation/{item.pk}/")
    expect(page.locator("#comments")).to_contain_text("ตัดคำได้")
    expect(page.locator("#comments")).not_to_contain_text("ไม่สุภาพ")
    expect(page.locator("main")).to_contain_text("ไม่เผยแพร่ 1 ความคิดเห็น")
    expect(page.locator("main")).to_contain_text("จะพัฒนาระบบค้นหาที่ตัดคำภาษาไทย")
    expect(page.locator("main")).to_contain_text("ปิดรับความคิดเห็นแล้ว")
    _fits(page, "published responses")
