"""JSON API of the integrity registers: the lists each register's pages show (through the same policy
scope), the year's CoI figures, and the discipline register's counts (never its cases)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Router, Schema

from accounts import policy
from accounts.policy import require
from api.auth import AUTH
from api.params import PAGE_DEFAULT, FiscalYear, Limit, Offset
from api.schemas import errors
from core.thai import fiscal_year as fiscal_year_of
from core.thai import fiscal_year_bounds
from integrity import selectors
from integrity.models import CampaignEvent, ExecutiveReminder, GiftRecord, Issuance

router = Router(tags=["ผลประโยชน์ทับซ้อน ของขวัญ และวินัย"], auth=AUTH)


class EventOut(Schema):
    id: int
    unit: str
    held_on: datetime.date
    title: str
    audience: str
    attendance: int
    by_march: bool


class ReminderOut(Schema):
    id: int
    meeting: str
    met_on: datetime.date
    agenda_item: str
    executive: str


class GiftOut(Schema):
    id: int
    unit: str
    received_on: datetime.date
    giver: str
    description: str
    value: Decimal
    handling: str
    within_limit: bool
    limit_applied: Decimal


class IssuanceOut(Schema):
    id: int
    unit: str
    issuer_name: str
    issuer_position: str
    kind: str
    title: str
    issued_on: datetime.date
    status: str


class DeclarationOut(Schema):
    id: int
    declarant: str
    unit: str
    fiscal_year: int
    declared_on: datetime.date
    occasion: str
    has_interest: bool
    decision: str


class CaseCountsOut(Schema):
    fiscal_year: int
    opened: int
    completed: int
    open_now: int
    from_complaints: int
    by_stage: dict[str, int]
    by_basis: dict[str, int]


def _year(fiscal_year: int | None) -> int:
    return fiscal_year or fiscal_year_of(timezone.localdate())


def _in_year(qs, field: str, fiscal_year: int | None):
    if not fiscal_year:
        return qs
    start, end = fiscal_year_bounds(fiscal_year)
    return qs.filter(**{f"{field}__gte": start, f"{field}__lte": end})


def _register_page(
    request, action: str, queryset, date_field: str, *, fiscal_year: int | None, limit: int, offset: int
):
    """One page of a register through the same policy scope as its pages: the fiscal year by the record's own
    date, oldest first (id breaks ties so pages do not overlap)."""
    require(request.auth, action)
    qs = _in_year(policy.scope(request.auth, action, queryset), date_field, fiscal_year)
    return qs.order_by(date_field, "id")[offset : offset + limit]


@router.get(
    "/integrity/events",
    response={200: list[EventOut], **errors(401, 403, 422)},
    summary="กิจกรรมรณรงค์ผลประโยชน์ทับซ้อน",
    description="by_march: จัดภายในเดือนมีนาคมของปีงบประมาณ",
)
def integrity_event_list(
    request, fiscal_year: FiscalYear | None = None, limit: Limit = PAGE_DEFAULT, offset: Offset = 0
):
    qs = _register_page(
        request, "integrity.coi.view", CampaignEvent.objects.select_related("unit"), "held_on",
        fiscal_year=fiscal_year, limit=limit, offset=offset,
    )
    return [
        {
            "id": e.pk,
            "unit": e.unit.short_name,
            "held_on": e.held_on,
            "title": e.title,
            "audience": e.audience,
            "attendance": e.attendance,
            "by_march": e.held_on <= selectors.march_end(fiscal_year_of(e.held_on)),
        }
        for e in qs
    ]


@router.get(
    "/integrity/reminders",
    response={200: list[ReminderOut], **errors(401, 403, 422)},
    summary="การกำชับในที่ประชุมผู้บริหาร",
)
def integrity_reminder_list(
    request, fiscal_year: FiscalYear | None = None, limit: Limit = PAGE_DEFAULT, offset: Offset = 0
):
    qs = _register_page(
        request, "integrity.coi.view", ExecutiveReminder.objects.all(), "met_on",
        fiscal_year=fiscal_year, limit=limit, offset=offset,
    )
    return [
        {
            "id": r.pk,
            "meeting": r.meeting,
            "met_on": r.met_on,
            "agenda_item": r.agenda_item,
            "executive": r.executive,
        }
        for r in qs
    ]


@router.get(
    "/integrity/gifts",
    response={200: list[GiftOut], **errors(401, 403, 422)},
    summary="ทะเบียนการรับของขวัญ",
    description="within_limit: มูลค่าอยู่ในเกณฑ์ที่ใช้ ณ วันที่ได้รับ",
)
def integrity_gift_list(
    request, fiscal_year: FiscalYear | None = None, limit: Limit = PAGE_DEFAULT, offset: Offset = 0
):
    qs = _register_page(
        request, "integrity.coi.view", GiftRecord.objects.select_related("unit"), "received_on",
        fiscal_year=fiscal_year, limit=limit, offset=offset,
    )
    return [
        {
            "id": g.pk,
            "unit": g.unit.short_name,
            "received_on": g.received_on,
            "giver": g.giver,
            "description": g.description,
            "value": g.value,
            "handling": g.handling,
            "within_limit": g.within_limit,
            "limit_applied": g.limit_applied,
        }
        for g in qs
    ]


@router.get(
    "/integrity/issuances",
    response={200: list[IssuanceOut], **errors(401, 403, 422)},
    summary="การออกกฎ ระเบียบ ประกาศ นโยบาย แผนงาน โครงการของผู้บริหาร",
)
def integrity_issuance_list(
    request, fiscal_year: FiscalYear | None = None, limit: Limit = PAGE_DEFAULT, offset: Offset = 0
):
    qs = _register_page(
        request, "integrity.issuance.view", Issuance.objects.select_related("unit"), "issued_on",
        fiscal_year=fiscal_year, limit=limit, offset=offset,
    )
    return [
        {
            "id": i.pk,
            "unit": i.unit.short_name,
            "issuer_name": i.issuer_name,
            "issuer_position": i.issuer_position,
            "kind": i.kind,
            "title": i.title,
            "issued_on": i.issued_on,
            "status": i.status,
        }
        for i in qs
    ]


@router.get(
    "/integrity/declarations",
    response={200: list[DeclarationOut], **errors(401, 422)},
    summary="การแจ้งส่วนได้เสียที่มีสิทธิ์เห็น",
    description="ของตนเอง ของหน่วยงานที่เป็นหัวหน้า หรือทั้งหมดในขอบเขตของเจ้าหน้าที่ผลประโยชน์ทับซ้อน ทุกการเรียกดูถูกบันทึก",
)
def integrity_declaration_list(
    request, fiscal_year: FiscalYear | None = None, limit: Limit = PAGE_DEFAULT, offset: Offset = 0
):
    qs = selectors.declarations_visible(request.auth)
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    rows = list(qs.order_by("declared_on", "id")[offset : offset + limit])
    selectors.log_list_read(request.auth, "integrity.declaration_read", rows)
    return [
        {
            "id": d.pk,
            "declarant": str(d.declarant),
            "unit": d.unit.short_name,
            "fiscal_year": d.fiscal_year,
            "declared_on": d.declared_on,
            "occasion": d.occasion,
            "has_interest": d.has_interest,
            "decision": d.decision,
        }
        for d in rows
    ]


@router.get(
    "/integrity/coi/statistics",
    response={200: dict, **errors(401, 403, 422)},
    summary="สรุปตัวเลขการป้องกันผลประโยชน์ทับซ้อนของปีงบประมาณ",
)
def integrity_coi_statistics(request, fiscal_year: FiscalYear | None = None):
    user = request.auth
    require(user, "integrity.coi.view")
    year = _year(fiscal_year)
    return {"fiscal_year": year, **selectors.year_statistics(selectors.user_agency(user), year)}


@router.get(
    "/integrity/discipline/counts",
    response={200: CaseCountsOut, **errors(401, 403, 422)},
    summary="จำนวนเรื่องวินัยและการสอบสวน (ไม่เปิดเผยรายละเอียดเรื่อง)",
)
def integrity_discipline_counts(request, fiscal_year: FiscalYear | None = None):
    require(request.auth, "integrity.discipline.counts")
    counts = selectors.case_counts(request.auth, _year(fiscal_year), selectors.user_agency(request.auth))
    return {
        "fiscal_year": counts.fiscal_year,
        "opened": counts.opened,
        "completed": counts.completed,
        "open_now": counts.open_now,
        "from_complaints": counts.from_complaints,
        "by_stage": dict(counts.by_stage),
        "by_basis": dict(counts.by_basis),
    }
