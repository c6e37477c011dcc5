"""Acknowledging: personal link once / expired / forged, the paper sheet, the not-yet list's scope, the
reminder round sent exactly once over real SMTP."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.models import Role
from campaigns import tokens
from campaigns.models import Acknowledgement, ReminderLog
from campaigns.reminders import run_campaign_reminders
from campaigns.services import reminders_request
from campaigns.tests.conftest import PDF_BYTES, make_campaign, unit

pytestmark = pytest.mark.django_db


def test_a_personal_link_acknowledges_once_without_an_account(agency, staff):
    campaign = make_campaign(agency)
    url = tokens.path(campaign.pk, staff["cm1"].pk)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "ซื่อตรงต่อหน้าที่ มีวินัย โปร่งใส ไร้ทุจริต" in html and "นายหนึ่ง ทดสอบ" in html
    assert browser.post(url).status_code == 403  # no CSRF token: refused
    token = browser.cookies["csrftoken"].value
    response = browser.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    again = browser.post(url, {"csrfmiddlewaretoken": token}, follow=True)
    assert "บันทึกการแสดงเจตจำนงของท่านแล้วเมื่อ" in again.content.decode()
    ack = Acknowledgement.objects.get()
    assert (ack.staff, ack.how, ack.unit.code) == (staff["cm1"], "link", "cpd-prov-13")


def test_an_expired_or_forged_link_says_so_and_records_nothing(agency, staff, settings):
    campaign = make_campaign(agency)
    good = tokens.make(campaign.pk, staff["cm1"].pk)
    client = Client()
    forged = good[:-3] + ("abc" if not good.endswith("abc") else "xyz")
    response = client.get(f"/campaigns/ack/{forged}/")
    assert response.status_code == 400 and "ลิงก์นี้ไม่ถูกต้อง" in response.content.decode()
    other = signing.dumps([campaign.pk, staff["cm2"].pk], salt="another-purpose", compress=False)
    assert client.post(f"/campaigns/ack/{other}/").status_code == 400
    settings.PRONGSAI_CAMPAIGN_LINK_DAYS = 0
    old = signing.dumps([campaign.pk, staff["cm1"].pk], salt=tokens.SALT, compress=False)
    import time

    time.sleep(1.1)
    expired = client.post(f"/campaigns/ack/{old}/")
    assert expired.status_code == 410 and "ลิงก์นี้หมดอายุแล้ว" in expired.content.decode()
    assert not Acknowledgement.objects.exists()


def test_a_closed_campaign_refuses_a_late_click(agency, staff):
    campaign = make_campaign(agency, opens_on=datetime.date(2016, 11, 1),
                             closes_on=datetime.date(2017, 9, 30))
    response = Client().post(tokens.path(campaign.pk, staff["cm1"].pk))
    assert response.status_code == 200 and "ปิดรับแล้ว" in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_the_public_page_is_throttled(agency, staff, settings):
    settings.PRONGSAI_CAMPAIGN_PUBLIC_LIMIT_PER_HOUR = 3
    campaign = make_campaign(agency)
    url = tokens.path(campaign.pk, staff["cm1"].pk)
    client = Client()
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_a_paper_sheet_records_the_ticked_names(agency, staff, make_user, client):
    campaign = make_campaign(agency)
    head = make_user("head.cm", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13"))
    client.force_login(head)
    url = f"/campaigns/{campaign.pk}/units/{unit('cpd-prov-13').pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "นายสาม ทดสอบ" in page.content.decode()
    missing = client.post(url, {"staff": [staff["cm1"].pk]})
    assert "กรุณาแนบไฟล์แบบที่ลงนามแล้ว" in missing.content.decode()
    sheet = SimpleUploadedFile("sheet.pdf", PDF_BYTES, "application/pdf")
    done = client.post(url, {"staff": [staff["cm1"].pk, staff["cm3"].pk], "sheet": sheet})
    assert done.status_code == 302
    acks = Acknowledgement.objects.filter(campaign=campaign).order_by("staff__code")
    assert [(a.staff.code, a.how) for a in acks] == [("1", "paper"), ("3", "paper")]
    assert acks[0].file_id == acks[1].file_id and acks[0].recorded_by == head
    assert client.get(f"/campaigns/files/{acks[0].file_id}/").status_code == 200
    # Someone of another unit cannot be ticked on this unit's sheet.
    sheet.seek(0)
    response = client.post(url, {"staff": [staff["hr1"].pk], "sheet": sheet})
    assert response.status_code == 200 and Acknowledgement.objects.count() == 2


def test_the_not_yet_list_is_the_unit_heads_own(agency, staff, make_user, client):
    campaign = make_campaign(agency)
    Acknowledgement.objects.create(campaign=campaign, staff=staff["cm1"], unit=staff["cm1"].unit,
                                   at=timezone.now(), how="link")
    make_user("head.cm", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13"))
    make_user("head.hr", "cpd-hr", (Role.UNIT_HEAD, "cpd-hr"))
    cm = unit("cpd-prov-13")
    from accounts.models import User

    client.force_login(User.objects.get(username="head.cm"))
    page = client.get(f"/campaigns/{campaign.pk}/units/{cm.pk}/").content.decode()
    pending = page.split('id="pending"')[1].split("</ul>")[0]
    assert "นายสอง ทดสอบ" in pending and "นายสาม ทดสอบ" in pending and "นายหนึ่ง" not in pending
    detail = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "นายสี่" not in detail  # another unit's people are not listed to this head
    client.force_login(User.objects.get(username="head.hr"))
    assert client.get(f"/campaigns/{campaign.pk}/units/{cm.pk}/").status_code == 403
    assert client.get(f"/campaigns/{campaign.pk}/units/{cm.pk}/qr/").status_code == 403


def test_the_qr_sheet_has_one_code_per_person_not_yet(agency, staff, make_user, client):
    campaign = make_campaign(agency)
    client.force_login(make_user("head.cm", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13")))
    page = client.get(f"/campaigns/{campaign.pk}/units/{unit('cpd-prov-13').pk}/qr/").content.decode()
    assert page.count("<svg") == 3
    # A token carries the second it was signed, so compare what each printed link says, not its text.
    links = set(re.findall(r"/campaigns/ack/([^/\s<\"]+)/", page))
    said = {tuple(signing.loads(link, salt=tokens.SALT)) for link in links}
    assert said == {(campaign.pk, staff[key].pk) for key in ("cm1", "cm2", "cm3")}
    assert all(tokens.absolute_url(campaign.pk, 0).split("/campaigns/")[0] in page for _ in links)


def test_a_reminder_round_reaches_each_person_once(agency, staff, make_user, smtp,
                                                  django_capture_on_commit_callbacks):
    from accounts.policy import Denied

    campaign = make_campaign(agency)
    Acknowledgement.objects.create(campaign=campaign, staff=staff["cm1"], unit=staff["cm1"].unit,
                                   at=timezone.now(), how="link")
    head = make_user("head.cm", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13"))
    with pytest.raises(Denied):
        reminders_request(actor=head, campaign=campaign)
    hr = make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))
    # The tests' task backend runs the task at once, when the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_request(actor=hr, campaign=campaign) == 1
    assert run_campaign_reminders(campaign_id=campaign.pk, round_no=1) == 0  # the worker runs it again
    assert mail.outbox == []  # it went over the wire
    # Not cm1 (acknowledged), not cm3 (no e-mail), not the leaver.
    assert smtp.recipients() == [["four@example.test"], ["two@example.test"]]
    assert all(s == f"[โปร่งใส] ขอเชิญร่วม: {campaign.title}" for s in smtp.subjects())
    body = smtp.messages[0][1].get_payload(decode=True).decode()
    assert "/campaigns/ack/" in body
    assert ReminderLog.objects.filter(sent_at__isnull=False).count() == 2
    # The next round reminds again, once.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_request(actor=hr, campaign=campaign) == 2
    assert run_campaign_reminders(campaign_id=campaign.pk, round_no=2) == 0
    assert len(smtp.messages) == 4
