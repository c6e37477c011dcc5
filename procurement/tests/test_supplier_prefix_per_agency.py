"""A supplier recorded without a registration number gets an id of this system under the ocid prefix of
the agency recording it, on every path that records one: agency B's e-GP import and B's staff pages give
B's prefix (never the deployment's default, which is agency A's), in the supplier row and in B's releases."""

import datetime
from decimal import Decimal

import pytest

from accounts.models import Role
from org.models import Unit
from org.services import agency_profile_update
from procurement.models import Project, Supplier
from procurement.services import projects
from procurement.services.csv_import import egp_csv_import

pytestmark = pytest.mark.django_db

B_PREFIX = "ocds-th0cad"
HEADER = ("project_id,project_name,dept_name,budget_year,announce_date,project_money,price_build,"
          "purchase_method_name,project_status,contract_no,contract_date,price_agree,winner,winner_tin")


@pytest.fixture
def cad(agency, second_agency):
    agency_profile_update(actor=None, agency=second_agency, ocid_prefix=B_PREFIX)
    return second_agency


def _party_ids(project: Project) -> set[str]:
    return {party["id"] for release in project.releases.all() for party in release.data.get("parties", [])}


def test_b_egp_import_names_its_unregistered_winner_under_b_prefix(cad, make_user):
    b_officer = make_user("buyer.cad.root", "cad-finance", (Role.PROCUREMENT_OFFICER, "cad"))
    row = ("68029001,จ้างทำความสะอาดสำนักงาน,กองคลัง,2568,15/11/2567,120000,118000,วิธีเฉพาะเจาะจง,"
           "จัดทำสัญญา/PO แล้ว,3/2568,01/12/2567,115000,ร้านสะอาดใจ,")
    run = egp_csv_import(actor=b_officer, data=f"{HEADER}\n{row}\n".encode(), filename="egp.csv", unit=cad)
    assert run.ok, run.errors
    project = Project.objects.get(external_id="68029001")
    assert project.unit.code == "cad-finance" and project.ocid == f"{B_PREFIX}-egp-68029001"
    winner = Supplier.objects.get(name="ร้านสะอาดใจ")
    assert winner.juristic_id == "" and winner.ocds_id == f"{B_PREFIX}-supplier-{winner.pk}"
    assert winner.ocds_id in _party_ids(project)
    assert not any(i.startswith("ocds-th0cpd") for i in _party_ids(project))


def test_b_staff_pages_name_an_unregistered_buyer_and_bidder_under_b_prefix(cad, make_user, client):
    b_officer = make_user("buyer.cad", "cad-finance", (Role.PROCUREMENT_OFFICER, "cad-finance"))
    b_finance = Unit.objects.get(code="cad-finance")
    project = projects.project_create(actor=b_officer, unit=b_finance, title="จ้างพัฒนาระบบตรวจบัญชี",
                                      fiscal_year=2568, method="e_bidding", budget=Decimal("900000"))
    project = projects.project_set_reference(actor=b_officer, project=project,
                                             reference_price=Decimal("880000"), reference_source="4",
                                             reference_method="สืบราคาจากท้องตลาด")
    projects.project_announce(actor=b_officer, project=project, announced_on=datetime.date(2024, 11, 1),
                              submission_deadline=datetime.date(2024, 11, 20), criteria="price",
                              announcement_no="1/2568")
    client.force_login(b_officer)
    response = client.post(f"/procurement/{project.pk}/document-buyers/",
                           {"supplier_name": "ห้างหุ้นส่วนจำกัด ตรวจดี", "juristic_id": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(f"/procurement/{project.pk}/bids/",
                           {"supplier_name": "ร้านบัญชีดี", "juristic_id": "", "amount": "870000"})
    assert response.status_code == 302, response.content.decode()[:2000]
    for name in ("ห้างหุ้นส่วนจำกัด ตรวจดี", "ร้านบัญชีดี"):
        supplier = Supplier.objects.get(name=name)
        assert supplier.ocds_id == f"{B_PREFIX}-supplier-{supplier.pk}", name
    # The document buyer is published at once (bidders only once qualification is out).
    assert Supplier.objects.get(name="ห้างหุ้นส่วนจำกัด ตรวจดี").ocds_id in _party_ids(project)
