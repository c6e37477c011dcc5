"""Campaigns API: the campaigns the caller may see with their counts against the roster, and the roster
itself, scoped by the policy (roster.view)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Router, Schema

from accounts import policy
from api.auth import AUTH
from api.schemas import errors
from campaigns import selectors
from campaigns.models import Campaign, StaffMember

router = Router(tags=["การแสดงเจตจำนงและการรับทราบ"])


class CampaignOut(Schema):
    id: int
    kind: str
    title: str
    audience: str
    fiscal_year: int
    opens_on: datetime.date
    closes_on: datetime.date
    as_of: datetime.date
    done: int
    total: int
    percent: Decimal | None


class StaffOut(Schema):
    id: int
    code: str
    name: str
    position: str
    executive_level: str
    unit_id: int
    unit: str


@router.get("/campaigns", response={200: list[CampaignOut], **errors(401, 422)}, auth=AUTH,
            summary="การรณรงค์แสดงเจตจำนงและรับทราบ พร้อมจำนวนที่ดำเนินการแล้วตามบัญชีรายชื่อ")
def list_campaigns(request):
    out = []
    for c in policy.scope(request.auth, "campaign.view", Campaign.objects.select_related("agency")):
        day = selectors.as_of_for(c.fiscal_year)
        s = selectors.campaign_share(c, day)
        out.append({"id": c.pk, "kind": c.kind, "title": c.title, "audience": c.audience,
                    "fiscal_year": c.fiscal_year, "opens_on": c.opens_on, "closes_on": c.closes_on,
                    "as_of": day, "done": s.done, "total": s.total,
                    "percent": s.percent.quantize(Decimal("0.01")) if s.percent is not None else None})
    return out


@router.get("/campaigns/roster", response={200: list[StaffOut], **errors(401, 422)}, auth=AUTH,
            summary="บัญชีรายชื่อบุคลากร ณ วันนี้ เฉพาะหน่วยงานที่มีสิทธิ์ดู")
def roster(request):
    members = policy.scope(request.auth, "roster.view", StaffMember.objects.filter(
        StaffMember.active_on(timezone.localdate())).select_related("unit"))
    return [{"id": m.pk, "code": m.code, "name": m.full_name, "position": m.position,
             "executive_level": m.executive_level, "unit_id": m.unit_id, "unit": m.unit.name}
            for m in members]
