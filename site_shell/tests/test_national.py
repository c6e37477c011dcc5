"""`prongsai national_demo --agencies 20` on PostgreSQL: the counts it reports are in the database, every slot
is the one the system itself would create, and the dashboard and the national roll-up give the figures of
the hand-written SQL."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def national(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("national_demo ใช้ COPY ของ PostgreSQL")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from site_shell.national import generate

    return generate(agencies=20, seed=7)


def test_counts_and_slots_match_the_system(national):
    from complaints.models import Case
    from org.models import Unit
    from plans.models import Plan
    from procurement.models import Project
    from reports.models import IndicatorResult, Report, ReportRow, Round
    from reports.services.rounds import round_sync_slots

    assert Unit.objects.filter(parent__isnull=True).count() == 20
    assert Plan.objects.count() == 20
    assert Round.objects.count() == 40
    assert national["reports_report"] == Report.objects.count() > 20 * 2 * 26
    assert national["reports_reportrow"] == ReportRow.objects.count() > 0
    assert national["reports_indicatorresult"] == IndicatorResult.objects.count() > 0
    assert national["complaints_case"] == Case.objects.count()
    assert national["procurement_project"] == Project.objects.count() >= 40
    # Every unit's path is its ancestors' ids, as org.services writes it.
    for unit in Unit.objects.select_related("parent"):
        own = f"{unit.pk:06d}/"
        assert unit.path == (unit.parent.path + own if unit.parent_id else f"/{own}")
    # The slots are exactly those round_sync_slots makes: it finds nothing missing.
    for round_ in Round.objects.all():
        assert round_sync_slots(round_) == 0
    # A new id continues after the loaded ones (sequences moved).
    agency = Unit.objects.filter(parent__isnull=True).order_by("-pk").first()
    unit = Unit.objects.create(parent=agency, code="nd-new", name="ใหม่", kind="division")
    assert unit.pk > agency.pk
    # The closed round's accepted reports are locked, as round_close leaves them.
    assert Report.objects.filter(status="locked", round__status="closed").count() > 0
    assert not Report.objects.filter(status="locked", round__status="open").exists()


def test_dashboard_and_rollup_equal_the_hand_written_sql(national):
    from reports.dashboard import dashboard
    from reports.models import Report, Round
    from reports.national import national_rollup
    from site_shell.national_sql import dashboard_figures, dashboard_figures_sql, rollup_sql

    for round_ in Round.objects.order_by("id")[::7]:
        assert dashboard_figures(dashboard(round_)) == dashboard_figures_sql(round_)
    for kind in (Round.Kind.PROGRESS, Round.Kind.ANNUAL):
        lines = national_rollup(fiscal_year=2564, kind=kind)
        assert [(x.agency_id, x.slots, x.sent, x.accepted) for x in lines] == rollup_sql(2564, kind)
        assert sum(x.slots for x in lines) == Report.objects.filter(round__kind=kind).count()


def test_kept_indicator_values_are_those_the_worker_computes(national):
    """The load keeps every round's computed indicators as the worker would: the dashboard reads them (none
    pending, none stale, nothing queued), and recomputing a copied agency with the worker's own code gives
    the same values, records and dates (the explanation sentence is the sampled agency's)."""
    from reports.dashboard import dashboard
    from reports.indicator_cache import refresh_round, round_computed_indicators
    from reports.models import IndicatorSnapshot, Round

    assert national["reports_indicatorsnapshot"] == IndicatorSnapshot.objects.count() > 0
    rounds = list(Round.objects.select_related("plan__agency").order_by("id"))
    for round_ in rounds:
        kept = set(IndicatorSnapshot.objects.filter(round=round_).values_list("indicator_id", flat=True))
        assert kept == {ind.pk for ind in round_computed_indicators(round_)}
    for round_ in rounds[1::9]:
        overview = dashboard(round_)["indicators"]
        assert overview["pending"] == 0 and not overview["stale"]
        assert any(line["cached_at"] for line in overview["lines"])

    def values(round_):
        keys = ("kind", "value", "event_date", "evaluated_on", "last_write")
        return {
            s.indicator_id: ({k: s.data[k] for k in keys}, sorted(map(tuple, s.data["records"])))
            for s in IndicatorSnapshot.objects.filter(round=round_)
        }

    copied = [r for r in rounds if r.plan.agency_id != rounds[0].plan.agency_id][4::11]
    assert copied
    for round_ in copied:
        loaded = values(round_)
        refresh_round(round_)
        assert values(round_) == loaded
