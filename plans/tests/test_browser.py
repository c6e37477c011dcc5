"""A plan administrator logs in, opens the plan, edits an indicator target and sees it in the audit trail."""

import re

import pytest

from accounts.models import Role
from plans.models import Indicator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_admin_edits_a_target_and_finds_it_in_the_audit_trail(live_server, page, plan, make_user):
    make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, None))
    indicator = (Indicator.objects.filter(activity__measure__policy__plan=plan, kind="percent")
                 .order_by("id").first())
    old_value = f"{indicator.value.normalize():f}"

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill("pa")
    page.get_by_label("รหัสผ่าน").fill("Pr0ngsai-test-pw")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.get_by_role("navigation", name="เมนูหลัก").get_by_role("link", name="แผนการดำเนินงาน").click()
    page.get_by_role("link", name=re.compile("ภายใต้นโยบายคุณธรรม")).first.click()
    assert page.get_by_role("heading", name=re.compile("นโยบายด้านความโปร่งใส")).first.is_visible()

    page.locator(f"#indicator-{indicator.pk}").get_by_role("link", name="แก้ไข").click()
    value = page.get_by_label("ค่าเป้าหมาย")
    assert value.input_value().startswith(old_value)
    value.fill("150")
    page.get_by_role("button", name="บันทึก").click()
    assert page.get_by_text("ค่าร้อยละต้องอยู่ระหว่าง 0 ถึง 100").is_visible()
    assert page.get_by_label("ค่าเป้าหมาย").input_value() == "150"  # nothing typed is lost

    page.get_by_label("ค่าเป้าหมาย").fill("90")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_url(re.compile(rf"/plans/{plan.pk}/"))
    assert "90" in page.locator(f"#indicator-{indicator.pk}").inner_text()

    page.get_by_role("link", name="บันทึกการเปลี่ยนแปลง").click()
    row = page.locator("#audit-table tbody tr").first
    text = row.inner_text()
    assert "แก้ไขตัวชี้วัด" in text and "pa" in text
    assert "ค่าเป้าหมาย" in text and old_value in text and "90" in text
