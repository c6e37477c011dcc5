"""An anonymous citizen reports corruption and gets a code; the custodian assigns it; a handler answers; the
citizen reads the answer with the code; an auditor sees the whole trail but no identity; the identity is
nowhere in plaintext in the data directory."""

import re

import pytest

from accounts.models import Role
from complaints.tests.conftest import IDENTITY
from complaints.tests.privacy import leaks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Pr0ngsai-test-pw"


def log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url(re.compile(r"/$"))


def open_case(page, base: str, number: str) -> None:
    page.goto(f"{base}/complaints/?queue=")
    page.get_by_role("link", name=number).click()
    page.get_by_role("heading", name=f"เรื่องเลขที่ {number}").wait_for()


def test_confidential_report_from_citizen_to_answer(live_server, page, agency, make_user):
    base = live_server.url
    make_user("keeper", "cpd-slk", (Role.IDENTITY_CUSTODIAN, "cpd"))
    make_user("handler", "cpd-prov-13", (Role.COMPLAINT_OFFICER, "cpd-prov-13"))
    make_user("inspector", "cpd-ia", (Role.AUDITOR, "cpd"))

    # The citizen files a corruption report from the public site, with contact details, and keeps the receipt.
    page.goto(f"{base}/public/")
    page.get_by_role("link", name=re.compile("แจ้งเบาะแสการทุจริต")).click()
    page.get_by_label(re.compile(r"^เรื่อง:?$")).fill("เรียกรับเงินค่าตรวจสหกรณ์")
    page.get_by_label("รายละเอียด").fill("เจ้าหน้าที่เรียกรับเงินห้าพันบาทเพื่อไม่บันทึกข้อบกพร่องในการตรวจ")
    page.get_by_label("ชื่อ-นามสกุล").fill(IDENTITY.name)
    page.get_by_label("โทรศัพท์").fill(IDENTITY.phone)
    page.get_by_label("ไปรษณีย์อิเล็กทรอนิกส์").fill(IDENTITY.email)
    page.get_by_label(re.compile("ยืนยันว่าข้อมูล")).check()
    page.get_by_role("button", name="ส่งเรื่อง").click()
    page.get_by_role("heading", name="ได้รับเรื่องของท่านแล้ว").wait_for()
    code = page.locator("#tracking-code").inner_text().strip()
    secret = page.locator("#tracking-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code) and len(secret) == 14

    from complaints.models import Case

    number = Case.objects.get(tracking_code=code).number

    # The custodian assigns it to the Chiang Mai office, and (with a reason) is the only one who may see who
    # filed it.
    log_in(page, base, "keeper")
    open_case(page, base, number)
    page.get_by_role("link", name="มอบหมายหน่วยงาน").click()
    page.get_by_label("หน่วยงานหลักที่รับผิดชอบ").fill("สำนักงานสหกรณ์จังหวัดเชียงใหม่")  # type-ahead box
    page.get_by_role("button", name="บันทึก").click()
    page.get_by_text("มอบหมายหน่วยงานแล้ว", exact=True).first.wait_for()
    page.get_by_role("link", name="เปิดดูข้อมูลผู้ร้อง").click()
    page.get_by_label("เหตุผลที่ต้องเปิดดูข้อมูลผู้ร้อง").fill("ประสานเป็นพยานตามหนังสือคณะกรรมการสอบสวน")
    page.get_by_role("button", name="เปิดดูข้อมูลผู้ร้อง").click()
    assert IDENTITY.name in page.locator(".cx-identity").inner_text()

    # The handler of the assigned office sees a case number, not a person, and answers.
    log_in(page, base, "handler")
    open_case(page, base, number)
    assert IDENTITY.name not in page.content() and IDENTITY.phone not in page.content()
    page.get_by_role("link", name="แจ้งผลแก่ผู้ร้อง").click()
    page.get_by_label("ผลการพิจารณาที่แจ้งผู้ร้อง").fill("ตรวจสอบแล้วพบมูล ได้ตั้งคณะกรรมการสอบสวนทางวินัยแล้ว")
    page.get_by_role("button", name="บันทึก").click()
    page.get_by_text("แจ้งผลแก่ผู้ร้องแล้ว", exact=True).first.wait_for()

    # The citizen, without an account, reads the answer with the code and secret.
    page.context.clear_cookies()
    page.goto(f"{base}/complaints/public/track/")
    page.get_by_label("รหัสติดตาม").fill(code)
    page.get_by_label("รหัสลับ").fill(secret)
    page.get_by_role("button", name="ดูสถานะ").click()
    assert page.locator("#case-status").inner_text() == "แจ้งผลแล้ว"
    assert "ตั้งคณะกรรมการสอบสวนทางวินัยแล้ว" in page.locator(".cx-timeline").inner_text()

    # The auditor sees every step, including who opened the identity and why, but never the identity.
    log_in(page, base, "inspector")
    open_case(page, base, number)
    trail = page.locator("#case-trail").inner_text()
    for step in ("รับเรื่องร้องเรียน", "ตอบรับเรื่องร้องเรียน", "มอบหมายหน่วยงานรับผิดชอบ", "เปิดดูข้อมูลผู้ร้อง",
                 "ประสานเป็นพยาน", "แจ้งผลเรื่องร้องเรียน", "ผู้ใช้ทั่วไป", "keeper", "handler"):
        assert step in trail, step
    assert "เปิดดูข้อมูลผู้ร้อง" not in page.get_by_role("main").get_by_role("link").all_inner_texts()
    page.goto(f"{base}/audit/")
    audit_page = page.content()
    assert number in audit_page
    for value in (IDENTITY.name, IDENTITY.phone, IDENTITY.email):
        assert value not in page.content() and value not in audit_page

    # Nothing in the database or the data directory holds the identity in plaintext.
    assert leaks(IDENTITY) == []


def file_service_complaint(page, base: str, subject: str) -> tuple[str, str]:
    page.goto(f"{base}/complaints/public/new/service/")
    page.get_by_label(re.compile(r"^เรื่อง:?$")).fill(subject)
    page.get_by_label("รายละเอียด").fill("รอรับบริการจดทะเบียนนานกว่าสองชั่วโมงโดยไม่มีผู้ชี้แจง")
    page.get_by_label(re.compile("ยืนยันว่าข้อมูล")).check()
    page.get_by_role("button", name="ส่งเรื่อง").click()
    page.get_by_role("heading", name="ได้รับเรื่องของท่านแล้ว").wait_for()
    return (page.locator("#tracking-code").inner_text().strip(),
            page.locator("#tracking-secret").inner_text().strip())


def test_reloading_the_receipt_files_nothing(live_server, page, agency):
    from complaints.models import Case

    code, secret = file_service_complaint(page, live_server.url, "รอคิวนานเกินไป")
    assert "/public/receipt/" in page.url and code not in page.url
    page.reload()
    page.get_by_role("heading", name="ได้รับเรื่องของท่านแล้ว").wait_for()
    assert page.locator("#tracking-code").inner_text().strip() == code
    # Back to the form and forward again: still the one case.
    page.go_back()
    page.go_forward()
    assert Case.objects.count() == 1 and Case.objects.get().tracking_code == code


def test_a_note_reaches_the_tracking_page_only_when_ticked(live_server, page, agency, make_user):
    from complaints import services
    from complaints.models import Case
    from org.models import Unit

    base = live_server.url
    desk = make_user("desk", "cpd-slk", (Role.COMPLAINT_OFFICER, "cpd"))
    make_user("handler", "cpd-prov-13", (Role.COMPLAINT_OFFICER, "cpd-prov-13"))
    code, secret = file_service_complaint(page, base, "ขอจดทะเบียนล่าช้า")
    case = Case.objects.get(tracking_code=code)
    services.case_assign(actor=desk, case=case, lead=Unit.objects.get(code="cpd-prov-13"))

    log_in(page, base, "handler")
    for text, tick in (("ผู้อำนวยการสั่งตรวจสอบประวัติผู้ร้องก่อน", False), ("ขอเอกสารจากสหกรณ์เพิ่มเติมแล้ว", True)):
        open_case(page, base, case.number)
        page.get_by_role("link", name="บันทึกความคืบหน้า").click()
        box = page.get_by_label("แจ้งให้ผู้ร้องเห็นข้อความนี้")
        assert not box.is_checked()
        page.get_by_label(re.compile(r"^ความคืบหน้า:?$")).fill(text)
        if tick:
            box.check()
        page.get_by_role("button", name="บันทึก").click()
        page.get_by_text("บันทึกความคืบหน้าแล้ว", exact=True).first.wait_for()

    page.context.clear_cookies()
    page.goto(f"{base}/complaints/public/track/")
    page.get_by_label("รหัสติดตาม").fill(code)
    page.get_by_label("รหัสลับ").fill(secret)
    page.get_by_role("button", name="ดูสถานะ").click()
    timeline = page.locator(".cx-timeline").inner_text()
    assert "ขอเอกสารจากสหกรณ์เพิ่มเติมแล้ว" in timeline
    assert "ผู้อำนวยการสั่งตรวจสอบประวัติผู้ร้องก่อน" not in page.content()


def test_the_manual_fits_a_phone(live_server, page, agency, tmp_path):
    from complaints.services import standards_ensure

    standards_ensure(agency=agency)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/complaints/public/manual/")
    page.get_by_role("heading", name=re.compile("คู่มือการจัดการเรื่องร้องเรียน")).wait_for()
    page.screenshot(path=str(tmp_path / "manual-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
