"""Spreadsheet import and export of กองการเจ้าหน้าที่'s records, through django-import-export.

Two sheets the division already keeps are imported: each unit's figures for an evaluation round (หน่วยงาน,
จำนวนบุคลากร, ประเมินแล้ว, วันที่แล้วเสร็จ) and the year's job lines with their central indicators (สายงาน,
ประเภท, ตัวชี้วัดกลาง — one per line of the cell, วันที่กำหนด). Each is declared as a core.sheets.Sheet whose rows
are saved by hr.services (policy, rules, audit); core.sheets runs the import all or nothing, with every bad
row named in Thai and one audit entry for the import.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from import_export import widgets

from accounts import policy
from audit.services import audit_record
from core import sheets
from core.documents.xlsx import new_workbook, workbook_bytes, write_table
from core.errors import ApplicationError
from hr import selectors, services
from hr.models import EvaluationRound, JobLine, JobLineKpi, UnitCompletion
from org.selectors import normalize_label, unit_subtree


@dataclass(frozen=True)
class Context(sheets.Context):
    round_: EvaluationRound | None = None
    fiscal_year: int | None = None


# ------------------------------------------------------------------ widgets
class Kind(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        for code, label in JobLine.Kind.choices:
            if text and text in (code, label, label.removeprefix("สายงาน")):
                return code
        raise ValueError(f"“{text}” ไม่อยู่ในรายการ (สายงานหลัก / สายงานสนับสนุน)")


def unit_by_label(context) -> sheets.Lookup:
    """A unit of the agency by its code, name, abbreviation or an alias (a code wins over a label)."""
    index = {}
    for unit in unit_subtree(context.agency).order_by("-path"):
        for label in (unit.name, unit.abbreviation, *(unit.aliases or [])):
            if label:
                index[normalize_label(label)] = unit
    for unit in unit_subtree(context.agency):
        index[normalize_label(unit.code)] = unit
    return sheets.Lookup(lambda text: index.get(normalize_label(text)), missing="กรุณากรอกหน่วยงาน",
                         unknown="ไม่พบหน่วยงาน “{text}” ในระบบ (ใช้รหัส ชื่อเต็ม หรือชื่อย่อ)")


def _count() -> sheets.Number:
    return sheets.Number(integer=True, unit="คน", missing="กรุณากรอกจำนวน", not_number="“{text}” ไม่ใช่ตัวเลข",
                         negative="ต้องเป็นจำนวนเต็มไม่ติดลบ", fraction="ต้องเป็นจำนวนเต็มไม่ติดลบ")


# ------------------------------------------------------------------ the two sheets
def _check_completion(context, row, once) -> None:
    if not policy.can(context.actor, "hr.unit", unit=row.unit):
        raise ValidationError(f"ท่านไม่มีสิทธิ์บันทึกผลของ{row.unit.name}")
    once(row.unit.pk, "หน่วยงาน")


def _save_completion(context, row):
    return services.unit_complete(actor=context.actor, round_=context.round_, unit=row.unit,
                                  completed_on=row.completed_on, staff_count=row.staff_count,
                                  evaluated_count=row.evaluated_count)


# One row per unit: its staff and how many were evaluated (or had KPIs set) in the round, and when.
COMPLETIONS = sheets.Sheet(
    title="ผลการประเมินของหน่วยงาน",
    model=UnitCompletion,
    columns=(
        sheets.Column("หน่วยงาน", "unit", unit_by_label, 40),
        sheets.Column("จำนวนบุคลากร", "staff_count", _count(), 16),
        sheets.Column("ประเมินแล้ว", "evaluated_count", _count(), 16),
        sheets.Column("วันที่แล้วเสร็จ", "completed_on", sheets.BEDate(), 18),
    ),
    check=_check_completion,
    save=_save_completion,
)


def _check_job_line(context, row, once) -> None:
    once(normalize_label(row.line_name), "สายงาน")
    existing = JobLine.objects.filter(agency=context.agency, name=row.line_name).first()
    if existing is not None and existing.kind != row.line_kind:
        raise ValidationError(f"สายงานนี้อยู่ในระบบเป็น{existing.get_kind_display()} "
                              "(แก้ประเภทในไฟล์ให้ตรงกัน)")


def _save_job_line(context, row):
    line = JobLine.objects.filter(agency=context.agency, name=row.line_name).first()
    if line is None:
        line = services.job_line_save(actor=context.actor, agency=context.agency, name=row.line_name,
                                      kind=row.line_kind)
    return services.job_line_kpis_save(actor=context.actor, job_line=line, fiscal_year=context.fiscal_year,
                                       kpis=row.kpis.replace("\r\n", "\n"), set_on=row.set_on)


# One row per job line: its kind and the year's central indicators (one per line of the cell). A job line
# not yet in the system is added.
JOB_LINES = sheets.Sheet(
    title="ตัวชี้วัดกลางของสายงาน",
    model=JobLineKpi,
    columns=(
        sheets.Column("สายงาน", "line_name", sheets.Text(max_length=255), 32),
        sheets.Column("ประเภท", "line_kind", Kind(), 18),
        sheets.Column("ตัวชี้วัดกลาง", "kpis", sheets.Text(max_length=5000), 60),
        sheets.Column("วันที่กำหนด", "set_on", sheets.BEDate(), 16),
    ),
    check=_check_job_line,
    save=_save_job_line,
)


# ------------------------------------------------------------------ import, template, export
def _import(sheet: sheets.Sheet, uploaded, *, context: Context, dry_run: bool, audit: dict) -> sheets.Outcome:
    outcome = sheets.run(
        sheet, uploaded, context=context, dry_run=dry_run,
        audit=lambda rows: audit_record(actor=context.actor, action="hr.import", unit=context.agency,
                                        new={"file": uploaded.name, "rows": rows}, **audit))
    # hr's pages count the rows that go in: none when the file is refused.
    return dataclasses.replace(outcome, rows=0) if outcome.errors else outcome


def import_completions(uploaded, *, actor, round_: EvaluationRound, dry_run: bool = False) -> sheets.Outcome:
    """Each unit's figures for a round from a sheet; refused whole when a row is bad or the round closed."""
    policy.require(actor, "hr.unit")
    if round_.completed_on is not None:
        raise ApplicationError("รอบนี้ปิดแล้ว นำเข้าข้อมูลหน่วยงานไม่ได้", field="file")
    return _import(COMPLETIONS, uploaded, dry_run=dry_run,
                   context=Context(actor=actor, agency=round_.agency, round_=round_), audit={"obj": round_})


