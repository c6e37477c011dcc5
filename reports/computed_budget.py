"""Computed indicators of budget monitoring (plan 5.3 ๑–๒ and 3.3.2): read from budget.selectors only."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from budget import months, selectors
from core.thai import format_be
from reports.computed import Computation, Inputs, _now, computation


def _today(inputs: Inputs):
    """The date the figures stand at: the round's as-of date, or today outside a round."""
    return inputs.as_of or timezone.localtime(_now()).date()


@computation("budget_monthly_followup")
def budget_monthly_followup(inputs: Inputs) -> Computation:
    """5.3 ๑ "ติดตามและสรุปผลทุกเดือน": the months of the year that have ended by today and have a follow-up
    meeting recorded (reports.achievement expects one per elapsed month)."""
    fy = inputs.fiscal_year
    elapsed = months.elapsed(fy, _today(inputs))
    meetings = list(selectors.meetings(inputs.agency, fy))
    by_month: dict[int, list] = {}
    for m in meetings:
        by_month.setdefault(m.month, []).append(m)
    covered = [m for m in range(1, elapsed + 1) if m in by_month]
    missing = [m for m in range(1, elapsed + 1) if m not in by_month]
    url = reverse("budget:meetings") + f"?fy={fy}"
    records = [(f"{months.label(fy, m)}: {mt.title} (ประชุม {format_be(mt.held_on)})", url)
               for m in covered for mt in by_month[m][:1]]
    if elapsed == 0:
        sentence = f"ปีงบประมาณ พ.ศ. {fy} ยังไม่ครบเดือนแรก"
    else:
        sentence = (f"เดือนที่ผ่านไปแล้วของปีงบประมาณ พ.ศ. {fy} {elapsed} เดือน มีบันทึกการประชุมติดตาม"
                    f"และสรุปผลการเบิกจ่าย {len(covered)} เดือน")
        if missing:
            sentence += " ยังไม่มีบันทึกของเดือน " + ", ".join(months.label(fy, m) for m in missing)
    latest = max((mt.held_on for m in covered for mt in by_month[m]), default=None)
    return Computation(len(covered), records, sentence, _now(), latest)


@computation("budget_disbursement_on_target")
def budget_disbursement_on_target(inputs: Inputs) -> Computation:
    """5.3 ๒ "ร้อยละการเบิกจ่ายเป็นไปตามเป้าหมาย": at the end of the last complete quarter, the cumulative
    disbursement of the whole department as a percent of what the quarter's cumulative target asked
    (100 = exactly on target). The plan gives no number, so the figure is reported without a pass mark."""
    fy = inputs.fiscal_year
    elapsed = months.elapsed(fy, _today(inputs))
    quarter = elapsed // 3
    figures = selectors.agency_year_figures(inputs.agency, fy)
    url = reverse("budget:home") + f"?fy={fy}"
    records = [(f"ผลการเบิกจ่ายและเป้าหมายรายไตรมาส ปีงบประมาณ พ.ศ. {fy}", url)]
    if not figures.allocated:
        return Computation(None, [], f"ยังไม่มีงบประมาณที่ได้รับจัดสรรของปีงบประมาณ พ.ศ. {fy} ในระบบ", _now())
    if quarter == 0:
        return Computation(None, records, f"ปีงบประมาณ พ.ศ. {fy} ยังไม่ครบไตรมาสแรก", _now())
    imported = selectors.imported_months(inputs.agency, fy)
    if not any(m <= quarter * 3 for m in imported):
        return Computation(None, records, f"ยังไม่มีการนำเข้าผลการเบิกจ่ายของปีงบประมาณ พ.ศ. {fy}", _now())
    target, source, entered = figures.targets[quarter]
    actual = figures.percent(quarter * 3)
    value = (actual * 100 / target).quantize(Decimal("0.01")) if target else None
    sentence = (f"ณ สิ้นไตรมาสที่ {quarter} ({format_be(months.month_end(fy, quarter * 3))}) เบิกจ่ายสะสม "
                f"{figures.cumulative(quarter * 3):,.2f} บาท จากงบที่ได้รับจัดสรร {figures.allocated:,.2f} บาท "
                f"คิดเป็นร้อยละ {actual:.2f} เทียบกับเป้าหมายสะสมร้อยละ {target:.2f}"
                f"{'' if entered else ' (' + source + ')'} ค่าที่แสดงคือผลเบิกจ่ายเป็นร้อยละของเป้าหมาย "
                "(๑๐๐ = ตรงตามเป้าหมาย)")
    missing = [m for m in range(1, quarter * 3 + 1) if m not in imported]
    if missing:
        sentence += " ยังไม่มีข้อมูลเดือน " + ", ".join(months.label(fy, m) for m in missing)
    return Computation(value, records, sentence, _now(), months.month_end(fy, quarter * 3))


@computation("budget_monitoring_review")
def budget_monitoring_review(inputs: Inputs) -> Computation:
    """3.3.2 "ทบทวน/ปรับปรุงระบบติดตามฯ ปีละ ๑ ครั้ง": the year's review records of the monitoring system."""
    fy = inputs.fiscal_year
    found = list(selectors.reviews(inputs.agency, fy))
    url = reverse("budget:reviews") + f"?fy={fy}"
    records = [(f"{r} (ทบทวนเมื่อ {format_be(r.reviewed_on)})", url) for r in found]
    if found:
        sentence = (f"มีบันทึกการทบทวน/ปรับปรุงระบบติดตามการเบิกจ่ายปีงบประมาณ พ.ศ. {fy} {len(found)} ครั้ง "
                    f"ล่าสุดเมื่อ {format_be(found[-1].reviewed_on)}")
    else:
        sentence = f"ยังไม่มีบันทึกการทบทวน/ปรับปรุงระบบติดตามการเบิกจ่ายปีงบประมาณ พ.ศ. {fy} ในระบบ"
    return Computation(len(found), records, sentence, _now(), found[-1].reviewed_on if found else None)
