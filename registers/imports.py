"""Spreadsheet import and export of the registers, through django-import-export.

Each register has a Resource whose columns are the Thai headings of the sheet the owning unit keeps (the
template download is the same sheet, empty). Widgets read B.E. dates, units by any of their names, choices
by their Thai labels. Every row is saved by the register's own service (policy, rules, audit), never by the
Resource itself. The import is all or nothing: a dry run first (inside a transaction that is rolled back)
collects each row's problems as "แถวที่ N: …" (N as the spreadsheet numbers its rows, the heading being
row 1); only a file without a single problem is then imported, in one transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from import_export import fields, resources, widgets

from audit.services import audit_record
from core.documents.xlsx import new_workbook, workbook_bytes, write_table
from core.errors import ApplicationError
from core.record_files import max_bytes
from core.thai import parse_be_date
from core.uploads import human_size, identify
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


# ------------------------------------------------------------------ widgets
class Text(widgets.Widget):
    def __init__(self, *, required: bool = True, max_length: int = 300, label: str = ""):
        super().__init__()
        self.required, self.max_length, self.label = required, max_length, label

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if self.required and not text:
            raise ValueError("กรุณากรอก")
        if len(text) > self.max_length:
            raise ValueError(f"ยาวเกิน {self.max_length} ตัวอักษร")
        return text


class BEDate(widgets.Widget):
    def __init__(self, *, required: bool = True):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if value in (None, ""):
            if self.required:
                raise ValueError("กรุณากรอกวันที่ (วว/ดด/ปปปป พ.ศ.)")
            return None
        return parse_be_date(str(value))  # its ValueError is Thai

    def render(self, value, obj=None, **kwargs):
        return value


class Year(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        try:
            year = int(str(value).strip().split(".")[0])
        except (TypeError, ValueError):
            raise ValueError("กรุณากรอกปีงบประมาณเป็นตัวเลข พ.ศ. เช่น 2560") from None
        if not 2400 < year < 2800:
            raise ValueError("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2560")
        return year


class UnitByName(widgets.Widget):
    def __init__(self, finder):
        super().__init__()
        self.finder = finder

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            raise ValueError("กรุณากรอกชื่อหน่วยงาน")
        unit = self.finder(text)
        if unit is None:
            raise ValueError(f"ไม่พบหน่วยงาน “{text}” ในระบบ (ใช้ชื่อเต็มหรือชื่อย่อ)")
        return unit

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class Choice(widgets.Widget):
    """A choice written as its Thai label (or its code)."""

    def __init__(self, choices, *, default=None):
        super().__init__()
        self.choices, self.default = list(choices), default

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text and self.default is not None:
            return self.default
        for code, label in self.choices:
            if text in (str(code), label) or (text and label.startswith(text)):
                return code
        raise ValueError(f"“{text}” ไม่อยู่ในรายการ ({' / '.join(label for _, label in self.choices)})")

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices).get(value, value)


class YesNo(widgets.Widget):
    YES = {"ใช่", "ผ่าน", "มี", "yes", "y", "true", "1", "✓", "/", "x"}
    NO = {"", "ไม่", "ไม่ใช่", "ไม่ผ่าน", "ไม่มี", "no", "n", "false", "0", "-"}

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip().casefold()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError("กรอก “ผ่าน” หรือ “ไม่ผ่าน” (หรือ ใช่/ไม่ใช่)")

    def render(self, value, obj=None, **kwargs):
        return "ผ่าน" if value else "ไม่ผ่าน"


# ------------------------------------------------------------------ resources
class RegisterResource(resources.ModelResource):
    """Rows become records through the register's service; the Resource only reads and checks cells."""

    columns: list[tuple[str, str, object]] = []  # (heading, attribute, widget factory(finder))
    widths: list[float] = []

    class Meta:
        force_init_instance = True
        clean_model_instances = False
        skip_diff = True
        use_transactions = True
        fields: tuple = ()

    def __init__(self, *, actor, agency, **kwargs):
        super().__init__(**kwargs)
        self.actor, self.agency = actor, agency
        finder = unit_finder(agency)
        self.fields = {attr: fields.Field(attribute=attr, column_name=heading, widget=make(finder))
                       for heading, attr, make in self.columns}

    @classmethod
    def headings(cls) -> list[str]:
        return [heading for heading, _, _ in cls.columns]

    def do_instance_save(self, instance, is_create):
        saved = self.save_row(instance)
        instance.pk = saved.pk

    def save_row(self, row):  # pragma: no cover - each register defines it
        raise NotImplementedError

    def export_row(self, record) -> list:  # pragma: no cover - each register defines it
        raise NotImplementedError


