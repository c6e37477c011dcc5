"""The dashboard page reads a bounded number of queries whatever the size of the department, never computes
the computed indicators on a view (it shows the values the task worker kept, with their time), says when
they are stale or missing and queues a refresh."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from audit.services import audit_record
from reports import indicator_values, services
from reports.dashboard import shown_overview
from reports.models import IndicatorSnapshot
from reports.tasks import refresh_round_indicators
from reports.tests import test_computed_form
from reports.tests.conftest import fill, report_of, unit

pytestmark = pytest.mark.django_db

computed = test_computed_form.computed  # the fixture: a done-indicator computed from the plan's approval

# A view whose rendered part is kept: the session, the person, their roles, the round, the policy's check and
# the key (the round's reports, the latest audit entry, the kept values). Building it too adds the
# dashboard's aggregate reads (tests/test_dashboard.py bounds those at 12) and the kept values.
WARM_QUERIES = 12
COLD_QUERIES = WARM_QUERIES + 22


@pytest.fixture(autouse=True)
def _clear_cache():
    # The page is kept per round state, whose ids a rolled-back test may reuse.
    cache.clear()
    yield
    cache.clear()


def _url(round_):
    return reverse("reports:dashboard", args=[round_.pk])


def _grow(round_, n=40):
    activity = round_.plan.policies.get(number=1).measures.get().activities.get()
    activity.implementing_units.add(*[unit(f"cpd-prov-{i:02d}") for i in range(20, 20 + n)])
    services.round_sync_slots(round_)


def _no_live_computation(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a computed indicator was computed on a page view")

    monkeypatch.setattr(indicator_values, "compute", refuse)


def test_the_page_reads_a_bounded_number_of_queries_whatever_the_department(
        open_round, people, computed, client, django_assert_max_num_queries):
    refresh_round_indicators.call(open_round.pk)
    client.force_login(people["executive"])
    with django_assert_max_num_queries(COLD_QUERIES):
        assert client.get(_url(open_round)).status_code == 200
    with django_assert_max_num_queries(WARM_QUERIES):
        assert client.get(_url(open_round)).status_code == 200
    _grow(open_round)
    refresh_round_indicators.call(open_round.pk)
    cache.clear()
    with django_assert_max_num_queries(COLD_QUERIES):
        page = client.get(_url(open_round)).content.decode()
    assert "data-matrix-pager" in page  # 43 units: one page of 15 at a time
    with django_assert_max_num_queries(WARM_QUERIES):
        assert client.get(_url(open_round) + "?units=2").status_code == 200


def test_a_change_to_the_round_shows_at_once(open_round, people, client):
    client.force_login(people["executive"])
    before = client.get(_url(open_round)).content.decode()
    report = report_of(open_round, "cpd-prov-13")
    services.report_submit(actor=people["reporter"], report=fill(report, people["reporter"]))
    after = client.get(_url(open_round)).content.decode()
    assert before != after
    assert f'href="/reports/{report.pk}/" title="ส่งแล้ว รอตรวจ' in after


def test_kept_values_are_shown_with_their_time_never_computed_on_the_page(
        open_round, people, computed, client, monkeypatch, django_capture_on_commit_callbacks):
    refresh_round_indicators.call(open_round.pk)
    _no_live_computation(monkeypatch)
    client.force_login(people["executive"])
    with django_capture_on_commit_callbacks() as queued:
        page = client.get(_url(open_round) + "?indicators=all").content.decode()
    assert "data-indicators-as-of" in page and "data-stale" not in page and "data-pending" not in page
    assert "แผนปฏิบัติการได้รับอนุมัติ" in page and "คำนวณไว้ล่วงหน้า" in page
    assert not queued  # fresh: nothing to refresh


def test_a_write_after_the_refresh_shows_the_kept_values_as_stale_and_queues_a_refresh(
        open_round, people, computed, client, monkeypatch, django_capture_on_commit_callbacks):
    refresh_round_indicators.call(open_round.pk)
    kept_at = IndicatorSnapshot.objects.get(indicator=computed).computed_at
    audit_record(actor=people["admin"], action="plan.update", obj=open_round.plan,
                 unit=open_round.plan.agency, old={"status": "approved"}, new={"status": "draft"})
    client.force_login(people["executive"])
    with monkeypatch.context() as patched:
        _no_live_computation(patched)
        with django_capture_on_commit_callbacks() as queued:
            page = client.get(_url(open_round) + "?indicators=all").content.decode()
    assert "data-stale" in page and "แผนปฏิบัติการได้รับอนุมัติ" in page
    assert len(queued) == 1
    # The queued refresh (run at once by the tests' task backend) keeps new values: the page is fresh again.
    queued[0]()
    assert IndicatorSnapshot.objects.get(indicator=computed).computed_at > kept_at
    assert "data-stale" not in client.get(_url(open_round)).content.decode()


def test_a_computed_indicator_never_kept_is_pending_not_computed(
        open_round, people, computed, client, monkeypatch, django_capture_on_commit_callbacks):
    IndicatorSnapshot.objects.all().delete()
    _no_live_computation(monkeypatch)
    client.force_login(people["executive"])
    with django_capture_on_commit_callbacks() as queued:
        page = client.get(_url(open_round)).content.decode()
        assert shown_overview(open_round)["pending"] == 1  # asked again within the minute: not queued again
    assert "data-pending" in page and "ยังไม่ได้คำนวณ 1 ตัวชี้วัด" in page
    assert len(queued) == 1
