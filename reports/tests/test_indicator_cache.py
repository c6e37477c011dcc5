"""The computed indicators' values kept by the task worker: refreshed by `refresh_round_indicators` (at round
opening, at compile, hourly), read by the dashboard and the API while fresh, computed live once stale."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.services import api_token_create
from audit.services import audit_record
from reports import indicator_cache
from reports.dashboard import indicator_overview
from reports.indicator_values import COMPUTED, OVERRIDDEN, round_indicator_values
from reports.models import IndicatorSnapshot
from reports.tasks import queue_indicator_refresh, refresh_round_indicators
from reports.tests import test_computed_form
from reports.tests.test_computed_form import REASON, _override

pytestmark = pytest.mark.django_db

computed = test_computed_form.computed  # the fixture: a done-indicator computed from the plan's approval


def _mark_kept(round_, ind):
    """Make the kept value differ from what the records give (written directly, no audit entry), so a page
    showing it proves it read the kept value and not the records."""
    snap = IndicatorSnapshot.objects.get(round=round_, indicator=ind)
    snap.data = {**snap.data, "value": False}
    snap.save()


def _value(values, ind):
    return next(v for v in values if v.indicator.pk == ind.pk)


def test_the_task_keeps_the_values_and_the_dashboard_reads_them_while_fresh(open_round, computed):
    assert refresh_round_indicators.call(open_round.pk) == 1
    snap = IndicatorSnapshot.objects.get(round=open_round, indicator=computed)
    assert snap.data["kind"] == "bool" and snap.data["value"] is True
    _mark_kept(open_round, computed)
    kept = _value(round_indicator_values(open_round, cached=True), computed)
    assert kept.done is False and kept.cached_at == snap.computed_at and kept.source == COMPUTED
    line = next(li for li in indicator_overview(open_round)["lines"] if li["indicator"].pk == computed.pk)
    assert line["cached_at"] == snap.computed_at and line["as_of"] is not None
    assert line["result"].status == "not_yet_due"  # the kept "not done", not the records' "done"
    # Live computation (the form, the compilation) is never served from the kept values.
    live = _value(round_indicator_values(open_round), computed)
    assert live.done is True and live.cached_at is None


def test_a_write_after_the_refresh_or_an_hour_passing_makes_the_values_stale(open_round, computed,
                                                                             people):
    refresh_round_indicators.call(open_round.pk)
    _mark_kept(open_round, computed)
    later = timezone.now() + indicator_cache.REFRESH_INTERVAL + datetime.timedelta(minutes=1)
    as_of = datetime.date(2017, 4, 4)
    assert indicator_cache.fresh(open_round, as_of, now=later) == {}
    audit_record(actor=people["admin"], action="plan.update", obj=open_round.plan,
                 unit=open_round.plan.agency, old={"status": "approved"}, new={"status": "draft"})
    value = _value(round_indicator_values(open_round, cached=True), computed)
    assert value.cached_at is None and value.done is True  # computed live from the records


def test_opening_and_compiling_queue_a_refresh_after_commit(open_round, computed, people,
                                                           django_capture_on_commit_callbacks):
    from reports import services

    IndicatorSnapshot.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.round_compile(actor=people["admin"], round_=open_round)
    snap = IndicatorSnapshot.objects.get(round=open_round, indicator=computed)
    assert indicator_cache.fresh(open_round, datetime.date.fromisoformat(snap.data["evaluated_on"]))
    # The next hourly run needs a backend that runs tasks later; the immediate one (tests) gets none, so a
    # refresh never runs itself over and over.
    assert queue_indicator_refresh(open_round.pk, delay=indicator_cache.REFRESH_INTERVAL) is False


def test_the_command_refreshes_every_open_round(open_round, computed, capsys):
    call_command("reports_refresh_indicators")
    assert IndicatorSnapshot.objects.filter(round=open_round, indicator=computed).exists()
    assert "คำนวณ 1 ตัวชี้วัด" in capsys.readouterr().out


def test_the_api_gives_the_computed_value_the_override_reason_and_when_it_was_kept(client, open_round, people,
                                                                                  computed):
    _, key = api_token_create(actor=people["admin"], user=people["admin"], name="t")
    headers = {"Authorization": f"Bearer {key}"}
    refresh_round_indicators.call(open_round.pk)
    item = next(i for i in client.get(f"/api/rounds/{open_round.pk}/indicators", headers=headers).json()
                if i["id"] == computed.pk)
    assert item["source"] == COMPUTED and item["computed_value"] == "ดำเนินการแล้ว"
    assert item["override_reason"] is None and item["cached_at"] is not None
    _override(open_round, people, computed)
    item = next(i for i in client.get(f"/api/rounds/{open_round.pk}/indicators", headers=headers).json()
                if i["id"] == computed.pk)
    assert item["source"] == OVERRIDDEN and item["override_reason"] == REASON
    assert item["computed_value"] == "ดำเนินการแล้ว" and item["done"] is False
    assert item["cached_at"] is None  # the override was written after the refresh: computed live
    reported = next(i for i in client.get(f"/api/rounds/{open_round.pk}/indicators", headers=headers).json()
                    if i["source"] == "reported")
    assert reported["computed_value"] is None and reported["override_reason"] is None
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]["RoundIndicatorOut"]
    assert {"computed_value", "override_reason", "cached_at"} <= set(schema["properties"])
    description = client.get("/api/openapi.json").json()["paths"]["/api/rounds/{round_id}/indicators"]
    assert "ระบุเหตุผล" in description["get"]["description"]
