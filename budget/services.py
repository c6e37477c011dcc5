"""Writes of budget monitoring: lines and allocations, the monthly disbursement import, the quarterly
targets, the follow-up meetings, the yearly review of the monitoring system and the spending plan and
reports published on the portal. Each is guarded by the policy and audited."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

import tablib
from django.db import transaction
from django.utils import timezone

from accounts import policy
from audit.services import audit_record
from budget import months, selectors
from budget.models import (
    Allocation,
    BudgetLine,
    BudgetPublication,
    Disbursement,
    FollowUpMeeting,
    MeetingMinutes,
    MonitoringReview,
    QuarterTarget,
    ReviewFile,
)
from budget.resources import COLUMNS, DisbursementResource
from core import record_files
from core.errors import ApplicationError
from core.thai import fiscal_year as fiscal_year_of
from core.thai import format_be

MAX_ROWS = 20000


def line_save(*, actor, agency, fiscal_year: int, code: str, name: str) -> BudgetLine:
    policy.require(actor, "budget.manage", unit=agency)
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise ApplicationError("กรุณากรอกรหัสงบและชื่อรายการ", field="code" if not code else "name")
    with transaction.atomic():
        line, created = BudgetLine.objects.get_or_create(agency=agency, fiscal_year=fiscal_year, code=code,
                                                         defaults={"name": name})
        old = None if created else {"name": line.name}
        if not created and line.name != name:
            line.name = name
            line.save(update_fields=["name"])
        audit_record(actor=actor, action="budget.line_save", obj=line, old=old,
                     new={"code": code, "name": name, "fiscal_year": fiscal_year}, unit=agency)
    return line


def allocation_save(*, actor, line: BudgetLine, unit, amount: Decimal) -> Allocation:
    policy.require(actor, "budget.manage", unit=unit)
    if amount is None or amount < 0:
        raise ApplicationError("งบประมาณที่ได้รับจัดสรรต้องเป็นตัวเลขไม่ติดลบ", field="amount")
    if not unit.path.startswith(line.agency.path):
        raise ApplicationError("หน่วยงานนี้ไม่ได้อยู่ในส่วนราชการของรายการงบประมาณ", field="unit")
    with transaction.atomic():
        alloc = Allocation.objects.filter(unit=unit, line=line).first()
        old = {"amount": str(alloc.amount)} if alloc else None
        if alloc is None:
            alloc = Allocation.objects.create(unit=unit, line=line, amount=amount)
        else:
            alloc.amount = amount
            alloc.save(update_fields=["amount"])
        audit_record(actor=actor, action="budget.allocation_save", obj=alloc, old=old,
                     new={"amount": str(amount)}, unit=unit)
    return alloc


def target_save(*, actor, agency, fiscal_year: int, quarter: int, cumulative_percent: Decimal,
                source_note: str = "") -> QuarterTarget:
    policy.require(actor, "budget.manage", unit=agency)
    if quarter not in (1, 2, 3, 4):
        raise ApplicationError("ไตรมาสต้องเป็น 1–4", field="quarter")
    if cumulative_percent is None or not Decimal(0) <= cumulative_percent <= Decimal(100):
        raise ApplicationError("เป้าหมายสะสมต้องอยู่ระหว่างร้อยละ 0–100", field="cumulative_percent")
    with transaction.atomic():
        others = {t.quarter: t.cumulative_percent
                  for t in QuarterTarget.objects.filter(agency=agency, fiscal_year=fiscal_year)}
        if any(q < quarter and v > cumulative_percent for q, v in others.items()) or any(
                q > quarter and v < cumulative_percent for q, v in others.items()):
            raise ApplicationError("เป้าหมายสะสมของไตรมาสหลังต้องไม่น้อยกว่าไตรมาสก่อน",
                                   field="cumulative_percent")
        target = QuarterTarget.objects.filter(agency=agency, fiscal_year=fiscal_year, quarter=quarter).first()
        old = {"cumulative_percent": str(target.cumulative_percent), "source_note": target.source_note} \
            if target else None
        if target is None:
            target = QuarterTarget(agency=agency, fiscal_year=fiscal_year, quarter=quarter)
        target.cumulative_percent = cumulative_percent
        target.source_note = source_note.strip()
        target.save()
        audit_record(actor=actor, action="budget.target_save", obj=target, old=old,
                     new={"cumulative_percent": str(cumulative_percent), "source_note": target.source_note},
                     unit=agency)
    return target


def _fy_of_month(held_on, fiscal_year: int, month: int) -> None:
    if held_on < months.month_end(fiscal_year, month).replace(day=1):
        raise ApplicationError(f"วันที่ประชุมอยู่ก่อนเดือน{months.label(fiscal_year, month, abbr=False)} "
                               "ที่ติดตาม", field="held_on")


def meeting_record(*, actor, agency, fiscal_year: int, month: int, held_on, title: str, summary: str = "",
                   files=()) -> FollowUpMeeting:
    """One monthly follow-up meeting (the committee on budget execution, the executive board…)."""
    policy.require(actor, "budget.manage", unit=agency)
    if month not in range(1, 13):
        raise ApplicationError("เดือนที่ติดตามไม่ถูกต้อง", field="month")
    if not title.strip():
        raise ApplicationError("กรุณากรอกชื่อการประชุม", field="title")
    _fy_of_month(held_on, fiscal_year, month)
    with transaction.atomic():
        meeting = FollowUpMeeting.objects.create(agency=agency, fiscal_year=fiscal_year, month=month,
                                                 held_on=held_on, title=title.strip(),
                                                 summary=summary.strip())
        stored = [record_files.store(MeetingMinutes(meeting=meeting), f, actor=actor, field="files")
                  for f in files]
        audit_record(actor=actor, action="budget.meeting_record", obj=meeting, unit=agency,
                     new={"month": months.label(fiscal_year, month), "held_on": format_be(held_on),
                          "title": meeting.title, "files": [record_files.audit_fields(s) for s in stored]})
    return meeting


def review_record(*, actor, agency, reviewed_on, summary: str, fiscal_year: int | None = None,
                  files=()) -> MonitoringReview:
    """The yearly review/improvement of the monitoring system (plan 3.3.2)."""
    policy.require(actor, "budget.manage", unit=agency)
    if not summary.strip():
        raise ApplicationError("กรุณาสรุปผลการทบทวน", field="summary")
    fy = fiscal_year or fiscal_year_of(reviewed_on)
    with transaction.atomic():
        review = MonitoringReview.objects.create(agency=agency, fiscal_year=fy, reviewed_on=reviewed_on,
                                                 summary=summary.strip())
        stored = [record_files.store(ReviewFile(review=review), f, actor=actor, field="files") for f in files]
        audit_record(actor=actor, action="budget.review_record", obj=review, unit=agency,
                     new={"fiscal_year": fy, "reviewed_on": format_be(reviewed_on), "summary": review.summary,
                          "files": [record_files.audit_fields(s) for s in stored]})
    return review


# --- the spending plan and reports on the portal (ITA O18–O20) ---------------------------------------------


def _published_summary(pub: BudgetPublication | None) -> dict | None:
    if pub is None:
        return None
    f = pub.figures
    return {"state": "เผยแพร่แล้ว", "published_at": format_be(pub.published_at),
            "allocated": f.get("allocated"), "disbursed": f.get("disbursed"), "percent": f.get("percent"),
            "as_of": f.get("as_of")}


def budget_publish(*, actor, agency, fiscal_year: int, kind: str) -> BudgetPublication:
    """Freeze the year's figures as the plan or a spending report and put it on the portal. Publishing a
    report that is already on the portal replaces it: the earlier one is withdrawn and kept on record."""
    policy.require(actor, "budget.publish", unit=agency,
                   message="ผู้เผยแพร่แผน/ผลการใช้จ่ายงบประมาณต้องเป็นเจ้าหน้าที่การเงินระดับกรม")
    if kind not in BudgetPublication.Kind.values:
        raise ApplicationError("กรุณาเลือกแผนหรือรายงานที่จะเผยแพร่", field="kind")
    label = f"{BudgetPublication.Kind(kind).label} ปีงบประมาณ พ.ศ. {fiscal_year}"
    covered = selectors.PUBLICATION_MONTHS[kind]
    if covered and timezone.localdate() <= months.month_end(fiscal_year, covered):
        raise ApplicationError(f"ยังเผยแพร่{label}ไม่ได้ ข้อมูลครบรอบเมื่อสิ้นเดือน"
                               f"{months.label(fiscal_year, covered, abbr=False)}", field="kind")
    with transaction.atomic():
        figures = selectors.publication_figures(agency, fiscal_year, kind)
        if Decimal(figures["allocated"]) <= 0:
            raise ApplicationError(f"ยังไม่มีงบประมาณที่ได้รับจัดสรรของปีงบประมาณ พ.ศ. {fiscal_year} "
                                   "(บันทึกรายการงบและการจัดสรรก่อน)", field="kind")
        earlier = BudgetPublication.objects.select_for_update().filter(
            agency=agency, fiscal_year=fiscal_year, kind=kind, withdrawn_at__isnull=True).first()
        now = timezone.now()
        by = actor if getattr(actor, "is_authenticated", False) else None
        if earlier is not None:
            earlier.withdrawn_at, earlier.withdrawn_by = now, by
            earlier.withdraw_reason = "แทนที่ด้วยฉบับที่เผยแพร่ใหม่"
            earlier.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
        pub = BudgetPublication.objects.create(agency=agency, fiscal_year=fiscal_year, kind=kind,
                                               figures=figures, published_at=now, published_by=by)
        new = _published_summary(pub)
        new["report"] = label
        old = _published_summary(earlier)
        if old is not None:
            old["report"] = label
        audit_record(actor=actor, action="budget.publish", obj=pub, old=old, new=new, unit=agency)
    return pub


def budget_withdraw(*, actor, publication: BudgetPublication, reason: str) -> BudgetPublication:
    """Take a publication off the portal; it stays on record with who withdrew it, when and why."""
    policy.require(actor, "budget.publish", publication,
                   message="ผู้ยกเลิกการเผยแพร่ต้องเป็นเจ้าหน้าที่การเงินระดับกรม")
    if not (reason or "").strip():
        raise ApplicationError("กรุณาระบุเหตุผลที่ยกเลิกการเผยแพร่", field="reason")
    with transaction.atomic():
        pub = BudgetPublication.objects.select_for_update().get(pk=publication.pk)
        if not pub.is_published:
            raise ApplicationError("รายการนี้ยกเลิกการเผยแพร่ไปแล้ว")
        pub.withdrawn_at = timezone.now()
        pub.withdrawn_by = actor if getattr(actor, "is_authenticated", False) else None
        pub.withdraw_reason = reason.strip()
        pub.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
        audit_record(actor=actor, action="budget.withdraw", obj=pub, unit=pub.agency,
                     old={"state": "เผยแพร่แล้ว"},
                     new={"state": "ยกเลิกการเผยแพร่", "withdraw_reason": pub.withdraw_reason})
    return pub


# --- the monthly disbursement import ---------------------------------------------------------------------


@dataclass
class ImportOutcome:
    rows: int = 0
    months: list[int] = field(default_factory=list)
    replaced: int = 0
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportRefused(ApplicationError):
    def __init__(self, errors: list[str]):
        super().__init__("นำเข้าไม่ได้ ไม่มีการบันทึกข้อมูลใด ๆ: " + "; ".join(errors[:5])
                         + (f" และอีก {len(errors) - 5} รายการ" if len(errors) > 5 else ""), field="file")
        self.errors = errors


def read_sheet(uploaded) -> tablib.Dataset:
    """An XLSX or CSV upload as a dataset with the template's headers; blank rows dropped."""
    name = (getattr(uploaded, "name", "") or "").lower()
    data = uploaded.read()
    rows: list[list] = []
    if name.endswith(".xlsx") or data[:2] == b"PK":
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:
            raise ApplicationError("อ่านไฟล์ Excel ไม่ได้ กรุณาใช้แม่แบบที่ดาวน์โหลดจากหน้านี้", field="file") from None
        rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    elif name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp874")
            except UnicodeDecodeError:
                raise ApplicationError("อ่านไฟล์ CSV ไม่ได้ กรุณาบันทึกเป็น UTF-8", field="file") from None
        rows = [list(r) for r in csv.reader(io.StringIO(text))]
    else:
        raise ApplicationError("รับเฉพาะไฟล์ .xlsx หรือ .csv", field="file")
    rows = [r for r in rows if any(c not in (None, "") and str(c).strip() for c in r)]
    if not rows:
        raise ApplicationError("ไฟล์ไม่มีข้อมูล", field="file")
    headers = [("" if h is None else str(h)).strip() for h in rows[0]]
    missing = [c for c in COLUMNS if c not in headers]
    if missing:
        raise ApplicationError(f"ไม่พบคอลัมน์ {', '.join(missing)} ในแถวแรก (ใช้หัวตารางตามแม่แบบ)", field="file")
    if len(rows) - 1 > MAX_ROWS:
        raise ApplicationError(f"ไฟล์มีเกิน {MAX_ROWS:,} แถว กรุณาแบ่งนำเข้า", field="file")
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for r in rows[1:]:
        dataset.append((list(r) + [None] * width)[:width])
    return dataset


