"""Spreadsheet imports of records, through django-import-export: the part every register's import shares.

A register declares its `Sheet`: the Thai headings of the sheet the owning unit already keeps, each with the
attribute and widget that read it, the widths and title of the template, the model the engine builds rows
on, and the register's own service function that saves a row (`save`), and where it has them a cross-cell
check (`check`) and the function that writes a record back as a row (`export`). The kernel knows no domain:
who imports, into which agency, the unit lookup and the audit entry all come in from the register.

`run` is all or nothing: a dry run first, through the services inside a transaction that is rolled back,
collects every row's problems as "แถวที่ N: …" (N as the spreadsheet numbers its rows, the heading being row
1); only a file without a single problem is then imported, in one transaction, with one audit entry.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from import_export import fields, resources, widgets

from core.documents.xlsx import new_workbook, workbook_bytes, write_table
from core.errors import ApplicationError
from core.record_files import max_bytes
from core.thai import parse_be_date
from core.uploads import human_size, identify, sniff


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ------------------------------------------------------------------ widgets
# Each takes its Thai messages as arguments: the registers word the same problem differently and their
# pages (and tests) keep their own wording.
class Text(widgets.Widget):
    """Text, stripped; `squash` also folds runs of spaces and line breaks into one space (short fields)."""

    def __init__(self, *, required: bool = True, max_length: int = 300, squash: bool = False,
                 missing: str = "กรุณากรอก"):
        super().__init__()
        self.required, self.max_length, self.squash, self.missing = required, max_length, squash, missing

    def clean(self, value, row=None, **kwargs):
        if value is None:
            text = ""
        else:
            text = " ".join(str(value).split()) if self.squash else str(value).strip()
        if self.required and not text:
            raise ValueError(self.missing)
        if len(text) > self.max_length:
            raise ValueError(f"ยาวเกิน {self.max_length} ตัวอักษร")
        return text


class BEDate(widgets.Widget):
    """A date cell of Excel, or a date typed in the Buddhist era (parse_be_date's Thai messages)."""

    def __init__(self, *, required: bool = True, missing: str = "กรุณากรอกวันที่ (วว/ดด/ปปปป พ.ศ.)"):
        super().__init__()
        self.required, self.missing = required, missing

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if blank(value):
            if self.required:
                raise ValueError(self.missing)
            return None
        return parse_be_date(str(value))


class Number(widgets.Widget):
    """A number not below zero (a whole one when `integer`); thousands commas and the `unit` written after
    it (คน) are ignored. `not_number` may name the cell's text as {text}."""

    def __init__(self, *, integer: bool = False, unit: str = "", missing: str = "กรุณากรอกตัวเลข",
                 not_number: str = '"{text}" ไม่ใช่ตัวเลข', negative: str = "ต้องไม่ติดลบ",
                 fraction: str = "ต้องเป็นจำนวนเต็ม"):
        super().__init__()
        self.integer, self.unit = integer, unit
        self.missing, self.not_number, self.negative, self.fraction = missing, not_number, negative, fraction

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).replace(",", "")
        if self.unit:
            text = text.replace(self.unit, "")
        text = text.strip()
        if not text:
            raise ValueError(self.missing)
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ValueError(self.not_number.format(text=str(value).strip()))
        if number < 0:
            raise ValueError(self.negative)
        if self.integer:
            if number != number.to_integral_value():
                raise ValueError(self.fraction)
            return int(number)
        return number


class Choice(widgets.Widget):
    """A choice written as its Thai label or its stored value; with `prefix`, the start of a label will do.
    A blank cell is `default` when there is one. Messages may name {text} and {options} (the labels)."""

    def __init__(self, choices, *, default=None, prefix: bool = False, missing: str | None = None,
                 unknown: str = "“{text}” ไม่อยู่ในรายการ ({options})"):
        super().__init__()
        self.choices = [(code, str(label)) for code, label in choices]
        self.default, self.prefix, self.missing, self.unknown = default, prefix, missing, unknown

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else " ".join(str(value).split())
        options = " / ".join(label for _, label in self.choices)
        if not text:
            if self.default is not None:
                return self.default
            if self.missing:
                raise ValueError(self.missing.format(options=options))
        for code, label in self.choices:
            if text in (str(code), label) or (self.prefix and text and label.startswith(text)):
                return code
        raise ValueError(self.unknown.format(text=text, options=options))


class YesNo(widgets.Widget):
    """Yes or no, in any case; `message` may name the cell's text as {text}."""

    YES = frozenset({"ใช่", "ผ่าน", "มี", "yes", "y", "true", "1", "✓", "/", "x"})
    NO = frozenset({"", "ไม่", "ไม่ใช่", "ไม่ผ่าน", "ไม่มี", "no", "n", "false", "0", "-"})

    def __init__(self, *, yes: Iterable[str] = YES, no: Iterable[str] = NO,
                 message: str = "กรอก “ผ่าน” หรือ “ไม่ผ่าน” (หรือ ใช่/ไม่ใช่)"):
        super().__init__()
        self.yes, self.no, self.message = frozenset(yes), frozenset(no), message

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if text.casefold() in self.yes:
            return True
        if text.casefold() in self.no:
            return False
        raise ValueError(self.message.format(text=text))


