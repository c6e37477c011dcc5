"""From the invitation to the end of the contract: document buyers, bids, qualification, award, contract."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from accounts.policy import require
from audit.services import audit_record, snapshot
from core.errors import ApplicationError
from procurement.models import Bid, DocumentBuyer, Project, Supplier
from procurement.services.projects import PROJECT_FIELDS, _audit, _positive, locked, require_status
from procurement.services.releases import release_record

S = Project.Status
BID_FIELDS = ["supplier", "amount", "submitted_on", "status", "status_reason"]


@transaction.atomic
def document_buyer_add(*, actor, project: Project, supplier: Supplier,
                       obtained_on: datetime.date | None = None) -> DocumentBuyer:
    require(actor, "procurement.edit", project)
    project = locked(project)
    require_status(project, S.ANNOUNCED, doing="บันทึกผู้ซื้อหรือรับเอกสาร")
    if obtained_on and project.announced_on and obtained_on < project.announced_on:
        raise ApplicationError("วันที่ซื้อหรือรับเอกสารต้องไม่ก่อนวันที่ประกาศ", field="obtained_on")
    if project.document_buyers.filter(supplier=supplier).exists():
        raise ApplicationError(f"{supplier.name} บันทึกเป็นผู้ซื้อหรือรับเอกสารแล้ว", field="supplier")
    buyer = DocumentBuyer.objects.create(project=project, supplier=supplier, obtained_on=obtained_on)
    audit_record(actor=actor, action="procurement.document_buyer", obj=project, unit=project.unit,
                 new={"supplier": supplier.name, "obtained_on": obtained_on})
    release_record(project, tag="tenderUpdate")
    return buyer


@transaction.atomic
def bid_add(*, actor, project: Project, supplier: Supplier, amount: Decimal,
            submitted_on: datetime.date | None = None) -> Bid:
    require(actor, "procurement.edit", project)
    project = locked(project)
    require_status(project, S.ANNOUNCED, doing="บันทึกข้อเสนอ")
    _positive(amount, "ราคาที่เสนอ", "amount")
    if project.bids.filter(supplier=supplier).exists():
        raise ApplicationError(f"{supplier.name} ยื่นข้อเสนอในโครงการนี้แล้ว", field="supplier")
    if submitted_on and project.announced_on and submitted_on < project.announced_on:
        raise ApplicationError("วันที่ยื่นข้อเสนอต้องไม่ก่อนวันที่ประกาศ", field="submitted_on")
    bid = Bid.objects.create(project=project, supplier=supplier, amount=amount, submitted_on=submitted_on,
                             ocds_id=f"{project.ocid}-bid-{supplier.pk}")
    audit_record(actor=actor, action="procurement.bid_add", obj=bid, unit=project.unit,
                 new=snapshot(bid, BID_FIELDS), object_label=f"{project.title[:200]} — {supplier.name}")
    release_record(project, tag="tenderUpdate")
    return bid


@transaction.atomic
def bid_evaluate(*, actor, bid: Bid, status: str, reason: str = "") -> Bid:
    """Qualified (valid), disqualified (with the reason, which is published) or withdrawn."""
    require(actor, "procurement.edit", bid.project)
    project = locked(bid.project)
    require_status(project, S.ANNOUNCED, doing="พิจารณาคุณสมบัติผู้ยื่นข้อเสนอ")
    if status not in (Bid.Status.VALID, Bid.Status.DISQUALIFIED, Bid.Status.WITHDRAWN):
        raise ApplicationError("กรุณาเลือกผลการพิจารณา", field="status")
    if status == Bid.Status.DISQUALIFIED and not reason.strip():
        raise ApplicationError("กรุณาระบุเหตุผลที่ไม่ผ่านคุณสมบัติ", field="reason")
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    old = snapshot(bid, BID_FIELDS)
    bid.status = status
    bid.status_reason = reason.strip()
    bid.save()
    audit_record(actor=actor, action="procurement.bid_evaluate", obj=bid, old=old,
                 new=snapshot(bid, BID_FIELDS), unit=project.unit,
                 object_label=f"{project.title[:200]} — {bid.supplier.name}")
    release_record(project, tag="tenderUpdate")
    return bid


@transaction.atomic
def project_publish_qualified(*, actor, project: Project, qualified_on: datetime.date) -> Project:
    """ประกาศรายชื่อผู้มีคุณสมบัติเบื้องต้น: every bid must have been judged first."""
    require(actor, "procurement.edit", project)
    project = locked(project)
    require_status(project, S.ANNOUNCED, doing="ประกาศรายชื่อผู้มีคุณสมบัติ")
    bids = list(project.bids.all())
    if not bids:
        raise ApplicationError("ยังไม่มีผู้ยื่นข้อเสนอ หากไม่มีผู้ยื่นให้ยกเลิกโครงการ")
    pending = [b for b in bids if b.status == Bid.Status.PENDING]
    if pending:
        raise ApplicationError(f"ยังมีข้อเสนอที่ยังไม่ได้พิจารณาคุณสมบัติ {len(pending)} ราย")
    if project.submission_deadline and qualified_on < project.submission_deadline:
        raise ApplicationError("ประกาศรายชื่อได้หลังวันสุดท้ายของการยื่นข้อเสนอ", field="qualified_on")
    old = snapshot(project, PROJECT_FIELDS)
    project.qualified_on = qualified_on
    project.status = S.QUALIFIED if any(b.status == Bid.Status.VALID for b in bids) else S.UNSUCCESSFUL
    project.save()
    _audit(actor, "procurement.qualified", project, old)
    release_record(project, tag="tenderUpdate")
    return project


@transaction.atomic
def project_award(*, actor, project: Project, bid: Bid, awarded_on: datetime.date, amount: Decimal,
                  reason: str) -> Project:
    """ประกาศผลผู้ชนะ with the method and the reasons (ม.๖๖)."""
    require(actor, "procurement.edit", project)
    project = locked(project)
    require_status(project, S.QUALIFIED, doing="ประกาศผลผู้ได้รับการคัดเลือก")
    bid = Bid.objects.select_related("supplier").get(pk=bid.pk)
    if bid.project_id != project.pk or bid.status != Bid.Status.VALID:
        raise ApplicationError("ผู้ได้รับการคัดเลือกต้องเป็นผู้ยื่นข้อเสนอที่ผ่านคุณสมบัติ", field="bid")
    _positive(amount, "ราคาที่ตกลงซื้อหรือจ้าง", "amount")
    if bid.amount is not None and amount > bid.amount:
        raise ApplicationError("ราคาที่ตกลงต้องไม่สูงกว่าราคาที่เสนอ", field="amount")
    if project.budget is not None and amount > project.budget:
        raise ApplicationError("ราคาที่ตกลงสูงกว่าวงเงินงบประมาณ ต้องต่อรองราคาหรือขอเพิ่มวงเงินก่อน", field="amount")
    if not reason.strip():
        raise ApplicationError("กรุณาระบุเหตุผลที่คัดเลือก", field="reason")
    if project.qualified_on and awarded_on < project.qualified_on:
        raise ApplicationError("วันที่ประกาศผลต้องไม่ก่อนวันที่ประกาศรายชื่อผู้มีคุณสมบัติ", field="awarded_on")
    old = snapshot(project, PROJECT_FIELDS)
    project.winner = bid.supplier
    project.winner_names = bid.supplier.name
    project.award_amount = amount
    project.awarded_on = awarded_on
    project.award_reason = reason.strip()
    project.status = S.AWARDED
    project.save()
    _audit(actor, "procurement.award", project, old)
    release_record(project, tag="award")
    return project


@transaction.atomic
def project_contract(*, actor, project: Project, contract_no: str, signed_on: datetime.date,
                     amount: Decimal) -> Project:
    require(actor, "procurement.edit", project)
    project = locked(project)
    require_status(project, S.AWARDED, doing="บันทึกการลงนามสัญญา")
    if not contract_no.strip():
        raise ApplicationError("กรุณากรอกเลขที่สัญญา", field="contract_no")
    _positive(amount, "มูลค่าสัญญา", "amount")
    if project.award_amount is not None and amount > project.award_amount:
        raise ApplicationError("มูลค่าสัญญาต้องไม่สูงกว่าราคาที่ตกลงซื้อหรือจ้าง", field="amount")
    if project.awarded_on and signed_on < project.awarded_on:
        raise ApplicationError("วันที่ลงนามสัญญาต้องไม่ก่อนวันที่ประกาศผล", field="signed_on")
    old = snapshot(project, PROJECT_FIELDS)
    project.contract_no = contract_no.strip()
    project.contract_signed_on = signed_on
    project.contract_amount = amount
    project.status = S.CONTRACTED
    project.save()
    _audit(actor, "procurement.contract", project, old)
    release_record(project, tag="contract")
    return project


@transaction.atomic
def project_complete(*, actor, project: Project, completed_on: datetime.date) -> Project:
    require(actor, "procurement.edit", project)
    project = locked(project)
    require_status(project, S.CONTRACTED, doing="บันทึกการส่งมอบงาน")
    if project.contract_signed_on and completed_on < project.contract_signed_on:
        raise ApplicationError("วันที่ส่งมอบงานต้องไม่ก่อนวันที่ลงนามสัญญา", field="completed_on")
    old = snapshot(project, PROJECT_FIELDS)
    project.completed_on = completed_on
    project.status = S.COMPLETED
    project.save()
    _audit(actor, "procurement.complete", project, old)
    release_record(project, tag="contractUpdate")
    return project
