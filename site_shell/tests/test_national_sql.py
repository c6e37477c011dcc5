"""The bench's hand-written baseline (`site_shell.national_sql`) gives every figure of the dashboard, the
verdicts included, on a round whose indicators are judged from sent reports (counts, a yes/no with its date,
a percentage) and computed by the system — the national data set's indicators are all computed, so this is
where the baseline's reading of the sent results is checked."""

from __future__ import annotations

import pytest
from django.db import connection

from reports.indicator_cache import refresh_round
from reports.tests import test_computed_form
from reports.tests.conftest import open_round, people, reported_round, small_plan  # noqa: F401

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]

computed = test_computed_form.computed  # noqa: F811 (the fixture: a done-indicator computed by the system)


def test_the_baseline_gives_every_figure_of_the_dashboard(reported_round, computed):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("the baseline is PostgreSQL's SQL")
    from reports.dashboard import dashboard
    from site_shell.national_sql import dashboard_counts_sql, dashboard_figures, dashboard_figures_sql

    refresh_round(reported_round)  # the computed indicator's value kept, as the worker does
    data = dashboard(reported_round)
    figures = dashboard_figures_sql(reported_round)
    assert dashboard_figures(data) == figures
    assert dashboard_figures(data, counts_only=True) == dashboard_counts_sql(reported_round)
    # every indicator line judged, from reports and from the system, with more than one verdict
    assert len(figures["verdicts"]) == data["indicators"]["total"] == 4
    assert computed.pk in figures["verdicts"] and len(set(figures["verdicts"].values())) > 1
    assert set(figures["units"].values()) >= {"สำนักงานสหกรณ์จังหวัดเชียงใหม่"}
