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
