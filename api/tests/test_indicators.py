"""The plan's indicators with their declared sources, and a round's values with where each came from."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.services import api_token_create
from org.models import Unit
from plans.services import plan_approve

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict:
    _, key = api_token_create(actor=user, user=user, name="t")
    return {"Authorization": f"Bearer {key}"}


def test_the_plans_indicators_list_key_target_and_source(client, plan):
    assert client.get(f"/api/plans/{plan.pk}/indicators").status_code == 404  # a draft is not public
    plan_approve(actor=None, plan=plan, approved_on=datetime.date(2017, 1, 30), approval_memo="ที่ กษ ๑๑๑๓/๖๑")
    data = client.get(f"/api/plans/{plan.pk}/indicators").json()
    assert len(data) == 41 and len({i["key"] for i in data}) == 41
    published = next(i for i in data if i["key"] == "1.2-a/3")
    assert published["source"] == {"kind": "computed", "name": "procurement_plan_published",
                                   "label": "คำนวณจากระบบ: แผนการจัดซื้อจัดจ้างประจำปีที่เผยแพร่ในระบบ",
                                   "params": {}}
    assert published["target"]["kind"] == "done" and published["text"].startswith("มีแผนการจัดซื้อจัดจ้าง")
    from plans.planfile import load_planfile

    declared = [ind for pol in load_planfile()["policies"] for m in pol["measures"] for a in m["activities"]
                for ind in a["indicators"]]
    reported = sum(not isinstance(ind.get("source"), dict) for ind in declared)
    # Every indicator of this plan is computed by now; the count follows the plan file either way.
    assert sum(i["source"]["kind"] == "reported" for i in data) == reported < len(data)
    assert all(i["source"]["label"] == "รายงานจากหน่วยงาน" for i in data if i["source"]["kind"] == "reported")


@pytest.fixture
def round_2561(plan, make_user):
    from reports.services import round_create, round_open

    admin = make_user("planadmin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd"))
    plan_approve(actor=None, plan=plan, approved_on=datetime.date(2017, 1, 30), approval_memo="ที่ กษ ๑๑๑๓/๖๑")
    round_ = round_create(actor=admin, plan=plan, fiscal_year=2561, name="รอบที่ ๑", kind="progress",
                          opens_on=datetime.date(2018, 3, 1), due_on=datetime.date(2018, 4, 4))
    return round_open(actor=admin, round_=round_), admin


def test_a_round_gives_computed_values_with_the_records_behind_them(client, round_2561, make_user):
    from procurement.services import planning

    round_, admin = round_2561
    assert client.get(f"/api/rounds/{round_.pk}/indicators").status_code == 401
    headers = _bearer(admin)
    before = {i["key"]: i for i in client.get(f"/api/rounds/{round_.pk}/indicators", headers=headers).json()}
    published = before["1.2-a/3"]
    assert published["source"] == "computed" and published["done"] is False
    assert published["verdict"] == "not_yet_due" and published["provenance"] == []
    assert "ยังไม่มีแผนการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. 2561" in published["explanation"]
    assert before["6.2-a/1"]["done"] is True and before["6.2-a/1"]["verdict"] == "met"
    # An indicator whose records are not procurement's stays as it was.
    other_key = "3.1-a/1"
    other = before[other_key]

    officer = make_user("po", "cpd-finance", (Role.PROCUREMENT_OFFICER, "cpd-finance"))
    pp = planning.plan_create(actor=officer, unit=Unit.objects.get(code="cpd-finance"), fiscal_year=2561)
    planning.plan_item_add(actor=officer, plan=pp, title="ซื้อครุภัณฑ์", budget=Decimal("350000"),
                           method="specific", planned_month=1)
    planning.plan_publish(actor=officer, plan=pp)
    after = {i["key"]: i for i in client.get(f"/api/rounds/{round_.pk}/indicators", headers=headers).json()}
    published = after["1.2-a/3"]
    assert published["done"] is True and published["verdict"] == "met"
    assert published["verdict_label"] == "บรรลุ"
    assert [p["url"] for p in published["provenance"]] == [reverse("procurement:public_plan", args=[pp.pk])]
    moving = {"as_of", "cached_at"}
    unmoved = {k: v for k, v in after[other_key].items() if k not in moving}
    assert unmoved == {k: v for k, v in other.items() if k not in moving}


def test_a_round_shows_only_the_activities_the_caller_may_see(client, round_2561, make_user):
    round_, admin = round_2561
    everyone = client.get(f"/api/rounds/{round_.pk}/indicators", headers=_bearer(admin)).json()
    reporter = make_user("rep.cm", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13"))
    own = client.get(f"/api/rounds/{round_.pk}/indicators", headers=_bearer(reporter)).json()
    assert own and len(own) < len(everyone)
    keys = {i["key"] for i in own}
    assert "1.1.1-a/1" in keys and "5.5-a/1" not in keys  # 5.5 is for the central divisions only
