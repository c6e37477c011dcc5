"""หนังสือภายนอก — the external letter of ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ ๒๕๒๖ (ข้อ ๑๑, แบบที่ ๑).

Parts, in order: the Garuda (ครุฑ) · ที่ (the book number) at the left, ส่วนราชการเจ้าของหนังสือ with its
address at the right, on the same line · the date (วัน เดือน ปี) · เรื่อง · เรียน · อ้างถึง (only when there is
an earlier letter) · สิ่งที่ส่งมาด้วย (only when something is enclosed) · the body · ขอแสดงความนับถือ · the
signature, the name in brackets and the position · ส่วนราชการเจ้าของเรื่อง with telephone and e-mail at the
bottom left.

Measurements of the standard layout, used below (all in cm on A4, 21 × 29.7):
- the Garuda 3 cm high, centred on the text column, its top 1.5 cm from the top edge (top margin 1.5);
- margins left 3, right 2, bottom 2 (the same as the memo, `core.documents.memo`); text column 16 wide;
- ที่ starts at the left margin; the owner's address block is 7.5 wide and ends at the right margin;
- the date and ขอแสดงความนับถือ start at the column's centre line (8 from the left margin), under the
  Garuda's centre; the name in brackets and the position are centred together under the closing;
- body paragraphs have a 2.5 first-line indent; pages after the first are numbered "- ๒ -" at the top.
Text is TH Sarabun 16 pt in the regulation, set here in Sarabun at the equivalent size
(`fonts.from_th_sarabun_pt`). The emblem is the image the agency's administrator uploads (never shipped):
without one its 3 cm stays empty, for pre-printed letterhead.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

from core.documents.docx import add_thai_paragraph, document_bytes, new_document, set_run_thai
from core.documents.fonts import BODY_SIZE_PT
from core.documents.memo import _add_page_number_header
from core.documents.pdf import render_pdf
from core.thai import format_be, to_arabic_digits, to_thai_digits

MARGINS_CM = (1.5, 2.0, 2.0, 3.0)  # top, right, bottom, left
TEXT_WIDTH_CM = 21.0 - MARGINS_CM[1] - MARGINS_CM[3]  # 16
EMBLEM_CM = 3.0
CENTRE_CM = TEXT_WIDTH_CM / 2  # the Garuda's centre line, from the left margin
ADDRESS_WIDTH_CM = 7.5
BODY_INDENT_CM = 2.5
LABEL_WIDTH_CM = 2.9  # "สิ่งที่ส่งมาด้วย" and the items after it
SIGNATURE_LEFT_CM = 6.5
SIGNATURE_WIDTH_CM = 6.5
SIGNATURE_SPACE_PT = 40  # room for the handwritten signature
EMBLEM_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg"}


@dataclass
class Letter:
    ref_no: str  # ที่ (the agency's code and the register's number, e.g. "กษ ๑๑๑๓/๔๕๖")
    owner: Sequence[str]  # ส่วนราชการเจ้าของหนังสือ: the agency's name, then its address lines
    date: dt.date | None  # None until the register gives it: printed as a blank
    subject: str  # เรื่อง
    addressee: str  # เรียน
    reference: str = ""  # อ้างถึง
    enclosures: Sequence[str] = field(default_factory=list)  # สิ่งที่ส่งมาด้วย
    paragraphs: Sequence[str] = field(default_factory=list)
    closing: str = "ขอแสดงความนับถือ"
    signer_name: str = ""
    signer_position: str = ""
    contact: Sequence[str] = field(default_factory=list)  # ส่วนราชการเจ้าของเรื่อง, โทร., ไปรษณีย์อิเล็กทรอนิกส์
    emblem: bytes | None = None
    emblem_type: str = "png"
    thai_digits: bool = True

    def text(self, value: str) -> str:
        value = (value or "").strip()
        return to_thai_digits(value) if self.thai_digits else to_arabic_digits(value)

    @property
    def date_text(self) -> str:
        return format_be(self.date, "full", thai_digits=self.thai_digits) if self.date else ""

    @property
    def owner_lines(self) -> list[str]:
        return [self.text(line) for line in self.owner if line and line.strip()]

    @property
    def enclosure_lines(self) -> list[str]:
        items = [item for item in self.enclosures if item and item.strip()]
        if len(items) == 1:
            return [self.text(items[0])]
        return [self.text(f"{number}. {item}") for number, item in enumerate(items, start=1)]

    @property
    def body(self) -> list[str]:
        return [self.text(p) for p in self.paragraphs if p and p.strip()]

    @property
    def signer_line(self) -> str:
        name = self.text(self.signer_name)
        return "" if not name else name if name.startswith("(") else f"({name})"

    @property
    def emblem_mime(self) -> str | None:
        return EMBLEM_TYPES.get((self.emblem_type or "").lower()) if self.emblem else None


# --- Word -----------------------------------------------------------------------------------------


def _labelled(doc, label: str, value: str, *, space_before_pt: float = 6):
    paragraph = add_thai_paragraph(doc, "", space_before_pt=space_before_pt)
    set_run_thai(paragraph.add_run(label))
    set_run_thai(paragraph.add_run(f"  {value}"))
    return paragraph


def letter_document(letter: Letter):  # noqa: C901 (one branch per part of the letter)
    doc = new_document(margins_cm=MARGINS_CM)
    _add_page_number_header(doc.sections[0], letter.thai_digits)

    head = add_thai_paragraph(doc, "", align="center")
    head.paragraph_format.line_spacing = Cm(EMBLEM_CM)
    if letter.emblem_mime:
        head.paragraph_format.line_spacing = None
        head.add_run().add_picture(io.BytesIO(letter.emblem), height=Cm(EMBLEM_CM))

    # ที่ at the left, the owner's address as a block ending at the right margin (a left tab at its start).
    address_at = Cm(TEXT_WIDTH_CM - ADDRESS_WIDTH_CM)
    lines = letter.owner_lines or [""]
    for index, line in enumerate(lines):
        paragraph = add_thai_paragraph(doc, "", space_before_pt=6 if index == 0 else 0)
        paragraph.paragraph_format.tab_stops.add_tab_stop(address_at, WD_TAB_ALIGNMENT.LEFT)
        if index == 0:
            set_run_thai(paragraph.add_run(f"ที่ {letter.text(letter.ref_no)}"))
        set_run_thai(paragraph.add_run(f"\t{line}"))

    add_thai_paragraph(doc, letter.date_text or " ", left_indent_cm=CENTRE_CM, space_before_pt=6)
    _labelled(doc, "เรื่อง", letter.text(letter.subject))
    _labelled(doc, "เรียน", letter.text(letter.addressee))
    if letter.reference.strip():
        _labelled(doc, "อ้างถึง", letter.text(letter.reference))
    items = letter.enclosure_lines
    for index, item in enumerate(items):
        paragraph = add_thai_paragraph(
            doc, "", space_before_pt=6 if index == 0 else 0, left_indent_cm=LABEL_WIDTH_CM
        )
        paragraph.paragraph_format.first_line_indent = Cm(-LABEL_WIDTH_CM) if index == 0 else None
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(LABEL_WIDTH_CM), WD_TAB_ALIGNMENT.LEFT)
        set_run_thai(paragraph.add_run(f"สิ่งที่ส่งมาด้วย\t{item}" if index == 0 else item))

    for text in letter.body:
        add_thai_paragraph(doc, text, indent_first_cm=BODY_INDENT_CM, space_before_pt=6, align="thai_justify")

    closing = add_thai_paragraph(
        doc, letter.closing, left_indent_cm=CENTRE_CM, space_before_pt=12, keep_with_next=True
    )
    closing.paragraph_format.space_after = Pt(SIGNATURE_SPACE_PT)
    right = TEXT_WIDTH_CM - SIGNATURE_LEFT_CM - SIGNATURE_WIDTH_CM
    for line in (letter.signer_line, letter.text(letter.signer_position)):
        if line:
            paragraph = add_thai_paragraph(
                doc, line, align="center", left_indent_cm=SIGNATURE_LEFT_CM, keep_with_next=True
            )
            paragraph.paragraph_format.right_indent = Cm(right)
    for index, line in enumerate(letter.contact):
        if line and line.strip():
            add_thai_paragraph(doc, letter.text(line), space_before_pt=30 if index == 0 else 0)
    for paragraph in doc.paragraphs:
        if paragraph.alignment is None:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return doc


def letter_docx(letter: Letter) -> bytes:
    return document_bytes(letter_document(letter))


# --- PDF ------------------------------------------------------------------------------------------


def letter_css(thai_digits: bool) -> str:
    counter = "counter(page, thai)" if thai_digits else "counter(page)"
    top, right, bottom, left = MARGINS_CM
    return f"""
