"""Spreadsheet import and export of กองการเจ้าหน้าที่'s records, through django-import-export.

Two sheets the division already keeps are imported: each unit's figures for an evaluation round (หน่วยงาน,
จำนวนบุคลากร, ประเมินแล้ว, วันที่แล้วเสร็จ) and the year's job lines with their central indicators (สายงาน,
ประเภท, ตัวชี้วัดกลาง — one per line of the cell, วันที่กำหนด). Each row is saved by hr.services (policy, rules,
audit), never by the Resource itself. All or nothing: a dry run first (in a transaction rolled back) collects
every row's problems as "แถวที่ N: …" (N as the spreadsheet numbers its rows, the heading being row 1); only a
file without a single problem is then imported, in one transaction, with one audit entry for the import.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from import_export import fields, resources, widgets

from accounts import policy
from audit.services import audit_record
from core.documents.xlsx import new_workbook, workbook_bytes, write_table
from core.errors import ApplicationError
from core.record_files import max_bytes
from core.thai import parse_be_date
from core.uploads import human_size, identify
from hr import selectors, services
from hr.models import EvaluationRound, JobLine, JobLineKpi, UnitCompletion
from org.selectors import normalize_label, unit_subtree


# ------------------------------------------------------------------ widgets
class Text(widgets.Widget):
    def __init__(self, *, required: bool = True, max_length: int = 300):
        super().__init__()
        self.required, self.max_length = required, max_length

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if self.required and not text:
            raise ValueError("กรุณากรอก")
        if len(text) > self.max_length:
            raise ValueError(f"ยาวเกิน {self.max_length} ตัวอักษร")
        return text


class BEDate(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if value in (None, ""):
            raise ValueError("กรุณากรอกวันที่ (วว/ดด/ปปปป พ.ศ.)")
        return parse_be_date(str(value))  # its ValueError is Thai


class Count(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).replace(",", "").replace("คน", "").strip()
        if not text:
            raise ValueError("กรุณากรอกจำนวน")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"“{text}” ไม่ใช่ตัวเลข") from None
        if number < 0 or not number.is_integer():
            raise ValueError("ต้องเป็นจำนวนเต็มไม่ติดลบ")
        return int(number)


class Kind(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        for code, label in JobLine.Kind.choices:
            if text and text in (code, label, label.removeprefix("สายงาน")):
                return code
        raise ValueError(f"“{text}” ไม่อยู่ในรายการ (สายงานหลัก / สายงานสนับสนุน)")


class UnitByLabel(widgets.Widget):
    """A unit of the agency by its code, name, abbreviation or an alias."""

    def __init__(self, agency):
        super().__init__()
        self.index = {}
        for unit in unit_subtree(agency).order_by("-path"):
            for label in (unit.name, unit.abbreviation, *(unit.aliases or [])):
                if label:
                    self.index[normalize_label(label)] = unit
        for unit in unit_subtree(agency):
            self.index[normalize_label(unit.code)] = unit

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            raise ValueError("กรุณากรอกหน่วยงาน")
        unit = self.index.get(normalize_label(text))
        if unit is None:
            raise ValueError(f"ไม่พบหน่วยงาน “{text}” ในระบบ (ใช้รหัส ชื่อเต็ม หรือชื่อย่อ)")
        return unit


# ------------------------------------------------------------------ resources
class HrResource(resources.ModelResource):
    """Rows become records through hr.services; the Resource only reads and checks cells."""

    columns: list[tuple[str, str, object]] = []  # (heading, attribute, widget factory(agency))
    widths: list[float] = []
    title = ""

    class Meta:
        force_init_instance = True
        clean_model_instances = False
        skip_diff = True
        use_transactions = True
        fields: tuple = ()

    def __init__(self, *, actor, agency, **kwargs):
        super().__init__()
        self.actor, self.agency, self.seen = actor, agency, {}
        self.fields = {attr: fields.Field(attribute=attr, column_name=heading, widget=make(agency))
                       for heading, attr, make in self.columns}

    @classmethod
    def headings(cls) -> list[str]:
        return [heading for heading, _, _ in cls.columns]

    def _once(self, key, kwargs, what: str) -> None:
        number = kwargs.get("row_number")
        if key in self.seen:
            raise ValidationError(f"{what}ซ้ำกับแถวที่ {self.seen[key] + 1}")
        self.seen[key] = number

    def do_instance_save(self, instance, is_create):
        instance.pk = self.save_row(instance).pk

    def save_row(self, row):  # pragma: no cover - each sheet defines it
        raise NotImplementedError


class CompletionResource(HrResource):
    """One row per unit: its staff and how many were evaluated (or had KPIs set) in the round, and when."""

    title = "ผลการประเมินของหน่วยงาน"
    columns = [
        ("หน่วยงาน", "unit", UnitByLabel),
        ("จำนวนบุคลากร", "staff_count", lambda a: Count()),
        ("ประเมินแล้ว", "evaluated_count", lambda a: Count()),
        ("วันที่แล้วเสร็จ", "completed_on", lambda a: BEDate()),
    ]
    widths = [40, 16, 16, 18]

    class Meta(HrResource.Meta):
        model = UnitCompletion

    def __init__(self, *, round_: EvaluationRound, **kwargs):
        super().__init__(**kwargs)
        self.round = round_

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        unit = instance.unit
        if not policy.can(self.actor, "hr.unit", unit=unit):
            raise ValidationError(f"ท่านไม่มีสิทธิ์บันทึกผลของ{unit.name}")
        self._once(unit.pk, kwargs, "หน่วยงาน")

    def save_row(self, row):
        return services.unit_complete(actor=self.actor, round_=self.round, unit=row.unit,
                                      completed_on=row.completed_on, staff_count=row.staff_count,
                                      evaluated_count=row.evaluated_count)


class JobLineKpiResource(HrResource):
    """One row per job line: its kind and the year's central indicators (one per line of the cell). A job
    line not yet in the system is added."""

    title = "ตัวชี้วัดกลางของสายงาน"
    columns = [
        ("สายงาน", "line_name", lambda a: Text(max_length=255)),
        ("ประเภท", "line_kind", lambda a: Kind()),
        ("ตัวชี้วัดกลาง", "kpis", lambda a: Text(max_length=5000)),
        ("วันที่กำหนด", "set_on", lambda a: BEDate()),
    ]
    widths = [32, 18, 60, 16]

    class Meta(HrResource.Meta):
        model = JobLineKpi

    def __init__(self, *, fiscal_year: int, **kwargs):
        super().__init__(**kwargs)
        self.fiscal_year = fiscal_year

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        self._once(normalize_label(instance.line_name), kwargs, "สายงาน")
        existing = JobLine.objects.filter(agency=self.agency, name=instance.line_name).first()
        if existing is not None and existing.kind != instance.line_kind:
            raise ValidationError(f"สายงานนี้อยู่ในระบบเป็น{existing.get_kind_display()} "
                                  "(แก้ประเภทในไฟล์ให้ตรงกัน)")

    def save_row(self, row):
        line = JobLine.objects.filter(agency=self.agency, name=row.line_name).first()
        if line is None:
            line = services.job_line_save(actor=self.actor, agency=self.agency, name=row.line_name,
                                          kind=row.line_kind)
        return services.job_line_kpis_save(actor=self.actor, job_line=line, fiscal_year=self.fiscal_year,
                                           kpis=row.kpis.replace("\r\n", "\n"), set_on=row.set_on)


# ------------------------------------------------------------------ import, template, export
@dataclass
class ImportOutcome:
    rows: int = 0
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False


def _message(exc) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return getattr(exc, "message", None) or str(exc) or exc.__class__.__name__


def _row_errors(resource: HrResource, result) -> list[str]:
    by_attr = {attr: heading for heading, attr, _ in resource.columns}
    errors: list[tuple[int, str]] = []
    for number, row_errors in result.row_errors():
        for error in row_errors:
            errors.append((number, _message(error.error)))
    for invalid in result.invalid_rows:
        parts = []
        for attr, messages in invalid.error_dict.items():
            text = "; ".join(m.message if isinstance(m, ValidationError) else str(m) for m in messages)
            parts.append(text if attr == "__all__" else f"{by_attr.get(attr, attr)}: {text}")
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
    keep = [row for row in dataset if any(str(v or "").strip() for v in row)]  # blank rows are not records
    clean = tablib.Dataset(*keep, headers=headings)
    if not len(clean):
        raise ApplicationError("แฟ้มไม่มีข้อมูล (มีเพียงแถวหัวตาราง)", field="file")
    return clean


def _import(resource_class, uploaded, *, dry_run: bool, audit: dict, **kwargs) -> ImportOutcome:
    dataset = read_sheet(uploaded, resource_class)
    trial = resource_class(**kwargs)
    result = trial.import_data(dataset, dry_run=True, use_transactions=True, raise_errors=False)
    errors = _row_errors(trial, result)
    if errors or dry_run:
        return ImportOutcome(0 if errors else len(dataset), errors, dry_run)
    with transaction.atomic():
        real = resource_class(**kwargs)
        result = real.import_data(dataset, dry_run=False, use_transactions=True, raise_errors=False)
        errors = _row_errors(real, result)
        if errors:  # something changed between the two runs: keep nothing
            transaction.set_rollback(True)
            return ImportOutcome(0, errors)
        audit_record(actor=kwargs["actor"], action="hr.import", unit=kwargs["agency"],
                     new={"file": uploaded.name, "rows": len(dataset)}, **audit)
    return ImportOutcome(len(dataset), [])


def import_completions(uploaded, *, actor, round_: EvaluationRound, dry_run: bool = False) -> ImportOutcome:
    """Each unit's figures for a round from a sheet; refused whole when a row is bad or the round closed."""
    policy.require(actor, "hr.unit")
    if round_.completed_on is not None:
        raise ApplicationError("รอบนี้ปิดแล้ว นำเข้าข้อมูลหน่วยงานไม่ได้", field="file")
    return _import(CompletionResource, uploaded, dry_run=dry_run, actor=actor, agency=round_.agency,
                   round_=round_, audit={"obj": round_})


