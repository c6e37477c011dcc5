"""The text layer of generated PDFs: what pdftotext (poppler) extracts must be the source text.

Thai shaping draws ำ as two glyphs and moves marks with offsets; without ActualText spans the extracted text
lost the circle of ำ in one weight and turned า into ำ in another (การดาเนินงาน, หน่วยงำน).
"""

import re
import shutil
import subprocess
import tempfile
import unicodedata
import zlib
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from core.documents import pdf_text
from core.documents.memo import Memo, memo_html, memo_pdf
from core.documents.pdf import render_pdf

# ำ after consonants and after tone marks, the four tone marks over upper vowels, lower vowels, ฐ/ญ (whose
# tails the font removes before a lower vowel), mai han-akat with a tone mark, and the issue's own words.
THAI_WORDS = (
    "การดำเนินงาน ผู้อำนวยการ หน่วยงาน ปั่น น้ำ ทำ กำลัง ค่ำ ต่ำ ล้ำ ซ้ำ จ๊ะ ก๋วยเตี๋ยว ที่ นี้ ปี่ ชื่อ "
    "ตึก ฟื้น ถึง ลื้อ กุ้ง ปู่ หนู ครู ฐาน ฐุ ญาติ ญุ ฎุ ฏุ ฝั่ง ทั้ง นั่น มั่นใจ ร่ำรวย ประจำปี สำนักงาน"
)


