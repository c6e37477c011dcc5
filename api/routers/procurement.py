"""Procurement API: published projects with each stage, OCDS per project, annual plans, last year's figures,
and (for staff) the relationship list. Public endpoints also serve staff the unpublished projects
they may see."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from accounts import policy
from api.auth import AUTH, optional_user
from api.params import PAGE_DEFAULT, Code, FiscalYear, Limit, ObjectId, Offset, SearchText
from api.schemas import errors
from org.models import Unit
from procurement import flags as red_flags
from procurement import selectors
from procurement.analysis import year_figures
from procurement.leadtime import check_project
from procurement.models import Project
from procurement.ocds.merge import normalise

router = Router(tags=["จัดซื้อจัดจ้าง"])


class ProjectSummary(Schema):
    id: int
    ocid: str
    title: str
    unit: str
    fiscal_year: int | None
    method: str
    method_label: str
    ocds_method: str
    status: str
    budget: Decimal | None
    reference_price: Decimal | None
    award_amount: Decimal | None
    currency: str
    winner: str
    announced_on: datetime.date | None
    awarded_on: datetime.date | None


class BidOut(Schema):
    supplier: str
    amount: Decimal | None
    status: str
    reason: str


class FlagOut(Schema):
    id: str
    title: str
    explanation: str


class ProjectDetail(ProjectSummary):
    description: str
    budget_source: str
    reference_source: str
    reference_method: str
    criteria: str
    criteria_detail: str
    submission_deadline: datetime.date | None
    lead_time_ok: bool | None
    lead_time_days: int | None
    lead_time_required: int | None
    qualified_on: datetime.date | None
    document_buyers: list[str]
    bids: list[BidOut]
    award_reason: str
    contract_no: str
    contract_signed_on: datetime.date | None
    flags: list[FlagOut]


class PlanItemOut(Schema):
    number: int
    title: str
    budget: Decimal
    method: str
    planned_month: int


class ProcurementPlanOut(Schema):
    id: int
    unit: str
    fiscal_year: int
    title: str
    items: list[PlanItemOut]


class MethodFigures(Schema):
    method: str
    label: str
    count: int
    done: int
    count_share: Decimal | None
    budget_share: Decimal | None
    done_budget: Decimal
    award: Decimal
    saving_budget: Decimal
    saving_reference: Decimal


class YearFiguresOut(Schema):
    unit: str
    fiscal_year: int
    rows: list[MethodFigures]
    total: MethodFigures
    in_progress: int
    stopped: int


class RelationshipOut(Schema):
    id: int
    path: list[str]
    score: float
    status: str
    reason: str
    projects: list[int]
    on_committee: list[int]


def _visible(request):
    user = optional_user(request)
    public = Project.objects.public()
    if user is None:
        return public.select_related("unit", "winner")
    mine = policy.scope(user, "procurement.view", Project.objects.all()).values("pk")
    return (Project.objects.filter(pk__in=public.values("pk"))
            | Project.objects.filter(pk__in=mine)).select_related("unit", "winner")


def _summary(p: Project) -> dict:
    return {"id": p.pk, "ocid": p.ocid, "title": p.title, "unit": p.unit.name, "fiscal_year": p.fiscal_year,
            "method": p.method, "method_label": p.method_label, "ocds_method": p.ocds_method,
            "status": p.status,
            "budget": p.budget, "reference_price": p.reference_price, "award_amount": p.award_amount,
            "currency": p.currency, "winner": p.winner_names, "announced_on": p.announced_on,
            "awarded_on": p.awarded_on}


class OcdsRecordOut(Schema):
    ocid: str
    releases: list[dict]
    compiledRelease: dict  # the OCDS field name


@router.get("/procurement/projects", response={200: list[ProjectSummary], **errors(422)},
            summary="โครงการจัดซื้อจัดจ้าง (ที่เผยแพร่แล้ว)",
            description="ใหม่ก่อน แบ่งหน้าด้วย limit และ offset")
def list_projects(request, fiscal_year: FiscalYear | None = None, method: Code | None = None,
                  q: SearchText | None = None, limit: Limit = PAGE_DEFAULT, offset: Offset = 0):
    qs = selectors.filter_projects(_visible(request), fiscal_year=fiscal_year, method=method, query=q)
    return [_summary(p) for p in qs.order_by("-id")[offset: offset + limit]]


@router.get("/procurement/projects/{project_id}", response={200: ProjectDetail, **errors(404, 422)},
            summary="โครงการพร้อมทุกขั้นตอนและสัญญาณเตือน")
def get_project(request, project_id: ObjectId):
    try:
        p = selectors.project_detail(_visible(request), project_id)
    except Project.DoesNotExist:
        raise Http404("ไม่พบโครงการ") from None
    check = check_project(p)
    show_bids = p.qualified_on is not None or p.status not in (Project.Status.DRAFT, Project.Status.ANNOUNCED)
    return {
        **_summary(p), "description": p.description, "budget_source": p.budget_source,
        "reference_source": p.get_reference_source_display() if p.reference_source else "",
        "reference_method": p.reference_method, "criteria": p.get_criteria_display() if p.criteria else "",
        "criteria_detail": p.criteria_detail, "submission_deadline": p.submission_deadline,
        "lead_time_ok": check.ok, "lead_time_days": check.days, "lead_time_required": check.required,
        "qualified_on": p.qualified_on,
        "document_buyers": [d.supplier.name for d in p.document_buyers.all()] if show_bids else [],
        "bids": [{"supplier": b.supplier.name, "amount": b.amount, "status": b.status,
                  "reason": b.status_reason}
                 for b in p.bids.all()] if show_bids else [],
        "award_reason": p.award_reason, "contract_no": p.contract_no,
        "contract_signed_on": p.contract_signed_on,
        "flags": [{"id": f.id, "title": f.title, "explanation": f.explanation}
                  for f in red_flags.project_flags(p)],
    }


@router.get("/procurement/projects/{project_id}/ocds", response={200: OcdsRecordOut, **errors(404, 422)},
            summary="record ของโครงการตาม OCDS 1.1 (releases + compiledRelease)")
def get_project_ocds(request, project_id: ObjectId):
    p = get_object_or_404(_visible(request), pk=project_id)
    return {"ocid": p.ocid, "releases": [normalise(r.data) for r in p.releases.order_by("seq", "id")],
            "compiledRelease": normalise(p.compiled)}


@router.get("/procurement/plans", response={200: list[ProcurementPlanOut], **errors(422)},
            summary="แผนการจัดซื้อจัดจ้างที่เผยแพร่แล้ว")
def list_plans(request, fiscal_year: FiscalYear | None = None):
    plans = selectors.public_plans().prefetch_related("items")
    if fiscal_year:
        plans = plans.filter(fiscal_year=fiscal_year)
    return [{"id": p.pk, "unit": p.unit.name, "fiscal_year": p.fiscal_year, "title": p.title,
             "items": [{"number": i.number, "title": i.title, "budget": i.budget, "method": i.method,
                        "planned_month": i.planned_month} for i in p.items.all()]} for p in plans]


def _row(r) -> dict:
    return {"method": r.method, "label": r.label, "count": r.count, "done": r.done,
            "count_share": r.count_share,
            "budget_share": r.budget_share, "done_budget": r.done_budget, "award": r.award,
            "saving_budget": r.saving_budget, "saving_reference": r.saving_reference}


@router.get("/procurement/analysis/{unit_id}/{fiscal_year}",
            response={200: YearFiguresOut, **errors(404, 422)},
            summary="ผลการจัดซื้อจัดจ้างของปีงบประมาณ จำแนกตามวิธี (โครงการที่เผยแพร่แล้ว)")
def get_analysis(request, unit_id: ObjectId, fiscal_year: FiscalYear):
    unit = get_object_or_404(Unit, pk=unit_id, is_active=True)
    figures = year_figures(selectors.public_projects().filter(unit__path__startswith=unit.path), fiscal_year)
    return {"unit": unit.name, "fiscal_year": fiscal_year, "rows": [_row(r) for r in figures.rows],
            "total": _row(figures.total), "in_progress": figures.in_progress, "stopped": figures.stopped}


@router.get("/procurement/relationships", response={200: list[RelationshipOut], **errors(401, 403, 404, 422)},
            auth=AUTH, summary="รายชื่อที่แสดงความสัมพันธ์ระหว่างเจ้าหน้าที่กับผู้เสนองาน (เฉพาะเจ้าหน้าที่)")
def list_relationships(request, fiscal_year: FiscalYear | None = None):
    if not policy.can(request.user, "procurement.view"):
        raise Http404
    return [{"id": row["relationship"].pk, "path": [s["label"] for s in row["path"]],
             "score": row["relationship"].score, "status": row["relationship"].status,
             "reason": row["relationship"].reason, "projects": [pid for pid, _ in row["projects"]],
             "on_committee": row["on_committee"]}
            for row in selectors.relationship_list(request.user, fiscal_year)]
