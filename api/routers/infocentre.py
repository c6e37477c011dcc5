"""Information centre API: the published catalogue (public, like its pages), the segmented Thai search
over it, and the monthly statistics of information requests (มาตรา ๑๑), which need inforequest.stats."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema

from accounts import policy
from api.auth import AUTH
from api.params import PAGE_DEFAULT, FiscalYear, Limit, Offset, SearchText
from api.schemas import errors
from core.thai import be_year, month_name
from core.thai import fiscal_year as fiscal_year_of
from infocentre import selectors
from infocentre.models import Document
from org.selectors import agencies, agency_of

router = Router(tags=["ศูนย์ข้อมูลข่าวสาร"])


class DocumentOut(Schema):
    id: int
    title: str
    category: str
    category_label: str
    clause: str
    unit: str
    unit_code: str
    date: datetime.date
    url: str


class MonthStatsOut(Schema):
    month: datetime.date
    label: str
    received: int
    replied: int
    refused: int
    open: int
    late: int


class StatsOut(Schema):
    fiscal_year: int
    months: list[MonthStatsOut]


def _out(request, doc: Document) -> dict:
    return {"id": doc.pk, "title": doc.title, "category": doc.category,
            "category_label": doc.get_category_display(), "clause": doc.clause, "unit": doc.unit.name,
            "unit_code": doc.unit.code, "date": doc.doc_date,
            "url": request.build_absolute_uri(reverse("infocentre:document", args=[doc.pk]))}


@router.get("/info/catalogue", response={200: list[DocumentOut], **errors(422)},
            summary="รายการข้อมูลข่าวสารที่เผยแพร่แล้ว",
            description="ใหม่ก่อน (ตามวันที่ของเอกสาร) แบ่งหน้าด้วย limit และ offset")
def catalogue(request, limit: Limit = PAGE_DEFAULT, offset: Offset = 0):
    docs = selectors.published().order_by("-doc_date", "-id")[offset: offset + limit]
    return [_out(request, d) for d in docs]


@router.get("/info/search", response={200: list[DocumentOut], **errors(422)},
            summary="ค้นหาข้อมูลข่าวสารที่เผยแพร่แล้ว (ตัดคำภาษาไทย)",
            description="เรียงตามความตรงกับคำค้น แบ่งหน้าด้วย limit และ offset")
def search(request, q: SearchText, limit: Limit = PAGE_DEFAULT, offset: Offset = 0):
    return [_out(request, d) for d in selectors.search(q.strip())[offset: offset + limit]]


@router.get("/info/requests/stats", response={200: StatsOut, **errors(401, 403, 404, 422)}, auth=AUTH,
            summary="สถิติคำขอข้อมูลข่าวสาร (มาตรา ๑๑) รายเดือนของปีงบประมาณ",
            description="ไม่ระบุ fiscal_year ได้ปีงบประมาณปัจจุบัน")
def request_stats(request, fiscal_year: FiscalYear | None = None):
    user = request.auth
    # The same guard as the staff page of requests: the counts are the agency's, with no requester in them.
    policy.require(user, "inforequest.stats")
    agency = agency_of(user.unit) if user.unit_id else agencies().order_by("id").first()
    if agency is None:
        raise Http404("ยังไม่มีหน่วยงาน")
    fy = fiscal_year or fiscal_year_of(timezone.localdate())
    return {"fiscal_year": fy, "months": [
        {**row, "label": f"{month_name(row['month'].month)} {be_year(row['month'].year)}"}
        for row in selectors.monthly_statistics(agency, fy)]}
