import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from complaints.models import Case, Channel, HolidayOverride, ServiceStandard, Source, Status
from complaints.services import case_assign
from org.models import Unit

pytestmark = pytest.mark.django_db

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def login(client, user):
    client.force_login(user)
    return client


def test_case_list_is_scoped_by_the_policy(client, submit, officer, handler, reporter):
    mine, other = submit().case, submit(subject="อีกเรื่องหนึ่ง").case
    case_assign(actor=officer, case=mine, lead=Unit.objects.get(code="cpd-prov-13"))
    page = login(client, handler).get(reverse("complaints:list")).content.decode()
    assert mine.number in page and other.number not in page
    assert client.get(reverse("complaints:detail", args=[other.pk])).status_code == 403
    assert login(client, reporter).get(reverse("complaints:list")).status_code == 403
    client.logout()
    assert client.get(reverse("complaints:list")).status_code == 302


def test_handler_sees_the_case_number_not_the_identity(client, submit, custodian, handler, identity):
    case = submit(channel=Channel.CORRUPTION).case
    case_assign(actor=custodian, case=case, lead=Unit.objects.get(code="cpd-prov-13"))
    page = login(client, handler).get(reverse("complaints:detail", args=[case.pk])).content.decode()
    assert case.number in page and identity.name not in page and identity.phone not in page
    assert "เปิดดูข้อมูลผู้ร้อง" not in page
    assert client.get(reverse("complaints:identity", args=[case.pk])).status_code == 403
    assert client.post(reverse("complaints:identity", args=[case.pk]),
                       {"reason": "ต้องการติดต่อผู้แจ้งโดยตรง"}).status_code == 403


def test_custodian_opens_identity_with_a_reason(client, submit, custodian, identity):
    case = submit(channel=Channel.CORRUPTION).case
    login(client, custodian)
    url = reverse("complaints:identity", args=[case.pk])
    assert identity.name not in client.get(url).content.decode()
    response = client.post(url, {"reason": "สั้น"})
    assert identity.name not in response.content.decode()
    response = client.post(url, {"reason": "ประสานพยานตามหนังสือคณะกรรมการสอบสวน"})
    assert identity.name in response.content.decode() and "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="complaint.identity_view", object_id=str(case.pk)).count() == 1


def test_actions_through_the_pages(client, submit, custodian, handler):
    case = submit(channel=Channel.CORRUPTION).case
    login(client, custodian)
    detail = client.get(reverse("complaints:detail", args=[case.pk])).content.decode()
    assert reverse("complaints:action", args=[case.pk, "assign"]) in detail
    lead = Unit.objects.get(code="cpd-prov-13")
    response = client.post(reverse("complaints:action", args=[case.pk, "assign"]), {"lead": lead.pk})
    assert response.status_code == 302
    login(client, handler)
    client.post(reverse("complaints:action", args=[case.pk, "progress"]),
                {"note": "ขอเอกสารจากสหกรณ์", "public": "on"})
    response = client.post(reverse("complaints:action", args=[case.pk, "answer"]), {
        "reply": "ตรวจสอบแล้ว ดำเนินการทางวินัยกับผู้เกี่ยวข้อง",
        "files": [SimpleUploadedFile("สรุปผล.png", PNG)]})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ANSWERED and case.attachments.get().kind == "resolution"
    # The handler cannot close or reopen a confidential case: that is the custodian's desk.
    response = client.get(reverse("complaints:action", args=[case.pk, "reopen"]))
    assert response.status_code == 403


def test_wrong_status_action_returns_to_the_case_with_a_message(client, submit, officer):
    case = submit().case
    login(client, officer)
    response = client.post(reverse("complaints:action", args=[case.pk, "answer"]),
                           {"reply": "ยังไม่ได้มอบหมายเลย"}, follow=True)
    assert "ทำรายการนี้ไม่ได้" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED


def test_evidence_downloads_are_checked_and_audited(client, submit, officer, reporter):
    case = submit(files=[]).case
    from complaints.files import IncomingFile
    from complaints.services.intake import attach_files

    item = IncomingFile(name="ใบเสร็จ.png", data=PNG, content_type="image/png", extension="png",
                        sha256=__import__("hashlib").sha256(PNG).hexdigest())
    attachment = attach_files(case=case, incoming=[item], kind="evidence")[0]
    url = reverse("complaints:attachment", args=[case.pk, attachment.pk])
    assert login(client, reporter).get(url).status_code == 403
    response = login(client, officer).get(url)
    assert response.content == PNG and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"evidence-{attachment.pk}.png\"; "
        "filename*=UTF-8''%E0%B9%83%E0%B8%9A%E0%B9%80%E0%B8%AA%E0%B8%A3%E0%B9%87%E0%B8%88.png")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="complaint.file_download").count() == 1


