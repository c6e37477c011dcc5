"""The agency's one setting for Thai digits, and units the source documents name only by abbreviation."""

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from org.forms import UnitForm
from org.models import Unit
from org.selectors import agency_thai_digits
from org.services import unit_update

pytestmark = pytest.mark.django_db


def test_thai_digits_are_the_default_and_every_unit_follows_its_agency_root(agency):
    hr = Unit.objects.get(code="cpd-hr")
    assert agency.thai_digits is True
    assert agency_thai_digits(agency) is True and agency_thai_digits(hr) is True
    unit_update(actor=None, unit=agency, thai_digits=False)
    assert agency_thai_digits(Unit.objects.get(code="cpd-hr-discipline")) is False
    assert agency_thai_digits(None) is True


def test_the_setting_is_kept_on_the_root_only(agency):
    hr = Unit.objects.get(code="cpd-hr")
    with pytest.raises(ApplicationError):
        unit_update(actor=None, unit=hr, thai_digits=False)
    assert "thai_digits" not in UnitForm(instance=hr).fields
    assert "thai_digits" in UnitForm(instance=agency).fields


def test_the_sysadmin_switches_the_agency_to_arabic_digits_on_the_unit_page(agency, make_user, client):
    admin = make_user("sys", "cpd-ict", ("sysadmin", None))
    client.force_login(admin)
    page = client.get(reverse("org:unit_detail", args=[agency.pk])).content.decode()
    assert "เลขไทย (๑๒๓)" in page
    form = UnitForm(instance=agency)
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"reports_on_plan": "", "is_active": "on", "thai_digits": ""})
    response = client.post(reverse("org:unit_edit", args=[agency.pk]), data)
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.thai_digits is False
    assert "เลขอารบิก (123)" in client.get(reverse("org:unit_detail", args=[agency.pk])).content.decode()


def test_a_unit_known_only_by_abbreviation_says_its_full_name_is_missing(agency, make_user, client):
    kpg = Unit.objects.get(code="cpd-kpg")
    assert kpg.abbreviation == "กพง." and not kpg.full_name_known
    assert Unit.objects.get(code="cpd-hr").full_name_known
    assert "ชื่อเต็มยังไม่ระบุ" in client.get(reverse("org:units")).content.decode()
    assert "ชื่อเต็มยังไม่ระบุ" in client.get(reverse("org:unit_detail", args=[kpg.pk])).content.decode()
    admin = make_user("sys", "cpd-ict", ("sysadmin", None))
    client.force_login(admin)
    form = UnitForm(instance=kpg)
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"name": "กองพัฒนาตัวอย่าง", "is_active": "on", "reports_on_plan": "on"})
    assert client.post(reverse("org:unit_edit", args=[kpg.pk]), data).status_code == 302
    kpg.refresh_from_db()
    assert kpg.full_name_known
    assert "ชื่อเต็มยังไม่ระบุ" not in client.get(reverse("org:unit_detail", args=[kpg.pk])).content.decode()
