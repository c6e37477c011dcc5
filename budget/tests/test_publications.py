"""The spending plan and reports on the portal (ITA O18–O20): only finance at the department publishes,
every publication and withdrawal is audited, and the figures are frozen when published."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.policy import Denied
from audit.models import AuditEvent
from budget import services
from budget.models import BudgetPublication
from budget.tests.conftest import sheet
from core.errors import ApplicationError

pytestmark = pytest.mark.django_db
HALF = BudgetPublication.Kind.HALF_YEAR


def _import(finance, agency, rows):
    services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560, uploaded=sheet(rows))


def test_only_finance_at_the_department_publishes_and_withdraws(agency, finance, lines_2560, make_user):
    province = make_user("fin.cm", "cpd-prov-13", (Role.FINANCE_OFFICER, "cpd-prov-13"))
    auditor = make_user("auditor", "cpd-ia", (Role.AUDITOR, "cpd"))
    for actor in (province, auditor):
        with pytest.raises(Denied):
            services.budget_publish(actor=actor, agency=agency, fiscal_year=2560, kind="plan")
    assert not BudgetPublication.objects.exists()
    assert not AuditEvent.objects.filter(action="budget.publish").exists()

    pub = services.budget_publish(actor=finance, agency=agency, fiscal_year=2560, kind="plan")
    event = AuditEvent.objects.get(action="budget.publish")
    assert event.actor == finance and event.object_id == str(pub.pk) and event.old is None
    assert event.new["report"] == "แผนการใช้จ่ายงบประมาณประจำปี ปีงบประมาณ พ.ศ. 2560"
    assert event.new["allocated"] == "1600000.00" and event.new["state"] == "เผยแพร่แล้ว"
    with pytest.raises(Denied):
        services.budget_withdraw(actor=province, publication=pub, reason="ผิด")
    with pytest.raises(ApplicationError) as no_reason:
        services.budget_withdraw(actor=finance, publication=pub, reason="  ")
    assert no_reason.value.field == "reason"

    services.budget_withdraw(actor=finance, publication=pub, reason="ตัวเลขจัดสรรยังไม่ครบ")
    pub.refresh_from_db()
    assert not pub.is_published and pub.withdrawn_by == finance and pub.withdraw_reason == "ตัวเลขจัดสรรยังไม่ครบ"
    event = AuditEvent.objects.get(action="budget.withdraw")
    assert event.actor == finance and event.old["state"] == "เผยแพร่แล้ว"
    assert event.new == {"state": "ยกเลิกการเผยแพร่", "withdraw_reason": "ตัวเลขจัดสรรยังไม่ครบ"}
    with pytest.raises(ApplicationError, match="ยกเลิกการเผยแพร่ไปแล้ว"):
        services.budget_withdraw(actor=finance, publication=pub, reason="อีกครั้ง")


def test_the_published_figures_do_not_follow_later_disbursements(agency, finance, lines_2560):
    _import(finance, agency, [("cpd-finance", "P1", "ต.ค.", 300000), ("cpd-prov-13", "P1", "มี.ค.", 100000),
                              ("cpd-finance", "P1", "เม.ย.", 999999)])
    pub = services.budget_publish(actor=finance, agency=agency, fiscal_year=2560, kind=HALF)
    frozen = dict(pub.figures)
    # The half-year report stops at March: April's money is not in it even though it was already imported.
    assert frozen["disbursed"] == "400000.00" and frozen["percent"] == "25.00"
    assert frozen["as_of"] == "2017-03-31"
    quarters = [(q["quarter"], q["target_percent"], q["target_amount"], q["disbursed"])
                for q in frozen["quarters"]]
    assert quarters == [(1, "30.00", "480000.00", "300000.00"), (2, "52.00", "832000.00", "400000.00")]
    assert frozen["lines"][0] == {"code": "P1", "name": "แผนงานพื้นฐาน", "allocated": "1600000.00",
                                  "disbursed": "400000.00"}

    # March re-imported with more money, a target changed: what was published stays as it was.
    _import(finance, agency, [("cpd-prov-13", "P1", "มี.ค.", 500000)])
    services.target_save(actor=finance, agency=agency, fiscal_year=2560, quarter=2,
                         cumulative_percent=Decimal("60"))
    pub.refresh_from_db()
    assert pub.figures == frozen
    assert pub.as_of.isoformat() == "2017-03-31"

    # Publishing again freezes a new copy and withdraws the earlier one, audited old → new.
    again = services.budget_publish(actor=finance, agency=agency, fiscal_year=2560, kind=HALF)
    pub.refresh_from_db()
    assert again.figures["disbursed"] == "800000.00"
    assert again.figures["quarters"][1]["target_percent"] == "60.00"
    assert not pub.is_published and pub.withdraw_reason and pub.figures == frozen
    event = AuditEvent.objects.filter(action="budget.publish").latest("id")
    assert event.old["disbursed"] == "400000.00" and event.new["disbursed"] == "800000.00"
    assert list(BudgetPublication.objects.filter(withdrawn_at__isnull=True)) == [again]


def test_a_report_waits_for_its_period_and_a_plan_needs_an_allocation(agency, finance, lines_2560):
    with pytest.raises(ApplicationError, match="ข้อมูลครบรอบเมื่อสิ้นเดือนมีนาคม 2690"):
        services.budget_publish(actor=finance, agency=agency, fiscal_year=2690, kind=HALF)
    with pytest.raises(ApplicationError, match="ยังไม่มีงบประมาณที่ได้รับจัดสรร"):
        services.budget_publish(actor=finance, agency=agency, fiscal_year=2561, kind="plan")
    with pytest.raises(ApplicationError):
        services.budget_publish(actor=finance, agency=agency, fiscal_year=2560, kind="monthly")
    plan = services.budget_publish(actor=finance, agency=agency, fiscal_year=2560, kind="plan")
    # A plan is published before money is spent: four quarters of targets, no disbursement.
    assert plan.figures["as_of"] is None and plan.figures["disbursed"] is None
    assert [q["target_amount"] for q in plan.figures["quarters"]] == [
        "480000.00", "832000.00", "1232000.00", "1600000.00"]
    assert not BudgetPublication.objects.exclude(pk=plan.pk).exists()


def test_the_publications_page_previews_and_publishes_for_finance_only(client, agency, finance, lines_2560,
                                                                       make_user, login):
    url = reverse("budget:publications") + "?fy=2560"
    make_user("auditor", "cpd-ia", (Role.AUDITOR, "cpd"))
    login("auditor")
    page = client.get(url).content.decode()
    assert "ยังไม่เผยแพร่" in page and "ตัวอย่างตัวเลข" not in page and "publish/" not in page
    assert client.post(reverse("budget:publication_publish"), {"fy": 2560, "kind": "plan"}).status_code == 403

    login("finance")
    page = client.get(url).content.decode()
    assert "ตัวอย่างตัวเลขหากเผยแพร่ขณะนี้" in page and "1,600,000.00" in page and "480,000.00" in page
    response = client.post(reverse("budget:publication_publish"), {"fy": 2560, "kind": "plan"})
    assert response.status_code == 302 and response["Location"] == url
    pub = BudgetPublication.objects.get()
    home = client.get(reverse("budget:home") + "?fy=2560").content.decode()
    assert "แผนการใช้จ่ายงบประมาณประจำปี: เผยแพร่แล้วเมื่อ" in home

    # A withdrawal without a reason is refused with the reason asked for, nothing changes.
    withdraw = reverse("budget:publication_withdraw", args=[pub.pk])
    response = client.post(withdraw, {"reason": ""}, follow=True)
    assert "กรุณาระบุเหตุผลที่ยกเลิกการเผยแพร่" in response.content.decode()
    pub.refresh_from_db()
    assert pub.is_published
    client.post(withdraw, {"reason": "เผยแพร่ผิดปี"})
    pub.refresh_from_db()
    assert not pub.is_published and "เผยแพร่ผิดปี" in client.get(url).content.decode()


def test_the_ita_of_a_year_takes_its_plan_and_half_year_report_and_the_annual_report_of_the_year_before(
        agency, finance, lines_2560, second_agency, make_user):
    from budget.selectors import ita_evidence, publications_public

    plan = services.budget_publish(actor=finance, agency=agency, fiscal_year=2560, kind="plan")
    annual = services.budget_publish(actor=finance, agency=agency, fiscal_year=2560, kind="annual")
    other = make_user("fin.cad", second_agency.code, (Role.FINANCE_OFFICER, second_agency.code))
    line = services.line_save(actor=other, agency=second_agency, fiscal_year=2561, code="C1", name="แผนงาน")
    services.allocation_save(actor=other, line=line, unit=second_agency, amount=Decimal("100"))
    services.budget_publish(actor=other, agency=second_agency, fiscal_year=2561, kind="plan")

    assert list(publications_public(agency, kind="plan")) == [plan]
    assert list(ita_evidence(agency, "plan", 2560)) == [plan]
    assert not ita_evidence(agency, "plan", 2561).exists()  # B's 2561 plan is not A's
    assert not ita_evidence(agency, HALF, 2560).exists()  # the plan is not the half-year report
    # The ITA of 2561 runs before 2561 closes: the annual report it asks for is 2560's.
    assert list(ita_evidence(agency, "annual", 2561)) == [annual]
    assert list(ita_evidence(agency, "annual", 2560)) == [annual]  # or the year's own, once it is out
    assert not ita_evidence(agency, "annual", 2562).exists()
    services.budget_withdraw(actor=finance, publication=annual, reason="แก้ไขตัวเลข")
    assert not ita_evidence(agency, "annual", 2561).exists()
