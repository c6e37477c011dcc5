"""Importing the staff roster from the HR division's spreadsheet (CSV in UTF-8, or XLSX).

All or nothing: the file is first imported as a dry run (django-import-export rolls it back) and every row
is checked; if any row is wrong nothing is written and each problem comes back in Thai as "แถวที่ N: …",
N being the row number the spreadsheet program shows (the header is row 1). Otherwise the rows are written
in one transaction: people are matched on their staff code, new people join the roster from the effective
date, and people the file no longer lists leave it the day before (their history stays).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from import_export import resources, widgets
from import_export.fields import Field
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts import policy
from audit.services import audit_record
from campaigns.models import ExecutiveLevel, StaffMember
from core import record_files
from core.errors import ApplicationError
from core.uploads import display_filename, extension_of, human_size, identify, sniff
from org.models import Unit

COLUMNS = {
    "code": "รหัสบุคลากร", "title": "คำนำหน้า", "first_name": "ชื่อ", "last_name": "นามสกุล",
    "position": "ตำแหน่ง", "executive_level": "ระดับผู้บริหาร", "unit": "หน่วยงาน", "email": "อีเมล",
}
REQUIRED = ("code", "first_name", "last_name", "unit")
LEVELS = {
    "": "", "-": "", "ไม่ใช่": "", "ไม่เป็น": "", "ไม่ใช่ผู้บริหาร": "",
    "ต้น": ExecutiveLevel.JUNIOR, "ระดับต้น": ExecutiveLevel.JUNIOR, "ผู้บริหารระดับต้น": ExecutiveLevel.JUNIOR,
    "กลาง": ExecutiveLevel.MIDDLE, "ระดับกลาง": ExecutiveLevel.MIDDLE,
    "ผู้บริหารระดับกลาง": ExecutiveLevel.MIDDLE,
    "สูง": ExecutiveLevel.SENIOR, "ระดับสูง": ExecutiveLevel.SENIOR, "ผู้บริหารระดับสูง": ExecutiveLevel.SENIOR,
}


class RosterImportError(ApplicationError):
    def __init__(self, problems: list[str]):
        super().__init__(f"ยังไม่ได้นำเข้า: พบข้อผิดพลาด {len(problems)} รายการ แก้ไขในไฟล์แล้วนำเข้าอีกครั้ง "
                         "(ระบบยังไม่ได้บันทึกแถวใดเลย)", field="file")
        self.problems = problems


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    left: int = 0
    names_left: list[str] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a staff code typed as a number comes back from XLSX as 1234.0
    return str(value).strip()


class TextWidget(widgets.Widget):
    def __init__(self, label: str, required: bool = False, max_length: int = 255):
        super().__init__()
        self.label, self.required, self.max_length = label, required, max_length

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if self.required and not text:
            raise ValueError(f"ยังไม่ได้กรอก{self.label}")
        if len(text) > self.max_length:
            raise ValueError(f"{self.label}ยาวเกิน {self.max_length} ตัวอักษร")
        return text


class LevelWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if text not in LEVELS:
            raise ValueError(f"ระดับผู้บริหาร \"{text}\" ไม่ถูกต้อง ใช้ ต้น กลาง สูง หรือเว้นว่าง")
        return LEVELS[text]


class EmailWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if text:
            try:
                validate_email(text)
            except ValidationError:
                raise ValueError(f"อีเมล \"{text}\" ไม่ถูกต้อง") from None
        return text


class UnitWidget(widgets.Widget):
    """A unit named by its code, name, abbreviation or short name, inside the agency."""

    def __init__(self, agency: Unit):
        super().__init__()
        self.lookup: dict[str, Unit] = {}
        for unit in Unit.objects.filter(path__startswith=agency.path, is_active=True):
            for key in (unit.code, unit.name, unit.abbreviation, unit.short_name):
                if key:
                    self.lookup.setdefault(key.strip(), unit)

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            raise ValueError("ยังไม่ได้กรอกหน่วยงาน")
        unit = self.lookup.get(text)
        if unit is None:
            raise ValueError(f"ไม่พบหน่วยงาน \"{text}\" ในโครงสร้างของส่วนราชการ (ใช้รหัส ชื่อเต็ม หรือชื่อย่อ)")
        return unit


class StaffResource(resources.ModelResource):
    def __init__(self, *, agency: Unit, effective: datetime.date):
        self.agency, self.effective = agency, effective
        super().__init__()
        self.fields = {
            "code": Field(attribute="code", column_name=COLUMNS["code"],
                          widget=TextWidget("รหัสบุคลากร", required=True, max_length=32)),
            "title": Field(attribute="title", column_name=COLUMNS["title"],
                           widget=TextWidget("คำนำหน้า", max_length=64)),
            "first_name": Field(attribute="first_name", column_name=COLUMNS["first_name"],
                                widget=TextWidget("ชื่อ", required=True, max_length=100)),
            "last_name": Field(attribute="last_name", column_name=COLUMNS["last_name"],
                               widget=TextWidget("นามสกุล", required=True, max_length=100)),
            "position": Field(attribute="position", column_name=COLUMNS["position"],
                              widget=TextWidget("ตำแหน่ง")),
            "executive_level": Field(attribute="executive_level", column_name=COLUMNS["executive_level"],
                                     widget=LevelWidget()),
            "unit": Field(attribute="unit", column_name=COLUMNS["unit"], widget=UnitWidget(agency)),
            "email": Field(attribute="email", column_name=COLUMNS["email"], widget=EmailWidget()),
        }

    class Meta:
        model = StaffMember
        import_id_fields = ("code",)
        fields = tuple(COLUMNS)
        skip_diff = True
        skip_html_diff = True

    def get_queryset(self):
        return StaffMember.objects.filter(agency=self.agency)

    def init_instance(self, row=None):
        return StaffMember(agency=self.agency, active_from=self.effective)

    def before_save_instance(self, instance, row, **kwargs):
        instance.active_to = None  # listed again: back on the roster


def read_dataset(uploaded) -> tablib.Dataset:
    """The rows of an uploaded CSV (UTF-8) or XLSX, under the upload rules of core.uploads."""
    name = display_filename(uploaded.name)
    limit = record_files.max_bytes()
    if getattr(uploaded, "size", 0) and uploaded.size > limit:
        raise ApplicationError(f"ไฟล์ {name} มีขนาด {human_size(uploaded.size)} เกินกำหนด {human_size(limit)}",
                               field="file")
    uploaded.seek(0)
    data = uploaded.read()
    if not data:
        raise ApplicationError(f"ไฟล์ {name} ว่างเปล่า", field="file")
    dataset = _load(io.BytesIO(data), uploaded.name, name)
    dataset.headers = [_text(h) for h in (dataset.headers or [])]
    missing = [COLUMNS[k] for k in REQUIRED if COLUMNS[k] not in dataset.headers]
    if missing:
        raise ApplicationError(f"ไม่พบคอลัมน์ {', '.join(missing)} ในแถวแรกของไฟล์ "
                               "กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ", field="file")
    # Rows left entirely empty at the end of a sheet are not people.
    keep = [i for i, row in enumerate(dataset) if any(_text(v) for v in row)]
    if len(keep) != len(dataset):
        clean = tablib.Dataset(headers=dataset.headers)
        for i in keep:
            clean.append(dataset[i])
        dataset = clean
    if not len(dataset):
        raise ApplicationError(f"ไฟล์ {name} ไม่มีรายชื่อ", field="file")
    return dataset


def _load(source: io.BytesIO, filename: str, name: str) -> tablib.Dataset:
    data = source.getvalue()
    if extension_of(filename) == "csv":
        kind = sniff(source)
        if kind == "text-binary":
            raise ApplicationError(f"ไฟล์ {name} ไม่ได้บันทึกเป็น UTF-8 กรุณาบันทึกใหม่เป็น \"CSV UTF-8\" "
                                   "หรือใช้ไฟล์ Excel (XLSX)", field="file")
        if kind != "txt":
            raise ApplicationError(f"ไฟล์ {name} ไม่ใช่ไฟล์ CSV ที่รับได้", field="file")
        return tablib.Dataset().load(data.decode("utf-8-sig"), format="csv")
    identify(source, filename, ["xlsx"], field="file", accepted="CSV (UTF-8) หรือ Excel (XLSX)")
    try:
        return tablib.Dataset().load(source, format="xlsx")
    except Exception as exc:  # a damaged workbook
        raise ApplicationError(f"เปิดไฟล์ {name} ไม่ได้ ไฟล์อาจเสียหาย", field="file") from exc


def _line(number: int) -> int:
    return number + 1  # the header is the sheet's row 1


def _problems(result, dataset: tablib.Dataset) -> list[str]:
    problems: dict[int, list[str]] = {}
    for invalid in result.invalid_rows:
        for messages in invalid.error_dict.values():
            for message in messages:
                problems.setdefault(invalid.number, []).append(message)
    for number, errors in result.row_errors():
        for error in errors:
            problems.setdefault(number, []).append(f"บันทึกไม่ได้ ({error.error})")
    code_at = dataset.headers.index(COLUMNS["code"])
    seen: dict[str, int] = {}
    for number, row in enumerate(dataset, start=1):
        code = _text(row[code_at])
        if code and code in seen:
            problems.setdefault(number, []).append(f"รหัสบุคลากร {code} ซ้ำกับแถวที่ {_line(seen[code])}")
        seen.setdefault(code, number)
    return [f"แถวที่ {_line(n)}: {'; '.join(msgs)}" for n, msgs in sorted(problems.items())]


def roster_import(*, actor, agency: Unit, uploaded, effective: datetime.date) -> ImportSummary:
    policy.require(actor, "roster.manage", unit=agency)
    dataset = read_dataset(uploaded)
    resource = StaffResource(agency=agency, effective=effective)
    trial = resource.import_data(dataset, dry_run=True, raise_errors=False, use_transactions=True)
    problems = _problems(trial, dataset)
    if problems or trial.has_errors() or trial.has_validation_errors():
        raise RosterImportError(problems or ["ไฟล์มีข้อผิดพลาดที่ระบบอ่านไม่ได้"])
    code_at = dataset.headers.index(COLUMNS["code"])
    codes = {_text(row[code_at]) for row in dataset}
    with transaction.atomic():
        result = StaffResource(agency=agency, effective=effective).import_data(
            dataset, dry_run=False, raise_errors=True, use_transactions=False)
        totals = result.totals
        leavers = list(StaffMember.objects.filter(agency=agency).filter(StaffMember.active_on(effective))
                       .exclude(code__in=codes))
        until = effective - datetime.timedelta(days=1)
        StaffMember.objects.filter(pk__in=[m.pk for m in leavers]).update(active_to=until)
        summary = ImportSummary(created=totals.get("new", 0), updated=totals.get("update", 0),
                                left=len(leavers), names_left=[m.full_name for m in leavers])
        audit_record(actor=actor, action="roster.import", unit=agency, object_type="campaigns.StaffMember",
                     object_label=f"บัญชีรายชื่อบุคลากร {agency.name}",
                     new={"file": display_filename(uploaded.name), "effective": effective,
                          "created": summary.created, "updated": summary.updated, "left": summary.left,
                          "names_left": summary.names_left[:50]})
    return summary


def template_workbook(agency: Unit) -> bytes:
    """The XLSX the HR division fills in: the columns, one example row, and the units' codes."""
    book = Workbook()
    sheet = book.active
    sheet.title = "บัญชีรายชื่อ"
    sheet.append(list(COLUMNS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(["100001", "นางสาว", "สมหญิง", "ตัวอย่าง", "นักทรัพยากรบุคคลชำนาญการ", "", "cpd-hr",
                  "somying@example.go.th"])
    for column, width in zip("ABCDEFGH", (14, 10, 18, 18, 32, 16, 20, 28), strict=True):
        sheet.column_dimensions[column].width = width
    units = book.create_sheet("รหัสหน่วยงาน")
    units.append(["รหัส", "ชื่อหน่วยงาน", "ชื่อย่อ"])
    for cell in units[1]:
        cell.font = Font(bold=True)
    for unit in Unit.objects.filter(path__startswith=agency.path, is_active=True).order_by("path"):
        units.append([unit.code, unit.name, unit.abbreviation])
    notes = book.create_sheet("คำอธิบาย")
    for line in (
        "ต้องกรอก: รหัสบุคลากร ชื่อ นามสกุล หน่วยงาน (รหัส ชื่อเต็ม หรือชื่อย่อ ตามแผ่นงาน \"รหัสหน่วยงาน\")",
        "ระดับผู้บริหาร: ต้น กลาง สูง หรือเว้นว่างเมื่อไม่ใช่ผู้บริหาร",
        "ไฟล์หนึ่งคือบัญชีรายชื่อทั้งส่วนราชการ: ผู้ที่ไม่มีในไฟล์จะถูกบันทึกว่าพ้นจากบัญชี (ไม่ลบประวัติ)",
        "หากแถวใดผิด ระบบจะไม่บันทึกแถวใดเลย และแจ้งแถวที่ต้องแก้ไข",
    ):
        notes.append([line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
