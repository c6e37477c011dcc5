import datetime
from decimal import Decimal

import pytest

from plans.models import Indicator
from reports import achievement as a
from reports.models import IndicatorResult

PROGRESS = a.Context(fiscal_year=2560, as_of=datetime.date(2017, 4, 4), final=False)
ANNUAL = a.Context(fiscal_year=2560, as_of=datetime.date(2017, 8, 31), final=True)


def ind(kind, **kw) -> Indicator:
    defaults = {"text": "ตัวชี้วัด", "comparison": ">=", "scope": Indicator.Scope.DEPARTMENT, "variants": []}
    return Indicator(kind=kind, **{**defaults, **kw})


def res(**kw) -> IndicatorResult:
    return IndicatorResult(**kw)


def test_percent_met_and_shortfalls_by_round_kind():
    target = ind("percent", value=Decimal(80))
    met = a.evaluate(target, res(value=Decimal("85.5")), PROGRESS)
    assert met.status == a.MET and "ร้อยละ 85.5" in met.explanation and "ร้อยละ 80" in met.explanation
    assert a.evaluate(target, res(value=Decimal(60)), PROGRESS).status == a.NOT_YET_DUE
    assert a.evaluate(target, res(value=Decimal(60)), ANNUAL).status == a.NOT_MET
    assert a.evaluate(target, None, ANNUAL).status == a.NO_DATA


def test_per_month_targets_expect_one_per_elapsed_month():
    monthly = ind("frequency", value=Decimal(1), period="month", unit_label="ครั้ง")
    assert a.periods_elapsed("month", 2560, datetime.date(2017, 4, 4)) == 6
    assert a.periods_elapsed("month", 2560, datetime.date(2017, 3, 31)) == 6
    assert a.periods_elapsed("quarter", 2560, datetime.date(2017, 4, 4)) == 2
    six = a.evaluate(monthly, res(count=6), PROGRESS)
    assert six.status == a.MET and "× 6 เดือน" in six.explanation
    assert a.evaluate(monthly, res(count=4), PROGRESS).status == a.NOT_MET
    assert a.evaluate(monthly, res(count=11), ANNUAL).status == a.MET


def test_deadline_in_march():
    campaign = ind("deadline", due_month=3, value=Decimal(1))
    on_time = a.evaluate(campaign, res(done=True, event_date=datetime.date(2017, 3, 15)), ANNUAL)
    assert on_time.status == a.MET and "31 มีนาคม 2560" in on_time.explanation
    assert (
        a.evaluate(campaign, res(done=True, event_date=datetime.date(2017, 4, 2)), ANNUAL).status == a.NOT_MET
    )
    early = a.Context(fiscal_year=2560, as_of=datetime.date(2017, 2, 1), final=False)
    assert a.evaluate(campaign, res(done=False), early).status == a.NOT_YET_DUE
    assert a.evaluate(campaign, res(done=False), PROGRESS).status == a.NOT_MET
    assert a.evaluate(campaign, res(done=True), ANNUAL).status == a.NO_DATA  # no date: cannot be checked


def test_done_and_level_and_count():
    assert a.evaluate(ind("done"), res(done=True), PROGRESS).status == a.MET
    assert a.evaluate(ind("done"), res(done=False), PROGRESS).status == a.NOT_YET_DUE
    assert a.evaluate(ind("done"), res(done=False), ANNUAL).status == a.NOT_MET
    assert a.evaluate(ind("level", value=Decimal(5)), res(value=Decimal(5)), ANNUAL).status == a.MET
    assert (
        a.evaluate(ind("count", value=Decimal(3), comparison="<="), res(count=5), PROGRESS).status
        == a.NOT_MET
    )


def test_per_year_variants_change_the_target():
    process = ind("count", value=Decimal(1), variants=[{"from_year": 2561, "to_year": 2564, "value": 3}])
    assert a.evaluate(process, res(count=2), ANNUAL).status == a.MET
    later = a.Context(fiscal_year=2562, as_of=datetime.date(2019, 8, 31), final=True)
    assert a.evaluate(process, res(count=2), later).status == a.NOT_MET


def test_per_unit_scope_counts_units():
    per_unit = ind("count", value=Decimal(1), scope=Indicator.Scope.PER_UNIT)
    results = [res(count=1), res(count=2), None]
    line = a.evaluate_indicator(per_unit, results, None, ANNUAL)
    assert line.counts[a.MET] == 2 and line.counts[a.NO_DATA] == 1
    assert line.status == a.NOT_MET and "จาก 3 หน่วยงาน" in line.explanation
    assert a.evaluate_indicator(per_unit, results[:2], None, ANNUAL).status == a.MET
    assert a.evaluate_indicator(per_unit, results, None, PROGRESS).status == a.NOT_YET_DUE


def test_department_scope_prefers_the_host_summary_then_aggregates():
    pct = ind("percent", value=Decimal(100))
    summary = a.evaluate_indicator(pct, [res(value=Decimal(50))], res(value=Decimal(100)), ANNUAL)
    assert summary.status == a.MET and "หน่วยงานเจ้าภาพ" in summary.explanation
    mean = a.evaluate_indicator(pct, [res(value=Decimal(100)), res(value=Decimal(90))], None, ANNUAL)
    assert mean.status == a.NOT_MET and "เฉลี่ยจาก 2 หน่วยงาน" in mean.explanation and "95" in mean.explanation
    share = a.evaluate_indicator(pct, [res(done=True), res(done=True), None], None, ANNUAL)
    assert "2 จาก 3" in share.explanation and share.status == a.NOT_MET
    count = ind("count", value=Decimal(5))
    total = a.evaluate_indicator(count, [res(count=2), res(count=3)], None, ANNUAL)
    assert total.status == a.MET and "รวมจาก 2 หน่วยงาน" in total.explanation
    assert a.evaluate_indicator(count, [None, None], None, ANNUAL).status == a.NO_DATA


@pytest.mark.parametrize("kind", [k for k, _ in Indicator.Kind.choices])
def test_every_kind_has_words_for_every_case(kind):
    indicator = ind(kind, value=Decimal(1), due_month=3)
    for result in (None, res(value=Decimal(1), count=1, done=True, event_date=datetime.date(2017, 3, 1))):
        for ctx in (PROGRESS, ANNUAL):
            outcome = a.evaluate(indicator, result, ctx)
            assert outcome.status in a.LABELS and outcome.explanation