def import_job_lines(uploaded, *, actor, agency, fiscal_year: int, dry_run: bool = False) -> ImportOutcome:
    """The year's job lines and their central indicators from a sheet, all or nothing."""
    policy.require(actor, "hr.manage", unit=agency)
    return _import(JobLineKpiResource, uploaded, dry_run=dry_run, actor=actor, agency=agency,
                   fiscal_year=fiscal_year,
                   audit={"object_type": "hr.JobLineKpi", "object_id": str(fiscal_year),
                          "object_label": f"ตัวชี้วัดกลางของสายงาน ปีงบประมาณ พ.ศ. {fiscal_year}"})


def template_xlsx(resource_class, example_rows=()) -> bytes:
    book = new_workbook(resource_class.title)
    write_table(book.active, resource_class.headings(), list(example_rows), resource_class.widths)
    notes = book.create_sheet("คำอธิบาย")
    notes.append(["กรอกหนึ่งแถวต่อหนึ่งรายการในแผ่นแรก ห้ามเปลี่ยนชื่อหัวคอลัมน์"])
    notes.append(["วันที่: วว/ดด/ปปปป ปี พ.ศ. เช่น 15/03/2568 หรือใช้ช่องวันที่ของ Excel"])
    if resource_class is CompletionResource:
        notes.append(["หน่วยงาน: รหัส ชื่อเต็ม หรือชื่อย่อตามระบบ เช่น cpd-hr หรือ กองการเจ้าหน้าที่"])
    else:
        notes.append(["ตัวชี้วัดกลาง: หนึ่งตัวชี้วัดต่อหนึ่งบรรทัดในช่อง (Alt+Enter ขึ้นบรรทัดใหม่)"])
        notes.append(["ประเภท: สายงานหลัก หรือ สายงานสนับสนุน สายงานที่ยังไม่มีในระบบจะถูกเพิ่มให้"])
    notes.append(["ระบบตรวจทุกแถวก่อน หากมีแถวใดผิด จะไม่บันทึกแถวใดเลย และแจ้งเลขแถวที่ต้องแก้"])
    return workbook_bytes(book)


