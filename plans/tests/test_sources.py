"""Every indicator of the plan file declares where its value comes from, and the plan keeps it."""

import copy

import pytest
from django.urls import reverse

from accounts.models import Role
from plans.models import Indicator
from plans.planfile import load_planfile, plan_counts, validate_planfile


def _indicators(data):
    return [ind for p in data["policies"] for m in p["measures"] for a in m["activities"]
            for ind in a["indicators"]]


def test_the_shipped_file_declares_a_source_for_every_indicator():
    data = load_planfile()
    indicators = _indicators(data)
    assert len(indicators) == plan_counts(data)["indicators"] == 41
    assert all("source" in ind for ind in indicators)
    computed = [ind["source"]["computed"] for ind in indicators if isinstance(ind["source"], dict)]
    # Every indicator of this plan is computed from the records now (issues 11 and 12); each name must be
    # one the registry knows, and anything else must say "reported".
    from reports.computed import REGISTRY

    assert len(computed) == 41 and set(computed) <= set(REGISTRY)
    assert {"complaint_system_review", "integrity_plan_approved",
            "procurement_plan_published"} <= set(computed)
    assert all(ind["source"] == "reported" for ind in indicators if not isinstance(ind["source"], dict))


@pytest.mark.parametrize("source, message", [
    ("typed", "must be 'reported' or a mapping"),
    ({"computed": "Bad Name", "label": "x"}, "snake_case"),
    ({"computed": "ok_name"}, "missing key 'label'"),
    ({"computed": "ok_name", "label": "x", "params": [1]}, "must be a mapping"),
    ({"computed": "ok_name", "label": "x", "extra": 1}, "unknown key 'extra'"),
])
def test_a_malformed_source_is_refused(source, message):
    data = copy.deepcopy(load_planfile())
    _indicators(data)[0]["source"] = source
    errors = validate_planfile(data)
    assert errors and any(message in e and ".source" in e for e in errors)


@pytest.mark.django_db
def test_the_loaded_plan_keeps_each_declared_source(plan):
    stored = Indicator.objects.filter(activity__measure__policy__plan=plan)
    assert stored.count() == 41
    computed = stored.filter(source__kind="computed")
    assert computed.count() == 41
    review = computed.get(activity__key="1.4.1-a")
    assert review.source == {"kind": "computed", "name": "complaint_system_review",
                             "label": "บันทึกการทบทวนระบบร้องเรียนประจำปีในระบบ", "params": {}}
    assert all(ind.source == {"kind": "reported"} for ind in stored.exclude(source__kind="computed"))


@pytest.mark.django_db
def test_the_plan_page_says_where_each_value_comes_from(client, plan, make_user, login):
    make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, None))
    login("pa")
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert html.count("แหล่งข้อมูล: รายงานจากหน่วยงาน") == 0
    assert html.count("แหล่งข้อมูล: คำนวณจากระบบ: ") == 41
    assert "คำนวณจากระบบ: แผนการจัดซื้อจัดจ้างประจำปีที่เผยแพร่ในระบบ" in html
