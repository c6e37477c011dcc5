"""บันทึกข้อความ — the internal official memo of ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ ๒๕๒๖ (ข้อ ๑๒).

Parts, in order: ส่วนราชการ (with telephone) · ที่ · วันที่ · เรื่อง · เรียน · body · signature (name in brackets)
· position. Layout of the standard form: A4; the Garuda (1.5 cm) at the top left beside the title
"บันทึกข้อความ" (TH Sarabun 29 pt bold); labels 20 pt bold on dotted lines; body 16 pt with a 2.5 cm first-line
indent; margins left 3 cm, right 2 cm, bottom 2 cm; pages after the first numbered "- ๒ -" at the top.
Sizes here are the Sarabun equivalents (see ``fonts.from_th_sarabun_pt``). The Garuda is a state emblem that
is not shipped, so its place stays empty for pre-printed letterhead or a later image.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from core.documents.docx import (
    add_thai_paragraph,
    child_in_order,
    document_bytes,
    new_document,
    set_run_thai,
)
from core.documents.fonts import BODY_SIZE_PT, from_th_sarabun_pt
from core.documents.pdf import render_pdf
from core.thai import format_be, to_arabic_digits, to_thai_digits

TITLE = "บันทึกข้อความ"
TITLE_PT = from_th_sarabun_pt(29)
LABEL_PT = from_th_sarabun_pt(20)
MARGINS_CM = (1.5, 2.0, 2.0, 3.0)  # top, right, bottom, left
TEXT_WIDTH_CM = 21.0 - MARGINS_CM[1] - MARGINS_CM[3]
EMBLEM_CM = 1.5
BODY_INDENT_CM = 2.5
DATE_COLUMN_CM = 8.0  # where "วันที่" starts on the "ที่" line
SIGNATURE_INDENT_CM = 7.0
SIGNATURE_WIDTH_CM = 8.0
_SECT_PR_ORDER = tuple(
    (
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
        "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
        "printerSettings sectPrChange"
    ).split()
)


@dataclass
class Memo:
    agency: str  # ส่วนราชการ
    ref_no: str  # ที่
    # None when the letter has no registered date yet: it prints as a dotted blank, like an empty "ที่",
    # because a memo dated by the machine would carry a date the register never gave it.
    date: dt.date | None  # วันที่
    subject: str  # เรื่อง
    addressee: str  # เรียน
    paragraphs: Sequence[str] = field(default_factory=list)
    signer_name: str = ""
    signer_position: str = ""
    phone: str = ""  # โทร.
    # Official correspondence writes every number in Thai digits. The callers pass their agency's setting
    # (core reads no domain data); with it off every digit of the memo is an Arabic digit, the fixed
    # wording's "ข้อ ๑ (๔)" as much as the typed number.
    thai_digits: bool = True

    def text(self, value: str) -> str:
        value = (value or "").strip()
        return to_thai_digits(value) if self.thai_digits else to_arabic_digits(value)

    @property
    def agency_line(self) -> str:
        phone = self.text(self.phone)
        return f"{self.text(self.agency)}  โทร. {phone}" if phone else self.text(self.agency)

    @property
    def date_text(self) -> str:
        return format_be(self.date, "full", thai_digits=self.thai_digits) if self.date else ""

    @property
    def signer_line(self) -> str:
        name = self.text(self.signer_name)
        if not name:
            return ""
        return name if name.startswith("(") else f"({name})"

    @property
    def body(self) -> list[str]:
        return [self.text(paragraph) for paragraph in self.paragraphs if paragraph and paragraph.strip()]


# --- Word -----------------------------------------------------------------------------------------


def _label_run(paragraph, text: str):
    return set_run_thai(paragraph.add_run(text), size_pt=LABEL_PT, bold=True)


def _value_run(paragraph, text: str):
    # The tab runs to the next stop, whose dot leader draws the form's dotted line after the value. (An
    # underline instead would cut through Thai below-base vowels such as ุ and ฏ.)
    return set_run_thai(paragraph.add_run(f" {text}\t"), size_pt=BODY_SIZE_PT, bold=False)


def _field_paragraph(doc, *stops_cm: float):
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(2)
    for stop in stops_cm:
        fmt.tab_stops.add_tab_stop(Cm(stop), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.DOTS)
    fmt.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    return paragraph


def _add_page_number_header(section, thai_digits: bool) -> None:
    """ "- ๒ -" centred at the top of every page but the first."""
    section.different_first_page_header_footer = True
    section.header_distance = Cm(0.8)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_thai(paragraph.add_run("- "))
    run = set_run_thai(paragraph.add_run())
    if thai_digits:
        # Word prints PAGE in the section's number format. LibreOffice (7.4) ignores "thaiNumbers" and prints
        # plain digits, which is still a right number; it would turn a "\* ThaiArabic" switch into Thai
        # letters.
        page_numbers = child_in_order(section._sectPr, "pgNumType", _SECT_PR_ORDER)
        page_numbers.set(qn("w:fmt"), "thaiNumbers")
    # A PAGE field: begin, instruction, separator, the cached result shown before fields update, end.
    begin, separate, end = (OxmlElement("w:fldChar") for _ in range(3))
    for element, kind in ((begin, "begin"), (separate, "separate"), (end, "end")):
        element.set(qn("w:fldCharType"), kind)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    cached = OxmlElement("w:t")
    cached.text = to_thai_digits("2") if thai_digits else "2"
    for element in (begin, instruction, separate, cached, end):
        run._r.append(element)
    set_run_thai(paragraph.add_run(" -"))


def memo_document(memo: Memo):
    """The memo as a python-docx Document, for callers that add attachments lists or tables."""
    doc = new_document(margins_cm=MARGINS_CM)
    _add_page_number_header(doc.sections[0], memo.thai_digits)

    title = add_thai_paragraph(doc, TITLE, bold=True, size_pt=TITLE_PT, align="center")
    # The title line is as tall as the emblem, whose place at the left stays empty.
    title.paragraph_format.line_spacing = Cm(EMBLEM_CM + 0.3)

    paragraph = _field_paragraph(doc)
    _label_run(paragraph, "ส่วนราชการ")
    _value_run(paragraph, memo.agency_line)

    paragraph = _field_paragraph(doc, DATE_COLUMN_CM)
    _label_run(paragraph, "ที่")
    _value_run(paragraph, memo.text(memo.ref_no))
    _label_run(paragraph, " วันที่")
    _value_run(paragraph, memo.date_text)

    paragraph = _field_paragraph(doc)
    _label_run(paragraph, "เรื่อง")
    _value_run(paragraph, memo.text(memo.subject))

    paragraph = add_thai_paragraph(doc, "", space_before_pt=8)
    set_run_thai(paragraph.add_run("เรียน"))
    set_run_thai(paragraph.add_run(f"  {memo.text(memo.addressee)}"))

    for text in memo.body:
        add_thai_paragraph(doc, text, indent_first_cm=BODY_INDENT_CM, space_before_pt=6, align="thai_justify")

    if memo.signer_line:
        # Room for the handwritten signature, then the name in brackets and the position, centred together.
        add_thai_paragraph(doc, "", space_before_pt=36, left_indent_cm=SIGNATURE_INDENT_CM)
        for line in (memo.signer_line, memo.text(memo.signer_position)):
            if line:
                add_thai_paragraph(
                    doc, line, align="center", left_indent_cm=SIGNATURE_INDENT_CM, keep_with_next=True
                )
    return doc


def memo_docx(memo: Memo) -> bytes:
    return document_bytes(memo_document(memo))


# --- PDF ------------------------------------------------------------------------------------------


def _memo_css(thai_digits: bool) -> str:
    counter = "counter(page, thai)" if thai_digits else "counter(page)"
    top, right, bottom, left = MARGINS_CM
    return f"""
