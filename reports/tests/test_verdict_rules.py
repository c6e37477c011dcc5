"""The automatic verdict reads the department's real plan (issue 11 §4): each rule on the plan as loaded from
plans/data/plan_2560_2564.yaml, with results put on the round's real report slots."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.thai import ce_year
from org.models import Unit
from plans.models import Indicator
from plans.selectors import plan_problems
from reports import achievement as a
from reports.compile import compile_report, compile_round
from reports.models import IndicatorResult, Report, Round
from reports.services.rounds import round_sync_slots

pytestmark = pytest.mark.django_db

UNIT, HOST = Report.Kind.UNIT, Report.Kind.HOST_SUMMARY


@pytest.fixture
def plan():
    from site_shell.demo import load_department

    return load_department()[1]


def open_round(plan, fiscal_year: int, kind: str = Round.Kind.ANNUAL) -> Round:
    year = ce_year(fiscal_year)
    due = datetime.date(year, 8, 31) if kind == Round.Kind.ANNUAL else datetime.date(year, 4, 4)
    round_ = Round.objects.create(plan=plan, fiscal_year=fiscal_year, name=f"รอบ {kind}", kind=kind,
                                  opens_on=due - datetime.timedelta(days=30), due_on=due,
                                  status=Round.Status.OPEN)
    round_sync_slots(round_)
    return round_


def put(round_, key: str, number: int, unit_code: str, kind: str = UNIT, **values) -> Report:
    """Result of indicator `number` (1-based) of activity `key` in the unit's report, which is then sent."""
    report = Report.objects.get(round=round_, activity__key=key, unit__code=unit_code, kind=kind)
    indicator = Indicator.objects.get(activity=report.activity, sort_order=number - 1)
    IndicatorResult.objects.update_or_create(report=report, indicator=indicator, defaults=values)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.SUBMITTED,
                                               first_submitted_at=timezone.now())
    return report


def section(compiled, key: str):
    return next(s for p in compiled.policies for s in p.activities if s.activity.key == key)


def verdict(round_, key: str, number: int) -> a.Achievement:
    return section(compile_round(round_), key).indicators[number - 1].result


def central_units(round_, key: str) -> list[str]:
    return list(Report.objects.filter(round=round_, activity__key=key, kind=UNIT,
                                      unit__region=Unit.Region.CENTRAL).values_list("unit__code", flat=True))


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


# 1. "ภายในเดือนมีนาคม ของทุกปี": only events dated on or before the end of March count.
def test_events_after_march_do_not_count(plan):
    annual = open_round(plan, 2560)
    put(annual, "4.1-a", 1, "cpd-hr", HOST, count=1, event_dates=["2017-04-10"])
    late = verdict(annual, "4.1-a", 1)
    assert late.status == a.NOT_MET and "ไม่นับ 1 ครั้งที่ทำหลังกำหนด" in late.explanation
    assert "31 มีนาคม 2560" in late.explanation
    put(annual, "4.1-a", 1, "cpd-hr", HOST, count=2, event_dates=["2017-03-20", "2017-05-02"])
    in_time = verdict(annual, "4.1-a", 1)
    assert in_time.status == a.MET and in_time.measured == 1
    # One date for the whole count (the last event counted): late means none counts; none means unchecked.
    put(annual, "4.3-a", 1, "cpd-hr", HOST, count=1, event_date=d("2017-04-01"))
    assert verdict(annual, "4.3-a", 1).status == a.NOT_MET
    put(annual, "4.3-a", 1, "cpd-hr", HOST, count=1, event_date=None)
    assert verdict(annual, "4.3-a", 1).status == a.NO_DATA
    put(annual, "4.3-a", 1, "cpd-hr", HOST, count=1, event_date=d("2017-03-31"))
    assert verdict(annual, "4.3-a", 1).status == a.MET
    # Before the deadline passes a shortfall is not yet due.
    early = Round.objects.create(plan=plan, fiscal_year=2560, name="ต้นปี", kind=Round.Kind.PROGRESS,
                                 opens_on=d("2017-01-01"), due_on=d("2017-02-15"), status=Round.Status.OPEN)
    round_sync_slots(early)
    assert verdict(early, "3.1-a", 1).status == a.NO_DATA
    put(early, "3.1-a", 1, "cpd-hr", HOST, count=0, event_dates=[])
    assert verdict(early, "3.1-a", 1).status != a.MET


