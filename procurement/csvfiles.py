"""Reading CSV files prepared by people: Thai or English headers, UTF-8 (with or without BOM) or Windows Thai
(cp874) encoding, B.E. or ISO dates, amounts with thousands separators. Problems are collected per row."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from core.thai import parse_be_date, to_arabic_digits

MAX_ROWS = 50_000


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"แถวที่ {self.row}" + (f" คอลัมน์ {self.column}" if self.column else "")
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Table:
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _key(header: str) -> str:
    return "".join(header.replace("\ufeff", "").split()).replace("_", "").replace("-", "").lower()


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp874")


def _column_mapping(header: list[str], columns: dict[str, tuple[str, ...]]) -> dict[int, str]:
    """Header position → our column name, for the headers that match a name or an accepted spelling."""
    aliases = {_key(a): name for name, spellings in columns.items() for a in (name, *spellings)}
    mapping: dict[int, str] = {}
    for index, title in enumerate(header):
        name = aliases.get(_key(title))
        if name:
            mapping[index] = name
    return mapping


def read_table(data: bytes, columns: dict[str, tuple[str, ...]], required: set[str]) -> Table:
    """Rows as {column name: text}. `columns` maps our names to accepted header spellings."""
    table = Table()
    text = decode(data)
    if not text.strip():
        table.errors.append(RowError(0, "", "ไฟล์ว่างเปล่า"))
        return table
    first = text.splitlines()[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    mapping = _column_mapping(next(reader), columns)
    missing = required - set(mapping.values())
    if missing:
        labels = ", ".join(f"{columns[m][0] if columns[m] else m} ({m})" for m in sorted(missing))
        table.errors.append(RowError(1, "", f"ไม่พบคอลัมน์ที่ต้องมี: {labels}"))
        return table
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if number > MAX_ROWS:
            table.errors.append(RowError(number, "", f"ไฟล์มีเกิน {MAX_ROWS:,} แถว กรุณาแบ่งไฟล์"))
            break
        row = {name: "" for name in columns}
        for index, value in enumerate(values):
            if index in mapping:
                row[mapping[index]] = value.strip()
        table.rows.append((number, row))
    if not table.rows:
        table.errors.append(RowError(0, "", "ไม่มีข้อมูลในไฟล์"))
    return table


def parse_amount(text: str) -> Decimal:
    cleaned = to_arabic_digits(text).replace(",", "").replace("บาท", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("ต้องเป็นตัวเลข เช่น 1,250,000.00") from None
    if not value.is_finite() or value < 0:
        raise ValueError("ต้องเป็นจำนวนเงินที่ไม่ติดลบ")
    return value.quantize(Decimal("0.01"))


def parse_date(text: str) -> datetime.date:
    try:
        return parse_be_date(text)
    except ValueError as exc:
        raise ValueError(str(exc) or "รูปแบบวันที่ไม่ถูกต้อง เช่น 31/01/2568") from None