@page {{
  margin: {top + 1.0}cm {right}cm {bottom}cm {left}cm;
  @bottom-right {{ content: none; }}
  @top-center {{ content: "- " {counter} " -"; font-family: "Sarabun"; font-size: {BODY_SIZE_PT}pt;
                 vertical-align: bottom; padding-bottom: 0.4cm; }}
}}
@page :first {{ margin-top: {top}cm; @top-center {{ content: none; }} }}
.l-head {{ height: {EMBLEM_CM}cm; text-align: center; }}
.l-head img {{ height: {EMBLEM_CM}cm; width: auto; display: inline-block; }}
.l-ref {{ display: flex; align-items: flex-start; margin-top: 6pt; }}
.l-ref-no {{ flex: 1; }}
.l-owner {{ flex: 0 0 {ADDRESS_WIDTH_CM}cm; width: {ADDRESS_WIDTH_CM}cm; }}
.l-owner p, .l-sign p, .l-contact p {{ margin: 0; }}
.l-date {{ margin: 6pt 0 0 {CENTRE_CM}cm; min-height: 1.45em; }}
.l-field {{ margin: 6pt 0 0; }}
.l-label {{ padding-right: 0.3cm; }}
.l-enc {{ display: flex; margin-top: 6pt; }}
.l-enc-label {{ flex: 0 0 {LABEL_WIDTH_CM}cm; }}
.l-enc-items p {{ margin: 0; }}
.l-body {{ text-indent: {BODY_INDENT_CM}cm; margin: 6pt 0 0; }}
.l-close {{ margin: 12pt 0 0 {CENTRE_CM}cm; page-break-after: avoid; }}
.l-sign {{ margin: {SIGNATURE_SPACE_PT}pt 0 0 {SIGNATURE_LEFT_CM}cm; width: {SIGNATURE_WIDTH_CM}cm;
           text-align: center; page-break-inside: avoid; }}
