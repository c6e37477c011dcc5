"""Spreadsheet import and export of the registers, through django-import-export.

Each register declares a core.sheets.Sheet whose columns are the Thai headings of the sheet the owning unit
keeps (the template download is the same sheet, empty). Widgets read B.E. dates, units by any of their
names, choices by their Thai labels (or the start of one). Every row is saved by the register's own service
(policy, rules, audit); core.sheets runs the import all or nothing, with every bad row named in Thai.
"""

from __future__ import annotations

from import_export import widgets

from audit.services import audit_record
from core import sheets
from core.errors import ApplicationError
from core.sheets import BEDate, Choice, Column, Context, Text, YesNo
from core.sheets import Outcome as ImportOutcome
from org.selectors import unit_finder
from registers.models import (
    IcRound,
    IcSubmission,
    ManualReview,
    ManualVersion,
    Process,
    PublicityEntry,
    WorkplaceAssessment,
)
from registers.services import icontrol, manuals, publicity, workplace


class Year(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        try:
            year = int(str(value).strip().split(".")[0])
        except (TypeError, ValueError):
            raise ValueError("กรุณากรอกปีงบประมาณเป็นตัวเลข พ.ศ. เช่น 2560") from None
        if not 2400 < year < 2800:
            raise ValueError("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2560")
        return year


def _unit(context) -> sheets.Lookup:
    return sheets.Lookup(unit_finder(context.agency), missing="กรุณากรอกชื่อหน่วยงาน",
                         unknown="ไม่พบหน่วยงาน “{text}” ในระบบ (ใช้ชื่อเต็มหรือชื่อย่อ)")


def _choice(choices, **kwargs) -> Choice:
    return Choice(choices, prefix=True, **kwargs)


# ------------------------------------------------------------------ manuals
def _save_review(context, row):
    """A review of a process's manual or standard; the process and version are created when the sheet names
    them for the first time."""
    process = manuals.process_for_import(actor=context.actor, unit=row.unit, name=row.process_name,
                                         kind=row.process_kind, facilitation_act=row.facilitation_act)
    version = ManualVersion.objects.filter(process=process, document_type=row.document_type,
                                           version=row.version_no).first()
    if version is None:
        version = manuals.version_save(actor=context.actor, process=process, document_type=row.document_type,
                                       number=row.version_no, title=process.name,
                                       effective_on=row.effective_on)
    return manuals.review_save(actor=context.actor, process=process, version=version,
                               reviewed_on=row.reviewed_on, reviewer=row.reviewer,
                               reviewer_position=row.reviewer_position, outcome=row.outcome,
                               findings=row.findings)


def _export_review(r) -> list:
    v = r.version
    return [r.process.unit.name, r.process.name, r.process.get_kind_display(),
            "ใช่" if r.process.facilitation_act else "ไม่ใช่", v.get_document_type_display() if v else "",
            v.version if v else "", v.effective_on if v else None, r.reviewed_on, r.reviewer,
            r.reviewer_position, r.get_outcome_display(), r.findings]


MANUALS = sheets.Sheet(
    title="ทะเบียนการทบทวนคู่มือ",
    model=ManualReview,
    columns=(
        Column("หน่วยงาน", "unit", _unit, 28),
        Column("กระบวนงาน", "process_name", Text(), 32),
        Column("ประเภทกระบวนงาน", "process_kind",
               _choice(Process.Kind.choices, default=Process.Kind.CORE), 22),
        Column("ตาม พ.ร.บ.อำนวยความสะดวก", "facilitation_act", YesNo(), 14),
        Column("ประเภทเอกสาร", "document_type", _choice(ManualVersion.DocumentType.choices), 24),
        Column("ฉบับที่", "version_no", Text(max_length=32), 10),
        Column("วันที่ประกาศใช้", "effective_on", BEDate(), 16),
        Column("วันที่ทบทวน", "reviewed_on", BEDate(), 16),
        Column("ผู้ทบทวน", "reviewer", Text(max_length=200), 22),
        Column("ตำแหน่งผู้ทบทวน", "reviewer_position", Text(required=False, max_length=200), 22),
        Column("ผลการทบทวน", "outcome",
               _choice(ManualReview.Outcome.choices, default=ManualReview.Outcome.UNCHANGED), 24),
        Column("สรุปผลการทบทวน", "findings", Text(required=False, max_length=5000), 40),
    ),
    save=_save_review,
    export=_export_review,
)


# ------------------------------------------------------------------ internal control
def _save_submission(context, row):
    round_ = IcRound.objects.filter(agency=context.agency, fiscal_year=row.fiscal_year,
                                    number=row.round_number).first()
    if round_ is None:
        raise ApplicationError(f"ยังไม่มีรอบที่ {row.round_number} ของปีงบประมาณ {row.fiscal_year} ในระบบ")
    return icontrol.submission_save(actor=context.actor, round_=round_, unit=row.unit,
                                    submitted_on=row.submitted_on, document_no=row.document_no, note=row.note)


ICONTROL = sheets.Sheet(
    title="รายงานการควบคุมภายใน",
    model=IcSubmission,
    columns=(
        Column("ปีงบประมาณ", "fiscal_year", Year(), 12),
        Column("รอบที่", "round_number", _choice([(1, "1"), (2, "2")]), 8),
        Column("หน่วยงาน", "unit", _unit, 36),
        Column("วันที่ส่ง", "submitted_on", BEDate(), 16),
        Column("เลขที่หนังสือนำส่ง", "document_no", Text(required=False, max_length=100), 22),
        Column("หมายเหตุ", "note", Text(required=False, max_length=2000), 36),
    ),
    save=_save_submission,
    export=lambda s: [s.round.fiscal_year, s.round.number, s.unit.name, s.submitted_on, s.document_no,
                      s.note],
)


# ------------------------------------------------------------------ workplace and publicity
WORKPLACE = sheets.Sheet(
    title="สถานที่ทำงานน่าอยู่",
    model=WorkplaceAssessment,
    columns=(
        Column("หน่วยงาน", "unit", _unit, 36),
        Column("วันที่ประเมิน", "assessed_on", BEDate(), 16),
        Column("สะอาด", "clean", YesNo(), 10),
        Column("ปลอดภัย", "safe", YesNo(), 10),
        Column("สิ่งแวดล้อมดี", "environment", YesNo(), 12),
        Column("มีชีวิตชีวา", "lively", YesNo(), 12),
        Column("ผู้ประเมิน", "assessor", Text(max_length=200), 26),
        Column("ข้อสังเกต", "note", Text(required=False, max_length=2000), 36),
    ),
    save=lambda context, row: workplace.assessment_save(
        actor=context.actor, unit=row.unit, assessed_on=row.assessed_on, assessor=row.assessor,
        clean=row.clean, safe=row.safe, environment=row.environment, lively=row.lively, note=row.note),
    export=lambda a: [a.unit.name, a.assessed_on, *["ผ่าน" if getattr(a, c) else "ไม่ผ่าน" for c in a.CRITERIA],
                      a.assessor, a.note],
)

PUBLICITY = sheets.Sheet(
    title="การเผยแพร่ประชาสัมพันธ์",
    model=PublicityEntry,
    columns=(
        Column("หน่วยงาน", "unit", _unit, 30),
        Column("ช่องทาง", "channel", _choice(PublicityEntry.Channel.choices), 22),
        Column("ช่องทางอื่น (ระบุ)", "channel_other", Text(required=False, max_length=100), 20),
        Column("วันที่เผยแพร่", "published_on", BEDate(), 16),
        Column("เรื่องที่เผยแพร่", "title", Text(), 40),
        Column("ลิงก์", "link", Text(required=False, max_length=500), 40),
        Column("รายละเอียด", "note", Text(required=False, max_length=2000), 36),
    ),
    save=lambda context, row: publicity.entry_save(
        actor=context.actor, unit=row.unit, channel=row.channel, channel_other=row.channel_other,
        published_on=row.published_on, title=row.title, link=row.link, note=row.note),
    export=lambda e: [e.unit.name, e.get_channel_display(), e.channel_other, e.published_on, e.title, e.link,
                      e.note],
)

SHEETS = {"manuals": MANUALS, "icontrol": ICONTROL, "workplace": WORKPLACE, "publicity": PUBLICITY}
TITLES = {kind: sheet.title for kind, sheet in SHEETS.items()}


# ------------------------------------------------------------------ import, template, export
def import_register(kind: str, uploaded, *, actor, agency) -> ImportOutcome:
    """Import a register's sheet: nothing is written unless every row is acceptable."""
    return sheets.run(
        SHEETS[kind], uploaded, context=Context(actor=actor, agency=agency),
        audit=lambda rows: audit_record(actor=actor, action="registers.import", unit=agency,
                                        object_type=f"registers.{kind}", object_id=kind,
                                        object_label=TITLES[kind],
                                        new={"file": uploaded.name, "rows": rows}))


def template_xlsx(kind: str) -> bytes:
    return sheets.template_xlsx(SHEETS[kind], notes=[
        "กรอกหนึ่งแถวต่อหนึ่งรายการในแผ่นแรก ห้ามเปลี่ยนชื่อหัวคอลัมน์",
        "วันที่: วว/ดด/ปปปป ปี พ.ศ. เช่น 15/03/2560 หรือใช้ช่องวันที่ของ Excel",
        "หน่วยงาน: ชื่อเต็มหรือชื่อย่อตามระบบ เช่น กองการเจ้าหน้าที่ หรือ กกจ.",
        "ระบบตรวจทุกแถวก่อน หากมีแถวใดผิด จะไม่บันทึกแถวใดเลย และแจ้งเลขแถวที่ต้องแก้",
    ])


def export_xlsx(kind: str, records) -> bytes:
    return sheets.export_xlsx(SHEETS[kind], records)
