"""The supervising bodies' roll-up (reports.national.agency_statuses, indicator_counts): one row per agency,
its current round counted as that agency's own dashboard counts it (unit slots, sent, late units, indicator
verdicts), the computed indicators read from the kept values and never computed for the roll-up."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache

from reports import achievement, services
from reports.dashboard import dashboard
from reports.indicator_cache import refresh_round
from reports.models import Round
from reports.national import AgencyStatus, agency_statuses, current_round_ids, indicator_counts
from reports.tests import test_computed_form
from reports.tests.conftest import fill

pytestmark = pytest.mark.django_db

computed = test_computed_form.computed


@pytest.fixture
def second(agency):
    """The second demo agency (กรมตรวจบัญชีสหกรณ์) with its plan approved and a round open, one report sent."""
    from plans.services import plan_approve
    from site_shell.demo import load_second_agency

    cad, plan, _ = load_second_agency()
    plan = plan_approve(actor=None, plan=plan, approved_on=datetime.date(2023, 1, 5),
                        approval_memo="ที่ กษ ๐๔๐๑/๑")
    round_ = services.round_create(actor=None, plan=plan, fiscal_year=2567, name="รอบที่ ๑ รายงานความก้าวหน้า",
                                   kind="progress", opens_on=datetime.date(2024, 3, 1),
                                   due_on=datetime.date(2024, 4, 4))
    round_ = services.round_open(actor=None, round_=round_)
    first = round_.reports.filter(kind="unit").order_by("pk").first()
    fill(first, None, as_of=datetime.date(2024, 3, 30))
    services.report_submit(actor=None, report=first)
    return cad, round_


def _dashboard_row(round_) -> tuple[int, int, int]:
    data = dashboard(round_)
    counts = data["totals"]
    return data["total"], counts["accepted"] + counts["waiting"], len(data["late_units"])


def test_each_agency_row_counts_what_its_dashboard_counts(reported_round, second, computed):
    cad, cad_round = second
    rows = {r.agency_id: r for r in agency_statuses()}
    assert set(rows) >= {reported_round.plan.agency_id, cad.pk}
    for round_ in (reported_round, cad_round):
        row = rows[round_.plan.agency_id]
        assert row.round_id == round_.pk and row.round_status == Round.Status.OPEN
        assert (row.slots, row.sent, row.late_units) == _dashboard_row(round_)
    mine = rows[reported_round.plan.agency_id]
    assert (mine.sent, mine.late_units) == (3, 3) and mine.slots > mine.sent
    assert rows[cad.pk].sent == 1
    # The indicators, once the task worker has kept the computed ones: the dashboard's verdicts exactly.
    for round_ in (reported_round, cad_round):
        refresh_round(round_)
        counts = indicator_counts(round_)
        shown = dashboard(round_)["indicators"]
        assert counts.pending == 0 and counts.total == shown["total"]
        assert (counts.met, counts.not_met, counts.not_yet_due) == (
            shown["counts"][achievement.MET], shown["counts"][achievement.NOT_MET],
            shown["counts"][achievement.NOT_YET_DUE])
        assert counts.met + counts.not_met + counts.not_yet_due + counts.other == counts.total
    assert indicator_counts(reported_round).kept_at is not None


def test_a_computed_indicator_not_kept_yet_is_pending_and_never_computed(reported_round, computed,
                                                                         monkeypatch):
    from reports import indicator_values

    def refuse(*args, **kwargs):
        raise AssertionError("the roll-up computed an indicator")

    monkeypatch.setattr(indicator_values, "compute_for", refuse)
    counts = indicator_counts(reported_round)
    assert counts.pending == 1 and counts.kept_at is None
    assert counts.total == counts.met + counts.not_met + counts.not_yet_due + counts.other + 1


def test_the_current_round_is_the_open_one_due_last_and_never_a_draft(open_round, people):
    later = services.round_create(actor=people["admin"], plan=open_round.plan, fiscal_year=2560,
                                  name="รายงานผลการดำเนินงานประจำปี", kind="annual",
                                  opens_on=datetime.date(2017, 8, 1), due_on=datetime.date(2017, 8, 31))
    agency_id = open_round.plan.agency_id
    assert current_round_ids()[agency_id] == open_round.pk  # the later round is still a draft
    services.round_open(actor=people["admin"], round_=later)
    assert current_round_ids()[agency_id] == later.pk
    services.round_close(actor=people["admin"], round_=later)
    assert current_round_ids()[agency_id] == open_round.pk  # an open round comes before a closed one


def test_an_agency_without_a_round_has_a_row_saying_so(agency, second):
    cache.clear()
    rows = {r.agency_id: r for r in agency_statuses()}
    assert rows[agency.pk].round_id is None and rows[agency.pk].status == "no_round"
    assert rows[second[0].pk].status == "incomplete"


def test_filters_match_ministry_text_and_status():
    row = AgencyStatus(1, "กรมตรวจบัญชีสหกรณ์", "ตส.", "cad", "กระทรวงเกษตรและสหกรณ์", round_id=5, slots=4,
                       sent=4, late_units=1)
    assert row.status == "complete" and row.matches(status="late") and row.matches(status="complete")
    assert row.matches(ministry="กระทรวงเกษตรและสหกรณ์", q="ตส.".casefold())
    assert not row.matches(ministry="กระทรวงการคลัง") and not row.matches(q="กรมบัญชีกลาง")
    assert not row.matches(status="incomplete") and not row.matches(status="no_round")
