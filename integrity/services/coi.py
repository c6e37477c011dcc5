"""Declarations of interest, the gift register, the No Gift Policy and the yearly CoI report."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record, snapshot
from core.errors import ApplicationError
from core.thai import fiscal_year_bounds
from integrity.models import CoiYearReport, Declaration, GiftLimit, GiftRecord, NoGiftPolicy
from integrity.models.coi import DEFAULT_GIFT_BASIS, DEFAULT_GIFT_LIMIT
from integrity.selectors import year_statistics
from integrity.services.common import not_future, record_audit, store_files
from org.selectors import agency_of

DECLARATION_FIELDS = [
    "declarant",
    "unit",
    "fiscal_year",
    "declared_on",
    "occasion",
    "has_interest",
    "matter",
    "related_party",
    "relationship",
    "decision",
]
GIFT_FIELDS = [
    "unit",
    "recipient",
    "received_on",
    "giver",
    "giver_kind",
    "description",
    "value",
    "handling",
    "limit_applied",
    "within_limit",
]


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def declaration_record(
    *,
    actor,
    declarant,
    fiscal_year: int,
    declared_on,
    occasion: str,
    has_interest: bool,
    matter="",
    related_party="",
    relationship="",
    detail="",
    files=(),
    audit: bool = True,
) -> Declaration:
    """A declaration by `declarant` (themselves, or entered by a CoI officer of their unit)."""
    if declarant.unit_id is None:
        raise ApplicationError("ผู้แจ้งยังไม่มีสังกัดในระบบ จึงบันทึกการแจ้งไม่ได้")
    own = getattr(actor, "is_authenticated", False) and actor.pk == declarant.pk
    if not own:
        require(actor, "integrity.declaration.manage", unit=declarant.unit)
    not_future(declared_on, "declared_on", "วันที่แจ้ง")
    if occasion == Declaration.Occasion.MATTER and not matter.strip():
        raise ApplicationError("การแจ้งเฉพาะเรื่องต้องระบุเรื่องที่ปฏิบัติหน้าที่", field="matter")
    if has_interest and not (related_party.strip() and relationship.strip()):
        field = "related_party" if not related_party.strip() else "relationship"
        raise ApplicationError("เมื่อแจ้งว่ามีส่วนได้เสีย ต้องระบุผู้ที่เกี่ยวข้องและลักษณะความเกี่ยวข้อง", field=field)
    declaration = Declaration.objects.create(
        declarant=declarant,
        unit=declarant.unit,
        fiscal_year=fiscal_year,
        declared_on=declared_on,
        occasion=occasion,
        has_interest=has_interest,
        matter=matter.strip(),
        related_party=related_party.strip(),
        relationship=relationship.strip(),
        detail=detail.strip(),
        decision=Declaration.Decision.PENDING if has_interest else Declaration.Decision.NONE_FOUND,
        recorded_by=_user(actor),
    )
    store_files(actor, declaration, files)
    if audit:
        # The audit keeps that a declaration was made, not what it says: the trail is read more widely.
        audit_record(
            actor=actor,
            action="integrity.declaration_record",
            obj=declaration,
            unit=declaration.unit,
            new={"fiscal_year": fiscal_year, "occasion": occasion},
        )
    return declaration


@transaction.atomic
def declaration_decide(
    *, actor, declaration: Declaration, decision: str, decided_by: str, decided_on: datetime.date
) -> Declaration:
    require(actor, "integrity.declaration.view", declaration)
    if decision not in Declaration.Decision.values or decision == Declaration.Decision.PENDING:
        raise ApplicationError("กรุณาเลือกผลการพิจารณา", field="decision")
    not_future(decided_on, "decided_on", "วันที่พิจารณา")
    if decided_on < declaration.declared_on:
        raise ApplicationError("วันที่พิจารณาต้องไม่ก่อนวันที่แจ้ง", field="decided_on")
    old = declaration.decision
    declaration.decision, declaration.decided_by, declaration.decided_on = (
        decision,
        decided_by.strip(),
        decided_on,
    )
    declaration.save(update_fields=["decision", "decided_by", "decided_on"])
    audit_record(
        actor=actor,
        action="integrity.declaration_decide",
        obj=declaration,
        unit=declaration.unit,
        old={"decision": old},
        new={"decision": decision},
    )
    return declaration


def gift_limit_on(agency, day: datetime.date) -> tuple[Decimal, str]:
    limit = (
        GiftLimit.objects.filter(agency=agency, effective_from__lte=day).order_by("-effective_from").first()
    )
    return (limit.amount, limit.basis) if limit else (DEFAULT_GIFT_LIMIT, DEFAULT_GIFT_BASIS)


@transaction.atomic
def gift_limit_set(*, actor, agency, amount: Decimal, effective_from: datetime.date, basis: str) -> GiftLimit:
    require(actor, "integrity.coi.edit", unit=agency)
    if amount <= 0:
        raise ApplicationError("เกณฑ์มูลค่าต้องมากกว่าศูนย์", field="amount")
    limit = GiftLimit.objects.create(agency=agency, amount=amount, effective_from=effective_from, basis=basis)
    audit_record(
        actor=actor,
        action="integrity.gift_limit",
        obj=limit,
        unit=agency,
        new={"amount": amount, "effective_from": effective_from, "basis": basis},
    )
    return limit


@transaction.atomic
def gift_record(
    *,
    actor,
    unit,
    recipient,
    received_on,
    giver,
    giver_kind,
    description,
    value: Decimal,
    handling,
    recipient_position="",
    occasion="",
    note="",
    files=(),
    audit: bool = True,
) -> GiftRecord:
    """The decision is made here, against the limit in force on the day: within it, or not (a relative's
    gift is outside the value rule)."""
    require(actor, "integrity.coi.edit", unit=unit)
    not_future(received_on, "received_on", "วันที่ได้รับ")
    if value < 0:
        raise ApplicationError("มูลค่าต้องไม่ติดลบ", field="value")
    limit, basis = gift_limit_on(agency_of(unit), received_on)
    within = giver_kind == GiftRecord.GiverKind.RELATIVE or value <= limit
    gift = GiftRecord.objects.create(
        unit=unit,
        recipient=recipient.strip(),
        recipient_position=recipient_position.strip(),
        received_on=received_on,
        giver=giver.strip(),
        giver_kind=giver_kind,
        occasion=occasion.strip(),
        description=description.strip(),
        value=value,
        handling=handling,
        limit_applied=limit,
        limit_basis=basis,
        within_limit=within,
        note=note.strip(),
        recorded_by=_user(actor),
    )
    store_files(actor, gift, files)
    if audit:
        record_audit(actor, "integrity.gift_record", gift, GIFT_FIELDS)
    return gift


@transaction.atomic
def no_gift_record(
    *, actor, agency, fiscal_year: int, announced_on, title, announced_by, reference=""
) -> NoGiftPolicy:
    require(actor, "integrity.coi.edit", unit=agency)
    not_future(announced_on, "announced_on", "วันที่ประกาศ")
    policy_ = NoGiftPolicy.objects.create(
        agency=agency,
        fiscal_year=fiscal_year,
        announced_on=announced_on,
        title=title.strip(),
        announced_by=announced_by.strip(),
        reference=reference.strip(),
    )
    audit_record(
        actor=actor,
        action="integrity.no_gift_policy",
        obj=policy_,
        unit=agency,
        new=snapshot(policy_, ["fiscal_year", "announced_on", "title", "announced_by"]),
    )
    return policy_


@transaction.atomic
def coi_report_generate(*, actor, agency, fiscal_year: int) -> CoiYearReport:
    """Make (or remake, until it is presented) the year's summary from the registers."""
    require(actor, "integrity.coi.edit", unit=agency)
    report = CoiYearReport.objects.select_for_update().filter(agency=agency, fiscal_year=fiscal_year).first()
    if report is not None and report.presented_on is not None:
        raise ApplicationError("รายงานนี้เสนอผู้บริหารแล้ว จึงจัดทำใหม่ไม่ได้")
    stats = year_statistics(agency, fiscal_year)
    if report is None:
        report = CoiYearReport(agency=agency, fiscal_year=fiscal_year)
    report.statistics, report.generated_at, report.generated_by = stats, timezone.now(), _user(actor)
    report.save()
    audit_record(
        actor=actor,
        action="integrity.coi_report_generate",
        obj=report,
        unit=agency,
        new={"fiscal_year": fiscal_year, "events": len(stats["events"]), "gifts": stats["gifts"]},
    )
    return report


@transaction.atomic
def coi_report_present(
    *, actor, report: CoiYearReport, presented_on, presented_to, presentation_ref=""
) -> CoiYearReport:
    require(actor, "integrity.coi.edit", report)
    not_future(presented_on, "presented_on", "วันที่เสนอ")
    if presented_on < fiscal_year_bounds(report.fiscal_year)[0]:
        raise ApplicationError("วันที่เสนอต้องไม่ก่อนต้นปีงบประมาณของรายงาน", field="presented_on")
    report.presented_on, report.presented_to = presented_on, presented_to.strip()
    report.presentation_ref = presentation_ref.strip()
    report.save(update_fields=["presented_on", "presented_to", "presentation_ref"])
    audit_record(
        actor=actor,
        action="integrity.coi_report_present",
        obj=report,
        unit=report.agency,
        new={"presented_on": presented_on, "presented_to": report.presented_to},
    )
    return report
