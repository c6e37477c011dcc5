"""The budget indicators as a round shows them: computed from the records on the real plan."""

import datetime
from decimal import Decimal

import pytest

from accounts.models import Role
from budget import services
from budget.tests.conftest import sheet
from reports.indicator_values import COMPUTED, round_indicator_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual_2560(make_user):
    from reports.services import round_create, round_open
    from site_shell.demo import load_department

    agency, plan = load_department()
    admin = make_user("planadmin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd"))
    round_ = round_create(actor=admin, plan=plan, fiscal_year=2560, name="รอบสิ้นปี", kind="annual",
                          opens_on=datetime.date(2017, 10, 1), due_on=datetime.date(2017, 10, 31))
    return agency, round_open(actor=admin, round_=round_)


def _values(round_):
    return {v.indicator.key: v for v in round_indicator_values(round_)}


def test_monthly_followup_target_share_and_review_are_computed(annual_2560, finance, lines_2560):
    agency, round_ = annual_2560
    before = _values(round_)
    assert before["5.3-a/1"].source == COMPUTED and before["5.3-a/1"].value == 0
    assert "ยังไม่มีบันทึกของเดือน ต.ค. 2559" in before["5.3-a/1"].verdict.explanation
    assert before["5.3-a/2"].value is None and before["3.3.2-a/1"].value == 0

    for month in range(1, 11):  # ten of the twelve months followed up
        held = services.months.month_end(2560, month) - datetime.timedelta(days=2)
        services.meeting_record(actor=finance, agency=agency, fiscal_year=2560, month=month, held_on=held,
                                title=f"ประชุมติดตามครั้งที่ {month}")
    first_eleven = ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.")
    rows = [("cpd-finance", "P1", m, 100000) for m in first_eleven]
    rows += [("cpd-prov-13", "P1", "ก.ย.", 300000)]
    services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560, uploaded=sheet(rows))
    services.target_save(actor=finance, agency=agency, fiscal_year=2560, quarter=4,
                         cumulative_percent=Decimal("100"), source_note="มติคณะรัฐมนตรี")
    services.review_record(actor=finance, agency=agency, reviewed_on=datetime.date(2017, 8, 20),
                           summary="ปรับแบบรายงานให้ส่งภายในวันที่ ๕ ของเดือน")

    after = _values(round_)
    followup = after["5.3-a/1"]
    assert followup.value == 10 and followup.verdict.status == "not_met"
    assert "ยังไม่มีบันทึกของเดือน ส.ค. 2560, ก.ย. 2560" in followup.verdict.explanation
    on_target = after["5.3-a/2"]
    # 1,400,000 of 1,600,000 allocated = 87.5 % against the 100 % target of the fourth quarter
    assert on_target.value == Decimal("87.50") and "ร้อยละ 87.50" in on_target.verdict.explanation
    assert on_target.verdict.status != "not_met"  # the plan sets no number: the figure is reported as is
    review = after["3.3.2-a/1"]
    assert review.value == 1 and review.verdict.status == "met"
    assert review.provenance[0][1] == "/budget/reviews/?fy=2560"