def pdftotext(pdf: bytes, *args: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *args, "-", "-"], input=pdf, capture_output=True, check=True,
        timeout=60
    )
    assert result.stderr == b"", result.stderr.decode()  # poppler reports content-stream syntax errors here
    return result.stdout.decode()


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("head", "style", "script"):
            self._skip += 1
        elif tag in ("br", "p", "div", "td", "th", "li", "tr"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("head", "style", "script"):
            self._skip -= 1
        else:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def source_words(html: str) -> list[str]:
    """The words a reader sees in the document body: its text split at whitespace, invisible format
    characters (word joiners, soft hyphens) removed."""
    collector = _TextCollector()
    collector.feed(html)
    text = "".join(ch for ch in "".join(collector.parts) if unicodedata.category(ch) != "Cf")
    return text.split()


def missing_words(pdf: bytes, words) -> list[str]:
    """Words not found in the PDF's extracted text. Only whitespace is normalised: lines of unspaced Thai
    break between words without a space, so both sides are compared with all whitespace removed."""
    extracted = re.sub(r"\s+", "", pdftotext(pdf))
    return sorted({word for word in words if re.sub(r"\s+", "", word) not in extracted})


def page_images(pdf: bytes, dpi: int = 150) -> list[Image.Image]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", source, Path(tmp) / "p"], check=True, timeout=120)
        images = []
        for path in sorted(Path(tmp).glob("p-*.png")):
            with Image.open(path) as image:
                images.append(image.convert("RGB"))
        return images


def weights_html(words: str) -> str:
    return (
        f"<p>{words}</p><p><b>{words}</b></p><p><i>{words}</i></p><p><b><i>{words}</i></b></p>"
        f"<h1>{words}</h1><table><tr><th>{words}</th><td>{words}</td></tr></table>"
    )


def test_every_thai_word_is_extracted_as_written_in_every_weight():
    pdf = render_pdf(weights_html(THAI_WORDS))
    assert missing_words(pdf, THAI_WORDS.split()) == []
    text = pdftotext(pdf)
    # Each weight alone: a first-seen ToUnicode entry used to decide the vowel for the whole document.
    for style in ("", "font-weight: 700", "font-style: italic"):
        alone = render_pdf(f'<p style="{style}">{THAI_WORDS}</p>')
        assert missing_words(alone, THAI_WORDS.split()) == [], style
    assert "ดาเนิน" not in text and "หน่วยงำน" not in text and "ปั่ น" not in text


def test_words_split_between_inline_styles_stay_whole():
    html = "<p>การ<b>ดำเนิน</b>งาน <b>ผู้</b>อำนวยการ ที่<i>นี่</i> e-mail: test@example.com 1,234.50 บาท</p>"
    text = pdftotext(render_pdf(html))
    for word in ("การดำเนินงาน", "ผู้อำนวยการ", "ที่นี่", "test@example.com", "1,234.50", "บาท"):
        assert word in text


def test_latin_text_is_left_without_spans():
    pdf = render_pdf("<p>Integrity and Transparency Assessment 2025</p>")
    assert b"ActualText" not in _content(pdf)
    assert "Integrity and Transparency Assessment 2025" in pdftotext(pdf)


def _content(pdf: bytes) -> bytes:
    chunks = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(chunks)


def test_to_unicode_maps_sara_aa_and_nikhahit_to_themselves():
    """For readers that ignore ActualText: the glyph of า reads า in both weights, and the NIKHAHIT glyph
    that ำ is drawn with reads U+0E4D, so ำ extracts as "ํา" (the same under NFKC), never as า or ำ alone."""
    for tag in ("span", "b"):
        pdf = render_pdf(f"<p><{tag}>ดำ น้ำ มา</{tag}></p>")
        cmap = dict(re.findall(rb"<([0-9a-f]{4})> <([0-9a-f]*)>", _content(pdf)))
        targets = {bytes.fromhex(value.decode()).decode("utf-16-be") for value in cmap.values()}
        assert "\u0e32" in targets and "\u0e4d" in targets, tag
        assert "\u0e33" not in targets and not any("\u0e32" in t and len(t) > 1 for t in targets), tag


def test_spans_do_not_change_the_printed_page():
    html = weights_html(THAI_WORDS)
    with_spans = render_pdf(html)
    from weasyprint.draw import text as draw_text_module

    wrapped = draw_text_module.draw_first_line
    draw_text_module.draw_first_line = wrapped.__wrapped__
    try:
        plain = render_pdf(html)
    finally:
        draw_text_module.draw_first_line = wrapped
    assert b"ActualText" in _content(with_spans) and b"ActualText" not in _content(plain)
    before, after = page_images(plain), page_images(with_spans)
    assert len(before) == len(after)
    for old, new in zip(before, after, strict=True):
        assert ImageChops.difference(old, new).getbbox() is None


def test_unexpected_drawing_is_left_as_written():
    """If WeasyPrint wrote a line's glyphs differently from what the layout says, nothing is rewritten."""
    chunks = [b"/F1 12 Tf", b"[<0001>0<0002>] TJ"]
    assert pdf_text._rewrite(chunks, [1, 2], {0: (2, "กา")}) == [
        b"/F1 12 Tf",
        b"/Span <</ActualText <FEFF0E010E32>>> BDC",
        b"[<0001> 0 <0002>] TJ",
        b"EMC",
    ]
    assert pdf_text._rewrite(chunks, [1, 3], {0: (2, "กา")}) is None
    assert pdf_text._rewrite([b"(ab) Tj"], [1], {0: (1, "ก")}) is None


def test_memo_pdf_text_has_every_word():
    memo = Memo(
        agency="กลุ่มงานคุ้มครองจริยธรรม สำนักงานปลัดกระทรวง",
        phone="0 2628 5240",
        ref_no="กษ 1101/128",
        date=date(2017, 4, 7),
        subject="รายงานผลการดำเนินงานตามแผนส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ",
        addressee="ผู้อำนวยการสำนักงานคณะกรรมการ",
        paragraphs=[
            "ตามที่ หน่วยงานได้ดำเนินการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
            "ประจำปีงบประมาณ พ.ศ. ๒๕๖๐ นั้น บัดนี้ได้ดำเนินการเสร็จเรียบร้อยแล้ว " + THAI_WORDS,
            "จึงเรียนมาเพื่อโปรดทราบ",
        ],
        signer_name="นางสาวสมศรี ใจงาม",
        signer_position="ผู้อำนวยการกองยุทธศาสตร์และแผนงาน",
    )
    words = source_words(memo_html(memo))
    assert "การดำเนินงาน" in " ".join(words)
    assert missing_words(memo_pdf(memo), words) == []


def _without_dates(pdf: bytes) -> bytes:
    return re.sub(rb"/(CreationDate|ModDate) \([^)]*\)", b"", pdf)


def _uncached(monkeypatch) -> None:
    monkeypatch.setattr(pdf_text, "_redo", lambda *args: False)


def test_a_line_drawn_again_is_fixed_as_the_first_time(monkeypatch):
    """Lines repeated in a document and across documents (every unit's form repeats the plan's texts) are
    fixed from what was done the first time: the same bytes as fixing each line afresh, and far fewer
    lines read back from Pango."""
    first = "".join(f"<p>{THAI_WORDS}</p>" for _ in range(6))
    second = "<p>ลำดับ</p>" + first + "<p><b>ผู้อำนวยการ กำกับดูแล</b></p>"
    calls = []
    clusters = pdf_text._clusters
    monkeypatch.setattr(pdf_text, "_clusters", lambda *a: calls.append(1) or clusters(*a))
    pdf_text._LINES.clear()
    cached = [render_pdf(first), render_pdf(second)]
    read_back = len(calls)
    calls.clear()
    _uncached(monkeypatch)
    fresh = [render_pdf(first), render_pdf(second)]
    assert read_back < len(calls) / 3
    assert [_without_dates(p) for p in cached] == [_without_dates(p) for p in fresh]
    assert missing_words(cached[1], source_words(second)) == []


class _Font:
    def __init__(self, hash_, to_unicode):
        self.hash, self.to_unicode = hash_, to_unicode


def test_a_line_is_fixed_afresh_where_the_glyph_meanings_differ():
    """The spans of a line were decided on what its glyphs meant in that document; in a document where a
    glyph already means something else the line is fixed afresh, not copied."""
    drawn = pdf_text._Drawn([("F", 7, "า", pdf_text._RANK_CLUSTER)], [("F", 7, "า", True)], [b"[<0007>] TJ"])
    chunks = [b"1 0 0 1 0 0 Tm", b"[<0007>] TJ"]
    font = _Font("F", {})
    assert pdf_text._redo(drawn, {"k": font}, chunks, 0) is True
    assert font.to_unicode == {7: "า"}
    taken = _Font("F", {7: "ำ"})
    taken._text_ranks = {7: pdf_text._RANK_CLUSTER}
    assert pdf_text._redo(drawn, {"k": taken}, list(chunks), 0) is False
    assert pdf_text._redo(drawn, {"k": _Font("G", {})}, list(chunks), 0) is False  # a font not in this one
