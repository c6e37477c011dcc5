"""Budget monitoring API: the year's figures per month against the quarterly targets, the disbursement rows
and the follow-up meetings, scoped by the policy (budget.view)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema

from accounts import policy
from api.auth import AUTH
from api.params import FiscalYear
from api.schemas import errors
from budget import months, selectors
from budget.models import Allocation, Disbursement
from org.selectors import agencies, agency_of

router = Router(tags=["ติดตามงบประมาณ"])


class MonthOut(Schema):
    month: int
    label: str
    disbursed: Decimal
    cumulative: Decimal
    cumulative_percent: Decimal | None
    target_percent: Decimal


class YearOut(Schema):
    fiscal_year: int
    allocated: Decimal
    months: list[MonthOut]


class RowOut(Schema):
    unit: str
    unit_code: str
    line: str
    month: int
    amount: Decimal


class MeetingOut(Schema):
    id: int
    month: int
    held_on: datetime.date
    title: str


def _agency(user):
    agency = agency_of(user.unit) if user.unit_id else agencies().first()
    if agency is None or not policy.can(user, "budget.view"):
        raise Http404
    return agency


@router.get("/budget/{fiscal_year}", response={200: YearOut, **errors(401, 404, 422)}, auth=AUTH,
            summary="ผลการเบิกจ่ายสะสมรายเดือนเทียบเป้าหมาย (เฉพาะหน่วยงานที่มีสิทธิ์ดู)")
def year(request, fiscal_year: FiscalYear):
    user = request.auth
    agency = _agency(user)
    figures = selectors.year_figures(agency, fiscal_year,
                                     policy.scope(user, "budget.view", Disbursement.objects.all()),
                                     policy.scope(user, "budget.view", Allocation.objects.all()))
    return {"fiscal_year": fiscal_year, "allocated": figures.allocated, "months": [
        {"month": m, "label": months.label(fiscal_year, m), "disbursed": figures.monthly.get(m, Decimal(0)),
         "cumulative": figures.cumulative(m), "cumulative_percent": figures.percent(m),
         "target_percent": figures.planned_percent(m)} for m in range(1, 13)]}


@router.get("/budget/{fiscal_year}/disbursements", response={200: list[RowOut], **errors(401, 404, 422)},
            auth=AUTH, summary="แถวผลการเบิกจ่ายรายเดือนที่นำเข้า")
def rows(request, fiscal_year: FiscalYear):
    user = request.auth
    agency = _agency(user)
    qs = policy.scope(user, "budget.view", selectors.disbursements(fiscal_year, agency=agency))
    return [{"unit": r.unit.name, "unit_code": r.unit.code, "line": r.line.code, "month": r.month,
             "amount": r.amount} for r in qs.order_by("month", "unit__sort_order", "line__code")]


@router.get("/budget/{fiscal_year}/meetings", response={200: list[MeetingOut], **errors(401, 404, 422)},
            auth=AUTH, summary="การประชุมติดตามการเบิกจ่ายรายเดือน")
def meetings(request, fiscal_year: FiscalYear):
    user = request.auth
    agency = _agency(user)
    return list(policy.scope(user, "budget.view", selectors.meetings(agency, fiscal_year)))
