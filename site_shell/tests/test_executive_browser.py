"""An executive signs in, sees the six policy areas with their figures and opens a failing indicator's
units (the report list of that activity), at a phone's width."""

import datetime
import re

import pytest
from django.utils import timezone

from reports import services
from reports.tests.conftest import fill, open_round, people, report_of, small_plan  # noqa: F401
from reports.tests.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_executive_sees_the_areas_and_opens_a_failing_indicators_units(live_server, page, open_round,  # noqa: F811
                                                                        people):  # noqa: F811
    from reports.models import Report

    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    services.report_submit(actor=people["reporter"], report=report)
    Report.objects.filter(pk=report.pk).update(first_submitted_at=timezone.now() - datetime.timedelta(days=1))
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server.url, "exec")
    page.goto(live_server.url + "/")
    areas = page.locator("[data-areas] tbody tr")
    assert areas.count() == open_round.plan.policies.count()
    assert page.locator("[data-areas] svg").is_visible()
    assert "ข้อมูล ณ" in page.locator("[data-areas] [data-as-of]").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    links = page.locator("[data-failing-link]")
    if links.count():
        links.first.click()
        assert re.search(r"activity=\d+", page.url)
        assert page.locator("#list-h").count() == 1
    else:  # no failing indicator in this round: the late units' figure opens its list instead
        page.click("[data-figure=late_units]")
        assert "late=1" in page.url