class Lookup(widgets.Widget):
    """A record named in a cell (a unit by its name, a person by user name), found by the register's own
    `find(text)`, which answers None when there is no such record. `unknown` may name {text}."""

    def __init__(self, find: Callable[[str], Any], *, missing: str | None = None,
                 unknown: str = "ไม่พบ “{text}”"):
        super().__init__()
        self.find, self.missing, self.unknown = find, missing, unknown

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text and self.missing:
            raise ValueError(self.missing)
        found = self.find(text) if text else None
        if found is None:
            raise ValueError(self.unknown.format(text=text))
        return found


# ------------------------------------------------------------------ the declaration
@dataclass(frozen=True)
class Context:
    """Who imports and into which agency; a register adds its own values (a round, a fiscal year)."""

    actor: Any
    agency: Any


@dataclass(frozen=True)
class Column:
    heading: str
    attribute: str
    widget: widgets.Widget | Callable[[Any], widgets.Widget]  # a callable is given the import's context
    width: float | None = None  # None: wide enough for the heading

    def widget_for(self, context) -> widgets.Widget:
        return self.widget if isinstance(self.widget, widgets.Widget) else self.widget(context)


@dataclass(frozen=True)
class Wording:
    """The file-level messages of a register's import page."""

    too_big: str = "แฟ้มมีขนาดเกินกำหนด {size}"
    unreadable: str = "อ่านแฟ้ม Excel ไม่ได้ กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ"
    missing: str = "แฟ้มไม่มีคอลัมน์: {columns} (ใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ)"
    empty: str = "แฟ้มไม่มีข้อมูล (มีเพียงแถวหัวตาราง)"
    too_many: str = "นำเข้าได้ครั้งละไม่เกิน {limit:,} แถว"
    not_text: str = "แฟ้ม CSV ต้องเป็นข้อความ UTF-8 (บันทึกจาก Excel เป็น “CSV UTF-8”)"
    accepted: str | None = None  # what identify() names as taken, when the file is not a workbook
    # One message per bad cell (a page that counts problems) rather than one line per bad row.
    per_cell: bool = False


@dataclass(frozen=True, eq=False)
class Sheet:
    """A register's sheet. `save(context, row)` saves one row through the register's service and returns
    the record; `row` has one attribute per column, its cell as the widget read it. `check(context, row,
    once)` refuses a row by raising ValidationError; `once(key, what)` refuses a second row with the same
    key ("<what>ซ้ำกับแถวที่ N"). `export(record)` gives the record's cells in the columns' order."""

    title: str
    model: type
    columns: tuple[Column, ...]
    save: Callable[[Any, SimpleNamespace], Any]
    check: Callable[[Any, SimpleNamespace, Callable[[Hashable, str], None]], None] | None = None
    export: Callable[[Any], Sequence] | None = None
    example: tuple = ()
    max_rows: int | None = None
    wording: Wording = Wording()

    def headings(self) -> list[str]:
        return [c.heading for c in self.columns]

    def widths(self) -> list[float]:
        return [c.width if c.width is not None else max(14, len(c.heading) * 1.6) for c in self.columns]


@dataclass(frozen=True)
class Outcome:
    rows: int = 0  # the file's rows, counted whether or not they went in
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def saved(self) -> bool:
        return not self.errors and not self.dry_run

    @property
    def created(self) -> int:
        return self.rows if self.saved else 0


# ------------------------------------------------------------------ the engine
class SheetResource(resources.ModelResource):
    """Reads and checks the cells; the record is made by the sheet's `save`, never by the Resource."""

    class Meta:
        force_init_instance = True  # an import only adds records
        clean_model_instances = False
        skip_diff = True
        use_transactions = True
        fields: tuple = ()

    def __init__(self, sheet: Sheet, context):
        super().__init__()
        self.sheet, self.context, self.seen = sheet, context, {}
        self.fields = {
            c.attribute: fields.Field(attribute=c.attribute, column_name=c.heading,
                                      widget=c.widget_for(context))
            for c in sheet.columns
        }

    def _row(self, instance) -> SimpleNamespace:
        return SimpleNamespace(**{c.attribute: getattr(instance, c.attribute) for c in self.sheet.columns})

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if self.sheet.check is not None:
            number = kwargs.get("row_number")

            def once(key, what: str) -> None:
                if key in self.seen:
                    raise ValidationError(f"{what}ซ้ำกับแถวที่ {self.seen[key] + 1}")
                self.seen[key] = number

            self.sheet.check(self.context, self._row(instance), once)

    def do_instance_save(self, instance, is_create):
        instance.pk = self.sheet.save(self.context, self._row(instance)).pk


@functools.cache
def _resource_class(sheet: Sheet) -> type[SheetResource]:
    meta = type("Meta", (SheetResource.Meta,), {"model": sheet.model})
    return type(f"{sheet.model.__name__}SheetResource", (SheetResource,), {"Meta": meta})


