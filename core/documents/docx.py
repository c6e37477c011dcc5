"""Word documents that display Thai correctly.

Word takes the font of Thai text from the complex-script slots (``w:cs``, ``w:szCs``, ``w:bCs``) and needs
``w:lang w:bidi="th-TH"``; python-docx's ``font.name``/``font.size`` only set the Latin slots, so the helpers
here write every slot, on the document defaults, on the styles and on each run they create. Children of
``w:rPr`` and the other property elements must follow the schema order or Word refuses to open the file.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from docx import Document as _new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from core.documents.docx_fonts import embed_sarabun
from core.documents.fonts import BODY_SIZE_PT, FAMILY
from core.thai import format_be, to_thai_digits

A4_CM = (21.0, 29.7)
# top, right, bottom, left; official documents have left 3 cm and right 2 cm.
DEFAULT_MARGINS_CM = (2.5, 2.0, 2.0, 3.0)
THAI_LANG = "th-TH"

_RPR_ORDER = tuple(
    (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
        "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
        "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
    ).split()
)
_TCPR_ORDER = tuple(
    (
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
        "hideMark"
    ).split()
)
_TRPR_ORDER = tuple(
    (
        "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing "
        "jc hidden"
    ).split()
)
_TBLPR_ORDER = tuple(
    (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
        "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
    ).split()
)
_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    # Thai has no spaces between words: plain justify leaves lines ragged; Thai distributed spreads letters.
    "thai_justify": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
}


def child_in_order(parent, name: str, order: Sequence[str]):
    """Return ``parent``'s ``w:<name>`` child, creating it at its schema position when missing."""
    existing = parent.find(qn(f"w:{name}"))
    if existing is not None:
        return existing
    element = OxmlElement(f"w:{name}")
    later = set(order[order.index(name) + 1 :])
    for index, child in enumerate(parent):
        if child.tag.split("}")[-1] in later:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def _set_on_off(rpr, name: str, value: bool) -> None:
    element = child_in_order(rpr, name, _RPR_ORDER)
    if value:
        element.attrib.pop(qn("w:val"), None)
    else:
        element.set(qn("w:val"), "0")


def apply_thai_rpr(
    rpr, *, font: str | None = FAMILY, size_pt: float | None = None, bold: bool | None = None
) -> None:
    """Write font, size and weight into every script slot of a ``w:rPr``, plus the Thai language tag."""
    if font is not None:
        fonts = child_in_order(rpr, "rFonts", _RPR_ORDER)
        for attr in _THEME_FONT_ATTRS:
            # A theme attribute wins over an explicit name, so it has to go.
            fonts.attrib.pop(qn(attr), None)
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{slot}"), font)
    if bold is not None:
        _set_on_off(rpr, "b", bold)
        _set_on_off(rpr, "bCs", bold)
    if size_pt is not None:
        half_points = str(round(size_pt * 2))
        child_in_order(rpr, "sz", _RPR_ORDER).set(qn("w:val"), half_points)
        child_in_order(rpr, "szCs", _RPR_ORDER).set(qn("w:val"), half_points)
    child_in_order(rpr, "lang", _RPR_ORDER).set(qn("w:bidi"), THAI_LANG)


def set_run_thai(
    run: Run, size_pt: float | None = None, bold: bool | None = None, *, font: str = FAMILY
) -> Run:
    apply_thai_rpr(run._r.get_or_add_rPr(), font=font, size_pt=size_pt, bold=bold)
    return run


def _style_rpr(style):
    return style.element.get_or_add_rPr()


def _set_default_styles(doc: Document, font: str, size_pt: float) -> None:
    styles_element = doc.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    apply_thai_rpr(rpr, font=font, size_pt=size_pt)

    ppr = defaults.find(qn("w:pPrDefault") + "/" + qn("w:pPr"))
    if ppr is not None:
        spacing = ppr.find(qn("w:spacing"))
        if spacing is not None:
            # Word's template adds 10 pt after paragraphs at 1.15 lines; official documents are single spaced.
            spacing.set(qn("w:after"), "0")
            spacing.set(qn("w:line"), "240")
            spacing.set(qn("w:lineRule"), "auto")

    normal = doc.styles["Normal"]
    apply_thai_rpr(_style_rpr(normal), font=font, size_pt=size_pt)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    for style in doc.styles:
        if style.type == WD_STYLE_TYPE.TABLE:
            apply_thai_rpr(_style_rpr(style), font=font)
        elif style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER) and style.name != "Normal":
            rpr = style.element.rPr
            # Headings, Title and friends name theme fonts (Calibri/Cambria); point them at the Thai font too.
            if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
                apply_thai_rpr(rpr, font=font)


def set_page(
    section: Section, *, landscape: bool = False, margins_cm: Sequence[float] = DEFAULT_MARGINS_CM
) -> None:
    width, height = A4_CM
    section.page_width, section.page_height = Cm(width), Cm(height)
    section.orientation = WD_ORIENT.PORTRAIT
    if landscape:
        set_landscape(section)
    top, right, bottom, left = margins_cm
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)


