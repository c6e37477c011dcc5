import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from core.documents.fonts import font_dir, font_face_css, from_th_sarabun_pt, sarabun_files
from core.documents.memo import Memo, memo_html, memo_pdf
from core.documents.pdf import _make_fetcher, ensure_thai_document, render_pdf
from core.tests.test_pdf_text import _without_dates

THAI_PARAGRAPH = (
    "ตามที่ กรมส่งเสริมสหกรณ์ได้ดำเนินการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๐ นั้น บัดนี้ได้ดำเนินการเสร็จเรียบร้อยแล้ว"
)


def pdf_page_image(pdf: bytes, page: int = 1, dpi: int = 40) -> Image.Image:
    """Rasterise one page with poppler; the check is skipped where pdftoppm is not installed."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-png",
                "-singlefile",
                "-f",
                str(page),
                "-l",
                str(page),
                source,
                Path(tmp) / "page",
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        with Image.open(Path(tmp) / "page.png") as image:
            return image.convert("L")


def ink_ratio(image: Image.Image) -> float:
    histogram = image.histogram()
    return sum(histogram[:128]) / (image.width * image.height)


def page_count(pdf: bytes) -> int:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    output = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True, timeout=60).stdout
    line = next(line for line in output.decode().splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def embedded_fonts(pdf: bytes) -> str:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    return subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode()


def sample_memo(**overrides) -> Memo:
    values = {
        "agency": "กลุ่มงานคุ้มครองจริยธรรม กรมส่งเสริมสหกรณ์",
        "phone": "0 2628 5240",
        "ref_no": "กษ 1101/128",
        "date": date(2017, 4, 7),
        "subject": "รายงานผลการดำเนินงานตามแผนส่งเสริมคุณธรรมและความโปร่งใส ไตรมาสที่ 2",
        "addressee": "อธิบดีกรมส่งเสริมสหกรณ์",
        "paragraphs": [THAI_PARAGRAPH, "จึงเรียนมาเพื่อโปรดทราบ"],
        "signer_name": "นางสาวสมศรี ใจงาม",
        "signer_position": "หัวหน้ากลุ่มงานคุ้มครองจริยธรรม",
    }
    return Memo(**{**values, **overrides})


# --- fonts ----------------------------------------------------------------------------------------


def test_sarabun_files_exist_and_css_points_at_them():
    files = sarabun_files()
    for path in files.all():
        assert path.is_file() and path.parent == font_dir()
    css = font_face_css()
    assert css.count("@font-face") == 4
    assert files.bold.as_uri() in css and "font-weight: 700" in css and "font-style: italic" in css


def test_th_sarabun_sizes_convert_to_sarabun():
    assert from_th_sarabun_pt(16) == 11
    assert from_th_sarabun_pt(29) == 20
    assert from_th_sarabun_pt(20) == 14


# --- render_pdf -----------------------------------------------------------------------------------


def test_fragments_become_thai_documents():
    assert '<html lang="th">' in ensure_thai_document("<p>ก</p>")
    assert ensure_thai_document("<html><body>ก</body></html>").startswith('<html lang="th">')
    english = '<html lang="en"><body>x</body></html>'
    assert ensure_thai_document(english) == english


def test_render_pdf_draws_thai_text_in_sarabun():
    pdf = render_pdf(f"<h1>รายงานผลการดำเนินงาน</h1><p>{THAI_PARAGRAPH}</p>")
    assert pdf.startswith(b"%PDF")
    assert "Sarabun" in embedded_fonts(pdf)
    page = pdf_page_image(pdf)
    blank = pdf_page_image(render_pdf("<p></p>"))
    assert ink_ratio(blank) == 0
    assert ink_ratio(page) > 0.002
    assert page.width < page.height


def test_landscape_option_turns_the_page():
    page = pdf_page_image(render_pdf("<p>แนวนอน</p>", landscape=True))
    assert page.width > page.height


def test_long_tables_flow_onto_more_pages():
    rows = "".join(f"<tr><td>{n}</td><td>{THAI_PARAGRAPH}</td></tr>" for n in range(60))
    pdf = render_pdf(
        f"<table><thead><tr><th>ลำดับ</th><th>รายการ</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    assert page_count(pdf) > 2


def test_fetcher_reads_only_allowed_local_files(tmp_path):
    fetcher = _make_fetcher([font_dir().resolve(), tmp_path.resolve()])
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert fetcher.fetch((tmp_path / "logo.svg").as_uri()).read()
    assert fetcher.fetch(sarabun_files().regular.as_uri()).read(4) == b"\x00\x01\x00\x00"
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch((tmp_path / ".." / "x").as_uri())
    with pytest.raises(ValueError):
        fetcher.fetch("http://127.0.0.1:9/secret")


# --- memo PDF -------------------------------------------------------------------------------------


def test_memo_html_has_every_part_in_thai_digits():
    html = memo_html(sample_memo())
    for text in (
        "บันทึกข้อความ",
        "ส่วนราชการ",
        "โทร. ๐ ๒๖๒๘ ๕๒๔๐",
        "กษ ๑๑๐๑/๑๒๘",
        "๗ เมษายน ๒๕๖๐",
        "ไตรมาสที่ ๒",
        "เรียน",
        "อธิบดีกรมส่งเสริมสหกรณ์",
        "พ.ศ. ๒๕๖๐",
        "(นางสาวสมศรี ใจงาม)",
        "หัวหน้ากลุ่มงานคุ้มครองจริยธรรม",
    ):
        assert text in html
    assert "2628" not in html


def test_memo_html_escapes_user_text():
    html = memo_html(sample_memo(subject='<script>alert("x")</script>', paragraphs=["<img src=x>"]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_memo_with_arabic_digits():
    html = memo_html(sample_memo(thai_digits=False))
    assert "7 เมษายน 2560" in html and "กษ 1101/128" in html


def test_memo_pdf_renders_one_page_with_ink():
    pdf = memo_pdf(sample_memo())
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == 1
    page = pdf_page_image(pdf)
    assert ink_ratio(page) > 0.002
    # The emblem's square at the top left stays empty: nothing is printed in its place.
    width, height = page.size
    emblem = page.crop(
        (int(width * 3 / 21), int(height * 1.5 / 29.7), int(width * 4.5 / 21), int(height * 3 / 29.7))
    )
    assert ink_ratio(emblem) == 0


def test_long_memo_numbers_following_pages():
    pdf = memo_pdf(sample_memo(paragraphs=[THAI_PARAGRAPH] * 30))
    assert page_count(pdf) >= 2
    first, second = pdf_page_image(pdf, 1), pdf_page_image(pdf, 2)
    band = (0, 0, first.width, int(first.height * 1.4 / 29.7))
    assert ink_ratio(first.crop(band)) == 0
    assert ink_ratio(second.crop(band)) > 0


def test_memo_pdf_leaves_an_empty_date_blank():
    html = memo_html(sample_memo(ref_no="", date=None))
    assert '<span class="memo-label">ที่</span>\n<span class="memo-value">&nbsp;</span>' in html
    assert '<span class="memo-label">วันที่</span>\n<span class="memo-value">&nbsp;</span>' in html
    assert memo_pdf(sample_memo(ref_no="", date=None)).startswith(b"%PDF")


@pytest.mark.django_db  # importing the WSGI module checks the keys against the stored identities
def test_a_web_worker_warms_the_renderer_at_start_unless_told_not_to(monkeypatch):
    from config import wsgi
    from core.documents import pdf as pdf_module

    calls = []
    monkeypatch.setattr(pdf_module, "warm_up", lambda: calls.append(1))
    monkeypatch.setenv("PRONGSAI_WARM_DOCUMENTS", "0")
    wsgi._warm_documents()
    assert calls == []
    monkeypatch.delenv("PRONGSAI_WARM_DOCUMENTS")
    wsgi._warm_documents()
    assert calls == [1]

    def broken():
        raise OSError("no fonts")

    monkeypatch.setattr(pdf_module, "warm_up", broken)
    logged = []
    monkeypatch.setattr("logging.Logger.exception", lambda self, message, *a, **k: logged.append(message))
    wsgi._warm_documents()  # logged, never a reason not to serve
    assert logged == ["PDF renderer not warmed up at start"]


def test_documents_without_lists_or_notes_render_the_same_with_the_lean_stylesheet(monkeypatch):
    """Without the six every-element pseudo-element rules a table of reports renders to the same bytes; a
    document with list items, footnotes or notes keeps WeasyPrint's own stylesheet."""
    from weasyprint import HTML

    import core.documents.pdf as pdf_module

    rows = "".join(f"<tr><td>{n}. การดำเนินงาน</td><td>ผู้อำนวยการ<br>หน่วยงาน</td></tr>" for n in range(60))
    html = f"<h1>แบบรายงาน</h1><table><thead><tr><th>กิจกรรม</th><th>ผล</th></tr></thead>{rows}</table>"
    assert pdf_module._html_class(html, "") is pdf_module._lean_html_class()
    assert pdf_module._lean_html_class() is not None
    lean = render_pdf(html, landscape=True)
    monkeypatch.setattr(pdf_module, "_lean_html_class", lambda: None)
    assert _without_dates(render_pdf(html, landscape=True)) == _without_dates(lean)
    monkeypatch.undo()
    for document, css in (
        ("<ul><li>ข้อหนึ่ง</li></ul>", ""),
        ("<p>ข้อความ<span class='fn'>เชิงอรรถ</span></p>", ".fn { float: footnote; }"),
        ("<div>รายการ</div>", "div { display: list-item; }"),
    ):
        assert pdf_module._html_class(document, css) is HTML


def test_the_lean_stylesheet_is_not_used_if_weasyprint_changes_its_own(monkeypatch):
    from weasyprint import html as weasy_html

    import core.documents.pdf as pdf_module

    monkeypatch.setattr(weasy_html, "UA", weasy_html.UA.replace("::note-callback", "::note-back-link"))
    assert pdf_module._lean_html_class.__wrapped__() is None
