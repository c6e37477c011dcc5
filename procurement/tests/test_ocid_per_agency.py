"""The ocid prefix is each agency's own (AgencyProfile.ocid_prefix, else the deployment's setting): agency
B's processes, its buyer party ids and the suppliers it records carry B's prefix, in the releases, the OCDS
exports and the API, and nothing of agency A does."""

import io
from decimal import Decimal

import orjson
import pytest
from django.conf import settings

from accounts.models import Role
from core.errors import ApplicationError
from org.models import Unit
from org.services import agency_profile_update
from procurement.models import Project
from procurement.opendata import export_ocds, validate_output
from procurement.services import parties, projects

pytestmark = pytest.mark.django_db

B_PREFIX = "ocds-th0cad"


def _export(qs) -> bytes:
    buffer = io.BytesIO()
    export_ocds(buffer, qs, "package")
    return buffer.getvalue()


def test_the_first_agency_keeps_the_deployment_prefix(officer, finance):
    project = projects.project_create(actor=officer, unit=finance, title="จัดซื้อวัสดุสำนักงาน", fiscal_year=2568,
                                      method="specific", budget=Decimal("50000"))
    assert settings.PRONGSAI_OCID_PREFIX == "ocds-th0cpd"
    assert project.ocid == f"ocds-th0cpd-{project.pk:06d}"


def test_agency_b_prefix_is_in_b_releases_exports_and_api_never_in_a(agency, officer, finance, make_user,
                                                                     client, second_agency, announce):
    cad = second_agency
    agency_profile_update(actor=None, agency=cad, ocid_prefix=" OCDS-TH0CAD ")
    b_officer = make_user("buyer.cad", "cad-finance", (Role.PROCUREMENT_OFFICER, "cad-finance"))
    b_finance = Unit.objects.get(code="cad-finance")
    b_project = announce(b_officer, b_finance, "จ้างพัฒนาระบบตรวจบัญชี")
    a_project = announce(officer, finance, "จ้างพัฒนาระบบสหกรณ์")
    assert b_project.ocid == f"{B_PREFIX}-{b_project.pk:06d}"
    assert a_project.ocid == f"ocds-th0cpd-{a_project.pk:06d}"
    b_supplier = parties.supplier_get_or_create(actor=b_officer, name="ห้างหุ้นส่วนจำกัด ตรวจดี", unit=b_finance)
    assert b_supplier.ocds_id == f"{B_PREFIX}-supplier-{b_supplier.pk}"
    release = b_project.releases.order_by("seq").last().data
    assert release["ocid"] == b_project.ocid and release["buyer"]["id"] == f"{B_PREFIX}-unit-cad-finance"
    b_export = _export(Project.objects.filter(pk=b_project.pk))
    a_export = _export(Project.objects.filter(pk=a_project.pk))
    assert validate_output(b_export, "package") == []
    assert B_PREFIX in b_export.decode() and "ocds-th0cpd" not in b_export.decode()
    assert B_PREFIX not in a_export.decode() and "ocds-th0cpd" in a_export.decode()
    b_api = client.get(f"/api/procurement/projects/{b_project.pk}/ocds")
    a_api = client.get(f"/api/procurement/projects/{a_project.pk}/ocds")
    assert b_api.status_code == a_api.status_code == 200
    assert b_api.json()["ocid"] == b_project.ocid
    assert B_PREFIX not in a_api.content.decode()
    assert orjson.loads(a_api.content)["compiledRelease"]["buyer"]["id"] == "ocds-th0cpd-unit-cpd-finance"


def test_a_change_reaches_new_processes_only_and_a_prefix_belongs_to_one_agency(agency, officer, finance):
    old = projects.project_create(actor=officer, unit=finance, title="จัดซื้อครุภัณฑ์", fiscal_year=2568,
                                  method="specific", budget=Decimal("50000"))
    agency_profile_update(actor=None, agency=agency, ocid_prefix="ocds-abc123")
    old.refresh_from_db()
    assert old.ocid.startswith("ocds-th0cpd-")
    new = projects.project_create(actor=officer, unit=finance, title="จัดซื้อครุภัณฑ์ ๒", fiscal_year=2568,
                                  method="specific", budget=Decimal("50000"))
    assert new.ocid.startswith("ocds-abc123-")
    other = Unit.objects.create(code="other", name="กรมอื่น", kind=Unit.Kind.AGENCY, path="/999999/")
    with pytest.raises(ApplicationError) as taken:
        agency_profile_update(actor=None, agency=other, ocid_prefix="ocds-abc123")
    assert taken.value.field == "ocid_prefix"
    for bad in ("th0cad", "ocds-toolong1", "ocds-ab_12c"):
        with pytest.raises(ApplicationError):
            agency_profile_update(actor=None, agency=other, ocid_prefix=bad)
