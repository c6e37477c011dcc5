import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import achievement, services
from reports.compile import compile_round

pytestmark = pytest.mark.django_db


def test_compiled_round_follows_policy_measure_activity_and_lists_missing_units(reported_round):
    compiled = compile_round(reported_round)
    assert [p.policy.number for p in compiled.policies] == [1, 2]
    t1 = compiled.policies[0].activities[0]
    assert [e.unit.code for e in t1.entries] == ["cpd-prov-01", "cpd-prov-13"]  # tree order
    assert [e.unit.code for e in t1.missing] == ["cpd-hr"]
    assert [len(e.files) for e in t1.entries] == [0, 1]
    count_line = t1.indicators[0]
    assert (
        count_line.result.counts[achievement.MET] == 1 and count_line.result.counts[achievement.NO_DATA] == 2
    )
    t2 = compiled.policies[1].activities[0]
    # Only Chiang Mai reported t-2: done on 20 March counts for it alone; the 100 % is the average of one
    # unit while Krabi has not reported, so neither is met for the department yet.
    assert [line.result.status for line in t2.indicators] == [
        achievement.NOT_YET_DUE,
        achievement.NOT_YET_DUE,
    ]
    assert "อีก 1 หน่วยงาน" in t2.indicators[1].result.explanation
    stats = compiled.stats
    assert (stats["reports"], stats["sent"], stats["not_sent"]) == (5, 3, 2)
    # Every report here was sent after the 2017 due date (the tests run years later).
    assert stats["late_sent"] == 3 and stats["pct_on_time"] == 0.0
    assert [u.code for u, _ in compiled.missing_units] == ["cpd-hr", "cpd-prov-01"]


def test_compile_for_a_reporter_holds_only_their_unit(reported_round, people):
    compiled = compile_round(reported_round, people["other"])
    units = {
        e.unit.code for pol in compiled.policies for sec in pol.activities for e in sec.entries + sec.missing
    }
    assert units == {"cpd-prov-01"}


def test_compile_reads_in_a_fixed_number_of_queries(reported_round, people):
    with CaptureQueriesContext(connection) as small:
        compile_round(reported_round)
    for code in ("cpd-prov-02", "cpd-prov-03", "cpd-prov-04"):
        from reports.tests.conftest import unit

        reported_round.plan.policies.get(number=1).measures.get().activities.get().implementing_units.add(
            unit(code)
        )
    services.round_sync_slots(reported_round)
    with CaptureQueriesContext(connection) as large:
        compile_round(reported_round)
    assert len(large) == len(small) <= 15


def test_round_compile_stores_figures_and_keeps_an_edited_summary(reported_round, people):
    summary = services.round_compile(actor=people["admin"], round_=reported_round)
    assert summary.stats["sent"] == 3 and "ส่งแล้ว 3 รายการ" in summary.text
    services.summary_update(
        actor=people["admin"],
        summary=summary,
        text="บทสรุปที่ผู้ดูแลแผนแก้ไขแล้ว",
        memo_ref_no="กษ ๑๑๑๓/๒๐๐",
        memo_date=datetime.date(2017, 4, 10),
    )
    summary = services.round_compile(actor=people["admin"], round_=reported_round)
    assert summary.text == "บทสรุปที่ผู้ดูแลแผนแก้ไขแล้ว"
    summary = services.round_compile(actor=people["admin"], round_=reported_round, regenerate_text=True)
    assert summary.text.startswith("ผลการรายงาน")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.round_compile(actor=people["coordinator"], round_=reported_round)


def test_a_summary_nobody_edited_follows_the_figures(reported_round, people, client):
    """The summary drafted at compile time is rewritten from the current figures, in the exports and at the
    next compile, so it never disagrees with the table under it; an edited one stays, with a warning."""
    from reports.exports import compiled_inputs
    from reports.tests.conftest import fill, report_of

    services.round_compile(actor=people["admin"], round_=reported_round)
    hr = fill(report_of(reported_round, "cpd-hr", "t-1"), people["hr_reporter"])
    services.report_submit(actor=people["hr_reporter"], report=hr)

    compiled, text, _ = compiled_inputs(reported_round, people["admin"])
    assert compiled.stats["sent"] == 4 and "ส่งแล้ว 4 รายการ" in text
    client.force_login(people["admin"])
    page = client.get(f"/reports/rounds/{reported_round.pk}/compile/").content.decode()
    assert "มีรายงานที่ส่งหรือตรวจเพิ่ม 1 ฉบับ" in page and "จะปรับตามตัวเลขล่าสุดเอง" in page
    assert "ส่งแล้ว 4 รายการ" in services.round_compile(actor=people["admin"], round_=reported_round).text

    from reports.models import CompiledSummary

    summary = CompiledSummary.objects.get(round=reported_round)
    services.summary_update(actor=people["admin"], summary=summary, text="ส่งแล้ว 4 รายการ ตามที่ผู้บริหารสั่ง")
    kb = report_of(reported_round, "cpd-prov-01", "t-1")
    services.report_accept(actor=people["admin"], report=kb)
    _, text, _ = compiled_inputs(reported_round, people["admin"])
    assert text == "ส่งแล้ว 4 รายการ ตามที่ผู้บริหารสั่ง"
    page = client.get(f"/reports/rounds/{reported_round.pk}/compile/").content.decode()
    assert "บทสรุปที่แก้ไขไว้ยังใช้ตัวเลขเดิม" in page