@pytest.mark.parametrize(("name", "data", "served", "mime"), [
    # Accepted as text by older rules, with the uploader's name kept for the download: now opaque bytes.
    ("evil.hta", b"<HTA:APPLICATION><script>new ActiveXObject('WScript.Shell').Run('calc')</script>",
     "evil.bin", "application/octet-stream"),
    # A picture with a page appended is a picture, and is named as one.
    ("evidence.hta", PNG + b"<html><script>alert(1)</script></html>", "evidence.png", "image/png"),
])
def test_files_stored_under_older_rules_never_download_under_their_uploaded_name(
        client, submit, officer, name, data, served, mime):
    from complaints.files import IncomingFile
    from complaints.services.intake import attach_files

    case = submit(files=[]).case
    item = IncomingFile(name=name, data=data, content_type="text/plain", extension="txt",
                        sha256=__import__("hashlib").sha256(data).hexdigest())
    attachment = attach_files(case=case, incoming=[item], kind="evidence")[0]
    response = login(client, officer).get(reverse("complaints:attachment", args=[case.pk, attachment.pk]))
    assert response.content == data and response["Content-Type"] == mime
    assert response["Content-Disposition"].endswith(f"filename*=UTF-8''{served}") and ".hta" not in \
        response["Content-Disposition"]


def test_staff_enter_a_letter_and_get_a_receipt(client, agency, officer):
    login(client, officer)
    slk = Unit.objects.get(code="cpd-slk")
    response = client.post(reverse("complaints:new"), {
        "channel": "service", "source": "letter", "received_on": "03/02/2568",
        "external_ref": "ที่ สก 123/2568",
        "unit": slk.pk, "subject": "หนังสือร้องเรียนการให้บริการ", "details": "ผู้ร้องส่งหนังสือทางไปรษณีย์",
        "name": "นางสาวทดสอบ จดหมาย"}, follow=True)
    assert response.redirect_chain[0][1] == 302 and "tracking-secret" in response.content.decode()
    case = Case.objects.get()
    assert case.source == Source.LETTER and case.received_on == dt.date(2025, 2, 3)


def test_overdue_dashboard_counts_late_cases(client, submit, officer):
    case = submit().case
    Case.objects.filter(pk=case.pk).update(acknowledge_due=timezone.localdate() - dt.timedelta(days=1),
                                           answer_due=timezone.localdate() - dt.timedelta(days=1))
    page = login(client, officer).get(reverse("complaints:overdue")).content.decode()
    assert case.number in page
    assert re.search(r'id="late-ack"><a href="[^"]+">1<', page)
    assert re.search(r'id="late-answer"><a href="[^"]+">1<', page)


def test_settings_change_the_standard_and_the_calendar(client, agency, officer, handler):
    login(client, officer)
    assert client.get(reverse("complaints:settings")).status_code == 200
    standard = ServiceStandard.objects.get(channel="service")
    response = client.post(reverse("complaints:standard_edit", args=[standard.pk]), {
        "channel": "service", "receiving_unit": standard.receiving_unit_id, "acknowledge_days": 2,
        "answer_days": 10, "answer_day_kind": "working", "remind_before_days": 1, "close_after_days": 7,
        "legal_basis": "ทดสอบ", "verified": "on", "effective_from": "01/01/2560"})
    assert response.status_code == 302
    standard.refresh_from_db()
    assert standard.answer_days == 10 and standard.answer_day_kind == "working" and standard.verified
    event = AuditEvent.objects.filter(action="complaint.config").latest("id")
    assert event.old["answer_days"] == 15 and event.new["answer_days"] == 10
    response = client.post(reverse("complaints:holiday_new"),
                           {"date": "02/01/2569", "name": "วันหยุดพิเศษ", "is_day_off": "on"})
    assert response.status_code == 302 and HolidayOverride.objects.get().date == dt.date(2026, 1, 2)
    assert login(client, handler).get(reverse("complaints:settings")).status_code == 403


def test_review_record_keeps_the_configuration_and_gives_a_memo(client, agency, officer):
    from complaints.services import standards_ensure

    standards_ensure(agency=agency)
    login(client, officer)
    response = client.post(reverse("complaints:reviews"), {
        "fiscal_year": 2568, "reviewed_on": "15/09/2568", "reference": "การประชุมคณะทำงาน ครั้งที่ 3/2568",
        "findings": "ระบบเป็นไปตามคู่มือ เพิ่มประเภทเรื่องการกำกับดูแลสหกรณ์", "changes": "ปรับคู่มือบทที่ ๓"})
    assert response.status_code == 302
    from complaints.models import ReviewRecord

    record = ReviewRecord.objects.get()
    assert record.configuration["standards"] and "received" in record.statistics
    docx = client.get(reverse("complaints:review_document", args=[record.pk, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_auditors_read_cases_but_cannot_open_identity(client, submit, auditor, identity):
    case = submit().case
    login(client, auditor)
    page = client.get(reverse("complaints:detail", args=[case.pk])).content.decode()
    assert case.number in page and identity.name not in page and "เปิดดูข้อมูลผู้ร้อง" not in page
    assert client.get(reverse("complaints:identity", args=[case.pk])).status_code == 403