def _unit(finder):
    return UnitByName(finder)


class ManualResource(RegisterResource):
    """One row per review of a process's manual or standard (the process and version are created when the
    sheet names them for the first time)."""

    columns = [
        ("หน่วยงาน", "unit", _unit),
        ("กระบวนงาน", "process_name", lambda f: Text()),
        ("ประเภทกระบวนงาน", "process_kind",
         lambda f: Choice(Process.Kind.choices, default=Process.Kind.CORE)),
        ("ตาม พ.ร.บ.อำนวยความสะดวก", "facilitation_act", lambda f: YesNo()),
        ("ประเภทเอกสาร", "document_type", lambda f: Choice(ManualVersion.DocumentType.choices)),
        ("ฉบับที่", "version_no", lambda f: Text(max_length=32)),
        ("วันที่ประกาศใช้", "effective_on", lambda f: BEDate()),
        ("วันที่ทบทวน", "reviewed_on", lambda f: BEDate()),
        ("ผู้ทบทวน", "reviewer", lambda f: Text(max_length=200)),
        ("ตำแหน่งผู้ทบทวน", "reviewer_position", lambda f: Text(required=False, max_length=200)),
        ("ผลการทบทวน", "outcome", lambda f: Choice(ManualReview.Outcome.choices,
                                                   default=ManualReview.Outcome.UNCHANGED)),
        ("สรุปผลการทบทวน", "findings", lambda f: Text(required=False, max_length=5000)),
    ]
    widths = [28, 32, 22, 14, 24, 10, 16, 16, 22, 22, 24, 40]

    class Meta(RegisterResource.Meta):
        model = ManualReview

    def save_row(self, row):
        process = manuals.process_for_import(actor=self.actor, unit=row.unit, name=row.process_name,
                                             kind=row.process_kind, facilitation_act=row.facilitation_act)
        version = ManualVersion.objects.filter(process=process, document_type=row.document_type,
                                               version=row.version_no).first()
        if version is None:
            version = manuals.version_save(actor=self.actor, process=process, document_type=row.document_type,
                                           number=row.version_no, title=process.name,
                                           effective_on=row.effective_on)
        return manuals.review_save(actor=self.actor, process=process, version=version,
                                   reviewed_on=row.reviewed_on, reviewer=row.reviewer,
                                   reviewer_position=row.reviewer_position, outcome=row.outcome,
                                   findings=row.findings)

    def export_row(self, r):
        v = r.version
        return [r.process.unit.name, r.process.name, r.process.get_kind_display(),
                "ใช่" if r.process.facilitation_act else "ไม่ใช่", v.get_document_type_display() if v else "",
                v.version if v else "", v.effective_on if v else None, r.reviewed_on, r.reviewer,
                r.reviewer_position, r.get_outcome_display(), r.findings]


class SubmissionResource(RegisterResource):
    columns = [
        ("ปีงบประมาณ", "fiscal_year", lambda f: Year()),
        ("รอบที่", "round_number", lambda f: Choice([(1, "1"), (2, "2")])),
        ("หน่วยงาน", "unit", _unit),
        ("วันที่ส่ง", "submitted_on", lambda f: BEDate()),
        ("เลขที่หนังสือนำส่ง", "document_no", lambda f: Text(required=False, max_length=100)),
        ("หมายเหตุ", "note", lambda f: Text(required=False, max_length=2000)),
    ]
    widths = [12, 8, 36, 16, 22, 36]

    class Meta(RegisterResource.Meta):
        model = IcSubmission

    def save_row(self, row):
        round_ = IcRound.objects.filter(agency=self.agency, fiscal_year=row.fiscal_year,
                                        number=row.round_number).first()
        if round_ is None:
            raise ApplicationError(f"ยังไม่มีรอบที่ {row.round_number} ของปีงบประมาณ {row.fiscal_year} ในระบบ")
        return icontrol.submission_save(actor=self.actor, round_=round_, unit=row.unit,
                                        submitted_on=row.submitted_on, document_no=row.document_no,
                                        note=row.note)

    def export_row(self, s):
        return [s.round.fiscal_year, s.round.number, s.unit.name, s.submitted_on, s.document_no, s.note]


