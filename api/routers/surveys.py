"""Survey results API (survey.view): per question the count of each score, n, percent satisfied and its
95 % interval. Individual responses are never served."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from accounts import policy
from api.auth import AUTH
from api.params import ObjectId
from api.schemas import errors
from surveys import selectors
from surveys.models import Survey

router = Router(tags=["แบบสำรวจ"])


class QuestionOut(Schema):
    order: int
    text: str
    kind: str
    counts: dict[int, int]
    n: int
    percent_satisfied: Decimal | None
    ci95: list[Decimal] | None


class SurveyOut(Schema):
    id: int
    key: str
    title: str
    audience: str
    fiscal_year: int
    n: int
    percent_satisfied: Decimal | None
    ci95: list[Decimal] | None
    questions: list[QuestionOut]


def _out(survey: Survey) -> dict:
    r = selectors.results(survey, texts=False)
    return {"id": survey.pk, "key": survey.key, "title": survey.title, "audience": survey.audience,
            "fiscal_year": survey.fiscal_year, "n": r.n, "percent_satisfied": r.percent,
            "ci95": list(r.interval) if r.interval else None,
            "questions": [{"order": q.question.order, "text": q.question.text, "kind": q.question.kind,
                           "counts": q.counts, "n": q.n, "percent_satisfied": q.percent,
                           "ci95": list(q.interval) if q.interval else None} for q in r.questions]}


@router.get("/surveys", response={200: list[SurveyOut], **errors(401, 422)}, auth=AUTH,
            summary="ผลแบบสำรวจที่มีสิทธิ์ดู")
def list_surveys(request):
    return [_out(s) for s in policy.scope(request.auth, "survey.view", Survey.objects.all())]


@router.get("/surveys/{survey_id}", response={200: SurveyOut, **errors(401, 404, 422)}, auth=AUTH,
            summary="ผลแบบสำรวจหนึ่งชุด")
def get_survey(request, survey_id: ObjectId):
    survey = get_object_or_404(Survey, pk=survey_id)
    if not policy.can(request.auth, "survey.view", survey):
        raise Http404
    return _out(survey)
