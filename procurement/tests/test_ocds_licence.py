"""Each agency's OCDS packages name its licence and publication policy (its own from the agency settings page,
else the deployment's PRONGSAI_OCDS_LICENSE / _PUBLICATION_POLICY), valid against the 1.1.5 schema; agency A's
terms never reach agency B's package; the public open-data and procurement pages show the licence."""

import io

import orjson
import pytest
from django.urls import reverse

from accounts.models import Role, User
from audit.models import AuditEvent
from org.forms import AgencyProfileForm
from org.models import Unit
from org.selectors import agency_open_data_terms, agency_profile
from org.services import agency_profile_update
from procurement.models import Project
from procurement.opendata import export_ocds, package_meta, validate_output

pytestmark = pytest.mark.django_db

DGA = "https://data.go.th/pages/dga-open-government-license"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
A_POLICY = "https://www.cpd.go.th/opendata/policy"
B_LICENCE = "https://www.cad.go.th/opendata/licence"
B_POLICY = "https://www.cad.go.th/opendata/policy"


@pytest.fixture
def world(agency, officer, finance, make_user, second_agency, announce):
    b_officer = make_user("buyer.cad", "cad-finance", (Role.PROCUREMENT_OFFICER, "cad-finance"))
    return {"a": announce(officer, finance, "จ้างพัฒนาระบบสหกรณ์"),
            "b": announce(b_officer, Unit.objects.get(code="cad-finance"), "จ้างพัฒนาระบบตรวจบัญชี"),
            "cad": second_agency}


def _settings_data(agency, **changes) -> dict:
    form = AgencyProfileForm(instance=agency_profile(agency))
    data = {name: form[name].value() or "" for name in form.fields
            if name not in ("emblem_file", "remove_emblem")}
    return {**data, **changes}


def _package(client, code: str) -> dict:
    response = client.get(f"/a/{code}/procurement/public/ocds.json")
    data = b"".join(response.streaming_content)
    assert validate_output(data, "package") == []
    return orjson.loads(data)


def test_the_settings_page_saves_both_addresses_audited_old_to_new(client, world):
    cad = world["cad"]
    client.force_login(User.objects.get(username="admin.cad"))
    url = reverse("org:agency_settings", args=[cad.pk])
    page = client.get(url).content.decode()
    assert 'name="ocds_license"' in page and 'name="ocds_publication_policy"' in page
    response = client.post(url, _settings_data(cad, ocds_license=B_LICENCE, ocds_publication_policy=B_POLICY))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(action="agency.settings", unit=cad).order_by("id").last()
    assert event.actor.username == "admin.cad"
    assert (event.old["ocds_license"], event.new["ocds_license"]) == ("", B_LICENCE)
    assert (event.old["ocds_publication_policy"], event.new["ocds_publication_policy"]) == ("", B_POLICY)
    response = client.post(url, _settings_data(cad, ocds_license=DGA, ocds_publication_policy=B_POLICY))
    event = AuditEvent.objects.filter(action="agency.settings", unit=cad).order_by("id").last()
    assert (event.old["ocds_license"], event.new["ocds_license"]) == (B_LICENCE, DGA)


def test_addresses_that_are_not_http_are_refused_in_thai_keeping_what_was_typed(client, world):
    cad = world["cad"]
    client.force_login(User.objects.get(username="admin.cad"))
    url = reverse("org:agency_settings", args=[cad.pk])
    cases = [
        ({"ocds_license": "ftp://files.cad.go.th/licence.pdf"},
         "ที่อยู่สัญญาอนุญาตข้อมูลเปิดต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย http:// หรือ https://"),
        ({"ocds_license": "สัญญาอนุญาตของกรม"}, "ที่อยู่สัญญาอนุญาตข้อมูลเปิดไม่ถูกต้อง"),
        ({"ocds_publication_policy": "mailto:saraban@cad.go.th"}, "ที่อยู่นโยบายการเผยแพร่ข้อมูลไม่ถูกต้อง"),
    ]
    for changes, message in cases:
        response = client.post(url, _settings_data(cad, **changes))
        text = response.content.decode()
        assert response.status_code == 200 and message in text, text[-3000:]
        for value in changes.values():
            assert f'value="{value}"' in text, value
    assert agency_profile(cad).ocds_license == ""
    # The service refuses on its own too (the API and loaders call it without the form).
    with pytest.raises(Exception, match="ขึ้นต้นด้วย http:// หรือ https://"):
        agency_profile_update(actor=None, agency=cad, ocds_publication_policy="javascript:alert(1)")


