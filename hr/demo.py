"""Demo records of กองการเจ้าหน้าที่ for `setup_demo`: this year's criteria improvement (three of five steps),
job lines with central KPIs for some, the start-of-year KPI setting with a few units done. Also fiscal year
2560, the year of the demo reporting round (reports.demo, figures as of early April 2560): the five steps, the
central KPIs and the first evaluation round closed by every unit, all dated before that round's date, so the
round's computed indicators have records to show. Loads once."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.thai import fiscal_year, fiscal_year_bounds
from hr import services
from hr.models import EvaluationRound, JobLine
from hr.selectors import expected_units

LINES = [
    ("นักวิชาการสหกรณ์", "core", ["ร้อยละของสหกรณ์ที่ได้รับการแนะนำส่งเสริมตามแผน", "จำนวนสหกรณ์ที่ยกระดับมาตรฐาน"]),
    ("นักวิชาการส่งเสริมสหกรณ์", "core", ["จำนวนกลุ่มเกษตรกรที่ได้รับการส่งเสริม"]),
    ("นักทรัพยากรบุคคล", "support", ["ร้อยละของบุคลากรที่มีตัวชี้วัดรายบุคคลภายในเดือนตุลาคม"]),
    ("นักวิชาการเงินและบัญชี", "support", []),
    ("เจ้าพนักงานธุรการ", "support", []),
]


@transaction.atomic
def load(*, agency, plan=None) -> str:
    if JobLine.objects.filter(agency=agency).exists():
        return _round_year(agency)
    actor = User.objects.filter(username="hr").first()
    today = timezone.localdate()
    fy = fiscal_year(today)
    start, _ = fiscal_year_bounds(fy)

    def day(n: int) -> datetime.date:
        return min(today, start + datetime.timedelta(days=n))

    for step, n, ref in ((1, 3, "บันทึกข้อความ กกจ. ที่ 1/2"), (2, 10, "ร่างหลักเกณฑ์ฉบับปรับปรุง"),
                         (3, 20, "มติ อ.ก.พ. กรม ครั้งที่ 1")):
        services.criteria_step_save(actor=actor, agency=agency, fiscal_year=fy, step=step, done_on=day(n),
                                    reference=ref)
    with_kpis = 0
    for name, kind, kpis in LINES:
        line = services.job_line_save(actor=actor, agency=agency, name=name, kind=kind)
        if kpis:
            services.job_line_kpis_save(actor=actor, job_line=line, fiscal_year=fy, kpis="\n".join(kpis),
                                        set_on=day(5))
            with_kpis += 1
    setting = services.round_save(actor=actor, agency=agency, fiscal_year=fy,
                                  number=EvaluationRound.Number.SETTING,
                                  closes_on=start + datetime.timedelta(days=30))
    services.round_save(actor=actor, agency=agency, fiscal_year=fy, number=EvaluationRound.Number.FIRST,
                        closes_on=datetime.date(start.year + 1, 3, 31))
    for i, unit in enumerate(expected_units(agency)[:4]):
        services.unit_complete(actor=actor, round_=setting, unit=unit, completed_on=day(12 + i),
                               staff_count=20 + i, evaluated_count=20 + i if i < 3 else 10)
    done = _round_year(agency)
    return (f"การบริหารงานบุคคล: หลักเกณฑ์การประเมินผล 3 ขั้น สายงาน {len(LINES)} สายงาน (มีตัวชี้วัดกลาง {with_kpis})"
            + (f" {done}" if done else ""))


# The demo reporting round's year (reports.demo.FISCAL_YEAR; hr may not import reports) and its dates.
ROUND_FY = 2560
D = datetime.date
ROUND_STEPS = [
    (1, D(2016, 10, 18), "บันทึกข้อความ กกจ. ที่ กษ 1103/1245 ลงวันที่ 18 ตุลาคม 2559"),
    (2, D(2016, 11, 15), "ร่างหลักเกณฑ์และวิธีการประเมินผลการปฏิบัติราชการ ฉบับปรับปรุง พ.ศ. 2560"),
    (3, D(2016, 12, 20), "มติ อ.ก.พ. กรมส่งเสริมสหกรณ์ ครั้งที่ 12/2559"),
    (4, D(2017, 1, 9), "ประกาศกรมส่งเสริมสหกรณ์ ลงวันที่ 9 มกราคม 2560"),
    (5, D(2017, 2, 14), "หนังสือเวียน ที่ กษ 1103/ว 52 และการประชุมชี้แจงผ่านระบบวีดิทัศน์ทางไกล"),
]


def _round_year(agency) -> str:
    """Fiscal year 2560's records, dated before the demo round's date (once)."""
    from hr.models import CriteriaStep

    actor = User.objects.filter(username="hr").first()
    if actor is None or CriteriaStep.objects.filter(agency=agency, fiscal_year=ROUND_FY).exists():
        return ""
    for step, done_on, ref in ROUND_STEPS:
        services.criteria_step_save(actor=actor, agency=agency, fiscal_year=ROUND_FY, step=step,
                                    done_on=done_on, reference=ref)
    kpis = dict((name, k) for name, _, k in LINES)
    for line in JobLine.objects.filter(agency=agency).order_by("pk"):
        if kpis.get(line.name):
            services.job_line_kpis_save(actor=actor, job_line=line, fiscal_year=ROUND_FY,
                                        kpis="\n".join(kpis[line.name]), set_on=D(2016, 10, 7))
    setting = services.round_save(actor=actor, agency=agency, fiscal_year=ROUND_FY,
                                  number=EvaluationRound.Number.SETTING, closes_on=D(2016, 10, 31))
    first = services.round_save(actor=actor, agency=agency, fiscal_year=ROUND_FY,
                                number=EvaluationRound.Number.FIRST, closes_on=D(2017, 3, 31))
    units = list(expected_units(agency))
    for i, unit in enumerate(units):
        staff = 12 + i % 17
        services.unit_complete(actor=actor, round_=setting, unit=unit, completed_on=D(2016, 10, 20 + i % 10),
                               staff_count=staff, evaluated_count=staff)
        services.unit_complete(actor=actor, round_=first, unit=unit, completed_on=D(2017, 3, 10 + i % 18),
                               staff_count=staff, evaluated_count=staff)
    services.round_complete(actor=actor, round_=setting, completed_on=D(2016, 10, 31))
    services.round_complete(actor=actor, round_=first, completed_on=D(2017, 3, 31))
    return f"ปีงบประมาณ {ROUND_FY}: หลักเกณฑ์ครบ 5 ขั้น และประเมินรอบที่ 1 ครบ {len(units)} หน่วยงาน"
