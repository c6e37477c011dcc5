import datetime
from decimal import Decimal

import pytest

from procurement.leadtime import applicable_rule, check_project, days_between, is_working_day
from procurement.models import LeadTimeRule
from procurement.services.planning import leadtime_rule_save

pytestmark = pytest.mark.django_db
D = Decimal


def test_working_days_skip_weekends_and_government_holidays_but_not_labour_day():
    assert not is_working_day(datetime.date(2025, 4, 14))  # สงกรานต์
    assert not is_working_day(datetime.date(2025, 4, 12))  # Saturday
    assert is_working_day(datetime.date(2025, 5, 1))  # วันแรงงาน: government offices are open
    # 10 Apr 2025 (Thu) → 21 Apr (Mon): in between only the 11th is a working day (12-16 are weekend/สงกรานต์,
    # 17-18 Thu-Fri count, 19-20 weekend)
    assert days_between(datetime.date(2025, 4, 10), datetime.date(2025, 4, 21), working=True) == 3
    assert days_between(datetime.date(2025, 4, 10), datetime.date(2025, 4, 21), working=False) == 10


def test_the_default_rules_are_data_chosen_by_value_and_date():
    small = applicable_rule(method="e_bidding", amount=D("2000000"), on=datetime.date(2024, 1, 1))
    large = applicable_rule(method="e_bidding", amount=D("60000000"), on=datetime.date(2024, 1, 1))
    assert (small.min_days, large.min_days) == (5, 20)
    assert applicable_rule(method="e_bidding", amount=D("2000000"), on=datetime.date(2016, 1, 1)) is None
    old = applicable_rule(method="bidding", amount=D("2000000"), on=datetime.date(2016, 1, 1))
    assert old.day_kind == LeadTimeRule.DayKind.CALENDAR
    to_verify = LeadTimeRule.objects.filter(status=LeadTimeRule.Status.TO_VERIFY).count()
    assert to_verify == LeadTimeRule.objects.count()


def test_short_announcement_is_flagged(recorded):
    ok_project, _ = recorded("reference")
    short, _ = recorded("announced", announced=datetime.date(2024, 11, 4),
                        deadline=datetime.date(2024, 11, 8), bids=())
    assert check_project(short).ok is False and check_project(short).days == 3
    assert "สั้นกว่าที่กฎหมายกำหนด" in check_project(short).message
    assert check_project(ok_project).ok is None  # not announced yet: nothing to judge
    fine, _ = recorded("announced", bids=())
    assert check_project(fine).ok is True


def test_only_a_department_wide_officer_changes_the_rules(recorded, officer, make_user):
    from django.core.exceptions import PermissionDenied

    current = applicable_rule(method="e_bidding", amount=D("2000000"), on=datetime.date(2024, 11, 4))
    with pytest.raises(PermissionDenied):  # held over กองคลัง only: the table is the whole department's
        leadtime_rule_save(actor=officer, rule=current, effective_to=datetime.date(2024, 10, 31))
    current.refresh_from_db()
    assert current.effective_to is None


def test_a_changed_rule_applies_from_its_date_only(recorded, make_user):
    from accounts.models import Role

    officer = make_user("buyer.hq", "cpd-finance", (Role.PROCUREMENT_OFFICER, None))
    project, _ = recorded("announced", announced=datetime.date(2024, 11, 4),
                          deadline=datetime.date(2024, 11, 8), bids=())
    current = applicable_rule(method="e_bidding", amount=D("2000000"), on=datetime.date(2024, 11, 4))
    leadtime_rule_save(actor=officer, rule=current, effective_to=datetime.date(2024, 10, 31))
    leadtime_rule_save(actor=officer, method="e_bidding", min_amount=D("500000"), max_amount=D("5000000"),
                       min_days=3, day_kind="working", legal_basis="ประกาศที่แก้ไข (ทดสอบ)", status="confirmed",
                       effective_from=datetime.date(2024, 11, 1))
    check = check_project(project)
    assert check.ok is True and check.required == 3 and check.rule.legal_basis == "ประกาศที่แก้ไข (ทดสอบ)"
    older = applicable_rule(method="e_bidding", amount=D("2000000"), on=datetime.date(2024, 10, 1))
    assert older.min_days == 5
