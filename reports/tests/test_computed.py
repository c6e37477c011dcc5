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


def test_last_years_analysis_counts_once_written_and_presented_to_the_executive(plan, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from procurement.services import disclosure, planning

    officer = make_user("po", "cpd-finance", (Role.PROCUREMENT_OFFICER, "cpd-finance"))
    finance = Unit.objects.get(code="cpd-finance")
    ind = _computed(plan, "1.2-a", "procurement_year_review")
    planning.review_save(actor=officer, unit=finance, fiscal_year=2560, risks="ความเสี่ยงด้านเวลา")
    partial = compute(ind, plan=plan, fiscal_year=2561)
    assert partial.value is False and "ยังเขียนไม่ครบ" in partial.explanation
    review = planning.review_save(actor=officer, unit=finance, fiscal_year=2560, risks="ความเสี่ยงด้านเวลา",
                                  obstacles="ผู้ค้าน้อยราย", savings="ประหยัดได้ร้อยละ 5",
                                  recommendations="วางแผนล่วงหน้า")
    written = compute(ind, plan=plan, fiscal_year=2561)
    assert written.value is False and "ยังไม่ได้บันทึกการเสนอผู้บริหาร" in written.explanation
    assert written.records[0][1] == reverse("procurement:analysis") + f"?unit={finance.pk}&fy=2560"
    memo = SimpleUploadedFile("memo.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    disclosure.review_present(actor=officer, review=review, presented_on=datetime.date(2017, 11, 20),
                              presented_to="อธิบดี", file=memo)
    before = compute(ind, plan=plan, fiscal_year=2561, as_of=datetime.date(2017, 11, 1))
    assert before.value is False  # presented after the round's date: not yet
    done = compute(ind, plan=plan, fiscal_year=2561, as_of=datetime.date(2018, 3, 31))
    assert done.value is True and done.event_date == datetime.date(2017, 11, 20)
    assert "เสนออธิบดี เมื่อ 20 พฤศจิกายน 2560" in done.explanation
    stored = review.files.get()
    assert done.records[1] == (f"หลักฐานการเสนอผู้บริหาร: {stored.original_name}",
                               reverse("procurement:review_file", args=[stored.pk]))
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


def test_the_years_awarded_projects_are_checked_for_the_elements_the_plan_lists(plan, make_user):
    from procurement.models import Bid
    from procurement.services import parties, projects, tendering

    officer = make_user("po", "cpd-finance", (Role.PROCUREMENT_OFFICER, "cpd-finance"))
    finance = Unit.objects.get(code="cpd-finance")
    ind = _computed(plan, "1.2-a", "procurement_database_elements")
    assert compute(ind, plan=plan, fiscal_year=2561).value is False
    p = projects.project_create(actor=officer, unit=finance, title="จ้างเหมาทำความสะอาดอาคาร",
                                fiscal_year=2561, method="e_bidding", budget=Decimal("500000"))
    p = projects.project_set_reference(actor=officer, project=p, reference_price=Decimal("480000"),
                                       reference_source="4", reference_method="สืบราคาจากท้องตลาด 3 ราย")
    p = projects.project_announce(actor=officer, project=p, announced_on=datetime.date(2018, 1, 5),
                                  submission_deadline=datetime.date(2018, 1, 25), criteria="price",
                                  announcement_no="1/2561")
    assert compute(ind, plan=plan, fiscal_year=2561).records == []  # not awarded yet: not counted
    bid = tendering.bid_add(actor=officer, project=p, amount=Decimal("450000"),
                            supplier=parties.supplier_get_or_create(actor=officer, name="บริษัท สะอาด จำกัด"))
    tendering.bid_evaluate(actor=officer, bid=bid, status=Bid.Status.VALID)
    p = tendering.project_publish_qualified(actor=officer, project=p, qualified_on=datetime.date(2018, 1, 26))
    tendering.project_award(actor=officer, project=p, bid=bid, awarded_on=datetime.date(2018, 1, 30),
                            amount=Decimal("450000"), reason="เสนอราคาต่ำสุด")
    complete = compute(ind, plan=plan, fiscal_year=2561)
    assert complete.value is True and "ครบ 1 โครงการ (ร้อยละ 100.00)" in complete.explanation
    assert complete.records == [(p.title, reverse("procurement:detail", args=[p.pk]))]
    assert "ผู้ซื้อซองและรายชื่อความสัมพันธ์ของเจ้าหน้าที่ไม่ได้นับ" in complete.explanation
    Bid.objects.filter(project=p).delete()  # a record that lost its bidders, as an import might leave it
    lacking = compute(ind, plan=plan, fiscal_year=2561)
    assert lacking.value is False and lacking.records[0][0] == f"{p.title} (ขาด: ผู้ยื่นซอง)"
    assert "ยังขาดข้อมูล 1 โครงการ" in lacking.explanation
