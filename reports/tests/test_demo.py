import pytest

from reports import demo
from reports.models import Report, ReviewComment, Round
from site_shell.demo import load_demo_accounts

pytestmark = pytest.mark.django_db


def test_demo_round_shows_every_state_and_loads_once(agency, plan):
    plan.status = "approved"
    plan.save()
    load_demo_accounts(agency)
    message = demo.load(agency=agency, plan=plan)
    assert message.startswith("รายงานผล: เปิดรอบที่ ๑")
    round_ = Round.objects.get(plan=plan, fiscal_year=2560, status="open")
    statuses = set(Report.objects.filter(round=round_).values_list("status", flat=True))
    assert {"draft", "submitted", "returned", "accepted"} <= statuses
    assert Report.objects.filter(round=round_, status="draft", version=0).exists()  # not started
    assert Round.objects.get(plan=plan, kind="annual").status == "draft"
    cm = Report.objects.filter(round=round_, unit__code="cpd-prov-13")
    assert cm.filter(status="accepted", evidence__isnull=False).exists()
    returned = cm.get(status="returned")
    assert ReviewComment.objects.filter(report=returned, row__isnull=False).exists()
    assert cm.filter(status="submitted", activity__host_units__code="cpd-hr").exists()  # for the coordinator
    assert cm.filter(status="draft", version=0, activity__host_units__code="cpd-hr").exists()
    assert round_.summary.stats["sent"] > 0
    count = Report.objects.count()
    assert demo.load(agency=agency, plan=plan) == ""
    assert Report.objects.count() == count


def test_demo_needs_an_approved_plan(agency, plan):
    assert demo.load(agency=agency, plan=plan) == ""
    assert not Round.objects.exists()