class WorkplaceResource(RegisterResource):
    columns = [
        ("หน่วยงาน", "unit", _unit),
        ("วันที่ประเมิน", "assessed_on", lambda f: BEDate()),
        ("สะอาด", "clean", lambda f: YesNo()),
        ("ปลอดภัย", "safe", lambda f: YesNo()),
        ("สิ่งแวดล้อมดี", "environment", lambda f: YesNo()),
        ("มีชีวิตชีวา", "lively", lambda f: YesNo()),
        ("ผู้ประเมิน", "assessor", lambda f: Text(max_length=200)),
        ("ข้อสังเกต", "note", lambda f: Text(required=False, max_length=2000)),
    ]
    widths = [36, 16, 10, 10, 12, 12, 26, 36]

    class Meta(RegisterResource.Meta):
        model = WorkplaceAssessment

    def save_row(self, row):
        return workplace.assessment_save(actor=self.actor, unit=row.unit, assessed_on=row.assessed_on,
                                         assessor=row.assessor, clean=row.clean, safe=row.safe,
                                         environment=row.environment, lively=row.lively, note=row.note)

    def export_row(self, a):
        return [a.unit.name, a.assessed_on, *["ผ่าน" if getattr(a, c) else "ไม่ผ่าน" for c in a.CRITERIA],
                a.assessor, a.note]


class PublicityResource(RegisterResource):
    columns = [
        ("หน่วยงาน", "unit", _unit),
        ("ช่องทาง", "channel", lambda f: Choice(PublicityEntry.Channel.choices)),
        ("ช่องทางอื่น (ระบุ)", "channel_other", lambda f: Text(required=False, max_length=100)),
        ("วันที่เผยแพร่", "published_on", lambda f: BEDate()),
        ("เรื่องที่เผยแพร่", "title", lambda f: Text()),
        ("ลิงก์", "link", lambda f: Text(required=False, max_length=500)),
        ("รายละเอียด", "note", lambda f: Text(required=False, max_length=2000)),
    ]
    widths = [30, 22, 20, 16, 40, 40, 36]

    class Meta(RegisterResource.Meta):
        model = PublicityEntry

    def save_row(self, row):
        return publicity.entry_save(actor=self.actor, unit=row.unit, channel=row.channel,
                                    channel_other=row.channel_other, published_on=row.published_on,
                                    title=row.title, link=row.link, note=row.note)

    def export_row(self, e):
        return [e.unit.name, e.get_channel_display(), e.channel_other, e.published_on, e.title, e.link,
                e.note]


RESOURCES = {"manuals": ManualResource, "icontrol": SubmissionResource, "workplace": WorkplaceResource,
             "publicity": PublicityResource}
TITLES = {"manuals": "ทะเบียนการทบทวนคู่มือ", "icontrol": "รายงานการควบคุมภายใน",
          "workplace": "สถานที่ทำงานน่าอยู่", "publicity": "การเผยแพร่ประชาสัมพันธ์"}


# ------------------------------------------------------------------ import, template, export
@dataclass
class ImportOutcome:
    created: int = 0
    errors: list[str] = field(default_factory=list)


def _message(exc) -> str:
    return getattr(exc, "message", None) or str(exc) or exc.__class__.__name__


def _row_errors(resource: RegisterResource, result) -> list[str]:
    by_attr = {attr: heading for heading, attr, _ in resource.columns}
    errors: list[tuple[int, str]] = []
    for number, row_errors in result.row_errors():
        for error in row_errors:
            errors.append((number, _message(error.error)))
    for invalid in result.invalid_rows:
        parts = []
        for attr, messages in invalid.error_dict.items():
            text = "; ".join(m.message if isinstance(m, ValidationError) else str(m) for m in messages)
            parts.append(f"{by_attr.get(attr, attr)}: {text}")
        errors.append((invalid.number, " · ".join(parts)))
    for error in result.base_errors:
        errors.append((0, _message(error.error)))
    return [f"แถวที่ {n + 1}: {text}" if n else text for n, text in sorted(errors, key=lambda e: e[0])]