def _row_errors(result) -> list[str]:
    found: dict[int, list[str]] = {}
    labels = {"unit": "หน่วยงาน", "line": "รหัสงบ", "month": "เดือน", "amount": "จำนวนเงิน"}
    for invalid in result.invalid_rows:
        for key, messages in invalid.error_dict.items():
            for message in messages:
                prefix = "" if key not in labels else f"{labels[key]}: "
                found.setdefault(invalid.number, []).append(prefix + message)
    for number, errors in result.row_errors():
        for error in errors:
            found.setdefault(number, []).append(f"บันทึกไม่ได้ ({error.error})")
    # Row 1 of the sheet is the header: data row i is sheet row i + 1.
    return [f"แถวที่ {n + 1}: {'; '.join(m)}" for n, m in sorted(found.items())]


def disbursement_import(*, actor, agency, fiscal_year: int, uploaded, dry_run: bool = False) -> ImportOutcome:
    """Import a month-by-month disbursement sheet. All or nothing: any bad row refuses the whole file with
    every row's Thai error (ImportRefused). The months in the file replace what was imported for them
    before, for the units the actor may manage. `dry_run` checks and counts, then writes nothing."""
    policy.require(actor, "budget.manage")
    dataset = read_sheet(uploaded)
    resource = DisbursementResource(agency=agency, fiscal_year=fiscal_year, actor=actor)
    outcome = ImportOutcome(dry_run=dry_run)
    with transaction.atomic():
        in_file = sorted({m for m in (months.parse(v) for v in dataset["เดือน"]) if m})
        existing = Disbursement.objects.filter(fiscal_year=fiscal_year, line__agency=agency,
                                               month__in=in_file)
        if actor is not None:
            existing = policy.scope(actor, "budget.manage", existing)
        outcome.replaced = existing.count()
        Disbursement.objects.filter(pk__in=list(existing.values_list("pk", flat=True))).delete()
        result = resource.import_data(dataset, dry_run=False, raise_errors=False, use_transactions=False)
        errors = _row_errors(result)
        if result.base_errors:
            errors += [f"นำเข้าไม่ได้ ({e.error})" for e in result.base_errors]
        if errors:
            transaction.set_rollback(True)
            raise ImportRefused(errors)
        outcome.rows = len(dataset)
        outcome.months = in_file
        if dry_run:
            transaction.set_rollback(True)
            return outcome
        audit_record(actor=actor, action="budget.import", unit=agency, object_type="budget.Disbursement",
                     object_id=str(fiscal_year),
                     object_label=f"ผลการเบิกจ่ายปีงบประมาณ พ.ศ. {fiscal_year}",
                     new={"rows": outcome.rows, "months": [months.label(fiscal_year, m) for m in in_file],
                          "replaced": outcome.replaced, "file": getattr(uploaded, "name", "")})
    return outcome


def template_workbook(agency, fiscal_year: int) -> bytes:
    """The import template: the four columns and one example row per budget line of the year."""
    from core.documents.xlsx import new_workbook, workbook_bytes, write_table

    book = new_workbook("เบิกจ่ายรายเดือน")
    rows = [[agency.code, line.code, "ต.ค.", Decimal("0")]
            for line in BudgetLine.objects.filter(agency=agency, fiscal_year=fiscal_year)[:50]]
    write_table(book.active, list(COLUMNS), rows or [[agency.code, "รหัสงบ", "ต.ค.", Decimal("0")]],
                (30, 20, 12, 18), autofilter=False)
    return workbook_bytes(book)
