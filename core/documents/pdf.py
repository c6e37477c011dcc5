"""HTML → PDF with WeasyPrint, set in Sarabun with Thai-safe defaults.

WeasyPrint breaks Thai lines at dictionary words (libthai through Pango) and places vowels and tone marks
correctly, but ``text-align: justify`` only stretches spaces, which unspaced Thai does not have, so the base
stylesheet keeps text left-aligned. Its text layer garbles shaped Thai (ำ, marks); `pdf_text` makes copied,
searched and read-aloud text match the source.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from core.documents.fonts import BODY_SIZE_PT, FAMILY, font_dir, font_face_css
from core.processes import bind_to_parent

PAGE_MARGINS_CM = (2.5, 2.0, 2.0, 3.0)  # top, right, bottom, left
# Changes whenever the same HTML renders to different PDF bytes, so that caches of rendered PDFs are renewed.
# 2: ActualText spans and a per-glyph ToUnicode map for shaped Thai (`pdf_text`).
RENDER_VERSION = "2"

BASE_CSS = f"""
@page {{
  size: A4;
  margin: {{margins}};
  @bottom-right {{ content: counter(page) " / " counter(pages); font-family: "{FAMILY}"; font-size: 9pt;
                   color: #555; }}
}}
html {{ font-family: "{FAMILY}", sans-serif; font-size: {BODY_SIZE_PT}pt; line-height: 1.45; color: #000; }}
body {{ margin: 0; text-align: left; }}
p {{ margin: 0 0 0.35em; text-align: left; }}
h1, h2, h3, h4 {{ font-weight: 700; line-height: 1.3; margin: 0.6em 0 0.3em; page-break-after: avoid; }}
h1 {{ font-size: 1.6em; }}
h2 {{ font-size: 1.3em; }}
h3 {{ font-size: 1.1em; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.4em 0 0.8em; }}
thead {{ display: table-header-group; }}
tr {{ page-break-inside: avoid; }}
th, td {{ border: 0.5pt solid #444; padding: 2pt 4pt; vertical-align: top; text-align: left; }}
th {{ background: #d9e2f3; font-weight: 700; text-align: center; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
.nowrap {{ white-space: nowrap; }}
"""

# Page numbers in Thai digits, added to a document's extra CSS when the agency writes them so.
THAI_PAGE_NUMBERS_CSS = """
@page { @bottom-right { content: counter(page, thai) " / " counter(pages, thai); } }
"""

_HTML_TAG_RE = re.compile(r"<html\b([^>]*)>", re.IGNORECASE)
_LANG_ATTR_RE = re.compile(r"\blang\s*=", re.IGNORECASE)


def base_stylesheet(*, landscape: bool = False, margins_cm=PAGE_MARGINS_CM) -> str:
    top, right, bottom, left = margins_cm
    css = BASE_CSS.replace("{margins}", f"{top}cm {right}cm {bottom}cm {left}cm")
    if landscape:
        css += "\n@page { size: A4 landscape; }\n"
    return font_face_css() + "\n" + css


def ensure_thai_document(html: str) -> str:
    """Wrap a fragment in a full document, and mark the document ``lang="th"`` when it names no language."""
    if not _HTML_TAG_RE.search(html):
        return f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"></head><body>{html}</body></html>'

    def add_lang(match: re.Match) -> str:
        attrs = match.group(1)
        return match.group(0) if _LANG_ATTR_RE.search(attrs) else f'<html lang="th"{attrs}>'

    return _HTML_TAG_RE.sub(add_lang, html, count=1)


def _allowed_roots(base_url: str | None, extra_roots) -> list[Path]:
    roots = [font_dir()]
    if base_url and base_url.startswith("file:"):
        roots.append(Path(unquote(urlparse(base_url).path)))
    elif base_url and "://" not in base_url:
        roots.append(Path(base_url))
    roots.extend(Path(root) for root in extra_roots or ())
    return [root.resolve() for root in roots]


def _make_fetcher(roots: list[Path]):
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Documents are built from our own templates: never reach the network, and read files only from
        the font directory and the caller's directories, so text that slips into a URL cannot leak data."""

        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if not any(path == root or root in path.parents for root in roots):
                    raise ValueError(f"File outside the allowed directories: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file", "data"})


# WeasyPrint's HTML stylesheet gives every element six pseudo-elements (::marker, ::footnote-call,
# ::footnote-marker, ::note-call, ::note-marker, ::note-callback) whose styles it computes for each element
# and uses only for list items, footnotes and notes: two thirds of the styles of a table of reports, a sixth
# of its rendering time. A document that has none of those is rendered with the stylesheet without those
# six rules (the same PDF bytes); any other with WeasyPrint's own.
_EVERY_ELEMENT_PSEUDO = (
    "marker", "footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback"
)
_PSEUDO_RULE_RE = re.compile(r"^::([a-z-]+) \{[^}]*\}\n", re.MULTILINE)
_USES_PSEUDO_RE = re.compile(r"<li\b|<summary\b|list-item|footnote|note\(|::?marker", re.IGNORECASE)


@cache
def _lean_html_class():
    """An HTML class whose stylesheet lacks the six rules, or None where WeasyPrint's stylesheet does not hold
    them as expected (another release: its own is used)."""
    from weasyprint import CSS, HTML
    from weasyprint import html as weasy_html

    removed = _PSEUDO_RULE_RE.findall(weasy_html.UA)
    if sorted(removed) != sorted(_EVERY_ELEMENT_PSEUDO):
        return None
    # Its @counter-style rules are WeasyPrint's own, already read into the document's counter styles.
    lean = CSS(string=_PSEUDO_RULE_RE.sub("", weasy_html.UA), counter_style={})

    class LeanHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [lean, *super()._ua_stylesheets(forms)[1:]]

    return LeanHTML


def _html_class(html: str, css: str):
    from weasyprint import HTML

    if _USES_PSEUDO_RE.search(html) or _USES_PSEUDO_RE.search(css):
        return HTML
    return _lean_html_class() or HTML


def render_pdf(
    html: str,
    base_url: str | None = None,
    *,
    landscape: bool = False,
    margins_cm=PAGE_MARGINS_CM,
    extra_css: str = "",
    allowed_dirs=(),
) -> bytes:
    """Render HTML (a full document or a fragment) to PDF bytes with Sarabun and the base stylesheet.

    ``extra_css`` comes after the base stylesheet, so a document can override any rule (for instance its own
    ``@page`` margins). Only ``file:`` and ``data:`` resources are loaded, from the font directory,
    ``base_url`` and ``allowed_dirs``.
    """
    # Importing WeasyPrint loads Pango through cffi; keep that cost out of module import.
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from core.documents.pdf_text import install

    install()  # ActualText spans and a better ToUnicode map, so copied and searched Thai reads as written

    font_config = FontConfiguration()
    fetcher = _make_fetcher(_allowed_roots(base_url, allowed_dirs))
    base = base_stylesheet(landscape=landscape, margins_cm=margins_cm)
    stylesheets = [CSS(string=base, font_config=font_config, url_fetcher=fetcher)]
    if extra_css:
        stylesheets.append(CSS(string=extra_css, font_config=font_config, url_fetcher=fetcher))
    document = _html_class(html, base + extra_css)(
        string=ensure_thai_document(html), base_url=base_url, url_fetcher=fetcher
    )
    return document.write_pdf(stylesheets=stylesheets, font_config=font_config)


def render_pool(count: int) -> ProcessPoolExecutor:
    """Processes to render documents in parallel. Forked, so they inherit the loaded fonts and code (they
    must never touch the database), and bound to the process that forks them (`core.processes`): a worker
    killed mid-render takes its render processes with it, and the task is run again by the next worker
    rather than finished by orphans nobody waits for. Use as `with render_pool(n) as pool:` from the thread
    that waits for the result."""
    return ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"),
                               initializer=bind_to_parent, initargs=(os.getpid(),))


def warm_up() -> None:
    """Do what a process's first PDF does, once, at a web worker's start: import WeasyPrint (Pango through
    cffi), read the fonts, shape Thai and install the text layer. A worker that skips it makes the first user
    to ask for a document wait for all of that, about a second on a quiet machine and several under load."""
    render_pdf("<p>ทดสอบการจัดหน้าเอกสาร ภาษาไทย ๑๒๓ <b>ตัวหนา</b> <i>ตัวเอียง</i></p>")
