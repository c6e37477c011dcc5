"""Service standards and work manuals: a unit's processes, the issued versions with their files, the
yearly reviews, and the report on work under the manuals (plan 1.1.1-a and 5.1-a)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record
from core.errors import ApplicationError
from core.thai import fiscal_year
from registers.models import (
    ComplianceFile,
    ComplianceReport,
    ManualFile,
    ManualReview,
    ManualVersion,
    Process,
)
from registers.services.common import attach_file, required_text, save_record

EDIT = "manual.edit"
PROCESS_FIELDS = ["unit", "name", "kind", "facilitation_act", "note"]
VERSION_FIELDS = ["process", "document_type", "version", "title", "effective_on", "is_published", "note"]
REVIEW_FIELDS = ["process", "version", "reviewed_on", "fiscal_year", "reviewer", "reviewer_position",
                 "outcome", "findings"]
COMPLIANCE_FIELDS = ["unit", "fiscal_year", "reported_on", "title", "summary"]


def process_save(*, actor, process: Process | None = None, unit, name: str, kind: str = Process.Kind.CORE,
                 facilitation_act: bool = False, note: str = "") -> Process:
    name = required_text(name, field="name", label="ชื่อกระบวนงาน")
    duplicate = Process.objects.filter(unit=unit, name=name).exclude(pk=getattr(process, "pk", None))
    if duplicate.exists():
        raise ApplicationError(f"{unit.name} มีกระบวนงาน “{name}” อยู่แล้ว", field="name")
    return save_record(actor=actor, action=EDIT, instance=process or Process(), fields=PROCESS_FIELDS,
                       unit=unit, audit_action="registers.process_save",
                       changes={"unit": unit, "name": name, "kind": kind,
                                "facilitation_act": facilitation_act, "note": note})


def version_save(*, actor, process: Process, version: ManualVersion | None = None, document_type: str,
                 number: str, title: str, effective_on, is_published: bool = False, note: str = "",
                 files=()) -> ManualVersion:
    number = required_text(number, field="version", label="ฉบับที่")
    title = required_text(title, field="title", label="ชื่อเอกสาร")
    clash = ManualVersion.objects.filter(process=process, document_type=document_type, version=number)
    if clash.exclude(pk=getattr(version, "pk", None)).exists():
        raise ApplicationError(f"กระบวนงานนี้มีเอกสารฉบับที่ {number} อยู่แล้ว", field="version")
    instance = version or ManualVersion()
    was_published = bool(instance.pk and instance.is_published)
    with transaction.atomic():
        saved = save_record(actor=actor, action=EDIT, instance=instance, fields=VERSION_FIELDS,
                            unit=process.unit, audit_action="registers.version_save",
                            changes={"process": process, "document_type": document_type, "version": number,
                                     "title": title, "effective_on": effective_on,
                                     "is_published": is_published, "note": note})
        for uploaded in files:
            version_file_add(actor=actor, version=saved, uploaded=uploaded)
        if is_published and not was_published:
            if not saved.files.exists():
                raise ApplicationError("เผยแพร่ได้เมื่อแนบไฟล์เอกสารแล้ว", field="is_published")
            saved.published_at = timezone.now()
            saved.save(update_fields=["published_at"])
            audit_record(actor=actor, action="registers.version_publish", obj=saved, unit=process.unit)
        elif not is_published and saved.published_at:
            saved.published_at = None
            saved.save(update_fields=["published_at"])
    return saved


def version_file_add(*, actor, version: ManualVersion, uploaded) -> ManualFile:
    return attach_file(actor=actor, action=EDIT, record=version, file_model=ManualFile, link="version",
                       uploaded=uploaded, unit=version.process.unit)


def review_save(*, actor, process: Process, review: ManualReview | None = None, reviewed_on, reviewer: str,
                reviewer_position: str = "", outcome: str = ManualReview.Outcome.UNCHANGED,
                findings: str = "", version: ManualVersion | None = None) -> ManualReview:
    reviewer = required_text(reviewer, field="reviewer", label="ชื่อผู้ทบทวน")
    if reviewed_on is None:
        raise ApplicationError("กรุณากรอกวันที่ทบทวน", field="reviewed_on")
    if reviewed_on > timezone.localdate():
        raise ApplicationError("วันที่ทบทวนต้องไม่เกินวันนี้", field="reviewed_on")
    if version is not None and version.process_id != process.pk:
        raise ApplicationError("ฉบับที่เลือกไม่ใช่เอกสารของกระบวนงานนี้", field="version")
    if outcome == ManualReview.Outcome.REVISED and version is None:
        raise ApplicationError("การทบทวนที่ปรับปรุงเอกสาร กรุณาระบุฉบับใหม่ที่ได้", field="version")
    return save_record(actor=actor, action=EDIT, instance=review or ManualReview(), fields=REVIEW_FIELDS,
                       unit=process.unit, audit_action="registers.review_save",
                       changes={"process": process, "version": version, "reviewed_on": reviewed_on,
                                "fiscal_year": fiscal_year(reviewed_on), "reviewer": reviewer,
                                "reviewer_position": reviewer_position, "outcome": outcome,
                                "findings": findings})


def compliance_save(*, actor, unit, report: ComplianceReport | None = None, reported_on, title: str,
                    summary: str, fiscal_year_: int | None = None, files=()) -> ComplianceReport:
    title = required_text(title, field="title", label="ชื่อรายงาน")
    summary = required_text(summary, field="summary", label="ผลการปฏิบัติงานตามคู่มือ")
    if reported_on is None:
        raise ApplicationError("กรุณากรอกวันที่รายงาน", field="reported_on")
    with transaction.atomic():
        saved = save_record(actor=actor, action=EDIT, instance=report or ComplianceReport(),
                            fields=COMPLIANCE_FIELDS, unit=unit, audit_action="registers.compliance_save",
                            changes={"unit": unit, "fiscal_year": fiscal_year_ or fiscal_year(reported_on),
                                     "reported_on": reported_on, "title": title, "summary": summary})
        for uploaded in files:
            attach_file(actor=actor, action=EDIT, record=saved, file_model=ComplianceFile, link="report",
                        uploaded=uploaded, unit=unit)
    return saved


def process_for_import(*, actor, unit, name: str, kind: str, facilitation_act: bool) -> Process:
    """The unit's process of that name, created when the spreadsheet names a new one."""
    require(actor, EDIT, unit=unit, message=f"ท่านไม่มีสิทธิ์บันทึกรายการของ{unit.name}")
    existing = Process.objects.filter(unit=unit, name=name.strip()).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return process_save(actor=actor, unit=unit, name=name, kind=kind,
                                facilitation_act=facilitation_act)
    except IntegrityError as exc:  # pragma: no cover - a parallel import created it
        raise ApplicationError(f"บันทึกกระบวนงาน “{name}” ไม่ได้ กรุณาลองอีกครั้ง") from exc
