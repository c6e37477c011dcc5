"""One count of a round's slots: the round page, the dashboard, the compiled figures and the compiled workbook
agree, with unit reports and host summaries counted apart; the workbook has no line twice."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports import exports, services
from reports.compile import compile_round
from reports.dashboard import dashboard
from reports.exports.excel import compiled_xlsx
from reports.models import Report, ReportRow
from reports.selectors import round_counts
from reports.tests.conftest import fill, report_of, unit

pytestmark = pytest.mark.django_db

SAME_ROWS = [
    {"method": "รณรงค์ในการประชุมประจำเดือน", "period_text": "มี.ค. 2560", "result": "จัดแล้ว ๒ ครั้ง"},
]


@pytest.fixture
def host_also_reports(open_round, people):
    """กองการเจ้าหน้าที่ hosts t-2 and implements it too: it sends its own report and its summary, with the
    same words in both (as a host often does)."""
    activity = report_of(open_round, "cpd-prov-13", "t-2").activity
    activity.implementing_units.add(unit("cpd-hr"))
    services.round_sync_slots(open_round)
    for kind in ("unit", "host_summary"):
        report = fill(report_of(open_round, "cpd-hr", "t-2", kind), people["hr_reporter"], rows=SAME_ROWS)
        services.report_submit(actor=people["hr_reporter"], report=report)
    services.report_submit(
        actor=people["reporter"], report=fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    )
    return open_round


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_every_page_and_export_counts_the_same_slots(client, host_also_reports, people):
    round_ = host_also_reports
    units = Report.objects.filter(round=round_, kind="unit").count()
    summaries = Report.objects.filter(round=round_, kind="host_summary").count()
    assert (units, summaries) == (6, 2)

    counts = round_counts(round_)
    assert (counts.unit.total, counts.summary.total, counts.total) == (6, 2, 8)
    assert counts.label == "รายงานหน่วยงาน 6 · สรุปของเจ้าภาพ 2"
    assert (counts.unit.sent, counts.summary.sent) == (2, 1)

    data = dashboard(round_)
    assert data["total"] == 6 and sum(data["totals"].values()) == 6
    stats = compile_round(round_).stats
    assert (stats["reports"], stats["sent"], stats["summaries"], stats["summaries_sent"]) == (6, 2, 2, 1)

    client.force_login(people["admin"])
    round_page = _text(client.get(reverse("reports:round", args=[round_.pk])).content.decode())
    dash_page = _text(client.get(reverse("reports:dashboard", args=[round_.pk])).content.decode())
    assert "รายงานหน่วยงาน 6 · สรุปของเจ้าภาพ 2" in round_page
    assert "รายงานหน่วยงาน 6 · สรุปของเจ้าภาพ 2" in dash_page
    # the round's whole list holds both kinds: 8 lines, as the two counts add up
    assert re.search(r"\b8 รายการ", round_page)

    book = load_workbook(io.BytesIO(exports.compiled_export(round_, people["admin"], "xlsx").content))
    summary = [[c.value for c in row] for row in book["สรุป"].iter_rows()]
    figures = {row[0]: row[1] for row in summary if row and isinstance(row[0], str)}
    assert figures["รายงานที่หน่วยงานต้องส่ง"] == 6 and figures["ส่งแล้ว"] == 2
    summaries = {k: v for k, v in figures.items() if k.startswith("สรุปของเจ้าภาพ (ส่งแล้ว")}
    assert list(summaries.values()) == [2] and list(summaries)[0][-2] in "1๑"


def _policy_lines(content: bytes) -> list[tuple]:
    book = load_workbook(io.BytesIO(content))
    return [tuple(row) for ws in book.worksheets[1:] for row in ws.iter_rows(min_row=2, values_only=True)]


def test_the_compiled_workbook_has_one_line_per_report_row_and_none_twice(host_also_reports, people):
    round_ = host_also_reports
    lines = _policy_lines(compiled_xlsx(compile_round(round_)))
    sent = Report.objects.filter(round=round_, status__in=Report.SENT)
    with_rows = ReportRow.objects.filter(report__in=sent).count()
    # a report that is not sent, or has no rows, takes one line
    one_line = Report.objects.filter(round=round_).exclude(pk__in=ReportRow.objects.filter(
        report__in=sent).values("report_id")).count()
    assert len(lines) == with_rows + one_line
    assert len(set(lines)) == len(lines), "no line of the workbook is another one repeated"
    hr = [line for line in lines if line[2] == "กองการเจ้าหน้าที่" and line[9] == SAME_ROWS[0]["method"]]
    assert sorted(line[3] for line in hr) == ["รายงานหน่วยงาน", "สรุปของเจ้าภาพ"]


def test_lateness_is_one_definition_in_counts_and_dashboard(open_round, people):
    import datetime

    from core.thai import BANGKOK

    late = fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    services.report_submit(actor=people["reporter"], report=late)
    # sent at 00:30 Bangkok the day after the due date: late, though still the due date in UTC
    Report.objects.filter(pk=late.pk).update(
        first_submitted_at=datetime.datetime(2017, 4, 5, 0, 30, tzinfo=BANGKOK)
    )
    on_time = fill(report_of(open_round, "cpd-prov-01"), people["other"])
    services.report_submit(actor=people["other"], report=on_time)
    Report.objects.filter(pk=on_time.pk).update(
        first_submitted_at=datetime.datetime(2017, 4, 4, 23, 59, tzinfo=BANGKOK)
    )
    counts = round_counts(open_round)
    data = dashboard(open_round)
    late_cells = sum(1 for _, cells in data["matrix"] for c in cells if c and c.late)
    assert counts.unit.late == late_cells == sum(n for _, n in data["late_units"])
    assert len(compile_round(open_round).late_units) == len(data["late_units"])
    assert Report.objects.get(pk=late.pk).is_late() and not Report.objects.get(pk=on_time.pk).is_late()
