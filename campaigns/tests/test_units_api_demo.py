"""A unit's own acknowledgement (receipt of the circulated policy, its posting with evidence), the API's
scoped lists, and the demo data."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from campaigns import demo
from campaigns.models import Acknowledgement, Campaign, StaffMember
from campaigns.services import AlreadyAcknowledged, unit_acknowledge
from campaigns.tests.conftest import make_campaign, unit
from core.errors import ApplicationError

pytestmark = pytest.mark.django_db
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9a\xa0\xa0\x00\x00\x00\x00IEND\xaeB`\x82")


def test_a_posting_needs_a_photo_or_link_and_is_recorded_once(agency, make_user, client):
    posting = make_campaign(agency, Campaign.Kind.UNIT_POSTING)
    head = make_user("head.cm", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13"))
    cm = unit("cpd-prov-13")
    with pytest.raises(ApplicationError, match="กรุณาแนบรูปถ่ายการติดประกาศ"):
        unit_acknowledge(actor=head, campaign=posting, unit=cm)
    with pytest.raises(ApplicationError, match="ลิงก์ต้องขึ้นต้นด้วย"):
        unit_acknowledge(actor=head, campaign=posting, unit=cm, link="javascript:alert(1)")
    client.force_login(head)
    url = f"/campaigns/{posting.pk}/units/{cm.pk}/"
    photo = SimpleUploadedFile("board.png", PNG, "image/png")
    response = client.post(url, {"evidence": photo, "note": "บอร์ด"})
    assert response.status_code == 302
    ack = Acknowledgement.objects.get(campaign=posting)
    assert (ack.unit, ack.staff, ack.how, ack.file.original_name) == (cm, None, "recorded", "board.png")
    assert "หน่วยงานบันทึกแล้วเมื่อ" in client.get(url).content.decode()
    with pytest.raises(AlreadyAcknowledged):
        unit_acknowledge(actor=head, campaign=posting, unit=cm, link="https://example.test/post")
    # A receipt of the circulated policy needs no evidence; another unit's head cannot record it for us.
    circulation = make_campaign(agency, Campaign.Kind.UNIT_CIRCULATION)
    other = make_user("head.hr", "cpd-hr", (Role.UNIT_HEAD, "cpd-hr"))
    from accounts.policy import Denied

    with pytest.raises(Denied):
        unit_acknowledge(actor=other, campaign=circulation, unit=cm)
    assert unit_acknowledge(actor=head, campaign=circulation, unit=cm).file is None


def test_the_api_lists_campaigns_with_counts_and_the_roster_in_scope(agency, plan, make_user, client):
    demo.load(agency=agency, plan=plan)
    client.force_login(make_user("head.cm", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13")))
    campaigns = {c["kind"]: c for c in client.get("/api/campaigns").json()}
    assert (campaigns["staff_pledge"]["done"], campaigns["staff_pledge"]["total"]) == (27, 30)
    assert campaigns["staff_pledge"]["percent"] == "90.00"
    assert campaigns["staff_pledge"]["as_of"] == "2017-09-30"
    roster = client.get("/api/campaigns/roster").json()
    assert roster and {r["unit_id"] for r in roster} == {unit("cpd-prov-13").pk}
    client.force_login(make_user("nobody", "cpd-prov-13"))
    assert client.get("/api/campaigns").json() == [] and client.get("/api/campaigns/roster").json() == []


def test_the_demo_loads_once_with_names_not_yet(agency, plan):
    assert "การรณรงค์แสดงเจตจำนงและรับทราบ ๖ เรื่อง" in demo.load(agency=agency, plan=plan)
    assert demo.load(agency=agency, plan=plan) == ""
    assert StaffMember.objects.count() == len(demo.ROSTER)
    for campaign in Campaign.objects.all():
        from campaigns.selectors import not_yet

        assert not_yet(campaign, datetime.date(2017, 9, 30)), campaign.kind


def test_hr_opens_a_campaign_and_a_unit_head_finds_the_not_yet_list_from_the_list(agency, make_user, client,
                                                                                   staff):
    from audit.models import AuditEvent

    client.force_login(make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd")))
    response = client.post("/campaigns/new/", {
        "kind": "policy_awareness", "title": "รับทราบนโยบาย", "text": "ข้าพเจ้ารับทราบนโยบาย",
        "fiscal_year": "2560", "opens_on": "01/11/2559", "closes_on": "30/09/2560"})
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and campaign.audience == Campaign.Audience.STAFF
    assert campaign.closes_on == datetime.date(2017, 9, 30)
    assert AuditEvent.objects.filter(action="campaign.create", object_id=str(campaign.pk)).exists()
    bad = client.post("/campaigns/new/", {"kind": "staff_pledge", "title": "กลับด้าน", "text": "ข้อความ",
                                          "fiscal_year": "2560", "opens_on": "30/09/2560",
                                          "closes_on": "01/11/2559"})
    assert "วันปิดรับต้องไม่ก่อนวันเปิดรับ" in bad.content.decode() and "กลับด้าน" in bad.content.decode()
    client.force_login(make_user("head.cm", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13")))
    assert client.post("/campaigns/new/", {}).status_code == 403
    listing = client.get("/campaigns/").content.decode()
    assert f'/campaigns/{campaign.pk}/units/{unit("cpd-prov-13").pk}/' in listing
