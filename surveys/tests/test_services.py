"""Surveys: questions as data, anonymous answers (no address kept), one response per invitation, a limit per
hour on the public form, results with n and intervals, and the two computed indicators."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from accounts.models import Role
from accounts.policy import Denied
from core.errors import ApplicationError
from surveys import selectors, services
from surveys.models import Answer, Invitation, Question, Response, SubmitCounter

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def ict(make_user):
    return make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))


@pytest.fixture
def website(agency, ict):
    return services.survey_save(actor=ict, agency=agency, key="website", title="ความพึงพอใจต่อเว็บไซต์",
                                audience="public", fiscal_year=2560,
                                opens_on=TODAY - datetime.timedelta(days=5),
                                closes_on=TODAY + datetime.timedelta(days=5),
                                questions=[("ข้อมูลครบถ้วน", "likert5"), ("ค้นหาง่าย", "likert5"),
                                           ("ข้อเสนอแนะ", "text")])


def _answers(survey, *scores, text=""):
    qs = list(survey.questions.all())
    out = {q.pk: s for q, s in zip(qs, scores, strict=False)}
    out[qs[-1].pk] = text
    return out


def test_questions_are_data_and_the_owner_is_the_ict_centre(agency, website, make_user):
    Question.objects.filter(survey=website, kind="text").update(required=False)
    assert [q.kind for q in website.questions.all()] == ["likert5", "likert5", "text"]
    hr = make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))
    with pytest.raises(Denied):
        services.question_save(actor=hr, survey=website, text="x", kind="likert5")


@override_settings(PRONGSAI_SURVEY_LIMIT_PER_HOUR=2)
def test_public_responses_keep_no_address_and_are_limited_per_hour(website):
    Question.objects.filter(survey=website, kind="text").update(required=False)
    services.response_submit(survey=website, answers=_answers(website, 5, 4), client_address="203.0.113.9")
    services.response_submit(survey=website, answers=_answers(website, 3, 2, text="ดี"),
                             client_address="203.0.113.9")
    with pytest.raises(services.TooManyResponses):
        services.response_submit(survey=website, answers=_answers(website, 5, 5),
                                 client_address="203.0.113.9")
    services.response_submit(survey=website, answers=_answers(website, 5, 5), client_address="198.51.100.1")
    assert Response.objects.count() == 3
    stored = [str(v) for m in (Response, Answer, SubmitCounter)
              for row in m.objects.values() for v in row.values()]
    assert not any("203.0.113.9" in v or "198.51.100.1" in v for v in stored)
    assert {f.name for f in Response._meta.get_fields()} == {"id", "survey", "submitted_on", "answers"}


def test_a_bad_or_missing_answer_is_refused_in_thai(website):
    qs = list(website.questions.all())
    with pytest.raises(ApplicationError, match="กรุณาตอบข้อ 2, 3"):
        services.response_submit(survey=website, answers={qs[0].pk: 4}, client_address="x")
    with pytest.raises(ApplicationError, match="ระดับ 1–5"):
        services.response_submit(survey=website, answers={qs[0].pk: 7, qs[1].pk: 1, qs[2].pk: "x"},
                                 client_address="x")
    assert Response.objects.count() == 0


def test_a_staff_invitation_is_used_once_and_not_linked_to_the_answers(agency, make_user):
    hr = make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))
    survey = services.survey_save(actor=hr, agency=agency, key="hr-policy", title="การรับรู้นโยบาย HR",
                                  audience="staff", fiscal_year=2560, opens_on=TODAY, closes_on=TODAY,
                                  questions=[("รับรู้นโยบาย", "likert5")])
    token, = services.invitations_issue(actor=hr, survey=survey, count=1)
    assert not Invitation.objects.filter(token_hash__contains=token).exists()
    q = survey.questions.get()
    services.response_submit(survey=survey, answers={q.pk: 4}, token=token)
    with pytest.raises(ApplicationError, match="ถูกใช้ไปแล้ว"):
        services.response_submit(survey=survey, answers={q.pk: 5}, token=token)
    with pytest.raises(ApplicationError, match="รหัสเชิญไม่ถูกต้อง"):
        services.response_submit(survey=survey, answers={q.pk: 5}, token="")
    assert Response.objects.count() == 1 and Invitation.objects.get().used


def test_results_give_counts_share_and_intervals(website):
    Question.objects.filter(survey=website, kind="text").update(required=False)
    for a, b in [(5, 5), (4, 2), (3, 3), (5, 4)]:
        services.response_submit(survey=website, answers=_answers(website, a, b), client_address=f"c{a}{b}")
    result = selectors.results(website)
    first = result.questions[0]
    assert first.counts == {5: 2, 4: 1, 3: 1} and first.n == 4 and first.satisfied == 3
    assert str(first.percent) == "75.00"
    low, high = first.interval
    assert low < first.percent < high and str(low) == "30.06"  # Wilson 3/4
    # Per response: 1, 0.5, 0, 1 -> mean 62.5
    assert result.n == 4 and str(result.percent) == "62.50"
    assert result.interval[0] < result.percent < result.interval[1]
