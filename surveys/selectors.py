"""Survey results: per question the count of each score, the share satisfied (4–5 of 5) with its 95 %
confidence interval, and the survey's overall figure.

The overall percent is the mean, over responses, of each response's share of scale answers at 4 or 5 (the
same as the share of all such answers when everyone answers every question). Its interval treats responses,
not answers, as the sample (answers of one person are not independent): mean ± 1.96·s/√n. A question's
interval is the Wilson score interval of its share."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils import timezone

from surveys.models import Answer, Question, Response, Survey

Z = 1.96
SATISFIED = (4, 5)
SCALE = {1: "น้อยที่สุด", 2: "น้อย", 3: "ปานกลาง", 4: "มาก", 5: "มากที่สุด"}


def _d(x: float) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def wilson(k: int, n: int) -> tuple[Decimal, Decimal] | None:
    if n == 0:
        return None
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return _d(max(0.0, centre - half) * 100), _d(min(1.0, centre + half) * 100)


@dataclass
class QuestionResult:
    question: Question
    counts: dict[int, int] = field(default_factory=dict)
    n: int = 0
    satisfied: int = 0
    texts: list[str] = field(default_factory=list)

    @property
    def percent(self) -> Decimal | None:
        return _d(self.satisfied * 100 / self.n) if self.n else None

    @property
    def interval(self):
        return wilson(self.satisfied, self.n)

    @property
    def mean(self) -> Decimal | None:
        return _d(sum(s * c for s, c in self.counts.items()) / self.n) if self.n else None

    def bars(self):
        top = max(self.counts.values(), default=0) or 1
        return [(s, SCALE[s], self.counts.get(s, 0), round(self.counts.get(s, 0) * 100 / top))
                for s in range(5, 0, -1)]


@dataclass
class SurveyResult:
    survey: Survey
    n: int
    percent: Decimal | None
    interval: tuple[Decimal, Decimal] | None
    questions: list[QuestionResult]


def public_surveys_open(agency=None, today=None):
    today = today or timezone.localdate()
    qs = Survey.objects.filter(audience=Survey.Audience.PUBLIC, opens_on__lte=today, closes_on__gte=today)
    return qs.filter(agency=agency) if agency is not None else qs


def survey_for(agency, key: str, fiscal_year: int) -> Survey | None:
    return Survey.objects.filter(agency=agency, key=key, fiscal_year=fiscal_year).first()


def results(survey: Survey, *, texts: bool = True) -> SurveyResult:
    questions = {q.pk: QuestionResult(q) for q in survey.questions.all()}
    for qid, score, count in (Answer.objects.filter(question__survey=survey, score__isnull=False)
                              .values("question", "score").annotate(c=Count("id"))
                              .values_list("question", "score", "c")):
        r = questions[qid]
        r.counts[score] = count
        r.n += count
        if score in SATISFIED:
            r.satisfied += count
    if texts:
        for qid, text in (Answer.objects.filter(question__survey=survey, question__kind=Question.Kind.TEXT)
                          .exclude(text="").order_by("-id").values_list("question", "text")[:200]):
            questions[qid].texts.append(text)
    shares = []
    per_response: dict[int, list[int]] = {}
    for rid, score in Answer.objects.filter(question__survey=survey, score__isnull=False).values_list(
            "response", "score"):
        per_response.setdefault(rid, []).append(score)
    for scores in per_response.values():
        shares.append(sum(1 for s in scores if s in SATISFIED) / len(scores))
    n = Response.objects.filter(survey=survey).count()
    percent = interval = None
    if shares:
        mean = sum(shares) / len(shares)
        percent = _d(mean * 100)
        if len(shares) > 1:
            sd = math.sqrt(sum((s - mean) ** 2 for s in shares) / (len(shares) - 1))
            half = Z * sd / math.sqrt(len(shares))
            interval = (_d(max(0.0, mean - half) * 100), _d(min(1.0, mean + half) * 100))
    return SurveyResult(survey, n, percent, interval, list(questions.values()))