def read_sheet(uploaded, resource_class) -> tablib.Dataset:
    if uploaded.size > max_bytes():
        raise ApplicationError(f"แฟ้มมีขนาดเกินกำหนด {human_size(max_bytes())}", field="file")
    identify(uploaded, uploaded.name, ("xlsx",), field="file")
    uploaded.seek(0)
    try:
        dataset = tablib.Dataset().load(uploaded.read(), format="xlsx")
    except Exception as exc:  # a damaged workbook: openpyxl raises many kinds
        raise ApplicationError("อ่านแฟ้ม Excel ไม่ได้ กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ", field="file") from exc
    headings = [str(h or "").strip() for h in (dataset.headers or [])]
    missing = [h for h in resource_class.headings() if h not in headings]
    if missing:
        raise ApplicationError("แฟ้มไม่มีคอลัมน์: " + ", ".join(missing) + " (ใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ)",
                               field="file")
    dataset.headers = headings
    # Blank rows at the end of a sheet are not records.
    keep = [row for row in dataset if any(str(v or "").strip() for v in row)]
    clean = tablib.Dataset(*keep, headers=headings)
    if not len(clean):
        raise ApplicationError("แฟ้มไม่มีข้อมูล (มีเพียงแถวหัวตาราง)", field="file")
    return clean


def import_register(kind: str, uploaded, *, actor, agency) -> ImportOutcome:
    """Import a register's sheet: nothing is written unless every row is acceptable."""
    resource_class = RESOURCES[kind]
    dataset = read_sheet(uploaded, resource_class)
    trial = resource_class(actor=actor, agency=agency)
    result = trial.import_data(dataset, dry_run=True, use_transactions=True, raise_errors=False)
    errors = _row_errors(trial, result)
    if errors:
        return ImportOutcome(0, errors)
    with transaction.atomic():
        real = resource_class(actor=actor, agency=agency)
        result = real.import_data(dataset, dry_run=False, use_transactions=True, raise_errors=False)
        errors = _row_errors(real, result)
        if errors:  # something changed between the two runs: keep nothing
            transaction.set_rollback(True)
            return ImportOutcome(0, errors)
        audit_record(actor=actor, action="registers.import", unit=agency, object_type=f"registers.{kind}",
                     object_id=kind, object_label=TITLES[kind],
                     new={"file": uploaded.name, "rows": len(dataset)})
    return ImportOutcome(len(dataset), [])


def template_xlsx(kind: str) -> bytes:
    resource_class = RESOURCES[kind]
    wb = new_workbook(TITLES[kind])
    write_table(wb.active, resource_class.headings(), [], resource_class.widths)
    notes = wb.create_sheet("คำอธิบาย")
    notes.append(["กรอกหนึ่งแถวต่อหนึ่งรายการในแผ่นแรก ห้ามเปลี่ยนชื่อหัวคอลัมน์"])
    notes.append(["วันที่: วว/ดด/ปปปป ปี พ.ศ. เช่น 15/03/2560 หรือใช้ช่องวันที่ของ Excel"])
    notes.append(["หน่วยงาน: ชื่อเต็มหรือชื่อย่อตามระบบ เช่น กองการเจ้าหน้าที่ หรือ กกจ."])
    notes.append(["ระบบตรวจทุกแถวก่อน หากมีแถวใดผิด จะไม่บันทึกแถวใดเลย และแจ้งเลขแถวที่ต้องแก้"])
    return workbook_bytes(wb)


def export_xlsx(kind: str, records) -> bytes:
    resource_class = RESOURCES[kind]
    exporter = resource_class.__new__(resource_class)  # export needs no actor or unit lookup
    wb = new_workbook(TITLES[kind])
    write_table(wb.active, resource_class.headings(), [exporter.export_row(r) for r in records],
                resource_class.widths)
    return workbook_bytes(wb)
