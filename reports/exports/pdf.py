"""PDF exports through WeasyPrint (`core.documents.pdf`), with the same content as the Word exports.

A compiled round for a whole department is about a thousand landscape pages, which WeasyPrint lays out at a
few milliseconds per table row: too slow to do in one request. So the document is rendered in parts (the
front matter, then one part per activity), each part is kept in a cache under DATA_DIR named by the hash of
its HTML, parts missing from the cache are rendered in parallel processes, and `pdfmerge` joins the parts
and numbers the pages. A part is rendered again only when its own content changed; `prerender` lets the task
worker do that ahead of time.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from django.conf import settings

from core.documents.pdf import render_pdf
from reports.compile import ActivitySection, Compiled, Entry
from reports.exports import common, html, pdfmerge

CACHE_VERSION = "1"
KEEP_UNUSED_DAYS = 14


def cache_dir() -> Path:
    path = Path(settings.DATA_DIR) / "cache" / "compiled-pdf"
    path.mkdir(parents=True, exist_ok=True)
    return path


def workers() -> int:
    configured = getattr(settings, "REPORTS_PDF_WORKERS", None)
    return max(1, int(configured) if configured else (os.cpu_count() or 1))


def _key(body: str, css: str) -> str:
    import weasyprint

    digest = hashlib.sha256()
    for piece in (CACHE_VERSION, weasyprint.__version__, css, body):
        digest.update(piece.encode())
    return digest.hexdigest()


def _render(job: tuple[str, str, str, str]) -> str:
    """Render one part and store it in the cache (runs in a worker process when there are several)."""
    key, body, css, directory = job
    pdf = render_pdf(html.document(body, "part"), landscape=True, extra_css=css)
    target = Path(directory) / f"{key}.pdf"
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pdf)
    os.replace(temporary, target)
    return key


def render_parts(bodies: list[str], css: str) -> list[Path]:
    """The cached PDF of each HTML part, rendering the missing ones (largest first, in parallel)."""
    directory = cache_dir()
    keyed = [(_key(body, css), body) for body in bodies]
    missing = {key: body for key, body in keyed if not (directory / f"{key}.pdf").exists()}
    jobs = sorted(
        ((key, body, css, str(directory)) for key, body in missing.items()), key=lambda j: -len(j[1])
    )
    count = min(workers(), len(jobs))
    if count > 1:
        # fork: the children inherit the loaded fonts and code and never touch the database.
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            list(pool.map(_render, jobs))
    else:
        for job in jobs:
            _render(job)
    paths = [directory / f"{key}.pdf" for key, _ in keyed]
    now = time.time()
    for path in paths:
        os.utime(path, (now, now))
    return paths


def prune_cache() -> int:
    """Remove parts nobody has asked for in a while; returns how many were removed."""
    cutoff = time.time() - KEEP_UNUSED_DAYS * 86400
    removed = 0
    for path in cache_dir().glob("*.pdf"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def compiled_parts(compiled: Compiled, summary_text: str, thai_digits: bool) -> list[str]:
    w = common.Writer(thai_digits)
    return [html.front_html(compiled, summary_text, w)] + [
        part for _, part in html.section_parts(compiled, w)
    ]


def compiled_pdf(compiled: Compiled, *, summary_text: str = "", thai_digits: bool = False) -> bytes:
    css = html.css(thai_digits, numbered=False)
    paths = render_parts(compiled_parts(compiled, summary_text, thai_digits), css)
    return pdfmerge.merge(
        [path.read_bytes() for path in paths], thai_digits=thai_digits, title=common.document_title(compiled)
    )


def prerender(compiled: Compiled, *, summary_text: str = "", thai_digits: bool = False) -> int:
    """Render the parts that are not cached yet; returns how many parts the document has."""
    parts = compiled_parts(compiled, summary_text, thai_digits)
    render_parts(parts, html.css(thai_digits, numbered=False))
    return len(parts)


def report_pdf(entry: Entry, section: ActivitySection | None, *, thai_digits: bool = False) -> bytes:
    w = common.Writer(thai_digits)
    return render_pdf(html.report_html(entry, section, w), landscape=True, extra_css=html.css(thai_digits))
