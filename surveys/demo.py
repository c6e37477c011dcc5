"""Demo surveys: the website satisfaction survey and the staff survey on HR-policy awareness of fiscal year
2560, each with about sixty responses, and this year's website survey open for the portal's box."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from core.thai import fiscal_year, fiscal_year_bounds
from surveys import services
from surveys.models import Survey

WEBSITE_QUESTIONS = [("ข้อมูลบนเว็บไซต์ครบถ้วนและเป็นปัจจุบัน", "likert5"), ("ค้นหาข้อมูลที่ต้องการได้ง่าย", "likert5"),
                     ("ข้อมูลชัดเจน เข้าใจง่าย", "likert5"), ("ความพึงพอใจโดยรวมต่อเว็บไซต์", "likert5"),
                     ("ข้อเสนอแนะเพิ่มเติม", "text")]
HR_QUESTIONS = [("ท่านรับรู้หลักเกณฑ์การประเมินผลการปฏิบัติราชการ", "likert5"),
                ("ท่านรับรู้แนวทางการบริหารทรัพยากรบุคคลของกรม", "likert5"),
                ("ช่องทางการสื่อสารนโยบายด้านบุคคลเข้าถึงง่าย", "likert5"), ("ข้อเสนอแนะ", "text")]
COMMENTS = ["อยากให้มีเมนูค้นหาระเบียบที่ชัดเจนขึ้น", "ข้อมูลจัดซื้อจัดจ้างหาง่ายดี", "ควรปรับให้ใช้บนมือถือได้ดีขึ้น", "",
            "", "ขอบคุณสำหรับข้อมูล"]


def _scores(rng, weights):
    return rng.choices([5, 4, 3, 2, 1], weights=weights)[0]


def _make(agency, key, title, audience, questions, fy, opens, closes):
    survey = services.survey_save(actor=None, agency=agency, key=key, title=title, audience=audience,
                                  fiscal_year=fy, opens_on=opens, closes_on=closes, questions=questions)
    from surveys.models import Question

    Question.objects.filter(survey=survey, kind="text").update(required=False)
    return survey


def load(*, agency, plan) -> str:
    if Survey.objects.filter(agency=agency, fiscal_year=2560).exists():
        return ""
    rng = random.Random(2560)
    start, end = fiscal_year_bounds(2560)
    web = _make(agency, "website", "แบบประเมินความพึงพอใจต่อเว็บไซต์กรมส่งเสริมสหกรณ์", "public",
                WEBSITE_QUESTIONS, 2560, start, end)
    staff = _make(agency, "hr-policy", "แบบสำรวจการรับรู้นโยบายและหลักเกณฑ์การบริหารทรัพยากรบุคคล", "staff",
                  HR_QUESTIONS, 2560, datetime.date(2017, 6, 1), datetime.date(2017, 7, 31))
    for i in range(62):
        day = start + datetime.timedelta(days=rng.randrange(0, 360))
        when = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10))
        answers = {q.pk: (_scores(rng, (38, 44, 13, 4, 1)) if q.kind == "likert5" else rng.choice(COMMENTS))
                   for q in web.questions.all()}
        services.response_submit(survey=web, answers=answers, client_address=f"demo-{i}", now=when)
    tokens = services.invitations_issue(actor=None, survey=staff, count=70)
    for token in tokens[:58]:
        when = timezone.make_aware(datetime.datetime(2017, 6, 15, 10))
        answers = {q.pk: (_scores(rng, (25, 40, 25, 8, 2)) if q.kind == "likert5" else "")
                   for q in staff.questions.all()}
        services.response_submit(survey=staff, answers=answers, token=token, now=when)
    this_year = fiscal_year(timezone.localdate())
    if this_year != 2560:
        s, e = fiscal_year_bounds(this_year)
        _make(agency, "website", "แบบประเมินความพึงพอใจต่อเว็บไซต์กรมส่งเสริมสหกรณ์", "public", WEBSITE_QUESTIONS,
              this_year, s, e)
    return "แบบสำรวจตัวอย่าง: ความพึงพอใจต่อเว็บไซต์และการรับรู้นโยบายบุคคล (ปี ๒๕๖๐)"
