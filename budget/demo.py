"""Demo records of budget monitoring: the fiscal year 2560 lines and allocations, each month's disbursement
(imported as finance would, from a sheet), follow-up meetings for most months, the yearly review, and the
year's spending plan and reports published on the portal."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from budget import months, services
from budget.models import BudgetLine, BudgetPublication
from org.models import Unit

FY = 2560
LINES = (("25001", "แผนงานบุคลากรภาครัฐ"), ("25002", "แผนงานพื้นฐานด้านการพัฒนาสหกรณ์"),
         ("25003", "แผนงานยุทธศาสตร์ส่งเสริมเศรษฐกิจฐานราก"))
UNITS = (("cpd-finance", 1), ("cpd-hr", 1), ("cpd-ict", 1), ("cpd-prov-13", 2))
# Share of the year's allocation spent in each fiscal month (a slow first quarter, as budgets usually go).
PACE = (4, 7, 9, 8, 8, 9, 9, 8, 8, 9, 9, 10)


def load(*, agency, plan) -> str:
    if BudgetLine.objects.filter(agency=agency, fiscal_year=FY).exists():
        return ""
    lines = [services.line_save(actor=None, agency=agency, fiscal_year=FY, code=c, name=n) for c, n in LINES]
    csv_rows = ["หน่วยงาน,รหัสงบ,เดือน,จำนวนเงิน"]
    for code, weight in UNITS:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        for i, line in enumerate(lines):
            amount = Decimal(1_200_000 * weight * (i + 1))
            services.allocation_save(actor=None, line=line, unit=unit, amount=amount)
            for m, share in enumerate(PACE, start=1):
                spent = (amount * share / 100 * Decimal("0.97")).quantize(Decimal("0.01"))
                csv_rows.append(f"{code},{line.code},{months.calendar_month(m)},{spent}")
    services.disbursement_import(actor=None, agency=agency, fiscal_year=FY, uploaded=SimpleUploadedFile(
        "disbursement-2560.csv", ("\n".join(csv_rows) + "\n").encode("utf-8-sig")))
    for q, percent in ((1, "30"), (2, "52"), (3, "77"), (4, "100")):
        services.target_save(actor=None, agency=agency, fiscal_year=FY, quarter=q,
                             cumulative_percent=Decimal(percent), source_note="ค่าเริ่มต้นของระบบ (ตัวอย่าง)")
    for m in range(1, 13):
        if m == 7:  # April: the meeting was not held (Songkran), so the indicator has a gap to show
            continue
        held = months.month_end(FY, m) - datetime.timedelta(days=3)
        services.meeting_record(actor=None, agency=agency, fiscal_year=FY, month=m, held_on=held,
                                title="ประชุมคณะกรรมการติดตามเร่งรัดการใช้จ่ายเงินงบประมาณ",
                                summary=f"ติดตามผลการเบิกจ่ายสะสมถึงเดือน{months.label(FY, m, abbr=False)} "
                                        "และเร่งรัดหน่วยงานที่ต่ำกว่าเป้าหมาย")
    services.review_record(actor=None, agency=agency, reviewed_on=datetime.date(2017, 8, 25), fiscal_year=FY,
                           summary="ทบทวนระบบติดตามการเบิกจ่าย: ให้หน่วยงานส่งผลภายในวันที่ ๕ ของเดือน "
                                   "และนำเข้าจากไฟล์ของกองคลังแทนการพิมพ์ซ้ำ")
    # The portal's budget section (ITA O18–O20) then shows the year's plan and both reports.
    for kind in BudgetPublication.Kind.values:
        services.budget_publish(actor=None, agency=agency, fiscal_year=FY, kind=kind)
    return "ข้อมูลตัวอย่างการติดตามการเบิกจ่ายงบประมาณ ปี ๒๕๖๐"
