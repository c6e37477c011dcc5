"""Writes of the surveys: the survey and its questions (by its owner: ICT for the website, HR for staff),
invitations for staff surveys, and anonymous responses."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts import policy
from audit.services import audit_record
from core.errors import ApplicationError
from core.thai import format_be
from surveys.models import Answer, Invitation, Question, Response, SubmitCounter, Survey

MAX_TEXT = 2000


def _hash(token: str) -> str:
    return hashlib.sha256(f"survey-invitation:{token.strip()}".encode()).hexdigest()


def _manage_action(audience: str) -> str:
    return "survey.manage_public" if audience == Survey.Audience.PUBLIC else "survey.manage_staff"


def survey_save(*, actor, agency, key: str, title: str, audience: str, fiscal_year: int, opens_on, closes_on,
                description: str = "", questions=()) -> Survey:
    """Create or update the survey `key` of the year; `questions` [(text, kind)] are added when new."""
    policy.require(actor, _manage_action(audience), unit=agency)
    if audience not in Survey.Audience.values:
        raise ApplicationError("ไม่รู้จักกลุ่มผู้ตอบนี้", field="audience")
    if closes_on < opens_on:
        raise ApplicationError("วันปิดรับต้องไม่ก่อนวันเปิดรับ", field="closes_on")
    if not title.strip():
        raise ApplicationError("กรุณากรอกชื่อแบบสำรวจ", field="title")
    with transaction.atomic():
        survey = Survey.objects.filter(agency=agency, key=key, fiscal_year=fiscal_year).first()
        old = None
        if survey is not None:
            policy.require(actor, survey.manage_action, unit=agency)
            old = {"title": survey.title, "opens_on": format_be(survey.opens_on),
                   "closes_on": format_be(survey.closes_on)}
        else:
            survey = Survey(agency=agency, key=key, fiscal_year=fiscal_year, audience=audience)
        survey.title, survey.description = title.strip(), description.strip()
        survey.opens_on, survey.closes_on = opens_on, closes_on
        survey.save()
        for order, (text, kind) in enumerate(questions, start=1):
            Question.objects.get_or_create(survey=survey, order=order, defaults={"text": text, "kind": kind})
        audit_record(actor=actor, action="survey.save", obj=survey, old=old, unit=agency,
                     new={"title": survey.title, "opens_on": format_be(opens_on),
                          "closes_on": format_be(closes_on)})
    return survey


def question_save(*, actor, survey: Survey, text: str, kind: str, order: int | None = None,
                  required: bool = True) -> Question:
    policy.require(actor, survey.manage_action, unit=survey.agency)
    if not text.strip():
        raise ApplicationError("กรุณากรอกคำถาม", field="text")
    if kind not in Question.Kind.values:
        raise ApplicationError("ไม่รู้จักชนิดคำถามนี้", field="kind")
    if survey.responses.exists():
        raise ApplicationError("แบบสำรวจมีผู้ตอบแล้ว เพิ่มหรือแก้คำถามไม่ได้ (ผลจะเทียบกันไม่ได้)", field="text")
    with transaction.atomic():
        order = order or (survey.questions.count() + 1)
        question, _ = Question.objects.update_or_create(
            survey=survey, order=order, defaults={"text": text.strip(), "kind": kind, "required": required})
        audit_record(actor=actor, action="survey.question_save", obj=question, unit=survey.agency,
                     new={"order": order, "text": question.text, "kind": kind})
    return question


def invitations_issue(*, actor, survey: Survey, count: int) -> list[str]:
    """`count` one-time codes for a staff survey; the codes are shown once and only their hashes kept."""
    policy.require(actor, survey.manage_action, unit=survey.agency)
    if survey.audience != Survey.Audience.STAFF:
        raise ApplicationError("รหัสเชิญใช้กับแบบสำรวจบุคลากรเท่านั้น", field="count")
    if not 1 <= count <= 5000:
        raise ApplicationError("ออกรหัสได้ครั้งละ 1–5,000 รหัส", field="count")
    tokens = [secrets.token_urlsafe(9) for _ in range(count)]
    with transaction.atomic():
        Invitation.objects.bulk_create([Invitation(survey=survey, token_hash=_hash(t)) for t in tokens])
        audit_record(actor=actor, action="survey.invite", obj=survey, unit=survey.agency,
                     new={"count": count})
    return tokens


class TooManyResponses(ApplicationError):
    def __init__(self, limit: int):
        super().__init__(f"มีการส่งแบบสำรวจจากเครื่องนี้ครบ {limit} ครั้งในหนึ่งชั่วโมงแล้ว กรุณาลองใหม่ภายหลัง "
                         "(คำตอบที่เลือกไว้ยังอยู่ครบ)")


def _limit() -> int:
    return int(getattr(settings, "PRONGSAI_SURVEY_LIMIT_PER_HOUR", 5))


def _throttle(client_address: str | None, now: dt.datetime) -> str:
    from complaints.services.throttle import client_key, period_start

    key = client_key("survey-client", client_address, now)
    counter = SubmitCounter.objects.filter(key=key, window_start=period_start(now)).first()
    if _limit() and counter is not None and counter.count >= _limit():
        raise TooManyResponses(_limit())
    return key


def _count(key: str, now: dt.datetime) -> None:
    from complaints.services.throttle import period_start

    start = period_start(now)
    counter, created = SubmitCounter.objects.get_or_create(key=key, window_start=start, defaults={"count": 1})
    if not created:
        SubmitCounter.objects.filter(pk=counter.pk).update(count=F("count") + 1)
    SubmitCounter.objects.filter(window_start__lt=start).delete()


def _answer(q: Question, value) -> Answer | None:
    """The answer to one question, None if left blank; a score outside the scale is refused."""
    if q.kind != Question.Kind.LIKERT5:
        text = (value or "").strip()[:MAX_TEXT]
        return Answer(question=q, text=text) if text else None
    if value in (None, ""):
        return None
    try:
        score = int(value)
    except (TypeError, ValueError):
        score = -1
    if not 1 <= score <= 5:
        raise ApplicationError(f"คำตอบข้อ {q.order} ต้องเป็นระดับ 1–5", field=f"q{q.pk}")
    return Answer(question=q, score=score)


def _clean_answers(survey: Survey, answers: dict) -> list[Answer]:
    rows, missing = [], []
    for q in survey.questions.all():
        answer = _answer(q, answers.get(q.pk))
        if answer is not None:
            rows.append(answer)
        elif q.required:
            missing.append(q.order)
    if missing:
        raise ApplicationError("กรุณาตอบข้อ " + ", ".join(str(m) for m in missing), field=None)
    if not rows:
        raise ApplicationError("กรุณาตอบอย่างน้อยหนึ่งข้อ")
    return rows


def response_submit(*, survey: Survey, answers: dict, token: str = "", client_address: str | None = None,
                    now: dt.datetime | None = None) -> None:
    """Store one anonymous response. Staff surveys take a one-time invitation code; public surveys a limit
    per client per hour. Nothing about the respondent is stored (no address, no time of day, no code)."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    if not survey.opens_on <= today <= survey.closes_on:
        raise ApplicationError(f"แบบสำรวจนี้เปิดรับระหว่าง {format_be(survey.opens_on)} ถึง "
                               f"{format_be(survey.closes_on)}")
    rows = _clean_answers(survey, answers)
    with transaction.atomic():
        if survey.audience == Survey.Audience.STAFF:
            used = Invitation.objects.filter(survey=survey, token_hash=_hash(token or ""), used=False).update(
                used=True)
            if not used:
                raise ApplicationError("รหัสเชิญไม่ถูกต้องหรือถูกใช้ไปแล้ว", field="token")
        else:
            key = _throttle(client_address, now)
            _count(key, now)
        response = Response.objects.create(survey=survey, submitted_on=today)
        for a in rows:
            a.response = response
        Answer.objects.bulk_create(rows)
