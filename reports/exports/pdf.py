"""PDF exports through WeasyPrint (`core.documents.pdf`), with the same content as the Word exports.

A compiled round for a whole department is about a thousand landscape pages, which WeasyPrint lays out at a
few milliseconds per table row: too slow to do in one request. So the document is rendered in parts (the
front matter, then one part per activity), each part is kept in a cache under DATA_DIR named by the hash of
its HTML, parts missing from the cache are rendered in parallel processes, and `pdfmerge` joins the parts
and numbers the pages. A part is rendered again only when its own content changed; `prerender` lets the task
worker do that ahead of time, as reports come in.

A request never lays out more than `sync_budget()` seconds of parts: past that, `compiled_pdf` raises
`NotReady` and the caller asks the worker to render the rest (WeasyPrint's floor for a whole department is
tens of seconds, longer than a web request may take).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from core.documents.pdf import RENDER_VERSION, render_pdf, render_pool
from reports.compile import ActivitySection, Compiled, Entry
from reports.exports import common, html, pdfmerge

CACHE_VERSION = "1"
# Changes when `pdfmerge` joins the same parts into different bytes: joined documents kept before are stale.
# 2: the footer drawn from a page of its own (`merged_file`'s `footer_css`).
MERGE_VERSION = "2"
# The page a footer is rendered on: nothing but its page margin boxes.
FOOTER_DOCUMENT = '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"></head><body></body></html>'
KEEP_UNUSED_DAYS = 14
# Measured on the department benchmark: WeasyPrint lays out about 170 rows of the form's table, or about 90 KB
# of HTML, a second in one process; a part with few rows but long text is bounded by its size. Used only to
# decide whether a request may render the missing parts itself, and to tell the waiting user how long.
SECONDS_PER_ROW = 0.006
SECONDS_PER_BYTE = 11e-6
QUEUED_FRESH_SECONDS = 15 * 60


class NotReady(Exception):
    """Too many parts of the document are missing to render them within a request."""

    def __init__(self, readiness: Readiness):
        super().__init__(f"{readiness.ready}/{readiness.total} parts ready, ~{readiness.seconds:.0f} s left")
        self.readiness = readiness


def cache_dir() -> Path:
    path = Path(settings.DATA_DIR) / "cache" / "compiled-pdf"
    path.mkdir(parents=True, exist_ok=True)
    return path


def workers() -> int:
    configured = getattr(settings, "REPORTS_PDF_WORKERS", None)
    return max(1, int(configured) if configured else (os.cpu_count() or 1))


def sync_budget() -> float:
    return float(getattr(settings, "REPORTS_PDF_SYNC_SECONDS", 8.0))


@cache
def _weasyprint_version() -> str:
    # From the installed package's metadata: importing WeasyPrint (Pango, fonts) takes a second or two, and
    # a download whose parts are all ready renders nothing.
    return importlib.metadata.version("weasyprint")


def _key(body: str, css: str) -> str:
    digest = hashlib.sha256()
    # RENDER_VERSION changes when the renderer's output does (its text layer, say): parts cached before
    # are stale.
    for piece in (CACHE_VERSION, RENDER_VERSION, _weasyprint_version(), css, body):
        digest.update(piece.encode())
    return digest.hexdigest()


def _render(job: tuple[str, str, str, str]) -> str:
    """Render one part and store it in the cache (runs in a worker process when there are several)."""
    key, body, css, directory = job
    document = body if body.startswith("<!DOCTYPE") else html.document(body, "part")
    pdf = render_pdf(document, landscape=True, extra_css=css)
    target = Path(directory) / f"{key}.pdf"
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pdf)
    os.replace(temporary, target)
    return key


def estimate_seconds(bodies) -> float:
    """Wall time to render these parts here, from their table rows and their size: the parts spread over the
    processes, and the largest part takes as long as it takes."""
    costs = [
        max((body.count("<tr") + 10) * SECONDS_PER_ROW, len(body.encode()) * SECONDS_PER_BYTE)
        for body in bodies
    ]
    if not costs:
        return 0.0
    return max(sum(costs) / min(workers(), len(costs)), max(costs))


@dataclass(frozen=True)
class Readiness:
    ready: int
    total: int
    seconds: float  # estimated rendering time of the missing parts
    document_key: str  # names the whole document (all its parts, in order)
    part_keys: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.ready == self.total


def _keyed(bodies: list[str], css: str) -> list[tuple[str, str]]:
    return [(_key(body, css), body) for body in bodies]


def _readiness(keyed: list[tuple[str, str]]) -> tuple[Readiness, dict[str, str]]:
    directory = cache_dir()
    missing = {key: body for key, body in keyed if not (directory / f"{key}.pdf").exists()}
    document_key = hashlib.sha256("".join(key for key, _ in keyed).encode()).hexdigest()
    ready = sum(1 for key, _ in keyed if key not in missing)
    keys = tuple(key for key, _ in keyed)
    return Readiness(ready, len(keyed), estimate_seconds(missing.values()), document_key, keys), missing


def render_parts(bodies: list[str], css: str, *, budget: float | None = None) -> list[Path]:
    """The cached PDF of each HTML part, rendering the missing ones (largest first, in parallel). With a
    `budget` in seconds, raises `NotReady` instead when rendering them would take longer."""
    return _render_missing(bodies, css, budget)[0]


def _render_missing(
    bodies: list[str], css: str, budget: float | None, *, also: tuple[str, str] | None = None
) -> tuple[list[Path], Readiness]:
    """`render_parts`, also returning the readiness found before rendering. `also` is one more document,
    (body, css), rendered with the parts (in the same processes) and its path appended to theirs."""
    directory = cache_dir()
    keyed = _keyed(bodies, css)
    readiness, missing = _readiness(keyed)
    if budget is not None and readiness.seconds > budget:
        raise NotReady(readiness)
    jobs = [(key, body, css, str(directory)) for key, body in missing.items()]
    if also is not None:
        extra_key = _key(also[0], also[1])
        keyed.append((extra_key, also[0]))
        if not (directory / f"{extra_key}.pdf").exists():
            jobs.append((extra_key, also[0], also[1], str(directory)))
    jobs.sort(key=lambda j: -len(j[1]))
    count = min(workers(), len(jobs))
    if count > 1:
        # Forked children that die with this process (a worker killed mid-render leaves none behind).
        with render_pool(count) as pool:
            list(pool.map(_render, jobs))
    else:
        for job in jobs:
            _render(job)
    paths = [directory / f"{key}.pdf" for key, _ in keyed]
    now = time.time()
    for path in paths:
        os.utime(path, (now, now))
    return paths, readiness


def merged_file(
    bodies,
    css: str,
    *,
    thai_digits: bool,
    title: str,
    alias: str = "",
    footer_css: str = "",
    budget: float | None = None,
    number_at: tuple[float, float] = pdfmerge.NUMBER_AT,
) -> Path:
    """The parts (`render_parts`) joined and numbered, kept in the cache beside them under the keys of the
    parts and of the joining: a document asked for again is a file already written, served as it is.

    `bodies` may be a callable returning them. With an `alias` (a name for the document that is cheaper to
    compute than its parts: a frozen version's hash), a document joined before is found by it without
    building the parts' HTML at all. `footer_css` (after `css`) styles a footer that changes more often than
    the parts (a version's number and hash): it is rendered once, on an empty page cached like a part, and
    drawn over every page when joining, so that a new footer renders no part again. With a `budget` in
    seconds, raises `NotReady` rather than render the missing parts for longer (a request's limit)."""
    if alias:
        named = hashlib.sha256(f"{MERGE_VERSION}|{alias}".encode()).hexdigest()
        index = cache_dir() / f"alias-{named}"
    else:
        index = None
    if index is not None:
        try:
            target = cache_dir() / index.read_text().strip()
        except FileNotFoundError:
            target = None
        if target is not None and target.is_file():
            now = time.time()
            os.utime(target, (now, now))
            os.utime(index, (now, now))
            return target
    footer = (FOOTER_DOCUMENT, css + footer_css) if footer_css else None
    parts = _render_missing(bodies() if callable(bodies) else bodies, css, budget, also=footer)[0]
    digest = hashlib.sha256(f"{MERGE_VERSION}|{thai_digits}|{title}|{bool(footer)}|{number_at}|".encode())
    for path in parts:
        digest.update(path.stem.encode())
    target = cache_dir() / f"merged-{digest.hexdigest()}.pdf"
    if target.exists():
        now = time.time()
        os.utime(target, (now, now))
    else:
        footer_pdf = parts.pop().read_bytes() if footer else None
        data = pdfmerge.merge(
            [p.read_bytes() for p in parts],
            thai_digits=thai_digits,
            title=title,
            footer=footer_pdf,
            number_at=number_at,
        )
        _write_atomically(target, data)
    if index is not None:
        _write_atomically(index, target.name.encode())
    return target


def _write_atomically(target: Path, data: bytes) -> None:
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _queued_marker(document_key: str) -> Path:
    return cache_dir() / f"queued-{document_key}"


def mark_queued(document_key: str, part_keys: list[str] = ()) -> bool:
    """Record that the worker was asked to render this document; False when it already was, recently (the
    page asking for it polls, and must not queue the same work at every poll). Created exclusively, so two
    requests at once queue it once. The marker lists the document's parts, for `queued_progress`."""
    marker = _queued_marker(document_key)
    try:
        if time.time() - marker.stat().st_mtime >= QUEUED_FRESH_SECONDS:
            marker.unlink(missing_ok=True)  # the worker never took it (stopped?): ask again
    except FileNotFoundError:
        pass
    try:
        handle = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(handle, "w") as out:
        out.write("\n".join(part_keys))
    return True


def note_parts(document_key: str, part_keys: list[str]) -> None:
    """List the parts in a document's existing marker (queued before anyone knew them), for
    `queued_progress`; its age, which says when the request was made, is kept."""
    marker = _queued_marker(document_key)
    try:
        stat = marker.stat()
        if marker.read_text().strip():
            return
        marker.write_text("\n".join(part_keys))
        os.utime(marker, (stat.st_atime, stat.st_mtime))
    except FileNotFoundError:
        pass


def is_queued(document_key: str) -> bool:
    return _queued_marker(document_key).exists()


def queued_progress(document_key: str) -> tuple[int, int] | None:
    """(ready, total) parts of a document the worker has been asked for and not finished, read from the
    marker without compiling anything; None when no such request is pending."""
    try:
        keys = _queued_marker(document_key).read_text().split()
    except FileNotFoundError:
        return None
    if not keys:
        return None
    directory = cache_dir()
    return sum(1 for key in keys if (directory / f"{key}.pdf").exists()), len(keys)


def clear_queued(document_key: str) -> None:
    _queued_marker(document_key).unlink(missing_ok=True)


def prune_cache() -> int:
    """Remove parts nobody has asked for in a while; returns how many were removed."""
    cutoff = time.time() - KEEP_UNUSED_DAYS * 86400
    removed = 0
    for path in [*cache_dir().glob("*.pdf"), *cache_dir().glob("queued-*"), *cache_dir().glob("alias-*")]:
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    # Half-written parts of a render process killed with its worker (no process writes one for an hour).
    for path in cache_dir().glob("*.tmp"):
        if path.stat().st_mtime < time.time() - 3600:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def compiled_parts(compiled: Compiled, summary_text: str, thai_digits: bool) -> list[str]:
    w = common.Writer(thai_digits)
    return [html.front_html(compiled, summary_text, w)] + [
        part for _, part in html.section_parts(compiled, w)
    ]


def readiness(compiled: Compiled, *, summary_text: str = "", thai_digits: bool = False) -> Readiness:
    """How much of the document is already rendered (nothing is rendered here)."""
    keyed = _keyed(compiled_parts(compiled, summary_text, thai_digits), html.css(thai_digits, numbered=False))
    return _readiness(keyed)[0]


def compiled_pdf(
    compiled: Compiled, *, summary_text: str = "", thai_digits: bool = False, budget: float | None = None
) -> bytes:
    """The whole document; with a `budget`, raises `NotReady` rather than render parts for longer."""
    css = html.css(thai_digits, numbered=False)
    paths = render_parts(compiled_parts(compiled, summary_text, thai_digits), css, budget=budget)
    return pdfmerge.merge(
        [path.read_bytes() for path in paths], thai_digits=thai_digits, title=common.document_title(compiled)
    )


def prerender(compiled: Compiled, *, summary_text: str = "", thai_digits: bool = False) -> Readiness:
    """Render the parts that are not cached yet; returns the readiness before rendering."""
    parts = compiled_parts(compiled, summary_text, thai_digits)
    return prerender_parts(parts, html.css(thai_digits, numbered=False))


def prerender_parts(bodies: list[str], css: str) -> Readiness:
    """Render the parts of any document that are not cached yet; returns the readiness before rendering."""
    return _render_missing(bodies, css, None)[1]


def report_pdf(entry: Entry, section: ActivitySection | None, *, thai_digits: bool = False) -> bytes:
    """One report's form, cached under its content like the parts: asking again renders nothing."""
    w = common.Writer(thai_digits)
    document = html.report_html(entry, section, w)
    (path,) = render_parts([document], html.css(thai_digits))
    return path.read_bytes()
