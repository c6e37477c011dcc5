"""Reading an ITA catalogue file (YAML): a kind (oit / eb) and one row per item.

Every row is checked before anything is written, and every problem is named in Thai by its row number, so
an administrator fixes the file in one pass. The files shipped with the system are in ita/data/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core.errors import ApplicationError

DATA_DIR = Path(__file__).resolve().parent / "data"
CODE_RE = re.compile(r"^[A-Za-z]{1,4}\d{1,3}(\.\d{1,2})?$")
ROUTE_RE = re.compile(r"^[a-z_]+:[a-z0-9_]+( [A-Za-z0-9_-]+)*$")
KINDS = ("oit", "eb")


@dataclass
class Row:
    code: str
    text: str
    section: str = ""
    evidence: str = ""
    yearly: bool = True
    links: list[str] = field(default_factory=list)


@dataclass
class Catalogue:
    kind: str
    rows: list[Row]


def shipped(name: str) -> bytes:
    """A catalogue file shipped with the system (e.g. "oit_2570.yaml")."""
    return (DATA_DIR / name).read_bytes()


def is_route(value: str) -> bool:
    return bool(ROUTE_RE.match(value))


def _row_problems(raw: dict, seen: set[str]) -> list[str]:
    """What is wrong with one row, in Thai (an empty list when nothing is)."""
    problems = []
    code = str(raw.get("code") or "").strip()
    text = str(raw.get("text") or "").strip()
    if not code:
        problems.append("ไม่มีรหัสข้อ (code)")
    elif not CODE_RE.match(code):
        problems.append(f"รหัสข้อ “{code}” ไม่ถูกรูปแบบ (เช่น O1, EB3)")
    elif code.upper() in seen:
        problems.append(f"รหัสข้อ {code} ซ้ำกับแถวก่อนหน้า")
    if not text:
        problems.append("ไม่มีข้อความรายการ (text)")
    elif len(text) > 500:
        problems.append("ข้อความรายการยาวเกิน 500 ตัวอักษร")
    links = raw.get("links") or []
    if not isinstance(links, list):
        problems.append("links ต้องเป็นรายการ")
        links = []
    for link in links:
        link = str(link).strip()
        if not (is_route(link) or link.startswith(("http://", "https://"))):
            problems.append(f"ลิงก์ “{link}” ต้องเป็นชื่อหน้าในระบบ (เช่น portal:home) หรือขึ้นต้นด้วย http(s)://")
    if not isinstance(raw.get("yearly", True), bool):
        problems.append("yearly ต้องเป็น true หรือ false")
    return problems


def parse(content: bytes | str) -> Catalogue:
    """The catalogue in `content`, or ApplicationError listing every bad row ("แถวที่ N: …")."""
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (บรรทัดที่ {mark.line + 1})" if mark else ""
        raise ApplicationError(f"อ่านไฟล์รายการไม่ได้ รูปแบบ YAML ไม่ถูกต้อง{where}", field="file") from exc
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise ApplicationError("ไฟล์ต้องมีหัวข้อ items ที่เป็นรายการข้อประเมิน", field="file")
    kind = str(data.get("kind") or "oit").lower()
    if kind not in KINDS:
        raise ApplicationError("kind ต้องเป็น oit หรือ eb", field="file")
    rows, errors, seen = [], [], set()
    for number, raw in enumerate(data["items"], start=1):
        if not isinstance(raw, dict):
            errors.append(f"แถวที่ {number}: ต้องเป็นรายการที่มี code และ text")
            continue
        problems = _row_problems(raw, seen)
        if problems:
            errors.append(f"แถวที่ {number}: " + "; ".join(problems))
            continue
        code = str(raw["code"]).strip().upper()
        seen.add(code)
        rows.append(Row(code=code, text=str(raw["text"]).strip(),
                        section=str(raw.get("section") or "").strip(),
                        evidence=str(raw.get("evidence") or "").strip(), yearly=raw.get("yearly", True),
                        links=[str(link).strip() for link in raw.get("links") or []]))
    if errors:
        raise ApplicationError("ไฟล์รายการมีข้อผิดพลาด ยังไม่ได้บันทึกรายการใด\n" + "\n".join(errors), field="file")
    if not rows:
        raise ApplicationError("ไฟล์ไม่มีรายการข้อประเมิน", field="file")
    return Catalogue(kind=kind, rows=rows)
