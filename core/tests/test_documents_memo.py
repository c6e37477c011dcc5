import io
from datetime import date

import docx
from docx.enum.text import WD_TAB_LEADER
from docx.oxml.ns import qn

from core.documents.memo import BODY_INDENT_CM, LABEL_PT, TITLE, TITLE_PT, Memo, memo_docx

BODY = [
    "ตามที่ สำนักงาน ป.ป.ช. ได้ดำเนินการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2560 นั้น",
    "จึงเรียนมาเพื่อโปรดทราบ",
]


def sample_memo(**overrides) -> Memo:
    values = {
        "agency": "กลุ่มงานคุ้มครองจริยธรรม กรมส่งเสริมสหกรณ์",
        "phone": "0 2628 5240",
        "ref_no": "กษ 1101/128",
        "date": date(2017, 4, 7),
        "subject": "รายงานผลการดำเนินงาน ไตรมาสที่ 2",
        "addressee": "อธิบดีกรมส่งเสริมสหกรณ์",
        "paragraphs": BODY,
        "signer_name": "นางสาวสมศรี ใจงาม",
        "signer_position": "หัวหน้ากลุ่มงานคุ้มครองจริยธรรม",
    }
    return Memo(**{**values, **overrides})


def open_memo(memo: Memo):
    return docx.Document(io.BytesIO(memo_docx(memo)))


def texts(document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def test_memo_parts_in_order_with_thai_digits():
    document = open_memo(sample_memo())
    lines = texts(document)
    assert lines[0] == TITLE
    assert lines[1] == "ส่วนราชการ กลุ่มงานคุ้มครองจริยธรรม กรมส่งเสริมสหกรณ์  โทร. ๐ ๒๖๒๘ ๕๒๔๐\t"
    assert lines[2] == "ที่ กษ ๑๑๐๑/๑๒๘\t วันที่ ๗ เมษายน ๒๕๖๐\t"
    assert lines[3] == "เรื่อง รายงานผลการดำเนินงาน ไตรมาสที่ ๒\t"
    assert lines[4] == "เรียน  อธิบดีกรมส่งเสริมสหกรณ์"
    assert lines[5].endswith("พ.ศ. ๒๕๖๐ นั้น")
    assert lines[6] == BODY[1]
    assert lines[-2:] == ["(นางสาวสมศรี ใจงาม)", "หัวหน้ากลุ่มงานคุ้มครองจริยธรรม"]
    assert not any(char.isascii() and char.isdigit() for line in lines for char in line)


def test_memo_with_arabic_digits_and_no_phone():
    lines = texts(open_memo(sample_memo(thai_digits=False, phone="")))
    assert lines[1] == "ส่วนราชการ กลุ่มงานคุ้มครองจริยธรรม กรมส่งเสริมสหกรณ์\t"
    assert lines[2] == "ที่ กษ 1101/128\t วันที่ 7 เมษายน 2560\t"


def test_memo_layout_follows_the_standard():
    document = open_memo(sample_memo())
    section = document.sections[0]
    assert round(section.left_margin.cm, 1) == 3.0
    assert round(section.right_margin.cm, 1) == 2.0
    assert round(section.bottom_margin.cm, 1) == 2.0
    assert round(section.page_width.cm, 1) == 21.0

    title = document.paragraphs[0].runs[0]
    assert title.bold and title.font.size.pt == TITLE_PT == 20
    label = document.paragraphs[1].runs[0]
    assert label.text == "ส่วนราชการ" and label.bold and label.font.size.pt == LABEL_PT
    value = document.paragraphs[1].runs[1]
    assert not value.bold and value.font.size.pt == 11
    assert value._r.rPr.find(qn("w:szCs")).get(qn("w:val")) == "22"

    stops = document.paragraphs[1].paragraph_format.tab_stops
    assert stops[-1].leader == WD_TAB_LEADER.DOTS
    assert round(stops[-1].position.cm, 1) == 16.0

    for paragraph in document.paragraphs[5:7]:
        assert round(paragraph.paragraph_format.first_line_indent.cm, 2) == BODY_INDENT_CM


def test_emblem_space_holds_no_text_or_image():
    document = open_memo(sample_memo())
    assert len(document.inline_shapes) == 0
    assert not document.element.body.findall(f".//{qn('w:drawing')}")
    assert "ครุฑ" not in "".join(texts(document))


def test_pages_after_the_first_are_numbered_in_thai_digits():
    document = open_memo(sample_memo())
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header_xml = section.header._element.xml
    assert " PAGE " in header_xml
    assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:fmt")) == "thaiNumbers"
    plain = open_memo(sample_memo(thai_digits=False)).sections[0]
    assert plain._sectPr.find(qn("w:pgNumType")) is None


def test_signer_name_already_in_brackets_is_not_doubled():
    lines = texts(open_memo(sample_memo(signer_name="(นายสมชาย ใจดี)")))
    assert "(นายสมชาย ใจดี)" in lines
    assert "((นายสมชาย ใจดี))" not in lines


def test_blank_paragraphs_are_dropped():
    lines = texts(open_memo(sample_memo(paragraphs=["", "  ", "ข้อความเดียว"])))
    assert lines.count("ข้อความเดียว") == 1
    assert lines[5] == "ข้อความเดียว"


def test_an_empty_date_is_a_dotted_blank_like_an_empty_number():
    # Number and date come from the outgoing-letter register and are written in by hand when left empty.
    lines = texts(open_memo(sample_memo(ref_no="", date=None)))
    assert lines[2] == "ที่ \t วันที่ \t"
    paragraph = open_memo(sample_memo(ref_no="", date=None)).paragraphs[2]
    assert [stop.leader for stop in paragraph.paragraph_format.tab_stops] == [WD_TAB_LEADER.DOTS] * 2
