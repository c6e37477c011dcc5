"""The demo data feeds every computed indicator of the area with a value, and loads once."""

import datetime
from decimal import Decimal

import pytest

from integrity import demo
from integrity.models import CampaignEvent
from integrity.tests.conftest import values_by_key

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_dashboard_computed_values(department, people):
    from reports.services import round_create, round_open
    from site_shell.demo import load_demo_accounts

    agency, plan = department
    load_demo_accounts(agency)
    assert demo.load(agency=agency, plan=plan)
    assert demo.load(agency=agency, plan=plan) == ""  # idempotent
    assert CampaignEvent.objects.count() == 3
    round_ = round_open(
        actor=people["admin"],
        round_=round_create(
            actor=people["admin"],
            plan=plan,
            fiscal_year=2560,
            name="รอบสิ้นปี",
            kind="annual",
            opens_on=datetime.date(2017, 9, 1),
            due_on=datetime.date(2017, 10, 15),
        ),
    )
    values = values_by_key(round_)
    assert values["3.1-a/1"].value == 2 and values["3.1-a/1"].verdict.status == "met"
    assert values["4.3-a/1"].value == 2
    assert values["4.1-a/2"].value == 3 and "ไตรมาสที่ 3" in values["4.1-a/2"].verdict.explanation
    assert values["3.1-a/2"].value == 1 and values["3.1-a/2"].verdict.status == "met"
    assert values["3.3.1-a/1"].value == Decimal("66.67") and values["3.3.1-a/1"].verdict.status == "not_met"
    assert values["3.3.3-a/1"].value == 2 and values["3.3.3-a/1"].verdict.status in ("met", "no_target")
    assert all(
        v.source == "computed"
        for k, v in values.items()
        if k in ("3.1-a/1", "3.1-a/2", "4.1-a/1", "4.1-a/2", "4.3-a/1", "3.3.1-a/1", "3.3.3-a/1")
    )
