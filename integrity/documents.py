"""The yearly summary of the CoI regulation's implementation (plan 3.1-a ๒) as an official memo to the
executive, Word or PDF, built from the statistics kept with the report when it was generated (so the file
says what was presented, even if records are added later). Thai digits as the agency's setting says."""

from __future__ import annotations

import datetime

from core.documents.docx import add_table, add_thai_paragraph, document_bytes
from core.documents.memo import Memo, memo_document, memo_pdf
from core.thai import fiscal_year_label, format_be
from integrity.models import CoiYearReport
from org.selectors import agency_thai_digits

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
REF_TO_FILL = "\u200b"  # the registry gives the number after signing (see complaints.documents)
REGULATION = "ระเบียบกรมส่งเสริมสหกรณ์ว่าด้วยการป้องกันผลประโยชน์ทับซ้อน พ.ศ. ๒๕๕๙"


def _date(iso: str) -> str:
    return format_be(datetime.date.fromisoformat(iso))


def summary_lines(report: CoiYearReport) -> list[tuple[str, str]]:
    s = report.statistics or {}
    quarters = s.get("reminders_by_quarter", {})
    no_gift = s.get("no_gift_policy")
    gifts = s.get("gifts_by_handling", {})
    return [
        (
            "กิจกรรมรณรงค์ สร้างการรับรู้",
            f"{len(s.get('events', []))} ครั้ง ผู้เข้าร่วมรวม {s.get('attendance', 0):,} คน",
        ),
        ("การกำชับในที่ประชุมผู้บริหาร", " ".join(f"ไตรมาสที่ {q} {n} ครั้ง" for q, n in quarters.items())),
        (
            "การแจ้งส่วนได้เสีย",
            f"{s.get('declarations', 0)} ราย มีส่วนได้เสีย {s.get('declarations_with_interest', 0)} ราย "
            f"รอพิจารณา {s.get('declarations_pending', 0)} ราย",
        ),
        (
            "การรับของขวัญและประโยชน์อื่นใด",
            f"{s.get('gifts', 0)} รายการ มูลค่าเกินเกณฑ์ {s.get('gifts_over_limit', 0)} รายการ"
            + "".join(f" {label} {n}" for label, n in gifts.items() if n),
        ),
        (
            "ประกาศนโยบายไม่รับของขวัญ (No Gift Policy)",
            f"{no_gift['title']} ประกาศเมื่อ {_date(no_gift['announced_on'])} โดย {no_gift['announced_by']}"
            if no_gift
            else "ยังไม่มีการบันทึกประกาศ",
        ),
    ]


def _memo(report: CoiYearReport, signer) -> Memo:
    year = fiscal_year_label(report.fiscal_year)
    s = report.statistics or {}
    paragraphs = [
        (
            f"ตามแผนการดำเนินงานภายใต้นโยบายคุณธรรมและความโปร่งใสในการดำเนินงานของกรมส่งเสริมสหกรณ์ นโยบายที่ ๓ "
            f"มาตรการ ๑) กำหนดให้สรุปผลการดำเนินการตาม{REGULATION} และรายงานผลต่อผู้บริหารปีละ ๑ ครั้ง นั้น"
        ),
        f"ผลการดำเนินการ{year} จากทะเบียนในระบบ ณ วันที่ {format_be(report.generated_at)} สรุปได้ดังนี้",
        *[f"{i}. {label}: {value}" for i, (label, value) in enumerate(summary_lines(report), start=1)],
    ]
    events = s.get("events", [])
    if events:
        paragraphs.append(
            "กิจกรรมรณรงค์ที่ดำเนินการ: "
            + " ".join(
                f"({i}) {e['title']} {_date(e['held_on'])} {e['unit']} ผู้เข้าร่วม {e['attendance']} คน;"
                for i, e in enumerate(events, start=1)
            ).rstrip(";")
        )
    paragraphs.append("จึงเรียนมาเพื่อโปรดทราบ")
    return Memo(
        agency=report.agency.name,
        ref_no=REF_TO_FILL,
        date=None,
        subject=f"สรุปผลการดำเนินการตาม{REGULATION} {year}",
        addressee=report.presented_to or "อธิบดีกรมส่งเสริมสหกรณ์",
        paragraphs=paragraphs,
        signer_name=signer.get_full_name() if signer is not None and hasattr(signer, "get_full_name") else "",
        signer_position=getattr(signer, "position", "") if signer is not None else "",
        thai_digits=agency_thai_digits(report.agency),
    )


def coi_report_file(report: CoiYearReport, fmt: str, *, signer=None) -> tuple[bytes, str, str]:
    memo = _memo(report, signer)
    name = f"coi-summary-{report.fiscal_year}"
    if fmt == "pdf":
        return memo_pdf(memo), PDF, f"{name}.pdf"
    doc = memo_document(memo)
    events = (report.statistics or {}).get("events", [])
    if events:
        add_thai_paragraph(doc, "รายการกิจกรรมรณรงค์", bold=True, space_before_pt=12)
        add_table(
            doc,
            ["วันที่", "กิจกรรม", "หน่วยงาน", "กลุ่มเป้าหมาย", "ผู้เข้าร่วม"],
            [
                [_date(e["held_on"]), e["title"], e["unit"], e["audience"], str(e["attendance"])]
                for e in events
            ],
            [2.8, 5.5, 2.8, 3.5, 1.4],
            size_pt=12,
            thai_digits=memo.thai_digits,
        )
    return document_bytes(doc), DOCX, f"{name}.docx"
