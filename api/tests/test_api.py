import datetime

import pytest

from accounts.models import Role
from accounts.services import api_token_create
from plans.services import plan_approve

pytestmark = pytest.mark.django_db


def test_openapi_document_lists_the_endpoints(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/units", "/api/plans", "/api/plans/{plan_id}"} <= set(spec["paths"])
    assert client.get("/api/docs").status_code == 200


def test_units_are_public(client, agency):
    units = client.get("/api/units").json()
    assert len([u for u in units if u["kind"] == "provincial_office"]) == 76
    assert any(u["abbreviation"] == "กพร." for u in units)


def test_draft_plans_need_a_session_or_token(client, plan, make_user, login):
    assert client.get("/api/plans").json() == []
    assert client.get(f"/api/plans/{plan.pk}").status_code == 404
    user = make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, None))
    _, key = api_token_create(actor=user, user=user, name="t")
    headers = {"Authorization": f"Bearer {key}"}
    assert [p["id"] for p in client.get("/api/plans", headers=headers).json()] == [plan.pk]
    assert client.get(f"/api/plans/{plan.pk}", headers={"Authorization": "Bearer wrong"}).status_code == 404
    login("pa")
    assert client.get(f"/api/plans/{plan.pk}").status_code == 200


def test_approved_plan_tree_is_public_and_complete(client, plan):
    from plans.models import Activity, Indicator, Measure

    plan_approve(actor=None, plan=plan, approved_on=datetime.date(2017, 1, 30), approval_memo="ที่ กษ ๑๑๑๓/๖๑")
    data = client.get(f"/api/plans/{plan.pk}").json()
    assert data["status"] == "approved" and len(data["policies"]) == 6
    measures = [m for p in data["policies"] for m in p["measures"]]
    activities = [a for m in measures for a in m["activities"]]
    indicators = [i for a in activities for i in a["indicators"]]
    assert len(measures) == Measure.objects.filter(policy__plan=plan).count()
    assert len(activities) == Activity.objects.filter(measure__policy__plan=plan).count()
    assert len(indicators) == Indicator.objects.filter(activity__measure__policy__plan=plan).count()
    sample = next(i for i in indicators if i["target"]["kind"] == "percent")
    assert sample["verbatim"] and sample["target"]["value"] is not None


def test_out_of_range_input_is_refused_before_any_query(client, agency):
    """Negative offsets and impossible years used to reach the database (HTTP 500); now the schema refuses
    them."""
    for url in (
        "/api/procurement/projects?offset=-1",
        "/api/procurement/projects?limit=0",
        "/api/procurement/projects?limit=501",
        "/api/procurement/projects?fiscal_year=99999",
        "/api/procurement/plans?fiscal_year=2300",
        "/api/complaints/statistics?fiscal_year=99999",
        "/api/complaints/statistics?fiscal_year=-542",
        f"/api/procurement/analysis/{agency.pk}/99999",
        "/api/plans/0",
        "/api/plans/99999999999999999999",
        "/api/units?agency=" + "x" * 51,
        "/api/procurement/projects?q=a%00b",
    ):
        response = client.get(url)
        assert response.status_code == 422, url
        assert response.json()["detail"][0]["loc"], url


def test_a_christian_era_fiscal_year_reads_as_buddhist_era(client, agency):
    unit = agency.pk
    ce = client.get(f"/api/procurement/analysis/{unit}/2025").json()
    assert ce["fiscal_year"] == 2568
    assert client.get(f"/api/procurement/analysis/{unit}/2568").json() == ce
    assert client.get("/api/complaints/statistics?fiscal_year=2025").json()["fiscal_year"] == 2568


def test_errors_are_json_in_thai_and_declared_in_the_document(client, agency):
    missing = client.get("/api/plans/424242")
    assert missing.status_code == 404 and missing.json() == {"detail": "ไม่พบแผน"}
    assert client.get("/api/procurement/projects/424242/ocds").json() == {"detail": "ไม่พบข้อมูลที่ขอ"}
    anonymous = client.get("/api/rounds")
    assert anonymous.status_code == 401 and "โทเค็น" in anonymous.json()["detail"]
    spec = client.get("/api/openapi.json").json()
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            codes = set(operation["responses"])
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in codes, (method, path)
            if any("{" in p for p in [path]):
                assert "404" in codes, (method, path)
            if operation.get("security") and not any(s == {} for s in operation["security"]):
                assert "401" in codes, (method, path)
    projects = spec["paths"]["/api/procurement/projects"]["get"]["parameters"]
    bounds = {p["name"]: p["schema"] for p in projects}
    assert bounds["offset"]["minimum"] == 0 and bounds["limit"]["maximum"] == 500


def test_lists_page_the_same_way(client, make_user):
    from complaints import services
    from complaints.crypto import Identity
    from complaints.selectors import default_agency

    user = make_user("desk", "cpd-slk", (Role.COMPLAINT_OFFICER, None))
    _, key = api_token_create(actor=user, user=user, name="t")
    headers = {"Authorization": f"Bearer {key}"}
    agency = default_agency()
    for n in range(3):
        services.case_submit(agency=agency, channel="service", subject=f"เรื่องที่ {n}", details="รายละเอียดเรื่อง",
                             identity=Identity())
    every = [c["id"] for c in client.get("/api/complaints", headers=headers).json()]
    assert len(every) == 3
    first = client.get("/api/complaints?limit=2", headers=headers).json()
    rest = client.get("/api/complaints?limit=2&offset=2", headers=headers).json()
    assert [c["id"] for c in first + rest] == every
