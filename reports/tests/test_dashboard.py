import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from reports import services
from reports.dashboard import dashboard
from reports.tests.conftest import fill, report_of, unit
from reports.tests.test_computed_form import computed  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def test_matrix_groups_and_late_units(open_round, people):
    services.report_submit(
        actor=people["reporter"], report=fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    )
    fill(report_of(open_round, "cpd-prov-01"), people["other"])
    data = dashboard(open_round)
    assert [a.label for a in data["activities"]] == ["1.1", "2.1"]
    rows = {u.code: [c.category if c else None for c in cells] for u, cells in data["matrix"]}
    assert rows == {
        "cpd-hr": ["not_started", None],
        "cpd-prov-01": ["draft", "not_started"],
        "cpd-prov-13": ["waiting", "not_started"],
    }
    assert list(rows)[0] == "cpd-hr"  # central units first
    central, regional = data["groups"]
    assert (central["reports"], regional["reports"], regional["sent"]) == (1, 4, 1)
    assert {u.code for u, _ in data["late_units"]} == {"cpd-hr", "cpd-prov-01", "cpd-prov-13"}
    assert data["indicators"]["total"] == 3


def _statements(captured) -> list[str]:
    """The statements of the captured queries (on PostgreSQL the dashboard sends its four as one)."""
    return [part for query in captured for part in query["sql"].split(";\n")]


def test_dashboard_reads_in_a_fixed_number_of_queries(open_round, people):
    dashboard(open_round)  # the plan's activities and indicators: read once per process (plan_structure)
    with CaptureQueriesContext(connection) as small:
        dashboard(open_round)
    activity = open_round.plan.policies.get(number=1).measures.get().activities.get()
    activity.implementing_units.add(*[unit(f"cpd-prov-{n:02d}") for n in range(20, 60)])
    services.round_sync_slots(open_round)
    with CaptureQueriesContext(connection) as large:
        dashboard(open_round)
    # slots, their units, the kept indicator values with the latest audit entry, the sent results
    assert len(_statements(large)) == len(_statements(small)) == 4
    # in one round trip where the database is across a network
    assert len(large) == (1 if connection.vendor == "postgresql" else 4)


def test_dashboard_reads_the_rounds_slots_once_without_joining_the_plan(open_round):
    """The slots are read by one unordered query of the report table: with the model's default order each
    read joined the round, activity, measure, policy and unit tables, which PostgreSQL answered by reading
    every agency's activities (a national data set's whole plans_activity) on every dashboard."""
    with CaptureQueriesContext(connection) as captured:
        dashboard(open_round)
    # (the units are read by the round's unit ids: a subquery of the report table in the units' statement)
    reads = [sql for sql in _statements(captured) if re.match(r'SELECT [^()]* FROM "reports_report"', sql)]
    assert len(reads) == 1
    assert " JOIN " not in reads[0] and "ORDER BY" not in reads[0]


def test_home_panel_tag_lists_the_units_reports(open_round, people):
    request = RequestFactory().get("/")
    request.user = people["reporter"]
    html = Template("{% load reports_tags %}{% reports_home_panel %}").render(Context({"request": request}))
    assert "ทุกหน่วยงานทบทวนกระบวนการงาน" in html and "4 เม.ย. 2560" in html
    request.user = people["auditor"]
    assert "รายงานผลการดำเนินงาน" not in Template("{% load reports_tags %}{% reports_home_panel %}").render(
        Context({"request": request})
    )


def test_indicators_of_host_only_activities_count_as_in_the_compiled_report(open_round):
    """An activity reported by its host unit alone (no unit slots) is judged in the compiled report; the
    dashboard must count the same indicators."""
    from reports.compile import compile_round
    from reports.dashboard import indicator_overview
    from reports.models import Report

    Report.objects.filter(round=open_round, activity__key="t-2", kind=Report.Kind.UNIT).delete()
    assert Report.objects.filter(round=open_round, activity__key="t-2").exists()  # the host summary
    overview = indicator_overview(open_round)
    assert overview["total"] == compile_round(open_round).stats["indicators_total"] == 3


def test_sent_results_of_computed_indicators_are_only_their_overrides(open_round, people, computed):  # noqa: F811
    """A computed indicator's verdict reads only the sent results that override it with a reason (a typed
    value needs one; a note alone does not override): the dashboard does not read the others; a reported
    indicator's are all read."""
    from plans.models import Indicator
    from reports.dashboard import sent_results
    from reports.tests.test_computed_form import _override

    percent = Indicator.objects.get(activity__key="t-2", kind=Indicator.Kind.PERCENT)
    mine = report_of(open_round, "cpd-prov-13", "t-2")
    fill(
        mine,
        people["reporter"],
        indicator_results={computed.pk: {"note": "ตามแผนที่อนุมัติ"}, percent.pk: {"value": 80}},
    )
    mine.refresh_from_db()
    services.report_submit(actor=people["reporter"], report=mine)
    _override(open_round, people, computed)

    def seen(results):
        return {(r.indicator_id, r.slot_kind, r.override_reason) for r in results}

    every = seen(sent_results(open_round))
    assert (computed.pk, "unit", "") in every  # the unit's note on the computed indicator: not read below
    read = seen(sent_results(open_round, [percent.pk]))
    assert (percent.pk, "unit", "") in read and any(
        i == computed.pk and kind == "host_summary" for i, kind, _ in read
    )
    assert read == {(i, kind, reason) for i, kind, reason in every if i == percent.pk or reason}
