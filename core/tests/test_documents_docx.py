import io
import uuid
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from core.documents.docx import (
    _RPR_ORDER,
    add_table,
    add_thai_paragraph,
    document_bytes,
    new_document,
    set_landscape,
)
from core.documents.docx_fonts import OBFUSCATED_FONT_TYPE, obfuscate
from core.documents.fonts import sarabun_files

THAI = "กรมส่งเสริมสหกรณ์ดำเนินการประเมินคุณธรรมและความโปร่งใส"


def reopen(document) -> docx.document.Document:
    return docx.Document(io.BytesIO(document_bytes(document)))


def default_rpr(document):
    return document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")


def assert_thai_rpr(rpr, font="Sarabun"):
    fonts = rpr.find(qn("w:rFonts"))
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{slot}")) == font
    assert fonts.get(qn("w:cstheme")) is None
    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"


def assert_schema_order(rpr):
    names = [child.tag.split("}")[-1] for child in rpr]
    positions = [_RPR_ORDER.index(name) for name in names]
    assert positions == sorted(positions), names


def test_default_style_sets_thai_font_in_every_slot():
    document = reopen(new_document())
    rpr = default_rpr(document)
    assert_thai_rpr(rpr)
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "22"
    assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "22"
    normal = document.styles["Normal"].element.rPr
    assert_thai_rpr(normal)
    assert document.styles["Normal"].font.size.pt == 11
    assert_thai_rpr(document.styles["Table Grid"].element.rPr)
    assert_thai_rpr(document.styles["Heading 1"].element.rPr)


def test_every_run_property_block_is_in_schema_order():
    document = new_document()
    paragraph = add_thai_paragraph(document, THAI, bold=True, size_pt=14)
    paragraph.runs[0].font.italic = True
    add_table(document, ["ลำดับ", "รายการ"], [[1, THAI]], [2, 12])
    document = reopen(document)
    blocks = document.styles.element.iter(qn("w:rPr"))
    blocks = [*blocks, *document.element.body.iter(qn("w:rPr"))]
    assert len(blocks) > 10
    for rpr in blocks:
        assert_schema_order(rpr)


def test_page_is_a4_with_official_margins_and_landscape_option():
    section = reopen(new_document()).sections[0]
    assert round(section.page_width.cm, 1) == 21.0
    assert round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == 3.0
    assert round(section.right_margin.cm, 1) == 2.0

    wide = reopen(new_document(landscape=True, margins_cm=(2, 2, 2, 2))).sections[0]
    assert wide.page_width > wide.page_height
    assert round(wide.left_margin.cm, 1) == 2.0
    set_landscape(wide)  # already landscape: no swap back
    assert wide.page_width > wide.page_height


def test_paragraph_keeps_thai_text_and_formatting():
    document = new_document()
    add_thai_paragraph(document, THAI, bold=True, size_pt=16, align="center", indent_first_cm=2.5)
    paragraph = reopen(document).paragraphs[-1]
    assert paragraph.text == THAI
    assert round(paragraph.paragraph_format.first_line_indent.cm, 2) == 2.5
    run = paragraph.runs[0]
    rpr = run._r.rPr
    assert_thai_rpr(rpr)
    assert rpr.find(qn("w:bCs")) is not None and rpr.find(qn("w:b")) is not None
    assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "32"


def test_table_has_repeating_header_thai_cells_and_widths():
    document = new_document()
    add_table(
        document,
        ["ลำดับ", "รายการ", "วันที่"],
        [[1, "จัดซื้อวัสดุสำนักงาน", date(2017, 1, 31)], [2, "จ้างเหมา\nทำความสะอาด", None]],
        [1.5, 10, 4.5],
        header_fill="FFF2CC",
    )
    table = reopen(document).tables[0]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert [cell.text for cell in header.cells] == ["ลำดับ", "รายการ", "วันที่"]
    assert header.cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "FFF2CC"
    assert [cell.text for cell in table.rows[1].cells] == ["1", "จัดซื้อวัสดุสำนักงาน", "31 ม.ค. 2560"]
    assert [p.text for p in table.rows[2].cells[1].paragraphs] == ["จ้างเหมา", "ทำความสะอาด"]
    assert table.rows[2].cells[2].text == ""
    assert round(table.rows[1].cells[1].width.cm, 1) == 10.0
    cell_run = table.rows[1].cells[1].paragraphs[0].runs[0]
    assert_thai_rpr(cell_run._r.rPr)
    # Padding above the text keeps stacked tone marks off the cell border.
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    assert int(margins.find(qn("w:top")).get(qn("w:w"))) >= 40


def test_table_rejects_mismatched_widths():
    with pytest.raises(ValueError):
        add_table(new_document(), ["ก", "ข"], [], [3])


def test_sarabun_is_embedded_and_recoverable():
    data = document_bytes(new_document())
    package = docx.Document(io.BytesIO(data)).part.package
    fonts = [part for part in package.iter_parts() if part.content_type == OBFUSCATED_FONT_TYPE]
    assert len(fonts) == 2
    table = next(part for part in package.iter_parts() if str(part.partname) == "/word/fontTable.xml")
    xml = table.blob.decode("utf-8")
    assert 'w:name="Sarabun"' in xml and "w:embedRegular" in xml and "w:embedBold" in xml
    originals = {sarabun_files().regular.read_bytes(), sarabun_files().bold.read_bytes()}
    for part in fonts:
        rel_id = next(rid for rid, rel in table.rels.items() if rel.target_part is part)
        key = xml.split(f'r:id="{rel_id}" w:fontKey="')[1].split('"')[0]
        assert part.blob not in originals  # obfuscated on disk
        assert obfuscate(part.blob, uuid.UUID(key)) in originals


def test_embedding_can_be_turned_off():
    data = document_bytes(new_document(embed_fonts=False))
    package = docx.Document(io.BytesIO(data)).part.package
    assert not [part for part in package.iter_parts() if part.content_type == OBFUSCATED_FONT_TYPE]


def test_other_font_is_written_without_embedding():
    document = reopen(new_document(font="TH Sarabun New", size_pt=16))
    assert_thai_rpr(default_rpr(document), font="TH Sarabun New")
    assert default_rpr(document).find(qn("w:szCs")).get(qn("w:val")) == "32"
