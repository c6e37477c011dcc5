"""JSON API of the registers (manuals, internal control, healthy workplace, publicity). Lists read through
the policy's scope like the pages; the published manuals are public; writes go through the services."""

from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from api.auth import AUTH
from api.params import NO_NUL, PAGE_DEFAULT, FiscalYear, Limit, ObjectId, Offset
from api.schemas import errors
from org.models import Unit
from registers import selectors
from registers.services import publicity

router = Router(tags=["ทะเบียนคู่มือ ควบคุมภายใน สถานที่ทำงานน่าอยู่ และการประชาสัมพันธ์"])


class ReviewOut(Schema):
    id: int
    unit_id: int
    unit: str
    process: str
    reviewed_on: datetime.date
    fiscal_year: int
    reviewer: str
    outcome: str


class PublishedManualOut(Schema):
    id: int
    unit: str
    process: str
    document_type: str
    version: str
    title: str
    effective_on: datetime.date
    files: list[str]


class SubmissionOut(Schema):
    id: int
    fiscal_year: int
    round: int
    unit_id: int
    unit: str
    submitted_on: datetime.date
    late: bool


class AssessmentOut(Schema):
    id: int
    unit_id: int
    unit: str
    fiscal_year: int
    assessed_on: datetime.date
    clean: bool
    safe: bool
    environment: bool
    lively: bool
    passed: bool
    awards: list[str]


class PublicityOut(Schema):
    id: int
    unit_id: int
    unit: str
    channel: str
    channel_label: str
    published_on: datetime.date
    fiscal_year: int
    title: str
    link: str


class PublicityIn(Schema):
    unit_id: ObjectId
    channel: str = Field(max_length=16, pattern=NO_NUL)
    channel_other: str = Field("", max_length=100, pattern=NO_NUL)
    published_on: datetime.date
    title: str = Field(max_length=300, pattern=NO_NUL)
    link: str = Field("", max_length=500, pattern=NO_NUL)
    note: str = Field("", max_length=2000, pattern=NO_NUL)


def _page(qs, limit, offset):
    return qs[offset:offset + limit]


@router.get("/registers/manual-reviews", auth=AUTH, response={200: list[ReviewOut], **errors(401, 422)},
            summary="การทบทวนคู่มือ/มาตรฐานที่ผู้เรียกดูได้")
def manual_reviews(request, fiscal_year: FiscalYear | None = None, limit: Limit = PAGE_DEFAULT,
                   offset: Offset = 0):
    qs = selectors.reviews_visible(request.auth, fiscal_year).order_by("pk")
    return [ReviewOut(id=r.pk, unit_id=r.process.unit_id, unit=r.process.unit.name, process=r.process.name,
                      reviewed_on=r.reviewed_on, fiscal_year=r.fiscal_year, reviewer=r.reviewer,
                      outcome=r.outcome) for r in _page(qs, limit, offset)]


@router.get("/registers/published-manuals", auth=None,
            response={200: list[PublishedManualOut], **errors(422)},
            summary="คู่มือและมาตรฐานที่เผยแพร่ต่อสาธารณะ")
def published_manuals(request, limit: Limit = PAGE_DEFAULT, offset: Offset = 0):
    from django.urls import reverse

    return [PublishedManualOut(
        id=v.pk, unit=v.process.unit.name, process=v.process.name, document_type=v.document_type,
        version=v.version, title=v.title, effective_on=v.effective_on,
        files=[reverse("registers:public_manual_file", args=[f.pk]) for f in v.files.all()])
        for v in _page(selectors.published_versions(), limit, offset)]


@router.get("/registers/internal-control", auth=AUTH, response={200: list[SubmissionOut], **errors(401, 422)},
            summary="รายงานการควบคุมภายในที่ผู้เรียกดูได้")
def ic_submissions(request, fiscal_year: FiscalYear | None = None, limit: Limit = PAGE_DEFAULT,
                   offset: Offset = 0):
    qs = selectors.ic_submissions_visible(request.auth).order_by("pk")
    if fiscal_year:
        qs = qs.filter(round__fiscal_year=fiscal_year)
    return [SubmissionOut(id=s.pk, fiscal_year=s.round.fiscal_year, round=s.round.number, unit_id=s.unit_id,
                          unit=s.unit.name, submitted_on=s.submitted_on, late=s.is_late)
            for s in _page(qs, limit, offset)]


@router.get("/registers/healthy-workplace", auth=AUTH,
            response={200: list[AssessmentOut], **errors(401, 422)},
            summary="ผลการประเมินสถานที่ทำงานน่าอยู่ที่ผู้เรียกดูได้")
def assessments(request, fiscal_year: FiscalYear | None = None, limit: Limit = PAGE_DEFAULT,
                offset: Offset = 0):
    qs = selectors.assessments_visible(request.auth, fiscal_year).order_by("pk")
    return [AssessmentOut(id=a.pk, unit_id=a.unit_id, unit=a.unit.name, fiscal_year=a.fiscal_year,
                          assessed_on=a.assessed_on, clean=a.clean, safe=a.safe, environment=a.environment,
                          lively=a.lively, passed=a.passed, awards=[w.name for w in a.awards.all()])
            for a in _page(qs, limit, offset)]


def _publicity_out(e) -> PublicityOut:
    return PublicityOut(id=e.pk, unit_id=e.unit_id, unit=e.unit.name, channel=e.channel,
                        channel_label=e.channel_label, published_on=e.published_on, fiscal_year=e.fiscal_year,
                        title=e.title, link=e.link)


@router.get("/registers/publicity", auth=AUTH, response={200: list[PublicityOut], **errors(401, 422)},
            summary="บันทึกการเผยแพร่ประชาสัมพันธ์ที่ผู้เรียกดูได้")
def publicity_list(request, fiscal_year: FiscalYear | None = None, limit: Limit = PAGE_DEFAULT,
                   offset: Offset = 0):
    qs = selectors.publicity_visible(request.auth, fiscal_year).order_by("pk")
    return [_publicity_out(e) for e in _page(qs, limit, offset)]


@router.post("/registers/publicity", auth=AUTH,
             response={201: PublicityOut, **errors(400, 401, 403, 404, 422)},
             summary="บันทึกการเผยแพร่ประชาสัมพันธ์ (ต้องมีลิงก์)")
def publicity_create(request, payload: PublicityIn):
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    entry = publicity.entry_save(actor=request.auth, unit=unit, channel=payload.channel,
                                 channel_other=payload.channel_other, published_on=payload.published_on,
                                 title=payload.title, link=payload.link, note=payload.note)
    return 201, _publicity_out(entry)
