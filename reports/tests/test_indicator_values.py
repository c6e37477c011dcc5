"""A round's indicator values: a computed indicator is judged from the records unless the host replaced its
value with a written reason."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from plans.services import plan_approve
from reports.indicator_values import COMPUTED, OVERRIDDEN, round_indicator_values
from reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_2561(plan, make_user):
    from reports.services import round_create, round_open

    admin = make_user("planadmin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd"))
    plan_approve(actor=None, plan=plan, approved_on=datetime.date(2017, 1, 30), approval_memo="ที่ กษ ๑๑๑๓/๖๑")
    round_ = round_create(actor=admin, plan=plan, fiscal_year=2561, name="รอบที่ ๑", kind="progress",
                          opens_on=datetime.date(2018, 3, 1), due_on=datetime.date(2018, 4, 4))
    return round_open(actor=admin, round_=round_)


def _by_key(values):
    return {v.indicator.key: v for v in values}


def test_a_host_override_with_a_reason_stands_and_keeps_both_records(round_2561, make_user):
    from reports.services import report_save_draft, report_submit

    before = _by_key(round_indicator_values(round_2561))
    assert before["6.2-a/1"].source == COMPUTED and before["6.2-a/1"].done is True
    assert before["6.2-a/2"].source == COMPUTED and before["6.2-a/2"].done is False  # no round compiled yet
    assert all(v.source == COMPUTED for v in before.values())  # every indicator of this plan has a source
    host = make_user("rep.psdg", "cpd-psdg", (Role.REPORTER, "cpd-psdg"))
    summary = Report.objects.get(round=round_2561, activity__key="6.2-a", kind=Report.Kind.HOST_SUMMARY)
    approved = before["6.2-a/1"].indicator
    report_save_draft(actor=host, report=summary, version=summary.version,
                      as_of=datetime.date(2018, 3, 31),
                      rows=[{"method": "เสนอแผนต่ออธิบดี", "period_text": "ม.ค. 2560", "result": "อนุมัติแล้ว",
                             "evidence_note": "หนังสืออนุมัติ"}],
                      indicator_results={approved.pk: {"done": False,
                                                       "override_reason": "ฉบับที่อนุมัติยังไม่ได้ลงนาม"}})
    summary.refresh_from_db()
    report_submit(actor=host, report=summary, version=summary.version)
    after = _by_key(round_indicator_values(round_2561))
    overridden = after["6.2-a/1"]
    assert overridden.source == OVERRIDDEN and overridden.done is False
    assert "ระบบคำนวณได้ ดำเนินการแล้ว: แผนได้รับอนุมัติในระบบแล้ว" in overridden.verdict.explanation
    assert overridden.overrides[0]["reason"] == "ฉบับที่อนุมัติยังไม่ได้ลงนาม"
    urls = [url for _, url in overridden.provenance]
    assert urls == [reverse("reports:report", args=[summary.pk]),
                    reverse("plans:detail", args=[round_2561.plan_id])]