# 2. "ทุกหน่วยงานส่วนกลาง…": judged over the central units only.
def test_an_indicator_narrowed_to_central_units_ignores_the_provinces(plan):
    annual = open_round(plan, 2560)
    indicator = Indicator.objects.get(activity__key="5.1-a", sort_order=1)
    assert indicator.unit_group == Indicator.UnitGroup.CENTRAL
    central = central_units(annual, "5.1-a")
    assert 5 <= len(central) < Report.objects.filter(round=annual, activity__key="5.1-a", kind=UNIT).count()
    for code in central:
        put(annual, "5.1-a", 2, code, count=1)
    line = verdict(annual, "5.1-a", 2)
    assert line.status == a.MET and f"จาก {len(central)} หน่วยงาน" in line.explanation
    assert a.target_text(indicator, 2560).endswith("(เฉพาะหน่วยงานส่วนกลาง)")
    # A province's own report of that indicator is not judged.
    province = Report.objects.get(round=annual, activity__key="5.1-a", unit__code="cpd-prov-13", kind=UNIT)
    _, part = compile_report(province)
    assert part.indicators[1].result.status == a.NOT_JUDGED
    assert Indicator.objects.get(activity__key="1.3.2-a", sort_order=0).unit_group == "central"


# 3. A department-wide frequency is never the sum of the units' counts.
def test_a_department_frequency_is_not_summed_across_units(plan):
    annual = open_round(plan, 2560)
    units = list(Report.objects.filter(round=annual, activity__key="1.4.1-a", kind=UNIT)
                 .values_list("unit__code", flat=True))
    assert len(units) > 10
    for code in units:
        put(annual, "1.4.1-a", 1, code, count=1)
    line = verdict(annual, "1.4.1-a", 1)
    assert line.status == a.NO_DATA and line.measured is None
    assert "ไม่นำจำนวนครั้งที่แต่ละหน่วยงานรายงานมารวมกัน" in line.explanation
    assert str(len(units)) not in line.explanation
    # The host unit's record gives the department's count.
    put(annual, "1.4.1-a", 1, "cpd-slk", HOST, count=1)
    from_host = verdict(annual, "1.4.1-a", 1)
    assert from_host.status == a.MET and from_host.measured == 1
    # A unit's own report shows its part, not a department verdict.
    own = Report.objects.get(round=annual, activity__key="1.4.1-a", unit__code=units[0], kind=UNIT)
    _, part = compile_report(own)
    assert part.indicators[0].result.status == a.NOT_JUDGED
    assert "ส่วนของหน่วยงาน 1 ครั้ง" in part.indicators[0].result.explanation


# 4. "ร้อยละ ๘๕ ของหน่วยงานส่วนกลางที่ผ่านเกณฑ์": the share of units that pass.
def test_percent_of_units_is_the_share_that_passes(plan):
    annual = open_round(plan, 2560)
    central = central_units(annual, "5.5-a")
    passing = central[: len(central) - 2]
    for code in passing:
        put(annual, "5.5-a", 1, code, done=True)
    for code in central[len(passing):]:
        put(annual, "5.5-a", 1, code, value=Decimal(99))  # a typed percentage short of its own 100
    line = verdict(annual, "5.5-a", 1)
    share = Decimal(len(passing) * 100) / len(central)
    assert f"{len(passing)} จาก {len(central)} หน่วยงาน" in line.explanation
    assert line.measured == share.quantize(Decimal("0.01"))
    assert line.status == (a.MET if share >= 85 else a.NOT_MET)
    assert "เฉลี่ย" not in line.explanation
    # The same for "ร้อยละ ๑๐๐ ของหน่วยงานที่เชื่อมโยงข้อมูล…" over all the activity's units.
    units = list(Report.objects.filter(round=annual, activity__key="1.3.2-a", kind=UNIT)
                 .values_list("unit__code", flat=True))
    for code in units[:-1]:
        put(annual, "1.3.2-a", 3, code, value=Decimal(100))
    put(annual, "1.3.2-a", 3, units[-1], value=Decimal(50))
    linked = verdict(annual, "1.3.2-a", 3)
    assert linked.status == a.NOT_MET and f"{len(units) - 1} จาก {len(units)}" in linked.explanation


