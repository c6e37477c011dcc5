"""The annual procurement plan, the review of last year, and the minimum-period rules."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record, snapshot
from core.errors import ApplicationError
from org.models import Unit
from procurement.methods import Method
from procurement.models import LeadTimeRule, PlanItem, ProcurementPlan, YearReview

PLAN_FIELDS = ["title", "fiscal_year", "status", "published_at", "note"]
ITEM_FIELDS = ["number", "title", "category", "budget", "budget_source", "method", "planned_month", "note"]
REVIEW_FIELDS = ["risks", "obstacles", "savings", "recommendations"]
RULE_FIELDS = ["method", "min_amount", "max_amount", "min_days", "day_kind", "legal_basis", "status",
               "effective_from", "effective_to", "note"]


@transaction.atomic
def plan_create(*, actor, unit: Unit, fiscal_year: int, title: str = "", note: str = "") -> ProcurementPlan:
    require(actor, "procurement.edit", unit=unit)
    if not 2500 <= int(fiscal_year) <= 2700:
        raise ApplicationError("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2568", field="fiscal_year")
    if ProcurementPlan.objects.filter(unit=unit, fiscal_year=fiscal_year).exists():
        raise ApplicationError(f"มีแผนการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fiscal_year} ของหน่วยงานนี้แล้ว",
                               field="fiscal_year")
    plan = ProcurementPlan.objects.create(
        unit=unit, fiscal_year=fiscal_year, note=note.strip(),
        title=title.strip() or f"แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {fiscal_year} {unit.name}")
    audit_record(actor=actor, action="procurement.plan_create", obj=plan, unit=unit,
                 new=snapshot(plan, PLAN_FIELDS))
    return plan


def _check_item(values: dict) -> None:
    if not (values.get("title") or "").strip():
        raise ApplicationError("กรุณากรอกรายการ", field="title")
    budget = values.get("budget")
    if budget is None or Decimal(budget) <= 0:
        raise ApplicationError("วงเงินต้องมากกว่า 0", field="budget")
    if values.get("method") not in Method.values:
        raise ApplicationError("กรุณาเลือกวิธีจัดซื้อจัดจ้าง", field="method")
    if not 1 <= int(values.get("planned_month") or 0) <= 12:
        raise ApplicationError("กรุณาเลือกเดือนที่คาดว่าจะประกาศ", field="planned_month")


@transaction.atomic
def plan_item_add(*, actor, plan: ProcurementPlan, **values) -> PlanItem:
    require(actor, "procurement.edit", plan)
    _check_item(values)
    number = (plan.items.aggregate(m=Max("number"))["m"] or 0) + 1
    item = PlanItem.objects.create(plan=plan, number=number,
                                   **{k: v for k, v in values.items() if k != "number"})
    audit_record(actor=actor, action="procurement.plan_item_add", obj=plan, unit=plan.unit,
                 new=snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def plan_item_update(*, actor, item: PlanItem, **values) -> PlanItem:
    require(actor, "procurement.edit", item)
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    _check_item({**{f: getattr(item, f) for f in ITEM_FIELDS}, **values})
    old = snapshot(item, ITEM_FIELDS)
    for key, value in values.items():
        setattr(item, key, value)
    item.save()
    audit_record(actor=actor, action="procurement.plan_item_update", obj=item.plan, unit=item.plan.unit,
                 old=old, new=snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def plan_item_delete(*, actor, item: PlanItem) -> None:
    require(actor, "procurement.edit", item)
    if item.projects.exists():
        raise ApplicationError("รายการนี้มีโครงการอ้างอิงอยู่ ลบไม่ได้")
    audit_record(actor=actor, action="procurement.plan_item_delete", obj=item.plan, unit=item.plan.unit,
                 old=snapshot(item, ITEM_FIELDS))
    item.delete()


@transaction.atomic
def plan_publish(*, actor, plan: ProcurementPlan) -> ProcurementPlan:
    require(actor, "procurement.edit", plan)
    plan = ProcurementPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.items.exists():
        raise ApplicationError("แผนยังไม่มีรายการ")
    old = snapshot(plan, PLAN_FIELDS)
    plan.status = ProcurementPlan.Status.PUBLISHED
    plan.published_at = plan.published_at or timezone.now()
    plan.save()
    audit_record(actor=actor, action="procurement.plan_publish", obj=plan, unit=plan.unit, old=old,
                 new=snapshot(plan, PLAN_FIELDS))
    return plan


@transaction.atomic
def review_save(*, actor, unit: Unit, fiscal_year: int, **texts) -> YearReview:
    require(actor, "procurement.edit", unit=unit)
    unknown = set(texts) - set(REVIEW_FIELDS)
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    review, _ = YearReview.objects.select_for_update().get_or_create(unit=unit, fiscal_year=fiscal_year)
    old = snapshot(review, REVIEW_FIELDS)
    for key, value in texts.items():
        setattr(review, key, (value or "").strip())
    review.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    review.save()
    audit_record(actor=actor, action="procurement.review_save", obj=review, unit=unit, old=old,
                 new=snapshot(review, REVIEW_FIELDS))
    return review


@transaction.atomic
def leadtime_rule_save(*, actor, rule: LeadTimeRule | None = None, **values) -> LeadTimeRule:
    """Create or change a minimum-period row. Rows are never deleted: a superseded rule gets an end date."""
    require(actor, "procurement.rules")  # the legal minimum periods apply department-wide
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    target = rule or LeadTimeRule()
    old = snapshot(target, RULE_FIELDS) if rule else None
    for key, value in values.items():
        setattr(target, key, value)
    if target.method not in Method.values:
        raise ApplicationError("กรุณาเลือกวิธีจัดซื้อจัดจ้าง", field="method")
    if not target.min_days or target.min_days < 1:
        raise ApplicationError("ระยะเวลาขั้นต่ำต้องอย่างน้อย 1 วัน", field="min_days")
    if (target.min_amount is not None and target.max_amount is not None
            and target.min_amount >= target.max_amount):
        raise ApplicationError("ช่วงวงเงินไม่ถูกต้อง", field="max_amount")
    if target.effective_to and target.effective_to < target.effective_from:
        raise ApplicationError("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มใช้", field="effective_to")
    if not (target.legal_basis or "").strip():
        raise ApplicationError("กรุณาระบุอ้างอิงกฎหมายหรือระเบียบ", field="legal_basis")
    target.save()
    audit_record(actor=actor, action="procurement.leadtime_rule", obj=target, old=old,
                 new=snapshot(target, RULE_FIELDS))
    return target
