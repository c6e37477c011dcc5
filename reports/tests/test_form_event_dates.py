"""The report form asks for the date of each event where the verdict reads them ("ภายในเดือนมีนาคม",
"ทุกเดือน"), keeps the count consistent with them, and asks a unit only yes/no for "ร้อยละ … ของหน่วยงาน"."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from plans.models import Indicator
from reports import achievement as a
from reports.forms import IndicatorResultForm
from reports.models import IndicatorResult
from reports.tests.conftest import report_of
from reports.tests.test_views import ROW, form_data

pytestmark = pytest.mark.django_db


def _indicator(activity, sort_order: int, **fields) -> Indicator:
    defaults = {"text": "ตัวชี้วัดทดสอบ", "kind": Indicator.Kind.COUNT, "comparison": ">=", "value": Decimal(1),
                "scope": Indicator.Scope.PER_UNIT}
    return Indicator.objects.create(activity=activity, sort_order=sort_order, **{**defaults, **fields})


@pytest.fixture
def report(open_round):
    return report_of(open_round, "cpd-prov-13")


@pytest.fixture
def by_march(report):
    """"อย่างน้อยหน่วยงานละ ๑ ครั้ง ภายในเดือนมีนาคม"."""
    return _indicator(report.activity, 1, number="๒.", text="จัดอบรมอย่างน้อย ๑ ครั้ง ภายในเดือนมีนาคม",
                      due_month=3)


@pytest.fixture
def monthly(report):
    return _indicator(report.activity, 2, number="๓.", text="รายงานผลทุกเดือน", kind=Indicator.Kind.FREQUENCY,
                      period=Indicator.Period.MONTH)


def _post(client, report, user, **extra):
    report.refresh_from_db()
    client.force_login(user)
    return client.post(reverse("reports:edit", args=[report.pk]), form_data(report, user, [ROW], **extra))


def _block(page: str, ind) -> str:
    block = page[page.index(f'id="ind-{ind.pk}"'):]
    return block[: block.index("</fieldset>")]


def test_the_dates_box_is_shown_only_for_indicators_with_a_period_or_a_deadline(client, report, people,
                                                                               by_march, monthly):
    plain = report.activity.indicators.get(sort_order=0)  # "อย่างน้อยหน่วยงานละ ๑ กระบวนการ": no date rule
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    for ind in (by_march, monthly):
        block = _block(page, ind)
        assert f'name="ind-{ind.pk}-event_dates"' in block
        assert "หนึ่งบรรทัดต่อหนึ่งครั้ง" in block and "<textarea" in block
    assert f'name="ind-{plain.pk}-event_dates"' not in _block(page, plain)


def test_dates_typed_in_be_are_saved_counted_and_judged_against_the_deadline(client, report, people,
                                                                            by_march):
    response = _post(client, report, people["reporter"],
                     **{f"ind-{by_march.pk}-event_dates": "10/04/2560\n15/01/2560\n"})
    assert response.status_code == 302, response.content.decode()[:2000]
    result = IndicatorResult.objects.get(report=report, indicator=by_march)
    assert result.event_dates == ["2017-01-15", "2017-04-10"]
    assert result.count == 2  # the count left empty takes the number of dates
    ctx = a.Context(2560, datetime.date(2017, 4, 4), False)
    verdict = a.evaluate_part(by_march, result, ctx)
    assert verdict.status == a.MET and verdict.measured == 1
    assert "ไม่นับ 1 ครั้งที่ทำหลังกำหนด: 10 เมษายน 2560" in verdict.explanation
    # The report page shows them (the reviewer reads the same page).
    detail = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    shown = detail[detail.index(f'id="ind-{by_march.pk}"'):]
    assert "วันที่ดำเนินการ (2 ครั้ง): 15 มกราคม 2560, 10 เมษายน 2560" in shown[: shown.index("</li>")]
    # The form shows them again, one a line, in B.E.
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "15/01/2560\n10/04/2560</textarea>" in _block(page, by_march)
    # Emptying the box removes them.
    assert _post(client, report, people["reporter"], **{f"ind-{by_march.pk}-event_dates": "",
                                                        f"ind-{by_march.pk}-count": "1"}).status_code == 302
    result.refresh_from_db()
    assert result.event_dates == [] and result.count == 1


def test_a_bad_line_is_named_and_nothing_typed_is_lost(client, report, people, by_march):
    typed = "15/01/2560\n31/02/2560\nเมื่อวาน"
    response = _post(client, report, people["reporter"], **{f"ind-{by_march.pk}-event_dates": typed,
                                                            f"ind-{by_march.pk}-note": "อบรม ๓ รุ่น"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "บรรทัดที่ 2 “31/02/2560”" in page and "บรรทัดที่ 3 “เมื่อวาน”" in page
    assert "บรรทัดที่ 1" not in page
    block = _block(page, by_march)
    assert typed in block and "อบรม ๓ รุ่น" in block
    assert not IndicatorResult.objects.filter(report=report, indicator=by_march).exists()


def test_a_date_outside_the_fiscal_year_is_refused(client, report, people, by_march):
    response = _post(client, report, people["reporter"], **{f"ind-{by_march.pk}-event_dates": "20/10/2560"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "บรรทัดที่ 1 “20/10/2560”: อยู่นอกปีงบประมาณ พ.ศ. 2560" in page
    assert "20/10/2560</textarea>" in _block(page, by_march)


def test_a_count_that_disagrees_with_the_dates_is_refused(client, report, people, by_march):
    response = _post(client, report, people["reporter"], **{f"ind-{by_march.pk}-event_dates": "15/01/2560",
                                                            f"ind-{by_march.pk}-count": "3"})
    assert response.status_code == 400
    assert "จำนวนที่กรอก (3) ไม่ตรงกับจำนวนวันที่ดำเนินการที่ระบุ (1 บรรทัด)" in response.content.decode()
    assert _post(client, report, people["reporter"], **{f"ind-{by_march.pk}-event_dates": "15/01/2560",
                                                        f"ind-{by_march.pk}-count": "1"}).status_code == 302


def test_monthly_dates_name_the_missing_month(client, report, people, monthly):
    dates = "05/10/2559\n07/11/2559\n09/01/2560\n08/02/2560\n06/03/2560"
    assert _post(client, report, people["reporter"],
                 **{f"ind-{monthly.pk}-event_dates": dates}).status_code == 302
    result = IndicatorResult.objects.get(report=report, indicator=monthly)
    verdict = a.evaluate(monthly, result, a.Context(2560, datetime.date(2017, 3, 31), False))
    assert verdict.status == a.NOT_MET and "เดือนที่ขาด: ธันวาคม 2559" in verdict.explanation


def test_share_of_units_asks_the_unit_only_whether_it_has_done_it(client, open_round, report, people):
    share = _indicator(report.activity, 3, number="๔.", text="ร้อยละ ๘๐ ของหน่วยงานจัดทำคู่มือ",
                       kind=Indicator.Kind.PERCENT, value=Decimal(80), scope=Indicator.Scope.DEPARTMENT,
                       basis=Indicator.Basis.UNITS)
    client.force_login(people["reporter"])
    block = _block(client.get(reverse("reports:edit", args=[report.pk])).content.decode(), share)
    assert f'name="ind-{share.pk}-done"' in block and "หน่วยงานดำเนินการแล้ว" in block
    assert f'name="ind-{share.pk}-value"' not in block and "ร้อยละที่ทำได้" not in block
    assert _post(client, report, people["reporter"], **{f"ind-{share.pk}-done": "true"}).status_code == 302
    result = IndicatorResult.objects.get(report=report, indicator=share)
    assert result.done is True and a.unit_passes(result) is True
    # The host unit's summary still gives the department's percentage.
    summary_form = IndicatorResultForm(indicator=share, fiscal_year=2560, unit_report=False)
    assert "value" in summary_form.fields and "done" not in summary_form.fields


def test_the_report_and_form_link_the_relevance_page_only_when_the_policy_allows(client, report, people):
    from reports.services.relevance import relevance_claim

    url = reverse("reports:relevance", args=[report.pk])
    client.force_login(people["reporter"])
    for page in (reverse("reports:report", args=[report.pk]), reverse("reports:edit", args=[report.pk])):
        assert f'href="{url}"' in client.get(page).content.decode()
    client.force_login(people["auditor"])  # reads the report, may neither claim nor decide
    assert f'href="{url}"' not in client.get(reverse("reports:report", args=[report.pk])).content.decode()
    relevance_claim(actor=people["reporter"], report=report, reason="จังหวัดไม่มีงานบริการด้านนี้")
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert "รอหน่วยงานเจ้าภาพพิจารณา" in page and "รายละเอียดการแจ้ง" in page
    client.force_login(people["psdg_coordinator"])  # the host unit of t-1 decides
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert "พิจารณาการแจ้งว่าไม่เกี่ยวข้องกับหน่วยงาน" in page and f'href="{url}"' in page