# 5. Per-year variants resolve to units; an empty "related" group is the plan administrator's to fix.
@pytest.mark.parametrize("year", [2560, 2561])
def test_an_empty_related_group_is_a_plan_error(plan, year):
    round_ = open_round(plan, year)
    put(round_, "1.1.2-a", 1, "cpd-ict", HOST, count=1)
    compiled = compile_round(round_)
    line = section(compiled, "1.1.2-a").indicators[0].result
    assert line.status == a.PLAN_ERROR and line.label == "แผนยังไม่ระบุหน่วยงาน"
    assert "1.1.2-a" in line.explanation and "ผู้ดูแลแผน" in line.explanation
    assert any("1.1.2-a" in p for p in compiled.problems)
    assert any("1.1.2-a" in p for p in plan_problems(plan))


# 6. A target without a number is never met; a level reads its steps.
def test_a_target_without_a_number_is_not_counted_as_met(plan):
    annual = open_round(plan, 2560)
    put(annual, "1.2-a", 6, "cpd-finance", HOST, count=4)  # "จำนวนช่องทางที่เหมาะสม"
    channels = verdict(annual, "1.2-a", 6)
    assert channels.status == a.NO_TARGET and channels.label == "ไม่ได้กำหนดค่าเป้าหมาย"
    assert "4" in channels.explanation
    assert a.target_text(Indicator.objects.get(activity__key="1.2-a", sort_order=5), 2560).startswith(
        "ไม่ได้กำหนดค่าเป้าหมาย")
    # Steps ๑ and ๒ done, step ๓ not reported: level 2 of 5, with no level set as target.
    put(annual, "1.2-a", 2, "cpd-finance", HOST, done=True, event_date=d("2016-12-01"))
    put(annual, "1.2-a", 3, "cpd-finance", HOST, done=True, event_date=d("2016-11-01"))
    level = verdict(annual, "1.2-a", 1)
    assert level.status == a.NO_TARGET and level.measured == 2
    assert "ผ่านขั้นที่ 2 จาก 5 ขั้น" in level.explanation
    stats = compile_round(annual).stats
    assert stats["indicators_judged"] < stats["indicators_total"]
    assert stats["indicators"][a.NO_TARGET] >= 2


# 7. "ในปีงบประมาณ พ.ศ. ๒๕๖๐" binds to that year.
def test_year_bound_wording_is_judged_in_its_year_only(plan):
    indicator = Indicator.objects.get(activity__key="3.3.3-a", sort_order=0)
    assert indicator.year == 2560
    first = open_round(plan, 2560)
    put(first, "3.3.3-a", 1, "cpd-hr", HOST, count=3)
    assert verdict(first, "3.3.3-a", 1).status == a.NO_TARGET  # judged in 2560 (the plan sets no number)
    later = open_round(plan, 2562)
    put(later, "3.3.3-a", 1, "cpd-hr", HOST, count=3)
    outcome = verdict(later, "3.3.3-a", 1)
    assert outcome.status == a.NOT_JUDGED and "พ.ศ. 2560" in outcome.explanation


# 8. "ทุกเดือน" / "ทุกไตรมาส": one per elapsed period at the as-of date, the missing ones named.
def test_every_month_names_the_missing_months(plan):
    progress = open_round(plan, 2560, Round.Kind.PROGRESS)  # as of 4 April 2560: October to March ended
    months = ["2016-10-05", "2016-11-07", "2016-12-05", "2017-01-09", "2017-03-06"]
    put(progress, "5.3-a", 1, "cpd-finance", HOST, count=5, event_dates=months)
    monthly = verdict(progress, "5.3-a", 1)
    assert monthly.status == a.NOT_MET and "กุมภาพันธ์ 2560" in monthly.explanation
    assert "ตุลาคม" not in monthly.explanation
    put(progress, "5.3-a", 1, "cpd-finance", HOST, count=6, event_dates=[*months, "2017-02-06"])
    assert verdict(progress, "5.3-a", 1).status == a.MET
    hosts = list(Report.objects.filter(round=progress, activity__key="1.4.3-a", kind=HOST)
                 .values_list("unit__code", flat=True))
    for code in hosts:
        put(progress, "1.4.3-a", 2, code, HOST, count=1, event_dates=["2016-12-20"])
    quarterly = verdict(progress, "1.4.3-a", 2)
    assert quarterly.status == a.NOT_MET and "ไตรมาสที่ 2" in quarterly.explanation
    assert "ไตรมาสที่ 1" not in quarterly.explanation


