"""The plan's 100 % indicators computed from the acknowledgements, through the round's indicator values on
the real plan."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Role
from campaigns import demo
from campaigns.models import Campaign
from campaigns.selectors import target_units
from plans.services import plan_approve
from reports.indicator_values import COMPUTED, round_indicator_values

pytestmark = pytest.mark.django_db


def text(value) -> str:
    """The computation's sentence, wherever the values carry it (its own field or the verdict's)."""
    return f"{getattr(value, 'explanation', '')} {value.verdict.explanation}"


def test_the_shares_count_the_roster_of_the_year(plan, agency, make_user):
    from reports.services import round_create, round_open

    admin = make_user("planadmin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd"))
    plan_approve(actor=None, plan=plan, approved_on=datetime.date(2017, 1, 30), approval_memo="ที่ กษ ๑๑๑๓/๖๑")
    round_ = round_open(actor=admin, round_=round_create(
        actor=admin, plan=plan, fiscal_year=2560, name="รอบที่ ๑", kind="progress",
        opens_on=datetime.date(2017, 3, 1), due_on=datetime.date(2017, 4, 4)))
    before = {v.indicator.key: v for v in round_indicator_values(round_)}
    assert before["2.1-a/1"].source == COMPUTED and before["2.1-a/1"].value is None
    assert "ยังไม่มีการรณรงค์" in text(before["2.1-a/1"])

    assert demo.load(agency=agency, plan=plan)
    values = {v.indicator.key: v for v in round_indicator_values(round_)}
    staff, execs = values["2.1-a/1"], values["2.2-a/1"]
    assert staff.value == Decimal("90.00")  # 27 of the 30 on the roster of 30 Sep 2017
    assert "๒๗ จาก ๓๐ คน" in text(staff) and "ยังไม่ดำเนินการ ๓ คน" in text(staff)
    assert staff.done is not True
    assert execs.value == (Decimal(10 * 100) / 11).quantize(Decimal("0.01"))
    assert values["6.1.2-a/1"].value == (Decimal(26 * 100) / 30).quantize(Decimal("0.01"))
    units = target_units(agency).count()
    assert values["2.1-a/2"].value == (Decimal((units - 3) * 100) / units).quantize(Decimal("0.01"))
    pledge = Campaign.objects.get(kind=Campaign.Kind.STAFF_PLEDGE)
    assert staff.provenance == [(f"{pledge.title} (รายชื่อผู้ที่ยังไม่ดำเนินการ)",
                                 reverse("campaigns:detail", args=[pledge.pk]))]


def test_the_record_opens_for_the_plan_administrator_with_the_not_yet_names(plan, agency, make_user, client):
    demo.load(agency=agency, plan=plan)
    client.force_login(make_user("planadmin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd")))
    pledge = Campaign.objects.get(kind=Campaign.Kind.STAFF_PLEDGE)
    page = client.get(reverse("campaigns:detail", args=[pledge.pk]))
    assert page.status_code == 200
    pending = page.content.decode().split('id="pending"')[1].split("</ul>")[0]
    assert pending.count("<li>") == 3 and "นางรัตนา จันทร์หอม" in pending
