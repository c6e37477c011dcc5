"""A project page states one legal announcement period: the lead-time rule's, for the check and the flag."""

import datetime

import pytest
from django.urls import reverse

from procurement.flags import project_flags
from procurement.leadtime import check_project

pytestmark = pytest.mark.django_db


def test_a_period_within_the_rule_raises_no_flag_of_another_threshold(recorded, officer, client):
    # 1 → 12 Nov 2024: 6 working days in between (the rule asks 5 for e-bidding of 2 million baht), but only
    # 10 calendar days, under the indicator's generic 15.
    project, _ = recorded("announced", announced=datetime.date(2024, 11, 1),
                          deadline=datetime.date(2024, 11, 12))
    check = check_project(project)
    assert check.ok is True and check.required == 5
    assert "R003" not in {f.id for f in project_flags(project, private=True)}
    client.force_login(officer)
    page = client.get(reverse("procurement:detail", args=[project.pk])).content.decode()
    assert "เกณฑ์ขั้นต่ำ 5 วันทำการ" in page
    assert "15 วัน" not in page


def test_a_short_period_is_flagged_with_the_rules_own_threshold(recorded, officer, client):
    project, _ = recorded("announced", announced=datetime.date(2024, 11, 4),
                          deadline=datetime.date(2024, 11, 8), bids=())
    check = check_project(project)
    assert check.ok is False
    (flag,) = [f for f in project_flags(project, private=True) if f.id == "R003"]
    assert flag.explanation == check.message and flag.data["threshold"] == 5
    client.force_login(officer)
    page = client.get(reverse("procurement:detail", args=[project.pk])).content.decode()
    assert page.count(check.message) == 2  # the lead-time check and the flag say the same thing
    assert "เกณฑ์ 15 วัน" not in page