# 10. Every co-host summarises its share; an activity without a host says so.
def test_every_co_host_has_a_summary_and_the_department_reads_them_all(plan):
    annual = open_round(plan, 2560)
    hosts = set(Report.objects.filter(round=annual, activity__key="3.1-a", kind=HOST)
                .values_list("unit__code", flat=True))
    assert hosts == {"cpd-hr", "cpd-finance"}
    assert not Report.objects.filter(round=annual, activity__key="3.3.1-a", kind=HOST).exists()
    put(annual, "3.1-a", 1, "cpd-hr", HOST, count=1, event_dates=["2017-04-20"])
    assert verdict(annual, "3.1-a", 1).status == a.NOT_MET
    # The other host's campaign in March makes the department's one in time; the same date twice counts once.
    put(annual, "3.1-a", 1, "cpd-finance", HOST, count=1, event_dates=["2017-03-15"])
    both = verdict(annual, "3.1-a", 1)
    assert both.status == a.MET and both.measured == 1
    compiled = compile_round(annual)
    assert {e.unit.code for e in section(compiled, "3.1-a").summaries} == hosts
    assert section(compiled, "3.3.1-a").no_host
    # Done-type co-host indicators are met only when every host's share is.
    put(annual, "3.1-a", 2, "cpd-hr", HOST, count=1)
    report_line = verdict(annual, "3.1-a", 2)
    assert "รายงานสรุปของหน่วยงานเจ้าภาพ" in report_line.explanation


# 9. "ในส่วนที่เกี่ยวข้อง": a unit says an activity does not concern it; the host decides; accepted leaves.
def test_an_accepted_not_relevant_unit_leaves_the_denominator(open_round, people, client):
    from django.core.exceptions import PermissionDenied

    from audit.models import AuditEvent
    from core.errors import ApplicationError
    from reports.services.relevance import relevance_claim, relevance_decide
    from reports.tests.conftest import report_of

    hr = report_of(open_round, "cpd-hr", "t-1")
    before = section(compile_round(open_round), "t-1")
    assert "cpd-hr" in [e.unit.code for e in before.missing]
    with pytest.raises(ApplicationError):
        relevance_claim(actor=people["hr_reporter"], report=hr, reason="  ")
    with pytest.raises(PermissionDenied):
        relevance_claim(actor=people["other"], report=hr, reason="ไม่ใช่หน่วยงานของตน")
    claim = relevance_claim(actor=people["hr_reporter"], report=hr,
                            reason="กองการเจ้าหน้าที่ไม่มีกระบวนการงานบริการ")
    with pytest.raises(PermissionDenied):
        relevance_decide(actor=people["coordinator"], claim=claim, accept=True)  # not t-1's host
    with pytest.raises(ApplicationError):
        # refusing needs a reason
        relevance_decide(actor=people["psdg_coordinator"], claim=claim, accept=False)
    assert "cpd-hr" in [e.unit.code for e in section(compile_round(open_round), "t-1").missing]
    relevance_decide(actor=people["psdg_coordinator"], claim=claim, accept=True)
    after = section(compile_round(open_round), "t-1")
    assert "cpd-hr" not in [e.unit.code for e in after.missing + after.entries]
    assert "จาก 2 หน่วยงาน" in after.indicators[0].result.explanation
    assert AuditEvent.objects.filter(action__startswith="report.relevance_").count() == 2
    client.force_login(people["hr_reporter"])
    page = client.get(f"/reports/{hr.pk}/relevance/").content.decode()
    assert "หน่วยงานเจ้าภาพรับว่าไม่เกี่ยวข้อง" in page
