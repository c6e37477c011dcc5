"""A new agency's unit tree from a spreadsheet (XLSX or CSV): read, check every row, then create all or none.

The columns are those of the template (`unit_template_xlsx`): code, parent code, name, abbreviation, kind,
region, province. Headers may be the template's Thai ones or the English keys. A row's parent is the agency
itself (blank parent code, or the agency's code) or another row of the same file, in any order. Reading is
done with openpyxl / csv and a validator of our own rather than an import-export Resource: the rows form a
tree (a parent may come later in the file), which a row-by-row dry run cannot check.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from core.errors import ApplicationError
from org.models import Unit

COLUMNS = [
    ("code", "รหัสหน่วยงาน"),
    ("parent", "รหัสหน่วยงานต้นสังกัด"),
    ("name", "ชื่อหน่วยงาน"),
    ("abbreviation", "ชื่อย่อ"),
    ("kind", "ประเภท"),
    ("region", "สังกัด (ส่วนกลาง/ส่วนภูมิภาค)"),
    ("province", "จังหวัด"),
]
HEADER_KEYS = {**{key: key for key, _ in COLUMNS}, **{thai: key for key, thai in COLUMNS},
               "parent code": "parent", "parent_code": "parent"}
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MAX_ROWS = 2000


@dataclass(frozen=True)
class UnitRow:
    line: int  # the row number the spreadsheet shows (the header is row 1)
    code: str
    parent: str
    name: str
    abbreviation: str
    kind: str
    region: str
    province: str


class UnitImportError(ApplicationError):
    """The file was refused; `errors` lists every bad row in Thai ("แถวที่ N: …")."""

    def __init__(self, errors: list[str]):
        super().__init__("ไฟล์โครงสร้างหน่วยงานมีข้อผิดพลาด ยังไม่ได้บันทึกข้อมูลใด ๆ: " + "; ".join(errors[:20]),
                         field="units")
        self.errors = errors


def _choice(value: str, choices) -> str | None:
    value = value.strip()
    for key, label in choices:
        if value in (key, label):
            return key
    return None


def read_rows(content: bytes, filename: str) -> list[dict]:
    """The data rows as {column key: text}, with their row numbers under "_line"."""
    name = (filename or "").lower()
    if name.endswith(".csv"):
        text = content.decode("utf-8-sig", errors="replace")
        table = list(csv.reader(io.StringIO(text)))
    elif name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
            raise UnitImportError(["อ่านไฟล์ Excel ไม่ได้ กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ"]) from exc
        sheet = book.worksheets[0]
        table = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    else:
        raise UnitImportError(["รองรับเฉพาะไฟล์ .xlsx หรือ .csv"])
    if not table:
        raise UnitImportError(["ไฟล์ว่าง ไม่มีหัวตาราง"])
    keys = [HEADER_KEYS.get(str(h).strip().lower(), HEADER_KEYS.get(str(h).strip())) for h in table[0]]
    missing = [thai for key, thai in COLUMNS if key in ("code", "name", "kind") and key not in keys]
    if missing:
        raise UnitImportError([f"แถวที่ 1: ไม่พบคอลัมน์ {', '.join(missing)} (ใช้หัวตารางตามแบบฟอร์ม)"])
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(str(c).strip() for c in cells):
            continue
        row = {key: str(cells[i]).strip() if i < len(cells) else "" for i, key in enumerate(keys) if key}
        row["_line"] = number
        rows.append(row)
    if len(rows) > MAX_ROWS:
        raise UnitImportError([f"มีหน่วยงานเกิน {MAX_ROWS} แถว"])
    return rows


def _row_problems(row: dict, code: str, kind, region, *, agency_code: str, taken: set, codes: dict) -> list:
    problems = []
    if not code:
        problems.append("ไม่ได้กรอกรหัสหน่วยงาน")
    elif not CODE_RE.match(code):
        problems.append(f"รหัส '{code}' ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และขีด (-) ไม่เกิน 64 ตัว")
    elif code == agency_code or code in taken:
        problems.append(f"รหัส '{code}' ถูกใช้แล้วในระบบ")
    elif code in codes:
        problems.append(f"รหัส '{code}' ซ้ำกับแถวที่ {codes[code]}")
    if not row.get("name", "").strip():
        problems.append("ไม่ได้กรอกชื่อหน่วยงาน")
    if kind is None or kind == Unit.Kind.AGENCY:
        allowed = ", ".join(label for key, label in Unit.Kind.choices if key != Unit.Kind.AGENCY)
        problems.append(f"ประเภท '{row.get('kind', '')}' ไม่ถูกต้อง (ใช้ได้: {allowed})")
    if region is None:
        problems.append(f"สังกัด '{row.get('region')}' ไม่ถูกต้อง (ใช้ได้: ส่วนกลาง, ส่วนภูมิภาค หรือเว้นว่าง)")
    return problems


def validate_rows(rows: list[dict], *, agency_code: str) -> list[UnitRow]:
    """Every row checked against the others and the database; raises UnitImportError naming each bad row."""
    errors: list[str] = []
    parsed: list[UnitRow] = []
    codes: dict[str, int] = {}
    wanted = [r.get("code", "").strip().lower() for r in rows]
    taken = set(Unit.objects.filter(code__in=wanted).values_list("code", flat=True))
    for row in rows:
        line = row["_line"]
        code = row.get("code", "").strip().lower()
        kind = _choice(row.get("kind", ""), Unit.Kind.choices)
        region = _choice(row.get("region", ""), Unit.Region.choices) if row.get("region", "").strip() else ""
        problems = _row_problems(row, code, kind, region, agency_code=agency_code, taken=taken, codes=codes)
        if code and code not in codes:
            codes[code] = line
        if problems:
            errors.append(f"แถวที่ {line}: " + " ".join(problems))
            continue
        parent = row.get("parent", "").strip().lower()
        parsed.append(UnitRow(line=line, code=code, parent="" if parent == agency_code else parent,
                              name=row["name"].strip(), abbreviation=row.get("abbreviation", "").strip(),
                              kind=kind, region=region, province=row.get("province", "").strip()))
    for unit in parsed:
        if unit.parent and unit.parent not in codes:
            errors.append(f"แถวที่ {unit.line}: ไม่พบหน่วยงานต้นสังกัดรหัส '{unit.parent}' ในไฟล์")
        elif unit.parent == unit.code:
            errors.append(f"แถวที่ {unit.line}: หน่วยงานเป็นต้นสังกัดของตนเองไม่ได้")
    if not errors:
        errors += _cycles(parsed)
    if not rows:
        errors.append("ไม่มีหน่วยงานในไฟล์")
    if errors:
        raise UnitImportError(errors)
    return _tree_order(parsed)


def _cycles(rows: list[UnitRow]) -> list[str]:
    parent_of = {r.code: r.parent for r in rows}
    bad = []
    for r in rows:
        seen, cur = set(), r.code
        while cur:
            if cur in seen:
                bad.append(f"แถวที่ {r.line}: ต้นสังกัดวนกลับมาที่หน่วยงานเดิม")
                break
            seen.add(cur)
            cur = parent_of.get(cur, "")
    return bad


def _tree_order(rows: list[UnitRow]) -> list[UnitRow]:
    """Parents before children, otherwise in file order."""
    done: set[str] = set()
    out: list[UnitRow] = []
    pending = list(rows)
    while pending:
        rest = []
        for r in pending:
            if not r.parent or r.parent in done:
                out.append(r)
                done.add(r.code)
            else:
                rest.append(r)
        pending = rest
    return out


def create_units(*, actor, agency: Unit, rows: list[UnitRow]) -> list[Unit]:
    """Create the checked rows below `agency` (call inside the caller's transaction)."""
    from org.services import unit_create

    made = {agency.code: agency}
    created = []
    for order, row in enumerate(rows, start=1):
        parent = made[row.parent] if row.parent else agency
        unit = unit_create(actor=actor, parent=parent, code=row.code, name=row.name, kind=row.kind,
                           abbreviation=row.abbreviation, region=row.region, province=row.province,
                           sort_order=order)
        made[row.code] = unit
        created.append(unit)
    return created


def unit_template_xlsx() -> bytes:
    """The blank template: the Thai headers, one example row and the allowed kinds on a second sheet."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "หน่วยงาน"
    sheet.append([thai for _, thai in COLUMNS])
    sheet.append(["xyz-finance", "", "กองคลัง", "กค.", Unit.Kind.DIVISION.label, Unit.Region.CENTRAL.label,
                  ""])
    for col, width in zip("ABCDEFG", (18, 22, 40, 12, 28, 26, 16), strict=True):
        sheet.column_dimensions[col].width = width
    help_sheet = book.create_sheet("คำอธิบาย")
    help_sheet.append(["คอลัมน์", "คำอธิบาย"])
    help_sheet.append(["รหัสหน่วยงาน", "อักษรอังกฤษตัวเล็ก ตัวเลข และขีด (-) ไม่ซ้ำกับหน่วยงานใดในระบบ"])
    help_sheet.append(["รหัสหน่วยงานต้นสังกัด", "เว้นว่าง = ขึ้นตรงกับส่วนราชการ หรือรหัสของแถวอื่นในไฟล์"])
    kinds = ", ".join(label for key, label in Unit.Kind.choices if key != Unit.Kind.AGENCY)
    help_sheet.append(["ประเภท", kinds])
    help_sheet.append(["สังกัด", "ส่วนกลาง หรือ ส่วนภูมิภาค (เว้นว่างได้)"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
