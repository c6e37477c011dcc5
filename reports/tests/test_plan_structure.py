from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.services import activity_update, indicator_update, plan_reopen
from reports.dashboard import dashboard
from reports.models import Round
from reports.plan_structure import plan_structure

pytestmark = pytest.mark.django_db


def _round(open_round) -> Round:
    """The round as a page reads it: with its plan (and the plan's `updated_at`, the structure's key)."""
    return Round.objects.select_related("plan").get(pk=open_round.pk)


def test_the_plans_structure_is_read_once_in_the_plans_order(open_round):
    plan = _round(open_round).plan
    structure = plan_structure(plan)
    assert [a.key for a in structure.activities] == ["t-1", "t-2"]
    order = [(i.activity.key, i.sort_order) for i in structure.indicators]
    assert order == [("t-1", 0), ("t-2", 0), ("t-2", 1)]
    plan = _round(open_round).plan
    with CaptureQueriesContext(connection) as again:
        assert plan_structure(plan) is structure
    assert len(again) == 0


def test_an_edited_indicator_or_activity_shows_on_the_next_dashboard(open_round, people):
    admin = people["admin"]
    plan_reopen(actor=admin, plan=_round(open_round).plan, reason="ปรับเป้าหมายตามมติคณะทำงาน")
    before = dashboard(_round(open_round))
    line = before["indicators"]["lines"][-1]
    assert line["indicator"].value == Decimal(100)
    indicator_update(actor=admin, indicator=line["indicator"], value=Decimal(50), text="ร้อยละ ๕๐ ของบุคลากร")
    activity = plan_structure(_round(open_round).plan).activities[0]
    activity_update(actor=admin, activity=activity, title="ทุกหน่วยงานทบทวนกระบวนการงานหลัก")
    after = dashboard(_round(open_round))
    changed = after["indicators"]["lines"][-1]["indicator"]
    assert (changed.value, changed.text) == (Decimal(50), "ร้อยละ ๕๐ ของบุคลากร")
    assert after["activities"][0].title == "ทุกหน่วยงานทบทวนกระบวนการงานหลัก"
    assert before["activities"][0].title == "ทุกหน่วยงานทบทวนกระบวนการงาน"
