"""The demo round as `make run` builds it: most of its computed indicators rest on records of the round's own
year dated before the round's date, and each record's link opens for the plan administrator."""

import pytest

from accounts.models import User
from reports.compile import evaluation_context
from reports.indicator_values import COMPUTED, OVERRIDDEN, round_indicator_values
from reports.models import Round
from site_shell.demo import load_demo_accounts, load_demo_data, load_department

pytestmark = pytest.mark.django_db


def test_demo_round_indicators_show_records_that_open_for_the_plan_administrator(tmp_path, settings, client):
    settings.DATA_DIR = tmp_path
    agency, plan = load_department()
    load_demo_accounts(agency)
    load_demo_data(agency, plan)
    round_ = Round.objects.get(plan=plan, fiscal_year=2560, status="open")
    assert evaluation_context(round_).as_of.year == 2017  # the round's figures stand in 2560, not today

    values = round_indicator_values(round_)
    backed = [v for v in values if v.source in (COMPUTED, OVERRIDDEN) and v.provenance]
    without = sorted(f"{v.indicator.activity.key}/{v.indicator.number}" for v in values
                     if v.source in (COMPUTED, OVERRIDDEN) and not v.provenance)
    assert len(backed) >= 30, f"{len(backed)} indicators with records; without: {without}"
    names = {v.indicator.source["name"] for v in backed}
    # the records the procurement, complaints and hr loaders add for 2560 (plan 1.2, 1.4.1, 1.4.3, 5.2, 5.4)
    for name in ("procurement_year_review", "procurement_plan_published", "procurement_database_elements",
                 "procurement_channels_published", "procurement_channel_count", "procurement_level",
                 "complaint_system_review", "complaint_monthly_reports", "complaint_quarterly_reports",
                 "hr_criteria_level", "hr_job_lines_with_kpis", "hr_evaluation_rounds"):
        assert name in names, name

    client.force_login(User.objects.get(username="planadmin"))
    urls = sorted({url for v in backed for _, url in v.provenance})
    failed = [(url, status) for url in urls if (status := client.get(url).status_code) != 200]
    assert not failed, failed
