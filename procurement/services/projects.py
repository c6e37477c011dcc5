"""Recording a project from preparation to announcement: basic data, reference price, committees, call."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record, snapshot
from core.errors import ApplicationError
from core.thai import fiscal_year_bounds
from org.models import Unit
from procurement.leadtime import check_project
from procurement.methods import Method, ocds_method
from procurement.models import CommitteeMember, Official, PlanItem, Project
from procurement.ocds.build import ocid_prefix
from procurement.services.releases import release_record

PROJECT_FIELDS = [
    "title", "description", "fiscal_year", "category", "method", "method_rationale", "budget",
    "budget_source", "reference_price", "reference_source", "reference_method", "reference_date", "criteria",
    "criteria_detail", "announcement_no", "announced_on", "submission_deadline", "qualified_on", "status",
    "awarded_on", "award_amount", "award_reason", "winner", "contract_no", "contract_signed_on",
    "contract_amount", "completed_on", "cancel_reason", "plan_item", "published_at",
]
BASIC_FIELDS = ["title", "description", "fiscal_year", "category", "method", "method_rationale", "budget",
                "budget_source", "plan_item"]
S = Project.Status
FINAL = {S.COMPLETED, S.CANCELLED, S.UNSUCCESSFUL}


def locked(project: Project) -> Project:
    """The project row, locked for this transaction, refusing records that are not ours to change."""
    project = (Project.objects.select_for_update(of=("self",))
               .select_related("unit", "winner", "plan_item__plan").get(pk=project.pk))
    if not project.is_editable:
        raise ApplicationError("โครงการนี้นำเข้าจากข้อมูล OCDS ของผู้เผยแพร่อื่น แก้ไขในระบบนี้ไม่ได้")
    return project


def require_status(project: Project, *allowed: str, doing: str) -> None:
    if project.status not in allowed:
        raise ApplicationError(f"{doing}ไม่ได้ เพราะโครงการอยู่ในสถานะ \"{project.get_status_display()}\"")


def _positive(value: Decimal | None, label: str, field: str, *, required: bool = True) -> None:
    if value is None:
        if required:
            raise ApplicationError(f"กรุณากรอก{label}", field=field)
        return
    if value <= 0:
        raise ApplicationError(f"{label}ต้องมากกว่า 0", field=field)


def _check_basic(values: dict) -> None:
    if not (values.get("title") or "").strip():
        raise ApplicationError("กรุณากรอกชื่อโครงการ", field="title")
    if values.get("method") not in Method.values:
        raise ApplicationError("กรุณาเลือกวิธีจัดซื้อจัดจ้าง", field="method")
    fy = values.get("fiscal_year")
    if not fy or not 2500 <= int(fy) <= 2700:
        raise ApplicationError("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2568", field="fiscal_year")
    _positive(values.get("budget"), "วงเงินงบประมาณ", "budget")
    item: PlanItem | None = values.get("plan_item")
    if item is not None and item.plan.fiscal_year != int(fy):
        raise ApplicationError("รายการในแผนต้องเป็นของปีงบประมาณเดียวกับโครงการ", field="plan_item")


def _audit(actor, action: str, project: Project, old: dict | None, note: str = "") -> None:
    audit_record(actor=actor, action=action, obj=project, old=old, new=snapshot(project, PROJECT_FIELDS),
                 unit=project.unit, note=note)


@transaction.atomic
def project_create(*, actor, unit: Unit, title: str, fiscal_year: int, method: str, budget: Decimal,
                   category: str = "", description: str = "", budget_source: str = "",
                   method_rationale: str = "", plan_item: PlanItem | None = None) -> Project:
    require(actor, "procurement.edit", unit=unit)
    values = {"title": title, "fiscal_year": fiscal_year, "method": method, "budget": budget,
              "plan_item": plan_item}
    _check_basic(values)
    if plan_item is not None and not unit.path.startswith(plan_item.plan.unit.path):
        raise ApplicationError("รายการในแผนต้องเป็นของหน่วยงานเดียวกัน", field="plan_item")
    project = Project.objects.create(
        unit=unit, ocid=f"pending-{uuid.uuid4().hex}", title=title.strip(), fiscal_year=fiscal_year,
        method=method, ocds_method=ocds_method(method), budget=budget, category=category,
        description=description.strip(), budget_source=budget_source.strip(),
        method_rationale=method_rationale.strip(), plan_item=plan_item,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    project.ocid = f"{ocid_prefix(unit)}-{project.pk:06d}"
    project.save(update_fields=["ocid"])
    _audit(actor, "procurement.create", project, None)
    release_record(project, tag="planning")
    return project


@transaction.atomic
def project_update(*, actor, project: Project, **values) -> Project:
    require(actor, "procurement.edit", project)
    project = locked(project)
    unknown = set(values) - set(BASIC_FIELDS)
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ในขั้นตอนนี้ไม่ได้")
    if project.status in FINAL:
        raise ApplicationError("โครงการสิ้นสุดแล้ว แก้ไขข้อมูลไม่ได้")
    merged = {**{f: getattr(project, f) for f in BASIC_FIELDS}, **values}
    _check_basic(merged)
    if project.status != S.DRAFT and values.get("method", project.method) != project.method:
        raise ApplicationError("ประกาศเชิญชวนแล้ว เปลี่ยนวิธีจัดซื้อจัดจ้างไม่ได้ ต้องยกเลิกและเริ่มโครงการใหม่",
                               field="method")
    old = snapshot(project, PROJECT_FIELDS)
    for name, value in values.items():
        setattr(project, name, value.strip() if isinstance(value, str) else value)
    project.ocds_method = ocds_method(project.method)
    project.save()
    _audit(actor, "procurement.update", project, old)
    release_record(project, tag="planningUpdate" if project.status == S.DRAFT else "tenderUpdate")
    return project


@transaction.atomic
def project_set_reference(*, actor, project: Project, reference_price: Decimal, reference_source: str,
                          reference_method: str, reference_date: datetime.date | None = None) -> Project:
    """ราคากลาง and how it was calculated (ม.๔): disclosed with the invitation."""
    require(actor, "procurement.edit", project)
    project = locked(project)
    require_status(project, S.DRAFT, S.ANNOUNCED, doing="กำหนดราคากลาง")
    _positive(reference_price, "ราคากลาง", "reference_price")
    if reference_source not in Project.ReferenceSource.values:
        raise ApplicationError("กรุณาเลือกที่มาของราคากลางตามมาตรา ๔", field="reference_source")
    if not (reference_method or "").strip():
        raise ApplicationError("กรุณาอธิบายวิธีการคำนวณราคากลาง", field="reference_method")
    old = snapshot(project, PROJECT_FIELDS)
    project.reference_price = reference_price
    project.reference_source = reference_source
    project.reference_method = reference_method.strip()
    project.reference_date = reference_date
    project.save()
    note = ""
    if project.budget is not None and reference_price > project.budget:
        note = "ราคากลางสูงกว่าวงเงินงบประมาณ"
    _audit(actor, "procurement.reference", project, old, note)
    release_record(project, tag="planningUpdate" if project.status == S.DRAFT else "tenderUpdate")
    return project


@transaction.atomic
def committee_member_add(*, actor, project: Project, committee: str, official: Official,
                         role: str = CommitteeMember.Role.MEMBER) -> CommitteeMember:
    require(actor, "procurement.edit", project)
    project = locked(project)
    if project.status in FINAL:
        raise ApplicationError("โครงการสิ้นสุดแล้ว แก้ไขคณะกรรมการไม่ได้")
    if committee not in CommitteeMember.Committee.values or role not in CommitteeMember.Role.values:
        raise ApplicationError("กรุณาเลือกคณะกรรมการและตำแหน่ง")
    if project.committee.filter(committee=committee, official=official).exists():
        raise ApplicationError(f"{official.name} อยู่ในคณะกรรมการนี้แล้ว", field="official")
    member = CommitteeMember.objects.create(project=project, committee=committee, official=official,
                                            role=role)
    audit_record(actor=actor, action="procurement.committee_add", obj=project, unit=project.unit,
                 new={"committee": member.get_committee_display(), "official": official.name,
                      "role": member.get_role_display()})
    release_record(project, tag="planningUpdate" if project.status == S.DRAFT else "tenderUpdate")
    return member


@transaction.atomic
def committee_member_remove(*, actor, member: CommitteeMember) -> None:
    require(actor, "procurement.edit", member.project)
    project = locked(member.project)
    if project.status in FINAL:
        raise ApplicationError("โครงการสิ้นสุดแล้ว แก้ไขคณะกรรมการไม่ได้")
    audit_record(actor=actor, action="procurement.committee_remove", obj=project, unit=project.unit,
                 old={"committee": member.get_committee_display(), "official": member.official.name,
                      "role": member.get_role_display()})
    member.delete()
    release_record(project, tag="planningUpdate" if project.status == S.DRAFT else "tenderUpdate")


@transaction.atomic
def project_announce(*, actor, project: Project, announced_on: datetime.date,
                     submission_deadline: datetime.date, criteria: str, criteria_detail: str = "",
                     announcement_no: str = "") -> Project:
    """Publish the invitation: from here on the project and each later step are public."""
    require(actor, "procurement.edit", project)
    project = locked(project)
    require_status(project, S.DRAFT, doing="ประกาศเชิญชวน")
    if project.reference_price is None:
        raise ApplicationError("ต้องกำหนดราคากลางและวิธีการคำนวณก่อนประกาศเชิญชวน")
    if criteria not in Project.Criteria.values:
        raise ApplicationError("กรุณาเลือกหลักเกณฑ์การพิจารณาคัดเลือก", field="criteria")
    if submission_deadline < announced_on:
        raise ApplicationError("วันสุดท้ายของการยื่นข้อเสนอต้องไม่ก่อนวันที่ประกาศ", field="submission_deadline")
    start, end = fiscal_year_bounds(project.fiscal_year)
    if not start - datetime.timedelta(days=366) <= announced_on <= end:
        raise ApplicationError(f"วันที่ประกาศไม่อยู่ในช่วงปีงบประมาณ พ.ศ. {project.fiscal_year}",
                               field="announced_on")
    old = snapshot(project, PROJECT_FIELDS)
    project.announced_on = announced_on
    project.submission_deadline = submission_deadline
    project.criteria = criteria
    project.criteria_detail = criteria_detail.strip()
    project.announcement_no = announcement_no.strip()
    project.status = S.ANNOUNCED
    project.published_at = timezone.now()
    project.save()
    check = check_project(project)
    _audit(actor, "procurement.announce", project, old, note=check.message if check.ok is False else "")
    release_record(project, tag="tender")
    return project


@transaction.atomic
def project_cancel(*, actor, project: Project, reason: str) -> Project:
    require(actor, "procurement.edit", project)
    project = locked(project)
    if project.status in FINAL or project.status == S.CONTRACTED:
        raise ApplicationError(f"ยกเลิกไม่ได้ เพราะโครงการอยู่ในสถานะ \"{project.get_status_display()}\"")
    if not reason.strip():
        raise ApplicationError("กรุณาระบุเหตุผลที่ยกเลิก", field="reason")
    old = snapshot(project, PROJECT_FIELDS)
    project.status = S.CANCELLED
    project.cancel_reason = reason.strip()
    project.save()
    _audit(actor, "procurement.cancel", project, old)
    release_record(project, tag="tenderCancellation")
    return project
