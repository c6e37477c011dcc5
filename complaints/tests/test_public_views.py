import re

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from complaints.models import Attachment, Case, Channel, Status
from complaints.services import case_answer, case_assign
from org.models import Unit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_public_pages_open_without_an_account(client, agency):
    for name, args in [("public_home", []), ("public_new", ["service"]), ("public_new", ["corruption"]),
                       ("public_track", []), ("public_manual", []), ("public_stats", [])]:
        response = client.get(reverse(f"complaints:{name}", args=args))
        assert response.status_code == 200, name
    page = client.get(reverse("complaints:public_new", args=["corruption"])).content.decode()
    assert "คุ้มครองผู้แจ้งเบาะแส" in page
    assert client.get(reverse("complaints:public_new", args=["other"])).status_code == 404


def test_portal_links_to_the_complaint_channels(client, agency):
    page = client.get(reverse("portal:home")).content.decode()
    assert reverse("complaints:public_new", args=["corruption"]) in page
    assert reverse("complaints:public_track") in page


def test_citizen_files_a_report_with_evidence_and_sees_the_receipt_once(client, agency):
    upload = SimpleUploadedFile("หลักฐาน นายสมปอง.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("complaints:public_new", args=["corruption"]), {
        "subject": "เรียกรับเงินค่าจดทะเบียน", "details": "เจ้าหน้าที่เรียกเงินเพิ่มนอกเหนือค่าธรรมเนียม",
        "files": [upload], "confirm": "on"}, follow=True)
    assert response.redirect_chain[0][1] == 302 and response.status_code == 200
    page = response.content.decode()
    code = re.search(r'id="tracking-code">([A-Z2-9-]+)<', page).group(1)
    secret = re.search(r'id="tracking-secret">([A-Z2-9-]+)<', page).group(1)
    case = Case.objects.get(tracking_code=code)
    assert case.channel == Channel.CORRUPTION and not case.has_identity and secret not in case.secret_hash
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    attachment = Attachment.objects.get(case=case)
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF)
    assert "นายสมปอง" not in attachment.name_token
    # Nothing about the visitor was recorded by the login throttle either.
    assert not AccessAttempt.objects.exists() and not AccessLog.objects.exists()


def test_disguised_and_oversized_files_are_refused(client, agency, settings):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"\x00" * 200, content_type="image/jpeg")
    response = client.post(reverse("complaints:public_new", args=["service"]), {
        "subject": "ทดสอบ", "details": "แนบไฟล์ที่ไม่ใช่รูปภาพจริง", "files": [fake], "confirm": "on"})
    assert response.status_code == 200
    assert ("ไฟล์ photo.jpg ไม่ใช่ชนิดที่รับได้ (ตรวจจากเนื้อไฟล์พบว่าเป็นโปรแกรม Windows (EXE))"
            in response.content.decode())
    settings.UPLOAD_MAX_BYTES = 100
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 200, content_type="application/pdf")
    response = client.post(reverse("complaints:public_new", args=["service"]), {
        "subject": "ทดสอบ", "details": "แนบไฟล์ใหญ่เกินกำหนด", "files": [big], "confirm": "on"})
    assert "ขนาดเกิน" in response.content.decode()
    assert not Case.objects.exists()


JPEG = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9")


