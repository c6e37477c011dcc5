"""What the agency says about itself: one profile on its root, changed by a root administrator, audited,
and an emblem taken only as a real PNG/JPEG image."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from accounts.policy import Denied
from audit.models import AuditEvent
from core.errors import ApplicationError
from org.models import AgencyProfile, Unit
from org.selectors import agency_profile
from org.services import agency_profile_update

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 0, 0)).save(buf, "PNG")
    return buf.getvalue()


def test_without_a_profile_every_unit_reads_its_agency_name(agency):
    profile = agency_profile(Unit.objects.get(code="cpd-prov-13"))
    assert profile.pk is None and profile.official_name == agency.name and profile.agency == agency


def test_a_root_sysadmin_changes_it_and_the_change_is_audited(agency, make_user):
    admin = make_user("root.admin", "cpd-ict", (Role.SYSADMIN, "cpd"))
    agency_profile_update(actor=admin, agency=agency, official_name="กรมส่งเสริมสหกรณ์", book_prefix="กษ ๑๑๑๓")
    agency_profile_update(actor=admin, agency=agency, address="๑๒ ถนนกรุงเกษม")
    event = AuditEvent.objects.filter(action="agency.settings").order_by("-id").first()
    assert event.old["address"] == "" and event.new["address"] == "๑๒ ถนนกรุงเกษม"
    assert agency_profile(Unit.objects.get(code="cpd-hr")).book_prefix == "กษ ๑๑๑๓"


def test_an_administrator_of_one_unit_cannot(agency, make_user):
    admin = make_user("unit.admin", "cpd-ict", (Role.SYSADMIN, "cpd-ict"))
    with pytest.raises(Denied):
        agency_profile_update(actor=admin, agency=agency, address="x")
    assert not AgencyProfile.objects.exists()


def test_the_emblem_must_be_an_image_by_its_bytes(agency, make_user):
    admin = make_user("root.admin2", "cpd-ict", (Role.SYSADMIN, "cpd"))
    fake = SimpleUploadedFile("emblem.png", b"%PDF-1.4 not an image", content_type="image/png")
    with pytest.raises(ApplicationError) as exc:
        agency_profile_update(actor=admin, agency=agency, emblem=fake)
    assert "emblem.png" in str(exc.value)
    profile = agency_profile_update(actor=admin, agency=agency,
                                    emblem=SimpleUploadedFile("ตรา.png", _png(), content_type="image/png"))
    assert profile.has_emblem and profile.emblem_extension == "png" and len(profile.emblem_sha256) == 64


def test_the_settings_page_keeps_what_was_typed_on_error_and_the_emblem_is_public(agency, make_user, client):
    admin = make_user("root.admin3", "cpd-ict", (Role.SYSADMIN, "cpd"))
    client.force_login(admin)
    url = reverse("org:agency_settings", args=[agency.pk])
    response = client.post(url, {"official_name": "", "address": "ที่อยู่ที่พิมพ์ไว้",
                                 "pacc_addressee": "เลขาธิการ"})
    assert response.status_code == 200 and "ที่อยู่ที่พิมพ์ไว้" in response.content.decode()
    response = client.post(url, {"official_name": "กรมส่งเสริมสหกรณ์", "address": "๑๒ ถนนกรุงเกษม",
                                 "pacc_addressee": "เลขาธิการ", "emblem_file": SimpleUploadedFile(
                                     "e.png", _png(), content_type="image/png")})
    assert response.status_code == 302
    client.logout()
    emblem = client.get(reverse("org:agency_emblem", args=[agency.pk]))
    assert emblem.status_code == 200 and emblem["Content-Type"] == "image/png"
    assert b"".join(emblem.streaming_content).startswith(b"\x89PNG")