def _message(exc) -> str:
    if isinstance(exc, PermissionDenied):
        return getattr(exc, "message", "") or "ท่านไม่มีสิทธิ์บันทึกในหน่วยงานนี้"
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return getattr(exc, "message", None) or str(exc) or exc.__class__.__name__


def _row_errors(sheet: Sheet, result) -> list[str]:
    by_attr = {c.attribute: c.heading for c in sheet.columns}
    found: list[tuple[int, str]] = []
    for number, row_errors in result.row_errors():
        for error in row_errors:
            found.append((number, _message(error.error)))
    for invalid in result.invalid_rows:
        parts = []
        for attr, messages in invalid.error_dict.items():
            label = "" if attr == NON_FIELD_ERRORS else by_attr.get(attr, "")
            texts = [str(m) for m in messages] if sheet.wording.per_cell else ["; ".join(map(str, messages))]
            parts += [f"{label}: {text}" if label else text for text in texts]
        if sheet.wording.per_cell:
            found += [(invalid.number, part) for part in parts]
        else:
            found.append((invalid.number, " · ".join(parts)))
    for error in result.base_errors:
        found.append((0, _message(error.error)))
    # Excel's row numbers: the heading is row 1.
    return [f"แถวที่ {n + 1}: {text}" if n else text for n, text in sorted(found, key=lambda e: e[0])]


def load(uploaded, *, wording: Wording = Wording(), csv: bool = False) -> tablib.Dataset:
    """The upload's first sheet as read, after its size and its bytes are checked (CSV too when `csv`)."""
    if uploaded.size > max_bytes():
        raise ApplicationError(wording.too_big.format(size=human_size(max_bytes())), field="file")
    if csv and (uploaded.name or "").lower().endswith(".csv"):
        # core.uploads knows CSV only as plain text; the bytes must be UTF-8 text and nothing active.
        if sniff(uploaded) != "txt":
            raise ApplicationError(wording.not_text, field="file")
        uploaded.seek(0)
        body, fmt = uploaded.read().decode("utf-8-sig"), "csv"
    else:
        identify(uploaded, uploaded.name, ("xlsx",), field="file", accepted=wording.accepted)
        uploaded.seek(0)
        body, fmt = uploaded.read(), "xlsx"
    try:
        return tablib.Dataset().load(body, format=fmt)
    except Exception as exc:  # a damaged workbook or CSV: the readers raise many kinds
        raise ApplicationError(wording.unreadable, field="file") from exc


def read_sheet(uploaded, sheet: Sheet) -> tablib.Dataset:
    """The rows of a sheet with every heading of `sheet`; blank rows (the end of a sheet) are not records."""
    wording = sheet.wording
    dataset = load(uploaded, wording=wording)
    headings = [" ".join(str(h or "").split()) for h in (dataset.headers or [])]
    missing = [h for h in sheet.headings() if h not in headings]
    if missing:
        raise ApplicationError(wording.missing.format(columns=", ".join(missing)), field="file")
    keep = [row for row in dataset if not all(blank(v) for v in row)]
    rows = tablib.Dataset(*keep, headers=headings)
    if not len(rows):
        raise ApplicationError(wording.empty, field="file")
    if sheet.max_rows and len(rows) > sheet.max_rows:
        raise ApplicationError(wording.too_many.format(limit=sheet.max_rows), field="file")
    return rows


def _pass(sheet: Sheet, context, dataset, *, dry_run: bool) -> list[str]:
    resource = _resource_class(sheet)(sheet, context)
    result = resource.import_data(dataset, dry_run=dry_run, use_transactions=True, raise_errors=False)
    return _row_errors(sheet, result)


def run(sheet: Sheet, uploaded, *, context, audit: Callable[[int], Any], dry_run: bool = False) -> Outcome:
    """Import `uploaded` into the register of `sheet`: nothing is written unless every row is acceptable.
    `audit(rows)` records the one entry for the import, inside its transaction."""
    dataset = read_sheet(uploaded, sheet)
    errors = _pass(sheet, context, dataset, dry_run=True)
    if errors or dry_run:
        return Outcome(len(dataset), errors, dry_run)
    with transaction.atomic():
        errors = _pass(sheet, context, dataset, dry_run=False)
        if errors:  # something changed between the two passes: keep nothing
            transaction.set_rollback(True)
            return Outcome(len(dataset), errors)
        audit(len(dataset))
    return Outcome(len(dataset))


def template_xlsx(sheet: Sheet, rows: Iterable[Sequence] = (), notes: Iterable[str] = ()) -> bytes:
    """The sheet to fill in: the headings, any rows given, and `notes` on a second sheet."""
    book = new_workbook(sheet.title)
    write_table(book.active, sheet.headings(), list(rows), sheet.widths())
    notes = list(notes)
    if notes:
        page = book.create_sheet("คำอธิบาย")
        for line in notes:
            page.append([line])
    return workbook_bytes(book)


def export_xlsx(sheet: Sheet, records: Iterable) -> bytes:
    """Records as the sheet they were imported from (the sheet's `export` writes each as a row)."""
    book = new_workbook(sheet.title)
    write_table(book.active, sheet.headings(), [sheet.export(r) for r in records], sheet.widths())
    return workbook_bytes(book)
