"""The two survey indicators as a round shows them, on the real plan."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from reports.indicator_values import COMPUTED, round_indicator_values
from surveys import services

pytestmark = pytest.mark.django_db


def test_website_and_staff_satisfaction_are_computed_from_responses(make_user):
    from reports.services import round_create, round_open
    from site_shell.demo import load_department

    agency, plan = load_department()
    admin = make_user("planadmin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd"))
    round_ = round_open(actor=admin, round_=round_create(
        actor=admin, plan=plan, fiscal_year=2560, name="รอบสิ้นปี", kind="annual",
        opens_on=datetime.date(2017, 10, 1), due_on=datetime.date(2017, 10, 31)))
    values = {v.indicator.key: v for v in round_indicator_values(round_)}
    assert values["1.3.1-a/1"].source == COMPUTED and values["1.3.1-a/1"].value is None
    assert "ยังไม่มีแบบสำรวจ “website”" in values["1.3.1-a/1"].verdict.explanation

    ict = make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))
    hr = make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))
    today = timezone.localdate()
    web = services.survey_save(actor=ict, agency=agency, key="website", title="ความพึงพอใจเว็บไซต์",
                               audience="public", fiscal_year=2560, opens_on=today, closes_on=today,
                               questions=[("ข้อมูลครบถ้วน", "likert5")])
    staff = services.survey_save(actor=hr, agency=agency, key="hr-policy", title="การรับรู้นโยบาย HR",
                                 audience="staff", fiscal_year=2560, opens_on=today, closes_on=today,
                                 questions=[("รับรู้หลักเกณฑ์", "likert5")])
    for i, score in enumerate([5, 4, 4, 3, 5]):  # 4 of 5 satisfied
        services.response_submit(survey=web, answers={web.questions.get().pk: score}, client_address=f"c{i}")
    for token, score in zip(services.invitations_issue(actor=hr, survey=staff, count=2), [2, 5], strict=True):
        services.response_submit(survey=staff, answers={staff.questions.get().pk: score}, token=token)

    values = {v.indicator.key: v for v in round_indicator_values(round_)}
    website = values["1.3.1-a/1"]
    assert website.value == Decimal("80.00") and website.verdict.status == "met"  # ร้อยละ ๘๐
    assert "มีผู้ตอบ 5 คน" in website.verdict.explanation and "ช่วงความเชื่อมั่น" in website.verdict.explanation
    assert website.provenance == [("ความพึงพอใจเว็บไซต์ (5 คน)", reverse("surveys:results", args=[web.pk]))]
    assert values["5.2-a/2"].value == Decimal("50.00")
