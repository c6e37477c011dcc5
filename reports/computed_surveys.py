"""Computed indicators read from the surveys (plan 1.3.1 website satisfaction, 5.2 ๒ staff awareness of HR
policy): surveys.selectors only."""

from __future__ import annotations

from django.urls import reverse

from core.thai import format_be
from reports.computed import Computation, Inputs, _now, computation
from surveys import selectors


@computation("survey_satisfaction")
def survey_satisfaction(inputs: Inputs) -> Computation:
    """The year's survey named by `params.survey`: the percent satisfied, i.e. the mean over responses of
    each response's share of five-point answers at 4 (มาก) or 5 (มากที่สุด), with n and a 95 % interval."""
    fy = inputs.fiscal_year
    key = inputs.params.get("survey", "")
    survey = selectors.survey_for(inputs.agency, key, fy)
    if survey is None:
        return Computation(None, [], f"ยังไม่มีแบบสำรวจ “{key}” ของปีงบประมาณ พ.ศ. {fy} ในระบบ", _now())
    result = selectors.results(survey, texts=False)
    records = [(f"{survey.title} ({result.n} คน)", reverse("surveys:results", args=[survey.pk]))]
    if result.percent is None:
        return Computation(None, records, f"{survey.title} ยังไม่มีผู้ตอบ", _now())
    interval = (f" ช่วงความเชื่อมั่นร้อยละ ๙๕: {result.interval[0]:.2f}–{result.interval[1]:.2f}"
                if result.interval else "")
    sentence = (f"{survey.title} (เปิดรับ {format_be(survey.opens_on)} ถึง {format_be(survey.closes_on)}) "
                f"มีผู้ตอบ {result.n} คน ร้อยละความพึงพอใจ {result.percent:.2f} คิดจากสัดส่วนคำตอบระดับ "
                f"“มาก” และ “มากที่สุด” (๔–๕ จาก ๕ ระดับ) ของผู้ตอบแต่ละคน เฉลี่ยทุกคน{interval}")
    return Computation(result.percent, records, sentence, _now(), survey.closes_on)
