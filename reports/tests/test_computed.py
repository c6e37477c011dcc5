"""The computations behind computed indicators, against records made through each app's services."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Role
from org.models import Unit
from plans.models import Indicator
from plans.planfile import load_planfile
from reports.computed import REGISTRY, UnknownComputation, compute

pytestmark = pytest.mark.django_db


def _computed(plan, key, name):
    return Indicator.objects.get(activity__measure__policy__plan=plan, activity__key=key, source__name=name)


def test_every_computation_the_plan_file_names_is_registered():
    data = load_planfile()
    names = {ind["source"]["computed"] for p in data["policies"] for m in p["measures"]
             for a in m["activities"] for ind in a["indicators"] if isinstance(ind.get("source"), dict)}
    assert names and names <= set(REGISTRY)


def test_an_unknown_name_is_refused(plan):
    ind = _computed(plan, "1.2-a", "procurement_plan_published")
    ind.source = {"kind": "computed", "name": "no_such_thing", "label": "x"}
    with pytest.raises(UnknownComputation):
        compute(ind, plan=plan, fiscal_year=2561)


def test_publishing_the_procurement_plan_makes_the_indicator_done(plan, make_user):
    from procurement.services import planning

    officer = make_user("po", "cpd-finance", (Role.PROCUREMENT_OFFICER, "cpd-finance"))
    ind = _computed(plan, "1.2-a", "procurement_plan_published")
    before = compute(ind, plan=plan, fiscal_year=2561)
    assert before.value is False and before.records == [] and "ยังไม่มีแผน" in before.explanation
    pp = planning.plan_create(actor=officer, unit=Unit.objects.get(code="cpd-finance"), fiscal_year=2561)
    planning.plan_item_add(actor=officer, plan=pp, title="ซื้อครุภัณฑ์", budget=Decimal("350000"),
                           method="specific", planned_month=1)
    draft = compute(ind, plan=plan, fiscal_year=2561)
    assert draft.value is False and "ยังไม่ได้เผยแพร่" in draft.explanation
    planning.plan_publish(actor=officer, plan=pp)
    after = compute(ind, plan=plan, fiscal_year=2561)
    assert after.value is True
    assert after.records == [(after.records[0][0], reverse("procurement:public_plan", args=[pp.pk]))]
    assert pp.title in after.records[0][0] and "เผยแพร่แล้ว 1 แผน" in after.explanation
    assert compute(ind, plan=plan, fiscal_year=2562).value is False  # another year has no plan


def test_last_years_analysis_counts_once_written_and_leaves_the_executive_part_reported(plan, make_user):
    from procurement.services import planning

    officer = make_user("po", "cpd-finance", (Role.PROCUREMENT_OFFICER, "cpd-finance"))
    finance = Unit.objects.get(code="cpd-finance")
    ind = _computed(plan, "1.2-a", "procurement_year_review")
    planning.review_save(actor=officer, unit=finance, fiscal_year=2560, risks="ความเสี่ยงด้านเวลา")
    partial = compute(ind, plan=plan, fiscal_year=2561)
    assert partial.value is False and "ยังเขียนไม่ครบ" in partial.explanation
    assert "การเสนอผู้บริหาร ระบบไม่ได้บันทึกไว้" in partial.explanation
    planning.review_save(actor=officer, unit=finance, fiscal_year=2560, risks="ความเสี่ยงด้านเวลา",
                         obstacles="ผู้ค้าน้อยราย", savings="ประหยัดได้ร้อยละ 5", recommendations="วางแผนล่วงหน้า")
    done = compute(ind, plan=plan, fiscal_year=2561)
    assert done.value is True
    assert done.records[0][1] == reverse("procurement:analysis") + f"?unit={finance.pk}&fy=2560"
    assert compute(ind, plan=plan, fiscal_year=2562).value is False  # 2561 was not analysed


def test_the_complaint_system_review_is_counted_in_its_year(plan, make_user):
    from complaints.services import review_record, standards_ensure

    officer = make_user("desk", "cpd-slk", (Role.COMPLAINT_OFFICER, "cpd"))
    ind = _computed(plan, "1.4.1-a", "complaint_system_review")
    assert compute(ind, plan=plan, fiscal_year=2561).value == 0
    standards_ensure(agency=plan.agency)
    record = review_record(actor=officer, agency=plan.agency, fiscal_year=2561,
                           reviewed_on=datetime.date(2018, 9, 15), findings="ระบบเป็นไปตามคู่มือ")
    result = compute(ind, plan=plan, fiscal_year=2561)
    assert result.value == 1 and result.event_date == datetime.date(2018, 9, 15)
    assert result.records[0][1] == reverse("complaints:review_document", args=[record.pk, "pdf"])
    assert "15 กันยายน 2561" in result.explanation
    assert compute(ind, plan=plan, fiscal_year=2562).value == 0


def test_the_plan_counts_once_approved(plan, make_user):
    from plans.services import plan_approve

    executive = make_user("dg", "cpd", (Role.EXECUTIVE, "cpd"))
    ind = _computed(plan, "6.2-a", "integrity_plan_approved")
    draft = compute(ind, plan=plan, fiscal_year=2560)
    assert draft.value is False and draft.records == [(str(plan), reverse("plans:detail", args=[plan.pk]))]
    plan_approve(actor=executive, plan=plan, approved_on=datetime.date(2017, 1, 30),
                 approval_memo="ที่ กษ ๑๑๑๓/๖๑")
    plan.refresh_from_db()
    approved = compute(ind, plan=plan, fiscal_year=2560)
    assert approved.value is True and "30 มกราคม 2560" in approved.explanation
    assert "กษ ๑๑๑๓/๖๑" in approved.explanation