def completion_template(round_: EvaluationRound, actor) -> bytes:
    """The round's sheet with one row per unit the person may record, figures left blank."""
    rows = [[u.name, None, None, None] for u in selectors.expected_units(round_.agency)
            if policy.can(actor, "hr.unit", unit=u)]
    return template_xlsx(CompletionResource, rows)


def job_line_template(agency, fiscal_year: int) -> bytes:
    kpis = {k.job_line_id: k for k in selectors.year_kpi_sets(agency, fiscal_year)}
    rows = [[line.name, line.get_kind_display(), kpis[line.pk].kpis if line.pk in kpis else "",
             kpis[line.pk].set_on if line.pk in kpis else None] for line in selectors.job_lines(agency)]
    return template_xlsx(JobLineKpiResource, rows)


def year_xlsx(*, actor, agency, fiscal_year: int) -> bytes:
    """The year's HR records the person may see: criteria steps, job lines' central KPIs, rounds by unit."""
    policy.require(actor, "hr.view", unit=agency)
    book = new_workbook("ขั้นตอนปรับปรุงหลักเกณฑ์")
    steps = policy.scope(actor, "hr.view", selectors.criteria_steps(agency, fiscal_year))
    write_table(book.active, ["ขั้นที่", "ขั้นตอน", "วันที่ดำเนินการ", "อ้างอิง", "หมายเหตุ"],
                ([s.step, s.get_step_display(), s.done_on, s.reference, s.note] for s in steps),
                (8, 44, 16, 36, 36))
    kpis = policy.scope(actor, "hr.view", selectors.year_kpi_sets(agency, fiscal_year))
    write_table(book.create_sheet("ตัวชี้วัดกลางของสายงาน"), ["สายงาน", "ประเภท", "ตัวชี้วัดกลาง", "วันที่กำหนด"],
                ([k.job_line.name, k.job_line.get_kind_display(), k.kpis, k.set_on] for k in kpis),
                JobLineKpiResource.widths)
    rounds = policy.scope(actor, "hr.view", selectors.year_rounds(agency, fiscal_year))
    completions = policy.scope(actor, "hr.view", UnitCompletion.objects.filter(round__in=rounds)) \
        .select_related("round", "unit").order_by("round__number", "unit__path")
    write_table(book.create_sheet("ผลการประเมินของหน่วยงาน"),
                ["รอบ", "หน่วยงาน", "รหัสหน่วยงาน", "จำนวนบุคลากร", "ประเมินแล้ว", "ครบ", "วันที่แล้วเสร็จ",
                 "วันที่ปิดรอบ"],
                ([c.round.get_number_display(), c.unit.name, c.unit.code, c.staff_count, c.evaluated_count,
                  "ครบ" if c.is_complete else "ไม่ครบ", c.completed_on, c.round.completed_on]
                 for c in completions), (36, 36, 16, 14, 14, 8, 16, 16))
    return workbook_bytes(book)
