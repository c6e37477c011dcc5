"""The supervising bodies' page in a real browser at a phone's width (390 px): the list, a refused grant
with its Thai message, a revoke confirmed in the dialog, and a new account made for an officer who had none
(refused once, keeping what was typed), all without sideways scrolling."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from reports.tests.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page, what):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, what


def test_supervisions_fit_a_phone(live_server, page, make_user, tmp_path):
    from accounts.models import Supervision
    from accounts.services import supervision_grant, user_create

    admin = make_user("national.admin", "cpd")
    admin.is_superuser = True
    admin.save()
    watcher = user_create(actor=None, username="moac.inspector.long.username", password=None, unit=None,
                          first_name="อรุณีรัตน์", last_name="ผู้ตรวจติดตามการปฏิบัติราชการ")
    supervision_grant(actor=None, user=watcher, ministry="กระทรวงเกษตรและสหกรณ์",
                      body="สำนักงานปลัดกระทรวงเกษตรและสหกรณ์ กองตรวจราชการ")
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "national.admin")
    page.goto(base + "/accounts/supervisions/")
    expect(page.locator("h1")).to_have_text("หน่วยงานกำกับ")
    _fits(page, "list")
    page.screenshot(path=str(tmp_path / "supervisions-390.png"), full_page=True)
    page.fill("#id_user", "nobody.at.all")
    page.fill("#id_ministry", "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม")
    page.fill("#id_body", "สำนักงานปลัดกระทรวง")
    page.get_by_role("button", name="มอบหน้าที่", exact=True).click()
    expect(page.locator("section[aria-labelledby=grant-h] form")).to_contain_text("ไม่พบผู้ใช้ชื่อ 'nobody.at.all'")
    expect(page.locator("#id_ministry")).to_have_value("กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม")
    _fits(page, "refused grant")
    page.screenshot(path=str(tmp_path / "supervisions-refused-390.png"), full_page=True)
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#supervision-table").get_by_role("button", name="ยกเลิก").click()
    expect(page.locator("#supervision-table")).to_contain_text("ไม่พบรายการ")
    _fits(page, "after revoke")
    assert not Supervision.objects.exists()
    # An officer with no account yet: refused first for a mistyped e-mail (what was typed stays), then made.
    page.fill("#id_new-username", "pacc.somchai")
    page.fill("#id_new-first_name", "สมชาย")
    page.fill("#id_new-last_name", "ตรวจสอบดี")
    page.fill("#id_new-email", "somchai.pacc.example.test")
    page.fill("#id_new-body", "สำนักงาน ป.ป.ท.")
    page.get_by_role("button", name="สร้างบัญชีและมอบหน้าที่").click()
    expect(page.locator("#new-account")).to_contain_text("รูปแบบอีเมลไม่ถูกต้อง")
    expect(page.locator("#id_new-username")).to_have_value("pacc.somchai")
    expect(page.locator("#id_new-last_name")).to_have_value("ตรวจสอบดี")
    _fits(page, "refused account")
    page.screenshot(path=str(tmp_path / "supervisions-account-refused-390.png"), full_page=True)
    mail.outbox.clear()
    page.fill("#id_new-email", "somchai@pacc.example.test")
    page.get_by_role("button", name="สร้างบัญชีและมอบหน้าที่").click()
    expect(page.locator("body")).to_contain_text("ส่งลิงก์ตั้งรหัสผ่านไปที่ somchai@pacc.example.test แล้ว")
    expect(page.locator("#supervision-table")).to_contain_text("pacc.somchai")
    _fits(page, "account made")
    made = Supervision.objects.get()
    assert made.user.username == "pacc.somchai" and not made.user.has_usable_password()
    assert [m.to for m in mail.outbox] == [["somchai@pacc.example.test"]]
