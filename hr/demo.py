"""Demo records of กองการเจ้าหน้าที่ for `setup_demo`: this year's criteria improvement (three of five steps),
job lines with central KPIs for some, the start-of-year KPI setting with a few units done. Loads once."""

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
        return ""
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
    return f"การบริหารงานบุคคล: หลักเกณฑ์การประเมินผล 3 ขั้น สายงาน {len(LINES)} สายงาน (มีตัวชี้วัดกลาง {with_kpis})"