def set_landscape(section: Section) -> None:
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def new_document(
    landscape: bool = False,
    margins_cm: Sequence[float] = DEFAULT_MARGINS_CM,
    *,
    font: str = FAMILY,
    size_pt: float = BODY_SIZE_PT,
    embed_fonts: bool = True,
) -> Document:
    """An A4 document whose defaults are Thai (font in every slot, th-TH, single spacing).

    ``embed_fonts`` puts Sarabun inside the file so it displays the same on computers without the font.
    """
    doc = _new_docx()
    _set_default_styles(doc, font, size_pt)
    set_page(doc.sections[0], landscape=landscape, margins_cm=margins_cm)
    if embed_fonts and font == FAMILY:
        embed_sarabun(doc)
    return doc


def document_bytes(doc: Document) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _target_paragraph(target: Document | _Cell) -> Paragraph:
    if isinstance(target, _Cell):
        paragraphs = target.paragraphs
        # A new cell already holds one empty paragraph: fill it rather than leave a blank line above.
        if len(paragraphs) == 1 and not paragraphs[0].text and not paragraphs[0].runs:
            return paragraphs[0]
    return target.add_paragraph()


def _alignment(align):
    if align is None or not isinstance(align, str):
        return align
    return ALIGNMENTS[align]


def add_thai_paragraph(
    doc_or_cell: Document | _Cell,
    text: str,
    bold: bool = False,
    size_pt: float | None = None,
    align: str | WD_ALIGN_PARAGRAPH | None = None,
    indent_first_cm: float | None = None,
    *,
    space_before_pt: float | None = None,
    space_after_pt: float | None = None,
    left_indent_cm: float | None = None,
    keep_with_next: bool | None = None,
) -> Paragraph:
    paragraph = _target_paragraph(doc_or_cell)
    if text:
        set_run_thai(paragraph.add_run(text), size_pt=size_pt, bold=bold)
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = _alignment(align)
    if indent_first_cm is not None:
        fmt.first_line_indent = Cm(indent_first_cm)
    if left_indent_cm is not None:
        fmt.left_indent = Cm(left_indent_cm)
    if space_before_pt is not None:
        fmt.space_before = Pt(space_before_pt)
    if space_after_pt is not None:
        fmt.space_after = Pt(space_after_pt)
    if keep_with_next is not None:
        fmt.keep_with_next = keep_with_next
    return paragraph


def cell_text(value: Any, *, thai_digits: bool = False) -> str:
    """How a value reads in a table cell: dates in B.E. (31 ม.ค. 2560), None as empty; every digit a Thai
    digit when the agency's documents use them."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return format_be(value, "abbr", thai_digits=thai_digits)
    return to_thai_digits(value) if thai_digits else str(value)


def shade_cell(cell: _Cell, fill: str) -> None:
    shd = child_in_order(cell._tc.get_or_add_tcPr(), "shd", _TCPR_ORDER)
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def set_cell_margins(
    table: Table, *, top_pt: float, bottom_pt: float, left_pt: float, right_pt: float
) -> None:
    margins = child_in_order(table._tbl.tblPr, "tblCellMar", _TBLPR_ORDER)
    for side, value in (("top", top_pt), ("left", left_pt), ("bottom", bottom_pt), ("right", right_pt)):
        element = margins.find(qn(f"w:{side}"))
        if element is None:
            element = OxmlElement(f"w:{side}")
            margins.append(element)
        element.set(qn("w:w"), str(round(value * 20)))
        element.set(qn("w:type"), "dxa")


def _row_properties(row, *, header: bool) -> None:
    trpr = row._tr.get_or_add_trPr()
    # A row split over two pages cuts Thai lines in half; keep each row whole.
    child_in_order(trpr, "cantSplit", _TRPR_ORDER)
    if header:
        child_in_order(trpr, "tblHeader", _TRPR_ORDER)


def add_table(
    doc: Document | _Cell,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    col_widths_cm: Sequence[float],
    header_fill: str = "D9E2F3",
    *,
    size_pt: float | None = None,
    col_align: Sequence[str | None] | None = None,
    thai_digits: bool = False,
) -> Table:
    """A bordered table whose header row repeats on every page; values go through :func:`cell_text`
    (`thai_digits` writes headers and values in Thai digits)."""
    if len(col_widths_cm) != len(headers):
        raise ValueError("col_widths_cm needs one width per header")
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # Thai tone marks stack above the line: without top padding they touch the cell border.
    set_cell_margins(table, top_pt=2.5, bottom_pt=1.5, left_pt=4, right_pt=4)

    header_row = table.rows[0]
    _row_properties(header_row, header=True)
    for cell, title in zip(header_row.cells, headers, strict=True):
        shade_cell(cell, header_fill)
        add_thai_paragraph(cell, cell_text(title, thai_digits=thai_digits), bold=True, size_pt=size_pt,
                           align="center")

    aligns = list(col_align or [None] * len(headers))
    for values in rows:
        row = table.add_row()
        _row_properties(row, header=False)
        for cell, value, align in zip(row.cells, values, aligns, strict=True):
            lines = cell_text(value, thai_digits=thai_digits).split("\n")
            for line in lines:
                add_thai_paragraph(cell, line, size_pt=size_pt, align=align)

    for index, width in enumerate(col_widths_cm):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)
    return table
