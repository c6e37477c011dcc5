"""The OIT answer sheet (XLSX, in the shape agencies fill: item, มี/ไม่มี, URLs, note) and the cover memo
(บันทึกข้อความ) of the year's submission."""

from __future__ import annotations

from core.documents.memo import Memo, memo_docx, memo_pdf
from core.documents.xlsx import new_workbook, workbook_bytes, write_table
from core.thai import format_be_datetime
from ita import selectors
from ita.models import ItaYear, Submission

HEADERS = ["ข้อ", "รายการ", "มี/ไม่มี", "URL", "หมายเหตุ"]


def answer_rows(year: ItaYear, kind: str | None = None) -> list[list]:
    rows = []
    for row in selectors.board(year, kind=kind):
        has = row.status != selectors.RED
        urls = [link.resolved_url or link.url for link in row.links if link.public_ok]
        notes = [link.check_note for link in row.links if link.check_note and not link.public_ok]
        if row.status == selectors.AMBER:
            notes = [link.check_note for link in row.links if link.check_note] or notes
        checked = max((link.checked_at for link in row.links if link.checked_at), default=None)
        note = "; ".join(dict.fromkeys(n for n in notes if n))
        if checked:
            note = (note + "; " if note else "") + f"ตรวจลิงก์เมื่อ {format_be_datetime(checked)}"
        rows.append([row.item.code, row.item.text, "มี" if has else "ไม่มี", "\n".join(urls), note])
    return rows


def answer_sheet_xlsx(year: ItaYear) -> bytes:
    workbook = new_workbook("OIT")
    ws = workbook.active
    write_table(ws, HEADERS, answer_rows(year, kind="oit"), [8, 60, 10, 60, 40])
    eb = answer_rows(year, kind="eb")
    if eb:
        write_table(workbook.create_sheet("EB"), HEADERS, eb, [8, 60, 10, 60, 40])
    est = selectors.estimate(selectors.board(year, kind="oit"))
    info = workbook.create_sheet("ประมาณการ")
    write_table(info, ["หัวข้อ", "ค่า"], [
        ["ปีงบประมาณ", str(year.fiscal_year)],
        ["คะแนน OIT (ประมาณการ)", f"{est.score}"],
        ["ระดับ (ประมาณการ)", est.band],
        ["หมายเหตุ", est.label],
    ], [30, 70], autofilter=False)
    return workbook_bytes(workbook)


def memo_for(submission: Submission) -> Memo:
    from org.selectors import agency_thai_digits

    paragraphs = [p for p in submission.memo_body.split("\n") if p.strip()]
    if submission.status == Submission.Status.APPROVED:
        paragraphs.append(f"เห็นชอบ — {submission.approver_name} {submission.approver_position} "
                          f"เมื่อ {format_be_datetime(submission.approved_at)}")
    return Memo(
        agency=submission.memo_agency, ref_no=submission.memo_ref_no, date=submission.memo_date,
        subject=submission.memo_subject, addressee=submission.memo_addressee, paragraphs=paragraphs,
        signer_name=submission.memo_signer_name, signer_position=submission.memo_signer_position,
        phone=submission.memo_phone, thai_digits=agency_thai_digits(submission.year.agency),
    )


def memo_file(submission: Submission, fmt: str) -> bytes:
    return {"docx": memo_docx, "pdf": memo_pdf}[fmt](memo_for(submission))
