"""Each agency's public procurement pages and its own OCDS release package under /a/<code>/: only its
published projects, published under its name, valid against the 1.1.5 schema; agency B's projects never
appear in agency A's package or pages, nor A's in B's."""

from decimal import Decimal

import orjson
import pytest
from django.conf import settings
from django.test import Client

from accounts.models import Role
from org.models import Unit
from org.services import agency_profile_update
from procurement.opendata import validate_output
from procurement.services import projects

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_agencies(agency, officer, finance, make_user, second_agency, announce):
    b_officer = make_user("buyer.cad", "cad-finance", (Role.PROCUREMENT_OFFICER, "cad-finance"))
    b_finance = Unit.objects.get(code="cad-finance")
    agency_profile_update(actor=None, agency=second_agency, website="https://www.cad.go.th/")
    return {
        "a": announce(officer, finance, "จ้างพัฒนาระบบสหกรณ์"),
        "a_draft": projects.project_create(actor=officer, unit=finance, title="จัดซื้อร่างยังไม่เผยแพร่",
                                           fiscal_year=2568, method="specific", budget=Decimal("50000")),
        "b": announce(b_officer, b_finance, "จ้างพัฒนาระบบตรวจบัญชี"),
        "b2": announce(b_officer, b_finance, "จ้างบำรุงรักษาระบบตรวจบัญชี"),
        "cad": second_agency,
    }


def _package(response) -> dict:
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/json"
    data = b"".join(response.streaming_content)
    assert validate_output(data, "package") == []
    return orjson.loads(data)


def test_each_agency_package_holds_its_own_published_projects_only(client: Client, agency, two_agencies):
    cad = two_agencies["cad"]
    a_package = _package(client.get(f"/a/{agency.code}/procurement/public/ocds.json"))
    b_response = client.get(f"/a/{cad.code}/procurement/public/ocds.json")
    assert b_response["Content-Disposition"] == f'attachment; filename="{cad.code}-ocds-releases.json"'
    b_package = _package(b_response)
    a_ocids = {r["ocid"] for r in a_package["releases"]}
    b_ocids = {r["ocid"] for r in b_package["releases"]}
    assert a_ocids == {two_agencies["a"].ocid}  # the draft is not public
    assert b_ocids == {two_agencies["b"].ocid, two_agencies["b2"].ocid}
    b_projects = (two_agencies["b"], two_agencies["b2"])
    assert len(b_package["releases"]) == sum(p.releases.count() for p in b_projects)
    assert "จ้างพัฒนาระบบตรวจบัญชี" not in orjson.dumps(a_package).decode()
    assert b_package["publisher"] == {"name": cad.profile.official_name, "uri": "https://www.cad.go.th/"}
    assert a_package["publisher"] == {"name": agency.name}
    assert b_package["uri"] == f"{settings.SITE_URL}/a/{cad.code}/procurement/public/ocds.json"
    assert b_package["version"] == "1.1" and b_package["publishedDate"].endswith("+07:00")
    # Neither agency set its own licence: each package names the deployment's (test_ocds_licence.py).
    assert b_package["license"] == a_package["license"] == settings.PRONGSAI_OCDS_LICENSE
    # Unprefixed, the address serves the first agency (as every unprefixed public page does), under its
    # canonical prefixed address.
    plain = _package(client.get("/procurement/public/ocds.json"))
    assert {r["ocid"] for r in plain["releases"]} == a_ocids
    assert plain["uri"].endswith(f"/a/{agency.code}/procurement/public/ocds.json")
    assert client.get("/a/nope/procurement/public/ocds.json").status_code == 404


def test_an_agency_with_nothing_published_has_no_package_and_no_link(client, agency, officer, finance,
                                                                     second_agency, announce):
    """An empty release package is not valid OCDS (releases has minItems 1): no package, no link."""
    cad = second_agency
    announce(officer, finance, "จ้างพัฒนาระบบสหกรณ์")
    assert client.get(f"/a/{cad.code}/procurement/public/ocds.json").status_code == 404
    assert "ocds.json" not in client.get(f"/a/{cad.code}/procurement/public/").content.decode()
    everything = client.get("/procurement/public/").content.decode()
    assert f"/a/{agency.code}/procurement/public/ocds.json" in everything
    assert f"/a/{cad.code}/procurement/public/ocds.json" not in everything


def test_the_agency_public_procurement_pages_link_its_package_and_show_only_its_projects(
        client, agency, two_agencies):
    cad, a, b = two_agencies["cad"], two_agencies["a"], two_agencies["b"]
    home = client.get(f"/a/{cad.code}/procurement/public/").content.decode()
    assert f'href="/a/{cad.code}/procurement/public/ocds.json"' in home
    assert b.title in home and a.title not in home
    assert f'href="/a/{cad.code}/procurement/public/projects/{b.pk}/"' in home
    assert client.get(f"/a/{cad.code}/procurement/public/projects/{a.pk}/").status_code == 404
    assert client.get(f"/a/{cad.code}/procurement/public/projects/{b.pk}/").status_code == 200
    open_data = client.get(f"/a/{cad.code}/procurement/public/open-data/").content.decode()
    assert f'href="/a/{cad.code}/procurement/public/ocds.json"' in open_data
    assert f"/a/{agency.code}/procurement/public/ocds.json" not in open_data
    assert "ข้อมูลโครงการที่เผยแพร่แล้ว 2 โครงการ" in open_data
    for page in ("plans/", "analysis/", f"analysis/{cad.pk}/2568/"):
        assert client.get(f"/a/{cad.code}/procurement/public/{page}").status_code == 200, page
    finance = Unit.objects.get(code="cpd-finance")  # agency A's unit is not B's to show
    assert client.get(f"/a/{cad.code}/procurement/public/analysis/{finance.pk}/2568/").status_code == 404
    # The unprefixed pages list every agency's projects, so they link every agency's package.
    everything = client.get("/procurement/public/").content.decode()
    assert a.title in everything and b.title in everything
    for code in (agency.code, cad.code):
        assert f'href="/a/{code}/procurement/public/ocds.json"' in everything


def test_the_list_of_agency_packages_is_one_query_however_many_agencies_it_names(
    agency, two_agencies, django_assert_num_queries
):
    """Each agency's name and licence came from its profile, read with the agencies (thousands on a national
    index)."""
    from procurement.views.public import agency_packages

    with django_assert_num_queries(1):
        listed = agency_packages()
    assert [p.name for p in listed] == [agency.name, two_agencies["cad"].profile.official_name]
    assert {p.terms.license for p in listed} == {settings.PRONGSAI_OCDS_LICENSE}