.l-sign p {{ text-align: center; }}
.l-contact {{ margin-top: 30pt; page-break-inside: avoid; }}
"""


def letter_html(letter: Letter) -> str:
    def t(value: str) -> str:
        return escape(value) if value and value.strip() else "&nbsp;"

    emblem = ""
    if letter.emblem_mime:
        data = base64.b64encode(letter.emblem).decode()
        emblem = f'<img src="data:{letter.emblem_mime};base64,{data}" alt="ตราครุฑ">'
    owner = "".join(f"<p>{t(line)}</p>" for line in letter.owner_lines) or "<p>&nbsp;</p>"
    parts = [
        f'<div class="l-head">{emblem}</div>',
        f'<div class="l-ref"><div class="l-ref-no">ที่ {t(letter.text(letter.ref_no))}</div>',
        f'<div class="l-owner">{owner}</div></div>',
        f'<p class="l-date">{t(letter.date_text)}</p>',
        f'<p class="l-field"><span class="l-label">เรื่อง</span>{t(letter.text(letter.subject))}</p>',
        f'<p class="l-field"><span class="l-label">เรียน</span>{t(letter.text(letter.addressee))}</p>',
    ]
    if letter.reference.strip():
        parts.append(
            f'<p class="l-field"><span class="l-label">อ้างถึง</span>{t(letter.text(letter.reference))}</p>'
        )
    if letter.enclosure_lines:
        items = "".join(f"<p>{t(item)}</p>" for item in letter.enclosure_lines)
        parts.append(
            f'<div class="l-enc"><div class="l-enc-label">สิ่งที่ส่งมาด้วย</div>'
            f'<div class="l-enc-items">{items}</div></div>'
        )
    parts += [f'<p class="l-body">{t(p)}</p>' for p in letter.body]
    parts.append(f'<p class="l-close">{t(letter.text(letter.closing))}</p>')
    sign = [line for line in (letter.signer_line, letter.text(letter.signer_position)) if line]
    parts.append('<div class="l-sign">' + "".join(f"<p>{t(line)}</p>" for line in sign or [""]) + "</div>")
    contact = [letter.text(line) for line in letter.contact if line and line.strip()]
    if contact:
        parts.append('<div class="l-contact">' + "".join(f"<p>{t(line)}</p>" for line in contact) + "</div>")
    return (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{t(letter.text(letter.subject))}</title></head><body>{''.join(parts)}</body></html>"
    )


def letter_pdf(letter: Letter) -> bytes:
    return render_pdf(letter_html(letter), extra_css=letter_css(letter.thai_digits))
