"""The configuration that both the system and the published handling manual follow: service standards per
channel, categories, progress stages, the holiday override table and the yearly review record."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from accounts import policy
from audit.services import audit_record, snapshot
from complaints.models import Category, Channel, HolidayOverride, ProgressStage, ReviewRecord, ServiceStandard
from core.errors import ApplicationError
from org.selectors import find_unit

STANDARD_FIELDS = ["channel", "receiving_unit", "acknowledge_days", "answer_days", "answer_day_kind",
                   "remind_before_days", "close_after_days", "legal_basis", "verified", "effective_from",
                   "effective_to"]

# Defaults shipped as data; the legal basis of the 15-day reply is marked for verification (thai-law.md [I]).
DEFAULT_STANDARDS = {
    Channel.SERVICE: {
        "units": ["สลก."], "acknowledge_days": 3, "answer_days": 15, "answer_day_kind": "calendar",
        "legal_basis": "พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. ๒๕๔๖ มาตรา ๓๗ "
                       "และมาตรา ๓๘ (ตอบคำร้องเรียนหรือแจ้งผลการดำเนินการภายในสิบห้าวัน)",
    },
    Channel.CORRUPTION: {
        "units": ["กลุ่มวินัยและเสริมสร้างระบบคุณธรรม", "กกจ."], "acknowledge_days": 3, "answer_days": 15,
        "answer_day_kind": "calendar",
        "legal_basis": "พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. ๒๕๔๖ มาตรา ๓๘ "
                       "และนโยบายคุณธรรมและความโปร่งใสของกรม ข้อ ๔ (๒) เปิดช่องทางรับเรื่องร้องเรียน",
    },
}
DEFAULT_CATEGORIES = {
    Channel.SERVICE: ["ความล่าช้าในการให้บริการ", "พฤติกรรมการให้บริการของเจ้าหน้าที่",
                      "ข้อมูลหรือเอกสารไม่ถูกต้อง", "การกำกับดูแลสหกรณ์", "อื่น ๆ"],
    Channel.CORRUPTION: ["การเรียกรับสินบนหรือผลประโยชน์", "การจัดซื้อจัดจ้าง",
                         "การใช้อำนาจหน้าที่โดยมิชอบ", "ผลประโยชน์ทับซ้อน", "การประพฤติผิดวินัย", "อื่น ๆ"],
}
DEFAULT_STAGES = [
    ("รวบรวมข้อเท็จจริง", "หน่วยงานรับผิดชอบตรวจสอบข้อมูลและเอกสาร"),
    ("ตรวจสอบ/แสวงหาข้อเท็จจริง", "แต่งตั้งผู้ตรวจสอบหรือคณะกรรมการตามระเบียบ"),
    ("รอข้อมูลจากหน่วยงานอื่น", "ขอข้อมูลหรือความเห็นจากหน่วยงานภายนอก"),
    ("เสนอผู้บริหารพิจารณา", "สรุปผลเสนอผู้มีอำนาจสั่งการ"),
]


def _require_configure(actor, agency) -> None:
    policy.require(actor, "complaint.configure", unit=agency)


@transaction.atomic
def standards_ensure(*, agency) -> list[ServiceStandard]:
    """Give an agency the default standards, categories and stages the first time a complaint arrives (and
    a new agency when it is created, site_shell.agencies.agency_create).

    The receiving units are looked up by name in the agency's tree (the agency itself if none matches), so the
    defaults fit any agency; an administrator reviews them on the configuration page.
    """
    created = []
    for channel, data in DEFAULT_STANDARDS.items():
        if ServiceStandard.objects.filter(agency=agency, channel=channel).exists():
            continue
        unit = next((u for u in (find_unit(agency, label) for label in data["units"]) if u), agency)
        standard = ServiceStandard.objects.create(
            agency=agency, channel=channel, receiving_unit=unit, acknowledge_days=data["acknowledge_days"],
            answer_days=data["answer_days"], answer_day_kind=data["answer_day_kind"],
            legal_basis=data["legal_basis"], verified=False, effective_from=dt.date(2017, 1, 1))
        audit_record(actor=None, action="complaint.config", obj=standard, unit=agency,
                     new=snapshot(standard, STANDARD_FIELDS), note="ค่าเริ่มต้นของระบบ (รอตรวจสอบข้อกฎหมาย)")
        created.append(standard)
    if not Category.objects.exists():
        for channel, names in DEFAULT_CATEGORIES.items():
            for order, name in enumerate(names):
                Category.objects.create(channel=channel, name=name, sort_order=order)
    if not ProgressStage.objects.filter(agency=agency).exists():
        for order, (name, description) in enumerate(DEFAULT_STAGES):
            ProgressStage.objects.create(agency=agency, name=name, description=description, sort_order=order)
    return created


@transaction.atomic
def standard_save(*, actor, agency, standard: ServiceStandard | None = None, **values) -> ServiceStandard:
    """Change a standard (or add one from a date). Cases already received keep the deadlines they were
    given."""
    _require_configure(actor, agency)
    unit = values.get("receiving_unit")
    if unit is not None and not unit.path.startswith(agency.path):
        raise ApplicationError("หน่วยงานรับเรื่องต้องอยู่ในส่วนราชการนี้", field="receiving_unit")
    if values.get("answer_days", 1) < 1:
        raise ApplicationError("ระยะเวลาแจ้งผลต้องอย่างน้อย 1 วัน", field="answer_days")
    end = values.get("effective_to")
    if end and end < values.get("effective_from", end):
        raise ApplicationError("วันสิ้นสุดต้องไม่ก่อนวันเริ่มใช้", field="effective_to")
    old = snapshot(standard, STANDARD_FIELDS) if standard else None
    standard = standard or ServiceStandard(agency=agency)
    for name, value in values.items():
        if name not in STANDARD_FIELDS:
            raise ApplicationError(f"แก้ไข {name} ไม่ได้")
        setattr(standard, name, value)
    standard.save()
    audit_record(actor=actor, action="complaint.config", obj=standard, unit=agency, old=old,
                 new=snapshot(standard, STANDARD_FIELDS), note="มาตรฐานระยะเวลา")
    return standard


@transaction.atomic
def category_save(*, actor, agency, category: Category | None = None, channel: str, name: str,
                  sort_order: int = 0, is_active: bool = True) -> Category:
    """A new category is the agency's own. A national default (no agency) is offered on every agency's
    form, so only the national administrator (or the system) changes it; an agency adds its own instead."""
    _require_configure(actor, agency)
    if category is not None and category.agency_id is None and actor is not None and not actor.is_superuser:
        raise ApplicationError("ประเภทเรื่องนี้เป็นประเภทกลางที่ทุกส่วนราชการใช้ แก้ไขได้เฉพาะผู้ดูแลระบบระดับประเทศ "
                               "หากต้องการประเภทเฉพาะของส่วนราชการ กรุณาเพิ่มประเภทใหม่", field="name")
    if category is not None and category.agency_id not in (None, agency.pk):
        raise ApplicationError("ประเภทเรื่องนี้เป็นของส่วนราชการอื่น")
    fields = ["channel", "name", "sort_order", "is_active"]
    old = snapshot(category, fields) if category else None
    category = category or Category(agency=agency)
    category.channel, category.name = channel, name.strip()
    category.sort_order, category.is_active = sort_order, is_active
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError:
        raise ApplicationError("มีประเภทเรื่องชื่อนี้ในช่องทางนี้แล้ว", field="name") from None
    audit_record(actor=actor, action="complaint.config", obj=category, unit=agency, old=old,
                 new=snapshot(category, fields), note="ประเภทเรื่อง")
    return category


@transaction.atomic
def stage_save(*, actor, agency, stage: ProgressStage | None = None, name: str, description: str = "",
               sort_order: int = 0, is_active: bool = True) -> ProgressStage:
    _require_configure(actor, agency)
    if stage is not None and stage.agency_id != agency.pk:
        raise ApplicationError("ขั้นตอนนี้เป็นของส่วนราชการอื่น")
    fields = ["name", "description", "sort_order", "is_active"]
    old = snapshot(stage, fields) if stage else None
    stage = stage or ProgressStage(agency=agency)
    stage.name, stage.description = name.strip(), description
    stage.sort_order, stage.is_active = sort_order, is_active
    try:
        with transaction.atomic():
            stage.save()
    except IntegrityError:
        raise ApplicationError("มีขั้นตอนชื่อนี้แล้ว", field="name") from None
    audit_record(actor=actor, action="complaint.config", obj=stage, unit=agency, old=old,
                 new=snapshot(stage, fields), note="ขั้นตอนการดำเนินการ")
    return stage


@transaction.atomic
def holiday_save(*, actor, agency, date: dt.date, name: str, is_day_off: bool = True,
                 note: str = "") -> HolidayOverride:
    _require_configure(actor, agency)
    fields = ["date", "name", "is_day_off", "note"]
    holiday = HolidayOverride.objects.filter(date=date).first()
    old = snapshot(holiday, fields) if holiday else None
    holiday = holiday or HolidayOverride(date=date)
    holiday.name, holiday.is_day_off, holiday.note = name.strip(), is_day_off, note.strip()
    holiday.save()
    audit_record(actor=actor, action="complaint.config", obj=holiday, unit=agency, old=old,
                 new=snapshot(holiday, fields), note="ปฏิทินวันหยุดราชการ")
    return holiday


@transaction.atomic
def holiday_delete(*, actor, agency, holiday: HolidayOverride) -> None:
    _require_configure(actor, agency)
    audit_record(actor=actor, action="complaint.config", obj=holiday, unit=agency,
                 old=snapshot(holiday, ["date", "name", "is_day_off", "note"]), note="ลบวันหยุดที่กำหนดเพิ่ม")
    holiday.delete()


@transaction.atomic
def review_record(*, actor, agency, fiscal_year: int, reviewed_on: dt.date, findings: str, changes: str = "",
                  reference: str = "") -> ReviewRecord:
    """Record the yearly review of the system and manual, with the configuration and statistics reviewed."""
    from complaints.selectors import configuration_snapshot, ita_statistics

    _require_configure(actor, agency)
    if not findings.strip():
        raise ApplicationError("กรุณาสรุปผลการทบทวน", field="findings")
    record, created = ReviewRecord.objects.get_or_create(
        agency=agency, fiscal_year=fiscal_year,
        defaults={"reviewed_on": reviewed_on, "findings": findings, "recorded_by": actor})
    fields = ["fiscal_year", "reviewed_on", "reference", "findings", "changes"]
    old = None if created else snapshot(record, fields)
    record.reviewed_on, record.findings, record.changes, record.reference = reviewed_on, findings.strip(), \
        changes.strip(), reference.strip()
    record.configuration = configuration_snapshot(agency)
    record.statistics = ita_statistics(agency=agency, fiscal_year=fiscal_year, user=None).as_json()
    record.recorded_by = actor
    record.save()
    audit_record(actor=actor, action="complaint.review", obj=record, unit=agency, old=old,
                 new=snapshot(record, fields))
    return record
