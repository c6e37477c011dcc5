"""Indicators computed from the records issue 11 §2 wires (procurement 1.2, complaints 1.4.3, plan 6.2 ๒),
through the round's indicator values on the real plan."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from org.models import Unit
from reports import achievement
from reports.indicator_values import COMPUTED, round_indicator_values

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def admin(make_user):
    return make_user("planadmin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd"))


@pytest.fixture
def round_2561(plan, admin):
    """A progress round of 2561 whose figures stand at its due date, 4 April 2561 (2018)."""
    from plans.services import plan_approve
    from reports.services import round_create, round_open

    plan_approve(actor=None, plan=plan, approved_on=datetime.date(2017, 1, 30), approval_memo="ที่ กษ ๑๑๑๓/๖๑")
    round_ = round_create(actor=admin, plan=plan, fiscal_year=2561, name="รอบที่ ๑", kind="progress",
                          opens_on=datetime.date(2018, 3, 1), due_on=datetime.date(2018, 4, 4))
    return round_open(actor=admin, round_=round_)


def _values(round_):
    return {v.indicator.key: v for v in round_indicator_values(round_)}


def _awarded_project(officer, finance):
    from procurement.models import Bid
    from procurement.services import parties, projects, tendering

    p = projects.project_create(actor=officer, unit=finance, title="จ้างเหมาทำความสะอาดอาคาร",
                                fiscal_year=2561, method="e_bidding", budget=Decimal("500000"))
    p = projects.project_set_reference(actor=officer, project=p, reference_price=Decimal("480000"),
                                       reference_source="4", reference_method="สืบราคาจากท้องตลาด 3 ราย")
    p = projects.project_announce(actor=officer, project=p, announced_on=datetime.date(2018, 1, 5),
                                  submission_deadline=datetime.date(2018, 1, 25), criteria="price",
                                  announcement_no="1/2561")
    bid = tendering.bid_add(actor=officer, project=p, amount=Decimal("450000"),
                            supplier=parties.supplier_get_or_create(actor=officer, name="บริษัท สะอาด จำกัด"))
    tendering.bid_evaluate(actor=officer, bid=bid, status=Bid.Status.VALID)
    p = tendering.project_publish_qualified(actor=officer, project=p, qualified_on=datetime.date(2018, 1, 26))
    tendering.project_award(actor=officer, project=p, bid=bid, awarded_on=datetime.date(2018, 1, 30),
                            amount=Decimal("450000"), reason="เสนอราคาต่ำสุด")
    return p


def test_procurement_channels_and_the_level_from_steps_one_to_five(round_2561, make_user, admin, client):
    from procurement.models import ProcurementPlan
    from procurement.services import disclosure, planning

    officer = make_user("po", "cpd-finance", (Role.PROCUREMENT_OFFICER, "cpd-finance"))
    finance = Unit.objects.get(code="cpd-finance")
    start = _values(round_2561)
    assert start["1.2-a/1"].source == COMPUTED and start["1.2-a/1"].value == Decimal(0)
    assert start["1.2-a/5"].done is False and start["1.2-a/6"].value == Decimal(0)

    review = planning.review_save(actor=officer, unit=finance, fiscal_year=2560, risks="ความเสี่ยง",
                                  obstacles="อุปสรรค", savings="ประหยัด", recommendations="ข้อเสนอ")
    disclosure.review_present(actor=officer, review=review, presented_on=datetime.date(2017, 11, 20),
                              presented_to="อธิบดี", file=SimpleUploadedFile("memo.pdf", PDF))
    pp = planning.plan_create(actor=officer, unit=finance, fiscal_year=2561)
    planning.plan_item_add(actor=officer, plan=pp, title="ซื้อครุภัณฑ์", budget=Decimal("350000"),
                           method="specific", planned_month=1)
    # the plan went out in November 2560 (as imported records carry their date); publishing keeps it
    ProcurementPlan.objects.filter(pk=pp.pk).update(
        published_at=datetime.datetime(2017, 11, 10, 9, tzinfo=datetime.UTC))
    planning.plan_publish(actor=officer, plan=pp)
    for kind, url in (("website", "https://www.cpd.go.th/egp/2561"), ("egp", "https://process3.gprocurement.go.th/x"),
                      ("website", "https://www.cpd.go.th/egp/2561-2"), ("line", "https://line.me/x")):
        day = datetime.date(2018, 4, 20) if kind == "line" else datetime.date(2017, 11, 12)
        disclosure.channel_add(actor=officer, plan=pp, kind=kind, url=url, published_on=day)
    middle = _values(round_2561)
    assert middle["1.2-a/2"].done is True and middle["1.2-a/3"].done is True
    assert middle["1.2-a/4"].done is False  # no awarded project yet
    assert middle["1.2-a/5"].done is True
    channels = middle["1.2-a/6"]
    # the system's pages, the website (twice, counted once) and e-GP; LINE came after the round's date
    assert channels.value == Decimal(3)
    assert "หน้าเผยแพร่สาธารณะของระบบ" in channels.verdict.explanation
    assert "ไม่ได้กำหนดค่าเป้าหมาย" in channels.verdict.explanation
    assert "LINE" not in channels.verdict.explanation
    level = middle["1.2-a/1"]
    # step ๓ is missing, so ๔ and ๕ done do not raise the level past ๒
    assert level.value == Decimal(2) and "ขั้นที่ ๓ ฐานข้อมูลครบตามองค์ประกอบ: ยังไม่ครบ" in level.verdict.explanation

    _awarded_project(officer, finance)
    done = _values(round_2561)
    assert done["1.2-a/1"].value == Decimal(5)
    assert "ระดับความสำเร็จ 5 จาก 5 ขั้น" in done["1.2-a/1"].verdict.explanation
    client.force_login(admin)
    for _, url in done["1.2-a/1"].provenance + done["1.2-a/6"].provenance:
        assert client.get(url).status_code == 200, url


def test_monthly_and_quarterly_complaint_reports_count_the_periods_sent(round_2561, make_user, admin, client):
    from complaints.services import standards_ensure
    from complaints.services.issues import report_issue

    desk = make_user("desk", "cpd-slk", (Role.COMPLAINT_OFFICER, "cpd"))
    agency = round_2561.plan.agency
    standards_ensure(agency=agency)
    for year, month, day in ((2560, 10, datetime.date(2017, 11, 3)), (2560, 11, datetime.date(2017, 12, 4)),
                             (2560, 12, datetime.date(2018, 1, 5)), (2561, 1, datetime.date(2018, 2, 2)),
                             (2561, 3, datetime.date(2018, 4, 20))):  # March's: after the round's date
        report_issue(actor=desk, agency=agency, kind="monthly", period={"year": year, "month": month},
                     issued_on=day, recipient="อธิบดี")
    report_issue(actor=desk, agency=agency, kind="quarterly", period={"fy": 2561, "quarter": 1},
                 issued_on=datetime.date(2018, 1, 15), recipient="คณะกรรมการบริหารกรม", reference="กษ 1/61")
    values = _values(round_2561)
    monthly = values["1.4.3-a/1"]
    assert monthly.source == COMPUTED and monthly.value == Decimal(4)
    assert "4 เดือน จาก 6 เดือน" in monthly.verdict.explanation
    assert "ยังไม่ได้เสนอ: กุมภาพันธ์ 2561, มีนาคม 2561" in monthly.verdict.explanation
    assert monthly.verdict.status == achievement.NOT_MET  # 4 against 1 a month × 6 months
    quarterly = values["1.4.3-a/2"]
    assert quarterly.value == Decimal(1) and "ยังไม่ได้เสนอ: ไตรมาสที่ 2" in quarterly.verdict.explanation
    assert "ที่ กษ 1/61" in quarterly.provenance[0][0]
    client.force_login(admin)
    for _, url in monthly.provenance + quarterly.provenance:
        assert client.get(url).status_code == 200, url


def test_the_follow_up_summary_is_done_once_a_round_of_the_year_is_compiled(round_2561, admin, client):
    from reports.services import round_compile

    before = _values(round_2561)["6.2-a/2"]
    assert before.source == COMPUTED and before.done is False and before.provenance == []
    round_compile(actor=admin, round_=round_2561)
    after = _values(round_2561)["6.2-a/2"]
    assert after.done is True and "1 รอบ" in after.verdict.explanation
    assert after.provenance[0][1] == reverse("reports:compile", args=[round_2561.pk])
    client.force_login(admin)
    assert client.get(after.provenance[0][1]).status_code == 200
