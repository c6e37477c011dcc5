"""Complaint categories per agency (issue 15 §1): an agency's own categories are offered only on its own
pages, beside the national defaults (categories without an agency) that every agency offers."""

from __future__ import annotations

import pytest

from complaints import services
from complaints.forms import PublicComplaintForm
from complaints.models import Category, Channel
from core.errors import ApplicationError
from org.models import Unit
from org.services import unit_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    a = unit_create(actor=None, parent=None, code="aga", name="กรมหนึ่ง", kind=Unit.Kind.AGENCY)
    b = unit_create(actor=None, parent=None, code="agb", name="กรมสอง", kind=Unit.Kind.AGENCY)
    for agency in (a, b):
        services.standards_ensure(agency=agency)
    return a, b


def _names(client, code):
    response = client.get(f"/a/{code}/complaints/public/new/service/")
    assert response.status_code == 200
    return {c.name for c in response.context["form"].fields["category"].queryset}, response.content.decode()


def test_each_agency_form_lists_its_own_categories_and_the_national_defaults(agencies, client):
    a, b = agencies
    national = set(Category.objects.filter(agency__isnull=True, channel=Channel.SERVICE)
                   .values_list("name", flat=True))
    assert national  # the defaults stay national: nothing was assigned to the first agency
    services.category_save(actor=None, agency=a, channel=Channel.SERVICE, name="การจดทะเบียนสหกรณ์ล่าช้า")
    services.category_save(actor=None, agency=b, channel=Channel.SERVICE, name="การตรวจบัญชีล่าช้า")
    names_a, page_a = _names(client, "aga")
    names_b, page_b = _names(client, "agb")
    assert names_a == national | {"การจดทะเบียนสหกรณ์ล่าช้า"}
    assert names_b == national | {"การตรวจบัญชีล่าช้า"}
    assert "การตรวจบัญชีล่าช้า" not in page_a and "การจดทะเบียนสหกรณ์ล่าช้า" not in page_b


def test_another_agencys_category_is_refused_on_the_form_and_the_api(agencies, client):
    a, b = agencies
    theirs = services.category_save(actor=None, agency=b, channel=Channel.SERVICE, name="ของกรมสอง")
    form = PublicComplaintForm({"category": theirs.pk}, channel=Channel.SERVICE, agency=a)
    form.is_valid()
    assert "category" in form.errors
    assert PublicComplaintForm({"category": theirs.pk}, channel=Channel.SERVICE, agency=b).errors.get(
        "category") is None
    response = client.post("/a/aga/api/complaints", {
        "channel": "service", "category": theirs.pk, "subject": "เรื่องทดสอบ", "details": "รายละเอียดทดสอบ",
        "confirm": True}, content_type="application/json")
    assert response.status_code == 400
    assert "ไม่พบประเภทเรื่อง" in response.json()["detail"]


def test_same_name_in_two_agencies_and_no_edit_across(agencies):
    a, b = agencies
    mine = services.category_save(actor=None, agency=a, channel=Channel.SERVICE, name="เรื่องเดียวกัน")
    theirs = services.category_save(actor=None, agency=b, channel=Channel.SERVICE, name="เรื่องเดียวกัน")
    assert (mine.agency, theirs.agency) == (a, b)
    with pytest.raises(ApplicationError, match="มีประเภทเรื่องชื่อนี้"):
        services.category_save(actor=None, agency=a, channel=Channel.SERVICE, name="เรื่องเดียวกัน")
    with pytest.raises(ApplicationError, match="ส่วนราชการอื่น"):
        services.category_save(actor=None, agency=a, category=theirs, channel=Channel.SERVICE, name="ยึดมา")
    theirs.refresh_from_db()
    assert theirs.name == "เรื่องเดียวกัน" and theirs.agency == b