def test_each_package_carries_its_own_agency_terms_and_validates(client, agency, world, settings):
    cad = world["cad"]
    settings.PRONGSAI_OCDS_PUBLICATION_POLICY = ""
    # Neither agency set terms: both name the deployment's licence, and no publication policy exists.
    for code in (agency.code, cad.code):
        package = _package(client, code)
        assert package["license"] == settings.PRONGSAI_OCDS_LICENSE == DGA
        assert "publicationPolicy" not in package
    agency_profile_update(actor=None, agency=agency, ocds_license=CC_BY, ocds_publication_policy=A_POLICY)
    a_package, b_package = _package(client, agency.code), _package(client, cad.code)
    assert (a_package["license"], a_package["publicationPolicy"]) == (CC_BY, A_POLICY)
    assert b_package["license"] == DGA and "publicationPolicy" not in b_package
    agency_profile_update(actor=None, agency=cad, ocds_license=B_LICENCE, ocds_publication_policy=B_POLICY)
    b_package = _package(client, cad.code)
    assert (b_package["license"], b_package["publicationPolicy"]) == (B_LICENCE, B_POLICY)
    assert _package(client, agency.code)["license"] == CC_BY
    # A deployment default set through the environment reaches an agency that gave none.
    settings.PRONGSAI_OCDS_LICENSE = "https://opendata.example.test/licence"
    settings.PRONGSAI_OCDS_PUBLICATION_POLICY = "https://opendata.example.test/policy"
    agency_profile_update(actor=None, agency=cad, ocds_license="", ocds_publication_policy="")
    assert agency_open_data_terms(Unit.objects.get(code="cad-finance")).package_fields() == {
        "license": "https://opendata.example.test/licence",
        "publicationPolicy": "https://opendata.example.test/policy"}
    assert _package(client, cad.code)["license"] == "https://opendata.example.test/licence"


@pytest.mark.parametrize("fmt", ["package", "record"])
def test_exports_name_the_agency_terms_and_a_mixed_export_the_deployment(agency, world, settings, fmt):
    agency_profile_update(actor=None, agency=agency, ocds_license=CC_BY, ocds_publication_policy=A_POLICY)
    agency_profile_update(actor=None, agency=world["cad"], ocds_license=B_LICENCE)
    settings.PRONGSAI_OCDS_PUBLICATION_POLICY = ""

    def exported(projects) -> dict:
        buffer = io.BytesIO()
        export_ocds(buffer, projects, fmt)
        assert validate_output(buffer.getvalue(), fmt) == []
        return orjson.loads(buffer.getvalue())

    only_b = exported(Project.objects.filter(unit__path__startswith=world["cad"].path))
    assert only_b["license"] == B_LICENCE and "publicationPolicy" not in only_b
    only_a = exported(Project.objects.filter(pk=world["a"].pk))
    assert (only_a["license"], only_a["publicationPolicy"]) == (CC_BY, A_POLICY)
    # One agency's licence cannot speak for another's data: a package of both names the deployment's.
    mixed = exported(Project.objects.all())
    assert mixed["license"] == DGA and "publicationPolicy" not in mixed
    assert package_meta(Project.objects.all())["license"] == DGA


def test_the_public_pages_show_the_agency_licence(client, agency, world):
    cad = world["cad"]
    agency_profile_update(actor=None, agency=cad, ocds_license=B_LICENCE, ocds_publication_policy=B_POLICY)
    open_data = client.get(f"/a/{cad.code}/procurement/public/open-data/").content.decode()
    assert f'นำไปใช้ได้ตามสัญญาอนุญาต <a href="{B_LICENCE}" rel="license">{B_LICENCE}</a>' in open_data
    assert f'<a href="{B_POLICY}">นโยบายการเผยแพร่ข้อมูล</a>' in open_data
    assert DGA not in open_data
    home = client.get(f"/a/{cad.code}/procurement/public/").content.decode()
    assert f'(สัญญาอนุญาต: <a href="{B_LICENCE}" rel="license">{B_LICENCE}</a>)' in home
    # Agency A gave none: its pages name the deployment's licence by its name; its releases.json says so too.
    a_page = client.get(f"/a/{agency.code}/procurement/public/open-data/").content.decode()
    assert f'<a href="{DGA}" rel="license">ข้อกำหนดและเงื่อนไขการอนุญาตให้ใช้ข้อมูลภาครัฐแบบเปิดของ สพร.' in a_page
    assert B_LICENCE not in a_page
    releases = client.get(f"/a/{agency.code}/procurement/public/open-data/releases.json")
    assert orjson.loads(releases.content)["license"] == DGA
    # The unprefixed page lists every agency's package with its own licence.
    everything = client.get("/procurement/public/open-data/").content.decode()
    assert f'สัญญาอนุญาต: <a href="{B_LICENCE}" rel="license">' in everything
    assert f'สัญญาอนุญาต: <a href="{DGA}" rel="license">' in everything

