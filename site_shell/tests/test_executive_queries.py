"""The executive's home reads a bounded number of queries whatever the size of the department, shows the
computed indicators as the task worker kept them (never computed on the page) and a change at once."""

import re

import pytest
from django.core.cache import cache

from accounts.models import Role
from reports import indicator_values, services
from reports.models import IndicatorSnapshot
from reports.tasks import refresh_round_indicators
from reports.tests import test_computed_form
from reports.tests.conftest import fill, open_round, people, report_of, small_plan, unit  # noqa: F401
from site_shell import executive

pytestmark = pytest.mark.django_db

computed = test_computed_form.computed  # noqa: F811 (the fixture: a done-indicator computed by the system)

# A view whose rendered home is kept: the session, the person, their roles, the current round and its state
# (reports, latest audit entry, kept values), the person's unit in the menu. Rendering it too adds every
# figure's own reads (indicators, reports, complaints, procurement, budget, ITA, the reports panel, roles).
WARM_QUERIES = 10
COLD_QUERIES = 45


@pytest.fixture(autouse=True)
def _clear_cache():
    # The home is kept per person and state, whose ids a rolled-back test may reuse.
    cache.clear()
    yield
    cache.clear()


def _shown(page: str, key: str) -> int:
    return int(re.search(rf'data-figure="{key}"[^>]*><span class="stat">(\d+)</span>', page).group(1))


def _grow(round_, n=40):
    activity = round_.plan.policies.get(number=1).measures.get().activities.get()
    activity.implementing_units.add(*[unit(f"cpd-prov-{i:02d}") for i in range(20, 20 + n)])
    services.round_sync_slots(round_)


def test_the_home_reads_a_bounded_number_of_queries_whatever_the_department(
        open_round, people, computed, client, django_assert_max_num_queries):  # noqa: F811
    refresh_round_indicators.call(open_round.pk)
    client.force_login(people["executive"])
    with django_assert_max_num_queries(COLD_QUERIES):
        assert "data-areas" in client.get("/").content.decode()
    with django_assert_max_num_queries(WARM_QUERIES):
        assert "data-areas" in client.get("/").content.decode()
    _grow(open_round)
    refresh_round_indicators.call(open_round.pk)
    with django_assert_max_num_queries(COLD_QUERIES):
        assert "data-areas" in client.get("/").content.decode()


def test_the_home_shows_kept_values_and_a_write_at_once(
        open_round, people, computed, client, make_user, monkeypatch,  # noqa: F811
        django_capture_on_commit_callbacks):
    hr_reporter = make_user("rep.hr2", "cpd-hr", (Role.REPORTER, "cpd-hr"))
    refresh_round_indicators.call(open_round.pk)

    def refuse(*args, **kwargs):
        raise AssertionError("a computed indicator was computed on a page view")

    client.force_login(people["executive"])
    with monkeypatch.context() as patched:
        patched.setattr(indicator_values, "compute", refuse)
        first = client.get("/").content.decode()
        assert "data-stale" not in first
        late = executive.executive_view(people["executive"]).figure("missing_units")
        assert _shown(first, "missing_units") == late.value
        # The HR division's only report started: one unit fewer has not started, shown at once though the
        # home is kept; the kept indicator values were written over, which the home says, queuing a refresh.
        fill(report_of(open_round, "cpd-hr"), hr_reporter)
        with django_capture_on_commit_callbacks() as queued:
            second = client.get("/").content.decode()
        started = executive.executive_view(people["executive"]).figure("missing_units")
    assert _shown(second, "missing_units") == started.value == late.value - 1
    assert "data-stale" in second and len(queued) == 1
    queued[0]()
    assert IndicatorSnapshot.objects.filter(round=open_round).exists()
    assert "data-stale" not in client.get("/").content.decode()