@pytest.mark.parametrize(("name", "data", "shown"), [
    ("evil.hta", JPEG, "เนื้อไฟล์เป็นรูปภาพ JPEG แต่ชื่อไฟล์ลงท้ายด้วย .hta"),
    ("ใบเสร็จ.txt", b"<html><body onload=alert(1)><script>x</script>", "หน้าเว็บหรือสคริปต์ (HTML/SVG/JavaScript)"),
    ("run.bat", b"@echo off\r\nformat c: /q\r\n", "เนื้อไฟล์เป็นข้อความธรรมดา (TXT) แต่ชื่อไฟล์ลงท้ายด้วย .bat"),
    ("chart.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "HTML/SVG"),
])
def test_pages_and_programs_are_refused_with_their_type_and_the_form_keeps_its_text(
        client, agency, name, data, shown):
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    response = client.post(reverse("complaints:public_new", args=["corruption"]), {
        "subject": "เรียกรับเงินใต้โต๊ะ", "details": "เจ้าหน้าที่ขอเงินเพิ่มก่อนออกใบอนุญาต", "files": [upload],
        "confirm": "on"})
    page = response.content.decode()
    assert response.status_code == 200 and f"ไฟล์ {name} ไม่ใช่ชนิดที่รับได้" in page and shown in page
    assert "เรียกรับเงินใต้โต๊ะ" in page and "เจ้าหน้าที่ขอเงินเพิ่มก่อนออกใบอนุญาต" in page
    assert not Case.objects.exists() and not Attachment.objects.exists()


def test_form_errors_keep_the_visitor_input_and_need_the_confirmation(client, agency):
    response = client.post(reverse("complaints:public_new", args=["service"]),
                           {"subject": "เรื่องล่าช้า", "details": "สั้น"})
    page = response.content.decode()
    assert response.status_code == 200 and "เรื่องล่าช้า" in page and not Case.objects.exists()


def test_tracking_shows_status_and_replies_and_takes_a_rating(client, submit, make_user):
    officer = make_user("desk2", "cpd-slk", (Role.COMPLAINT_OFFICER, "cpd"))
    receipt = submit()
    case_assign(actor=officer, case=receipt.case, lead=Unit.objects.get(code="cpd-hr"))
    case_answer(actor=officer, case=receipt.case, reply="จดทะเบียนให้เรียบร้อยแล้ว ขออภัยในความล่าช้า")
    url = reverse("complaints:public_track")
    response = client.post(url,
                           {"code": receipt.tracking_code.lower().replace("-", ""), "secret": receipt.secret})
    page = response.content.decode()
    assert response.status_code == 200 and "จดทะเบียนให้เรียบร้อยแล้ว" in page and "แจ้งผลแล้ว" in page
    assert "desk2" not in page and "นายสมปอง" not in page
    response = client.post(url, {"code": receipt.tracking_code, "secret": receipt.secret, "op": "rate",
                                 "score": "5", "comment": "ขอบคุณ"})
    assert "ขอบคุณสำหรับการประเมิน" in response.content.decode()
    assert Case.objects.get(pk=receipt.case.pk).status == Status.CLOSED


def test_citizen_adds_information_with_a_file(client, submit):
    receipt = submit()
    response = client.post(reverse("complaints:public_track"), {
        "code": receipt.tracking_code, "secret": receipt.secret, "op": "info",
        "text": "ขอเพิ่มสำเนาใบเสร็จ", "files": [SimpleUploadedFile("r.pdf", PDF)]})
    assert "ส่งข้อมูลเพิ่มเติมแล้ว" in response.content.decode()
    assert receipt.case.attachments.get().kind == Attachment.Kind.ADDITIONAL
    assert receipt.case.messages.filter(kind="citizen").exists()


def test_wrong_secrets_are_throttled_on_the_tracking_page(client, submit):
    receipt = submit()
    url = reverse("complaints:public_track")
    statuses = [client.post(url, {"code": receipt.tracking_code, "secret": f"WRONG-{i}"}).status_code
                for i in range(6)]
    assert statuses[:4] == [404] * 4 and statuses[-1] == 429
    response = client.post(url, {"code": receipt.tracking_code, "secret": receipt.secret})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_manual_is_built_from_the_configuration(client, agency):
    from complaints.models import ServiceStandard
    from complaints.services import standards_ensure

    standards_ensure(agency=agency)
    ServiceStandard.objects.filter(channel="service").update(answer_days=12)
    page = client.get(reverse("complaints:public_manual")).content.decode()
    assert "ภายใน 12 วัน" in page and "สำนักงานเลขานุการกรม" in page
    assert reverse("complaints:public_new", args=["corruption"]) in page
    assert "ภายใน 15 วัน นับจากวันแจ้งผล" in page
    pdf = client.get(reverse("complaints:public_manual_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_public_statistics_are_aggregate_only(client, submit):
    submit(subject="เรื่องเฉพาะที่ไม่ควรเผยแพร่")
    page = client.get(reverse("complaints:public_stats")).content.decode()
    assert "เรื่องเฉพาะที่ไม่ควรเผยแพร่" not in page and "ร้องเรียนการให้บริการ" in page


def test_manual_names_the_agency_by_its_official_name(client, agency):
    from org.models import AgencyProfile

    # The root unit's short name is not how the agency is named to the public: the profile's official name is.
    official = {"official_name": "กรมส่งเสริมสหกรณ์ (ชื่อทางการ)"}
    AgencyProfile.objects.update_or_create(agency=agency, defaults=official)
    page = client.get(reverse("complaints:public_manual")).content.decode()
    assert "แจ้งเบาะแสต่อกรมส่งเสริมสหกรณ์ (ชื่อทางการ)" in page
