"""The registers' computed indicators, through the plan's real indicators and the round's values."""

import datetime
from decimal import Decimal

import pytest

from accounts.models import Role
from registers import demo, selectors
from registers.services import icontrol, manuals, publicity, workplace
from registers.tests.conftest import pdf, unit
from reports.indicator_values import COMPUTED, round_indicator_values

pytestmark = pytest.mark.django_db
D = datetime.date
KEYS = ["1.1.1-a/1", "5.1-a/1", "5.1-a/2", "5.1-a/3", "5.5-a/1", "5.5-a/2", "6.1.1-a/1"]


@pytest.fixture
def department():
    from site_shell.demo import load_department

    return load_department()


def _round(plan, fy=2560):
    from reports.services import round_create, round_open

    round_ = round_create(actor=None, plan=plan, fiscal_year=fy, name="รอบทดสอบ", kind="annual",
                          opens_on=D(2017, 9, 1), due_on=D(2017, 10, 15))
    return round_open(actor=None, round_=round_)


def _values(round_):
    return {v.indicator.key: v for v in round_indicator_values(round_)}


def test_the_demo_registers_compute_every_indicator(department):
    agency, plan = department
    demo.load(agency=agency, plan=plan)
    assert demo.load(agency=agency, plan=plan) == ""  # idempotent
    values = _values(_round(plan))
    for key in KEYS:
        assert values[key].source == COMPUTED, key
    # 1.1.1-a: most units reviewed nothing, so the smallest count is 0; the sentence gives the share
    assert values["1.1.1-a/1"].value == 0 and "จาก" in values["1.1.1-a/1"].verdict.explanation
    # 5.1-a item 1: round 1 complete (some late), round 2 has units missing
    statuses = selectors.ic_year_status(agency, 2560)
    assert statuses[0].complete and statuses[0].late and statuses[1].missing
    assert values["5.1-a/1"].value == 1 and values["5.1-a/1"].verdict.status == "not_met"
    assert "ยังไม่ส่ง" in values["5.1-a/1"].verdict.explanation
    assert values["5.1-a/3"].done is True
    central = selectors.central_units(agency)
    passed = [a for a in selectors.year_assessments(agency, 2560) if a.passed]
    expected = (Decimal(len(passed) * 100) / len(central)).quantize(Decimal("0.01"))
    assert values["5.5-a/1"].value == expected
    assert values["5.5-a/2"].value == len(selectors.year_awards(agency, 2560))
    assert values["6.1.1-a/1"].value == 6 and values["6.1.1-a/1"].verdict.status == "met"


def test_every_central_unit_reviewing_one_manual_meets_5_1_item_2(department, officer):
    agency, plan = department
    round_ = _round(plan)
    assert _values(round_)["5.1-a/2"].value == 0
    for u in selectors.central_units(agency):
        process = manuals.process_save(actor=officer, unit=u, name=f"กระบวนงานหลักของ{u.short_name}")
        manuals.review_save(actor=officer, process=process, reviewed_on=D(2017, 3, 1), reviewer="ผอ.")
    value = _values(round_)["5.1-a/2"]
    assert value.value == 1 and value.verdict.status == "met"
    assert "ร้อยละ 100.00" in value.verdict.explanation
    # a review in another fiscal year does not count for 2560
    assert _values(_round(plan, 2561))["5.1-a/2"].value == 0


def test_internal_control_counts_rounds_where_every_unit_sent(department, officer):
    agency, plan = department
    round_ = _round(plan)
    assert _values(round_)["5.1-a/1"].value is None
    units = selectors.ic_expected_units(agency)
    for number in (1, 2):
        r = icontrol.round_save(actor=officer, agency=agency, fiscal_year=2560, number=number,
                                as_of=D(2017, 3, 31) if number == 1 else D(2017, 9, 30),
                                due_on=D(2017, 4, 30) if number == 1 else D(2017, 10, 31))
        for u in units[: len(units) - (1 if number == 2 else 0)]:
            icontrol.submission_save(actor=officer, round_=r, unit=u, submitted_on=r.due_on)
    value = _values(round_)["5.1-a/1"]
    assert value.value == 1 and units[-1].short_name in value.verdict.explanation
    icontrol.submission_save(actor=officer, round_=r, unit=units[-1], submitted_on=D(2017, 11, 5))
    value = _values(round_)["5.1-a/1"]
    assert value.value == 2 and value.verdict.status == "met" and "ส่งหลังกำหนด 1" in value.verdict.explanation


def test_healthy_workplace_share_counts_units_without_assessment_as_not_passing(department, hr_officer):
    agency, plan = department
    central = selectors.central_units(agency)
    for i, u in enumerate(central[:4]):
        a = workplace.assessment_save(actor=hr_officer, unit=u, assessed_on=D(2017, 6, 1),
                                      assessor="คณะกรรมการ",
                                      clean=True, safe=i != 3, environment=True, lively=True)
        if a.passed:
            workplace.award_save(actor=hr_officer, assessment=a, name="รางวัลสถานที่ทำงานน่าอยู่",
                                 awarded_on=D(2017, 8, 1))
    values = _values(_round(plan))
    assert values["5.5-a/1"].value == (Decimal(300) / len(central)).quantize(Decimal("0.01"))
    assert values["5.5-a/1"].verdict.status == "not_met"
    assert values["5.5-a/2"].value == 3 and values["5.5-a/2"].verdict.status == "met"


def test_publicity_counts_distinct_channels(department, planadmin):
    agency, plan = department
    psdg = unit("cpd-psdg")
    for channel, other in [("website", ""), ("website", ""), ("other", "วิทยุ"), ("other", " วิทยุ ")]:
        publicity.entry_save(actor=planadmin, unit=psdg, channel=channel, channel_other=other,
                             published_on=D(2017, 1, 5), title="ประกาศเจตจำนงสุจริต", files=[pdf("ภาพ.pdf")])
    value = _values(_round(plan))["6.1.1-a/1"]
    assert value.value == 2 and value.verdict.status == "not_met"
    assert len(value.provenance) == 2


def test_roles_in_the_fixture_are_what_the_policy_expects(officer):
    assert officer.role_assignments.get().role == Role.REGISTER_OFFICER


def test_an_indicator_narrowed_to_the_central_units_is_computed_over_them(department, officer):
    from plans.models import Indicator
    from reports.computed import compute

    agency, plan = department
    ind = Indicator.objects.get(activity__measure__policy__plan=plan, activity__key="5.1-a",
                                source__name="manual_reviews_per_unit")
    ind.source = {**ind.source, "params": {}}
    assert ind.unit_group == Indicator.UnitGroup.CENTRAL
    central = selectors.central_units(agency)
    for u in central[:-1]:
        process = manuals.process_save(actor=officer, unit=u, name="กระบวนงานหลัก")
        manuals.review_save(actor=officer, process=process, reviewed_on=D(2017, 3, 1), reviewer="ผอ.")
    result = compute(ind, plan=plan, fiscal_year=2560)
    assert result.value == 0 and f"{len(central) - 1} จาก {len(central)} หน่วยงาน" in result.explanation
    assert central[-1].short_name in result.explanation