def import_job_lines(uploaded, *, actor, agency, fiscal_year: int, dry_run: bool = False) -> sheets.Outcome:
    """The year's job lines and their central indicators from a sheet, all or nothing."""
    policy.require(actor, "hr.manage", unit=agency)
    return _import(JOB_LINES, uploaded, dry_run=dry_run,
                   context=Context(actor=actor, agency=agency, fiscal_year=fiscal_year),
                   audit={"object_type": "hr.JobLineKpi", "object_id": str(fiscal_year),
                          "object_label": f"ตัวชี้วัดกลางของสายงาน ปีงบประมาณ พ.ศ. {fiscal_year}"})


NOTES = ["กรอกหนึ่งแถวต่อหนึ่งรายการในแผ่นแรก ห้ามเปลี่ยนชื่อหัวคอลัมน์",
         "วันที่: วว/ดด/ปปปป ปี พ.ศ. เช่น 15/03/2568 หรือใช้ช่องวันที่ของ Excel"]
LAST_NOTE = "ระบบตรวจทุกแถวก่อน หากมีแถวใดผิด จะไม่บันทึกแถวใดเลย และแจ้งเลขแถวที่ต้องแก้"


def completion_template(round_: EvaluationRound, actor) -> bytes:
    """The round's sheet with one row per unit the person may record, figures left blank."""
    rows = [[u.name, None, None, None] for u in selectors.expected_units(round_.agency)
            if policy.can(actor, "hr.unit", unit=u)]
    return sheets.template_xlsx(COMPLETIONS, rows, [
        *NOTES, "หน่วยงาน: รหัส ชื่อเต็ม หรือชื่อย่อตามระบบ เช่น cpd-hr หรือ กองการเจ้าหน้าที่", LAST_NOTE])


def job_line_template(agency, fiscal_year: int) -> bytes:
    kpis = {k.job_line_id: k for k in selectors.year_kpi_sets(agency, fiscal_year)}
    rows = [[line.name, line.get_kind_display(), kpis[line.pk].kpis if line.pk in kpis else "",
             kpis[line.pk].set_on if line.pk in kpis else None] for line in selectors.job_lines(agency)]
    return sheets.template_xlsx(JOB_LINES, rows, [
        *NOTES, "ตัวชี้วัดกลาง: หนึ่งตัวชี้วัดต่อหนึ่งบรรทัดในช่อง (Alt+Enter ขึ้นบรรทัดใหม่)",
        "ประเภท: สายงานหลัก หรือ สายงานสนับสนุน สายงานที่ยังไม่มีในระบบจะถูกเพิ่มให้", LAST_NOTE])


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
                JOB_LINES.widths())
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