@page {{
  margin: {top + 0.5}cm {right}cm {bottom}cm {left}cm;
  @bottom-right {{ content: none; }}
  @top-center {{ content: "- " {counter} " -"; font-family: "Sarabun"; font-size: {BODY_SIZE_PT}pt;
                 vertical-align: bottom; padding-bottom: 0.4cm; }}
}}
@page :first {{ margin-top: {top}cm; @top-center {{ content: none; }} }}
.memo-head {{ position: relative; height: {EMBLEM_CM + 0.3}cm; }}
.memo-emblem {{ position: absolute; left: 0; top: 0; width: {EMBLEM_CM}cm; height: {EMBLEM_CM}cm; }}
.memo-title {{ text-align: center; font-size: {TITLE_PT}pt; font-weight: 700;
               line-height: {EMBLEM_CM + 0.3}cm; padding-top: 0.15cm; }}
.memo-field {{ display: flex; align-items: baseline; margin-top: 2pt; }}
.memo-label {{ font-size: {LABEL_PT}pt; font-weight: 700; white-space: nowrap; padding-right: 4pt; }}
.memo-value {{ flex: 1; border-bottom: 1pt dotted #000; padding-left: 2pt; line-height: 1.35; }}
.memo-ref {{ flex: 0 0 {DATE_COLUMN_CM}cm; display: flex; align-items: baseline; }}
.memo-date {{ flex: 1; display: flex; align-items: baseline; }}
.memo-ref .memo-value {{ margin-right: 4pt; }}
.memo-to {{ margin: 8pt 0 0; }}
.memo-body {{ text-indent: {BODY_INDENT_CM}cm; margin: 6pt 0 0; text-align: left; }}
.memo-sign {{ margin: 36pt 0 0 {SIGNATURE_INDENT_CM}cm; width: {SIGNATURE_WIDTH_CM}cm; text-align: center;
              page-break-inside: avoid; }}
.memo-sign p {{ margin: 0; text-align: center; }}
"""


def memo_html(memo: Memo) -> str:
    def text(value: str) -> str:
        # An empty flex item collapses and WeasyPrint then draws its dotted border in the wrong place.
        return escape(value) if value and value.strip() else "&nbsp;"

    parts = [
        '<div class="memo-head"><div class="memo-emblem"></div>',
        f'<div class="memo-title">{TITLE}</div></div>',
        '<div class="memo-field"><span class="memo-label">ส่วนราชการ</span>',
        f'<span class="memo-value">{text(memo.agency_line)}</span></div>',
        '<div class="memo-field"><div class="memo-ref"><span class="memo-label">ที่</span>',
        f'<span class="memo-value">{text(memo.text(memo.ref_no))}</span></div>',
        '<div class="memo-date"><span class="memo-label">วันที่</span>',
        f'<span class="memo-value">{text(memo.date_text)}</span></div></div>',
        '<div class="memo-field"><span class="memo-label">เรื่อง</span>',
        f'<span class="memo-value">{text(memo.text(memo.subject))}</span></div>',
        f'<p class="memo-to">เรียน&nbsp;&nbsp;{text(memo.text(memo.addressee))}</p>',
    ]
    parts += [f'<p class="memo-body">{text(paragraph)}</p>' for paragraph in memo.body]
    if memo.signer_line:
        parts.append('<div class="memo-sign">')
        parts.append(f"<p>{text(memo.signer_line)}</p>")
        if memo.signer_position:
            parts.append(f"<p>{text(memo.text(memo.signer_position))}</p>")
        parts.append("</div>")
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{text(memo.text(memo.subject))}</title></head><body>{body}</body></html>"
    )


def memo_pdf(memo: Memo) -> bytes:
    return render_pdf(memo_html(memo), extra_css=_memo_css(memo.thai_digits))
