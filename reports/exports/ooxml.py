"""WordprocessingML written as text, for documents with thousands of table rows.

python-docx builds every cell through several Python objects; a compiled round has tens of thousands of
cells, so its body is written here as XML text and parsed once. Runs carry only size and weight: the font,
its complex-script slot and the Thai language come from the document defaults set by
`core.documents.docx.new_document`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from docx.document import Document
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CM_TWIPS = 567  # 1 cm in twentieths of a point
HEADER_FILL = "D9E2F3"
UNIT_FILL = "F2F2F2"


def run(text: str, *, bold: bool = False, size_pt: float | None = None) -> str:
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if size_pt:
        half = round(size_pt * 2)
        props += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(
    text: str = "",
    *,
    bold: bool = False,
    size_pt: float | None = None,
    align: str | None = None,
    keep_next: bool = False,
    before_pt: float = 0,
    after_pt: float = 0,
    outline: int | None = None,
    indent_cm: float | None = None,
) -> str:
    ppr = ""
    if keep_next:
        ppr += "<w:keepNext/>"
    ppr += f'<w:spacing w:before="{round(before_pt * 20)}" w:after="{round(after_pt * 20)}"/>'
    if indent_cm:
        ppr += f'<w:ind w:left="{round(indent_cm * CM_TWIPS)}"/>'
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    body = run(text, bold=bold, size_pt=size_pt) if text else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{body}</w:p>"


def lines(texts: Iterable[str], **kwargs) -> str:
    """One paragraph per line; a cell needs at least one paragraph even when empty."""
    out = [paragraph(line, **kwargs) for text in texts for line in str(text).split("\n")]
    return "".join(out) or paragraph()


def cell(content_xml: str, width_cm: float, *, span: int = 1, fill: str | None = None) -> str:
    props = f'<w:tcW w:w="{round(width_cm * CM_TWIPS)}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content_xml}</w:tc>"


def row(cells_xml: Sequence[str], *, header: bool = False) -> str:
    # A row cut by a page break splits Thai lines; the header row repeats on every page.
    trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells_xml)}</w:tr>"


def header_row(titles: Sequence[str], widths: Sequence[float], size_pt: float) -> str:
    return row(
        [
            cell(paragraph(t, bold=True, size_pt=size_pt, align="center"), w, fill=HEADER_FILL)
            for t, w in zip(titles, widths, strict=True)
        ],
        header=True,
    )


def table(widths_cm: Sequence[float], rows_xml: Iterable[str]) -> str:
    grid = "".join(f'<w:gridCol w:w="{round(w * CM_TWIPS)}"/>' for w in widths_cm)
    total = round(sum(widths_cm) * CM_TWIPS)
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows_xml)}</w:tbl>"
    )


def with_body(docx_bytes: bytes, parts: Iterable[str]) -> bytes:
    """The saved document with the written parts spliced into its body, before the section properties.

    Splicing text into word/document.xml avoids moving tens of thousands of elements between lxml trees,
    which costs seconds; the parts are well-formed XML with escaped text, in the document's "w" namespace.
    """
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                anchor = text.rindex("<w:sectPr")
                data = (text[:anchor] + "".join(parts) + text[anchor:]).encode("utf-8")
            target.writestr(item, data)
    return buffer.getvalue()


def _page_field(name: str, *, thai_digits: bool, size_pt: float) -> str:
    # Word's "\* ThaiArabic" switch prints the number in Thai digits, for NUMPAGES as for PAGE (a section's
    # page-number format reaches PAGE only). Word reads switch names without regard to case; LibreOffice
    # (7.4) matches only the exact spelling "ThaiArabic" and turns it into Thai letters (ข / ฉ for 2 / 6).
    # Spelt in capitals, Word prints Thai digits and LibreOffice falls back to plain digits, never letters.
    # The cached "1" is what shows until the application updates the field.
    switch = " \\* THAIARABIC" if thai_digits else ""
    cached = "๑" if thai_digits else "1"
    return f'<w:fldSimple w:instr=" {name}{switch} ">{run(cached, size_pt=size_pt)}</w:fldSimple>'


def page_number_footer(doc: Document, *, thai_digits: bool) -> None:
    """ "หน้า n / N" centred at the bottom of every page, as PAGE and NUMPAGES fields."""
    section = doc.sections[0]
    paragraph_el = section.footer.paragraphs[0]._p
    size = 9
    field = (
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="center"/></w:pPr>{run("หน้า ", size_pt=size)}'
        f"{_page_field('PAGE', thai_digits=thai_digits, size_pt=size)}{run(' / ', size_pt=size)}"
        f"{_page_field('NUMPAGES', thai_digits=thai_digits, size_pt=size)}</w:p>"
    )
    paragraph_el.addprevious(etree.fromstring(field.encode()))
    paragraph_el.getparent().remove(paragraph_el)
