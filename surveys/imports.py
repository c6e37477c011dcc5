"""Import of responses collected on paper or through an outside online form into a survey.

The sheet has one column per question, headed by the question's order number and its short text
("3. ค้นหาง่าย"), and one row per respondent. Columns are matched by the leading number only, so a
shortened or retyped heading still lands on the right question. Five-point cells take 1–5 (Thai digits
too) or stay empty; text cells take free text. Like the house imports the file is read by core.sheets
(size, content, tablib) and the import is all or nothing: every row is checked first and the problems
are reported as "แถวที่ N: ข้อ K: …" (N as the spreadsheet numbers its rows, the heading being row 1);
only a file without a single problem is written, in one transaction, with one audit entry giving the count.

The questions are data and differ per survey, so a fixed django-import-export Resource does not fit; the
cells are checked here and the rows become responses exactly as the answer form makes them. Nothing about
a respondent is read or stored: columns that are not questions (a name, an e-mail) are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tablib
from django.db import transaction
from django.utils import timezone

from accounts import policy
from audit.services import audit_record
from core import sheets
from core.documents.xlsx import new_workbook, workbook_bytes, write_table
from core.errors import ApplicationError
from surveys.models import Answer, Question, Response, Survey
from surveys.services import MAX_TEXT

SHORT = 60
_ORDER = re.compile(r"^\s*(?:ข้อ\s*)?(\d+)")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass
class ImportOutcome:
    created: int = 0
    errors: list[str] = field(default_factory=list)


def heading(q: Question) -> str:
    text = q.text if len(q.text) <= SHORT else q.text[:SHORT - 1].rstrip() + "…"
    return f"{q.order}. {text}"


def template_xlsx(survey: Survey) -> bytes:
    questions = list(survey.questions.all())
    wb = new_workbook("คำตอบ")
    headings = [heading(q) for q in questions]
    write_table(wb.active, headings, [], [max(12, min(40, len(h))) for h in headings])
    notes = wb.create_sheet("คำอธิบาย")
    notes.append([f"แบบสำรวจ: {survey.title} (ปีงบประมาณ {survey.fiscal_year})"])
    notes.append(["กรอกหนึ่งแถวต่อผู้ตอบหนึ่งคนในแผ่นแรก ห้ามเปลี่ยนเลขข้อที่หัวคอลัมน์"])
    notes.append(["ข้อระดับความพึงพอใจ: กรอก 1–5 (5 มากที่สุด … 1 น้อยที่สุด) หรือเว้นว่างถ้าผู้ตอบไม่ได้ตอบ"])
    notes.append(["ข้อความ: พิมพ์ตามที่ผู้ตอบเขียน (ไม่เกิน 2,000 ตัวอักษร)"])
    notes.append(["ห้ามกรอกชื่อ ที่อยู่ หรือข้อมูลที่ระบุตัวผู้ตอบ ระบบไม่เก็บข้อมูลผู้ตอบ"])
    notes.append(["ระบบตรวจทุกแถวก่อน หากมีแถวใดผิด จะไม่บันทึกแถวใดเลย และแจ้งเลขแถวที่ต้องแก้"])
    for q in questions:
        notes.append([f"ข้อ {q.order} ({q.get_kind_display()}): {q.text}"])
    return workbook_bytes(wb)


# Excel (XLSX) or CSV saved from an outside form; blank lines are handled by import_responses.
WORDING = sheets.Wording(unreadable="อ่านแฟ้มไม่ได้ กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ",
                         accepted="Excel (XLSX) หรือ CSV")


def read_sheet(uploaded) -> tablib.Dataset:
    return sheets.load(uploaded, wording=WORDING, csv=True)


def _columns(survey: Survey, dataset: tablib.Dataset) -> list[tuple[int, Question]]:
    by_order = {q.order: q for q in survey.questions.all()}
    columns, seen = [], set()
    for index, head in enumerate(dataset.headers or []):
        match = _ORDER.match(str(head or ""))
        q = by_order.get(int(match.group(1))) if match else None
        if q is None:
            continue  # not a question (e.g. a running number): never read
        if q.order in seen:
            raise ApplicationError(f"แฟ้มมีคอลัมน์ข้อ {q.order} ซ้ำกัน", field="file")
        seen.add(q.order)
        columns.append((index, q))
    missing = [str(o) for o in by_order if o not in seen]
    if missing:
        raise ApplicationError("แฟ้มไม่มีคอลัมน์ของข้อ " + ", ".join(missing)
                               + " (ใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ)", field="file")
    return columns


def _cell(q: Question, value) -> tuple[Answer | None, str | None]:
    """The answer in one cell (None when empty), or the Thai problem with it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if q.kind == Question.Kind.TEXT:
        text = str(value).strip()
        if len(text) > MAX_TEXT:
            return None, f"ข้อความยาวเกิน {MAX_TEXT:,} ตัวอักษร"
        return Answer(question=q, text=text), None
    if isinstance(value, bool):
        return None, "ต้องเป็นตัวเลข 1–5"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        score = value
    else:
        text = str(value).strip().translate(_THAI_DIGITS)
        score = int(text) if re.fullmatch(r"\d+", text) else -1
    if not 1 <= score <= 5:
        return None, "ต้องเป็นตัวเลข 1–5"
    return Answer(question=q, score=score), None


def import_responses(survey: Survey, uploaded, *, actor) -> ImportOutcome:
    """Import the sheet's responses into `survey`: nothing is written unless every row is acceptable."""
    policy.require(actor, survey.manage_action, survey)
    dataset = read_sheet(uploaded)
    columns = _columns(survey, dataset)
    rows: list[list[Answer]] = []
    errors: list[str] = []
    for number, row in enumerate(dataset, start=2):
        cells = [(q, row[index] if index < len(row) else None) for index, q in columns]
        answers = []
        for q, value in cells:
            answer, problem = _cell(q, value)
            if problem:
                errors.append(f"แถวที่ {number}: ข้อ {q.order}: {problem}")
            elif answer is not None:
                answers.append(answer)
        if answers:
            rows.append(answers)
        # A row with no answer at all is a blank line of the sheet, not a respondent.
    if errors:
        return ImportOutcome(0, errors)
    if not rows:
        raise ApplicationError("แฟ้มไม่มีคำตอบ (มีเพียงแถวหัวตาราง)", field="file")
    # Only the date, as the answer form keeps it: the day recorded, kept inside the survey's period.
    submitted_on = min(max(timezone.localdate(), survey.opens_on), survey.closes_on)
    with transaction.atomic():
        for answers in rows:
            response = Response.objects.create(survey=survey, submitted_on=submitted_on)
            for a in answers:
                a.response = response
            Answer.objects.bulk_create(answers)
        audit_record(actor=actor, action="survey.import", obj=survey, unit=survey.agency,
                     new={"file": uploaded.name, "count": len(rows)})
    return ImportOutcome(len(rows), [])
