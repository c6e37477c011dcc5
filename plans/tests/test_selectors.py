import datetime

import pytest

from org.models import Unit
from plans.models import Activity, Indicator
from plans.selectors import due_date_in_year, implementing_units, plans_visible, unit_work

pytestmark = pytest.mark.django_db


def test_due_month_falls_in_the_right_calendar_year():
    assert due_date_in_year(Indicator(due_month=3), 2560) == datetime.date(2017, 3, 31)
    assert due_date_in_year(Indicator(due_month=10), 2560) == datetime.date(2016, 10, 31)
    assert due_date_in_year(Indicator(due_month=2), 2567) == datetime.date(2024, 2, 29)
    assert due_date_in_year(Indicator(), 2560) is None


def test_a_provincial_office_sees_the_activities_every_unit_does(plan):
    cm = Unit.objects.get(code="cpd-prov-13")
    work = unit_work(unit=cm, plan=plan, fiscal_year=2560)
    every = Activity.objects.filter(measure__policy__plan=plan, implementing_rule="all").count()
    assert len(work) >= every > 0
    assert not any(w["is_host"] for w in work)
    central_only = [w for w in work if w["activity"].implementing_rule == "all_central"]
    assert central_only == []


def test_a_host_unit_sees_what_it_hosts(plan):
    hr = Unit.objects.get(code="cpd-hr")
    hosted = [w for w in unit_work(unit=hr, plan=plan, fiscal_year=2561) if w["is_host"]]
    assert hosted and all(hr in w["hosts"] for w in hosted)


def test_implementing_units_resolve_the_rule(plan):
    activity = Activity.objects.filter(measure__policy__plan=plan,
                                       implementing_rule="regional_offices").first()
    if activity is not None:
        assert implementing_units(activity).count() == 78


def test_drafts_are_hidden_from_the_public(plan):
    from django.contrib.auth.models import AnonymousUser

    assert plan not in plans_visible(AnonymousUser())


def test_a_year_after_the_plan_shows_the_plans_last_year(plan):
    from plans.selectors import plan_year_for

    cm = Unit.objects.get(code="cpd-prov-13")
    assert plan_year_for(cm, 2562) == (plan, 2562)
    assert plan_year_for(cm, 2570) == (plan, 2564)
    assert plan_year_for(cm, 2555) == (plan, 2560)
