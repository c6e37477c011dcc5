"""A correct text layer for shaped Thai in WeasyPrint's PDFs.

WeasyPrint writes each glyph once into the font's ToUnicode map, with the text of the first cluster it was
drawn in. Thai shaping breaks that: HarfBuzz splits ำ (SARA AM) into NIKHAHIT + SARA AA, moves NIKHAHIT before
a tone mark and merges them into one cluster, so the SARA AA glyph is recorded as า or as ำ (or as ้ำ)
depending on which word came first, and every later า or ำ in the document is extracted the same way (ดำเนิน →
ดาเนิน, หน่วยงาน → หน่วยงำน). Marks drawn with a horizontal offset also leave gaps that text extractors read as
spaces (ปั่น → ปั่ น). A glyph can map to only one string, so the map alone cannot be made right.

So, around WeasyPrint's own line drawing:

- every space-delimited run of glyphs whose glyphs do not map one-to-one onto its characters, or that holds
  combining marks, is wrapped in a marked-content span ``/Span <</ActualText (…)>> BDC … EMC`` carrying the
  source text; readers that honour ActualText (poppler, Acrobat, screen readers) copy and search the source;
- the ToUnicode map prefers, for each glyph, what it means on its own: the text of a single-glyph cluster,
  else the character the font's cmap gives it (the NIKHAHIT glyph → U+0E4D, SARA AA → U+0E32), so readers that
  ignore ActualText get "ํา", which is ำ under NFKC, instead of a wrong vowel.

The drawing itself is left to WeasyPrint: the wrapper lets it write the line, then walks the same Pango glyph
runs and splits the ``TJ`` arrays it wrote at the span edges. When the glyphs it finds there are not the ones
it expects (a WeasyPrint release that writes text differently), it leaves the line exactly as written.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from sys import intern

logger = logging.getLogger(__name__)

# Ranks of a glyph's ToUnicode entry: WeasyPrint's first-seen text < the font's cmap < a cluster of one glyph.
_RANK_CMAP = 1
_RANK_CLUSTER = 2
_TOKEN = re.compile(rb"<[0-9A-Fa-f]*>|[^<>\s]+")


def _without_format_chars(text: str) -> str:
    """The text without invisible format characters (word joiner, zero-width space, soft hyphen…): they
    draw nothing. Asked of each character (a cluster is a few): a regular expression of every such
    character would take 0.2–0.5 s to build in each new process, on its first PDF."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _has_marks(text: str) -> bool:
    """Combining marks are drawn with offsets that extractors read as gaps between letters."""
    return any(unicodedata.category(ch)[0] == "M" for ch in text)


_installed = False


@dataclass(slots=True)
class _Cluster:
    text: str  # source characters, format characters (word joiner, soft hyphen…) removed
    glyphs: list[int] = field(default_factory=list)  # glyph ids as WeasyPrint writes them
    font: object = None
    exact: bool = True  # glyph ids are the font's own (not a stand-in for a missing glyph)


def install() -> None:
    """Wrap WeasyPrint's line drawing once per process (idempotent)."""
    global _installed
    if _installed:
        return
    from weasyprint.draw import text as draw_text_module

    original = draw_text_module.draw_first_line

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        chunks = getattr(stream, "stream", None)
        start = len(chunks) if isinstance(chunks, list) else None
        emojis = original(stream, textbox, text_overflow, block_ellipsis, matrix)
        # ASCII has no marks and no shaping that splits a character, so WeasyPrint's map is right for it.
        if start is not None and len(chunks) > start and not textbox.pango_layout.text.isascii():
            try:
                _fix_line(stream, textbox, start)
            except Exception:  # the text layer must never cost the document
                logger.exception("Thai text layer left as drawn")
        return emojis

    draw_first_line.__wrapped__ = original
    draw_text_module.draw_first_line = draw_first_line
    _installed = True


# Glyph id → character, by font file and index: a font's cmap read once per process, not once per document
# (each document has font objects of its own; reading the cmap took about 25 ms a document).
_REVERSE_CMAPS: dict[tuple[bytes, int], dict[int, str]] = {}


def _reverse_cmap(font) -> dict[int, str]:
    """Glyph id → the character the font's cmap maps to it (the lowest code point when several do)."""
    reverse = font.__dict__.get("_reverse_cmap")
    if reverse is None:
        key = (font.file_content, font.index)
        reverse = _REVERSE_CMAPS.get(key)
        if reverse is None:
            reverse = _REVERSE_CMAPS[key] = _read_reverse_cmap(font)
        font._reverse_cmap = reverse
    return reverse


def _read_reverse_cmap(font) -> dict[int, str]:
    from fontTools.ttLib import TTFont

    reverse = {}
    try:
        ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
        for codepoint, name in sorted(ttfont.getBestCmap().items(), reverse=True):
            reverse[ttfont.getGlyphID(name)] = chr(codepoint)
    except Exception:  # an unreadable cmap only loses the fallback
        logger.debug("no cmap read from %s", getattr(font, "family", "?"), exc_info=True)
    return reverse


def _clusters(stream, textbox) -> list[_Cluster] | None:
    """The drawn line's glyphs grouped by cluster, in drawing order; None for right-to-left runs or
    bitmaps."""
    from weasyprint.text.ffi import ffi, pango

    first_line, _ = textbox.pango_layout.get_first_line()
    utf8 = textbox.pango_layout.text.encode()
    clusters: list[_Cluster] = []
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        item = glyph_item.item
        if item.analysis.level % 2:
            return None
        font, _ = stream.add_font(item.analysis.font)
        if font.bitmap:
            return None
        glyph_string = glyph_item.glyphs
        count = glyph_string.num_glyphs
        log_clusters = ffi.unpack(glyph_string.log_clusters, count)
        # The glyph id is the first 32-bit field of each PangoGlyphInfo: read them all at once.
        stride = ffi.sizeof("PangoGlyphInfo") // 4
        glyph_ids = (memoryview(ffi.buffer(glyph_string.glyphs, count * stride * 4)).cast("I")[::stride]
                     .tolist())
        i = 0
        while i < count:
            begin = log_clusters[i]
            j = i
            while j < count and log_clusters[j] == begin:
                j += 1
            end = log_clusters[j] if j < count else item.length
            text = utf8[item.offset + begin : item.offset + end].decode()
            cluster = _Cluster(text if text.isascii() else _without_format_chars(text), font=font)
            for k in range(i, j):
                glyph_id = glyph_ids[k]
                if glyph_id == pango.PANGO_GLYPH_EMPTY:
                    continue
                if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                    glyph_id = font.get_unused_glyph_id(glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG)
                    cluster.exact = False
                cluster.glyphs.append(glyph_id)
            clusters.append(cluster)
            i = j
    return clusters


def _improve_to_unicode(clusters: list[_Cluster]) -> list[tuple[object, int, str, int]]:
    """Give each glyph its own meaning in ToUnicode, whatever cluster it happened to be drawn in first.
    Returns what was proposed, (font, glyph, text, rank), so that a line drawn again proposes the same."""
    proposed = []
    for cluster in clusters:
        glyphs = cluster.glyphs
        if not cluster.exact or not glyphs:
            continue
        font = cluster.font
        if len(glyphs) == 1:
            if cluster.text:
                proposed.append((font, glyphs[0], cluster.text, _RANK_CLUSTER))
            continue
        for glyph_id, (text, rank) in _split_cluster(cluster, _reverse_cmap(font)).items():
            if text:
                proposed.append((font, glyph_id, text, rank))
    _propose(proposed)
    return proposed


def _propose(proposed) -> None:
    for font, glyph_id, text, rank in proposed:
        ranks = font.__dict__.setdefault("_text_ranks", {})
        if ranks.get(glyph_id, 0) < rank:
            font.to_unicode[glyph_id] = text
            ranks[glyph_id] = rank


def _split_cluster(cluster: _Cluster, reverse: dict[int, str]) -> dict[int, tuple[str, int]]:
    """Spread a many-glyph cluster's characters over its glyphs: each glyph the font's cmap knows takes its
    character; one glyph it does not know (a ligature of marks) takes the characters left over."""
    remaining = list(unicodedata.normalize("NFKD", cluster.text))
    unknown = []
    result: dict[int, tuple[str, int]] = {}
    for glyph_id in cluster.glyphs:
        char = reverse.get(glyph_id)
        if char is None:
            unknown.append(glyph_id)
            continue
        result[glyph_id] = (char, _RANK_CMAP)
        for piece in unicodedata.normalize("NFKD", char):
            if piece in remaining:
                remaining.remove(piece)
    if len(set(unknown)) == 1 and remaining:
        result[unknown[0]] = ("".join(remaining), _RANK_CMAP)
    return result


def _spans(clusters: list[_Cluster]) -> dict[int, tuple[int, str]]:
    """Glyph index where each ActualText span starts → (index where it ends, its text); a span is a run of
    glyphs between spaces, so a word's marks and the letters around them stay in one piece."""
    spans: dict[int, tuple[int, str]] = {}
    index = 0
    word: list[_Cluster] = []
    word_start = 0

    def close() -> None:
        glyphs = sum(len(c.glyphs) for c in word)
        text = "".join(c.text for c in word)
        if glyphs and text and _needs_actual_text(word, text):
            spans[word_start] = (word_start + glyphs, text)

    for cluster in clusters:
        if cluster.text.isspace() or (not cluster.text and not cluster.glyphs):
            close()
            word = []
            index += len(cluster.glyphs)
            word_start = index
            continue
        if not word:
            word_start = index
        word.append(cluster)
        index += len(cluster.glyphs)
    close()
    return spans


def _needs_actual_text(word: list[_Cluster], text: str) -> bool:
    if text.isascii():
        return False  # one glyph per character, no marks: WeasyPrint's map is right
    if _has_marks(text):
        return True  # marks are drawn with offsets that extractors read as gaps
    for cluster in word:
        if len(cluster.glyphs) != 1 or cluster.font.to_unicode.get(cluster.glyphs[0]) != cluster.text:
            return True
    return False


def _actual_text(text: str) -> bytes:
    return b"/Span <</ActualText <FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">>> BDC"


@dataclass(slots=True)
class _Drawn:
    """What fixing a line did, to do again for the same line: the ToUnicode proposals (by font hash), the
    glyph meanings its spans were decided on, and the chunks that follow its text matrix (None: unchanged)."""

    proposed: list[tuple[str, int, str, int]]
    decided_on: list[tuple[str, int, str, bool]]
    tail: list | None


# Lines already fixed in this process, by their text and the chunks WeasyPrint wrote after the text matrix
# (fonts, glyphs, advances; the matrix is where the line stands and changes nothing here). A document
# repeats most of its lines (the plan's activity and indicator texts on every unit's form, the column
# heads), and finding the clusters again was most of this module's time.
_LINES: dict[tuple, _Drawn] = {}
_LINES_MAX = 5_000  # ~9 KB a line: about 45 MB at most; a render process of the annex holds about 2,900


def _fix_line(stream, textbox, start: int) -> None:
    chunks = stream.stream
    fonts = getattr(stream, "_fonts", None)
    key = None
    if isinstance(fonts, dict) and isinstance(chunks[start], (bytes, str)):
        key = (textbox.pango_layout.text, *chunks[start + 1 :])
        drawn = _LINES.get(key)
        if drawn is not None and _redo(drawn, fonts, chunks, start):
            return
    clusters = _clusters(stream, textbox)
    if clusters is None:
        return
    proposed = _improve_to_unicode(clusters)
    spans = _spans(clusters)
    rewritten = None
    if spans:
        expected = [glyph for cluster in clusters for glyph in cluster.glyphs]
        rewritten = _rewrite(chunks[start:], expected, spans)
    if key is not None and (rewritten is None or rewritten[0] is chunks[start]):
        if len(_LINES) >= _LINES_MAX:
            _LINES.clear()
        _LINES[key] = _Drawn(
            _effective(proposed),
            _decided_on(clusters),
            None if rewritten is None else rewritten[1:],
        )
    if rewritten is not None:
        chunks[start:] = rewritten


def _effective(proposed) -> list[tuple[str, int, str, int]]:
    """The proposals that can change anything, in order: for each glyph only those of a higher rank than
    every one before it (a proposal is taken only over a lower rank), so a line's many clusters of the same
    glyph are kept once (their texts interned: the cache holds thousands of lines of the same few letters)."""
    best: dict[tuple[str, int], int] = {}
    kept = []
    for font, glyph, text, rank in proposed:
        if best.get((font.hash, glyph), 0) < rank:
            best[font.hash, glyph] = rank
            kept.append((intern(font.hash), glyph, intern(text), rank))
    return kept


def _decided_on(clusters: list[_Cluster]) -> list[tuple[str, int, str, bool]]:
    """Whether each single-glyph cluster's glyph meant its text when the line's spans were decided."""
    checks = (
        (intern(c.font.hash), c.glyphs[0], intern(c.text), c.font.to_unicode.get(c.glyphs[0]) == c.text)
        for c in clusters
        if len(c.glyphs) == 1 and c.text
    )
    return list(dict.fromkeys(checks))


def _redo(drawn: _Drawn, fonts: dict, chunks: list, start: int) -> bool:
    """Fix a line as it was fixed before; False (nothing changed but ToUnicode proposals, which the full
    fix makes again) if this document's glyph meanings differ from those its spans were decided on."""
    by_hash = {font.hash: font for font in fonts.values()}
    try:
        _propose([(by_hash[h], glyph, text, rank) for h, glyph, text, rank in drawn.proposed])
        for h, glyph, text, equal in drawn.decided_on:
            if (by_hash[h].to_unicode.get(glyph) == text) is not equal:
                return False
    except KeyError:
        return False
    if drawn.tail is not None:
        chunks[start + 1 :] = drawn.tail
    return True


class _LineRewriter:
    """One line's rewrite: the output so far, the ``TJ`` tokens not yet written and the open span."""

    def __init__(self, expected: list[int], spans: dict[int, tuple[int, str]]):
        self.expected_count = len(expected)
        self.expected_hex = "".join(f"{glyph:04x}" for glyph in expected).encode()
        self.spans = spans
        self.edges = sorted({*spans, *(end for end, _ in spans.values())})
        self.edge_set = set(self.edges)
        self.out: list = []
        self.tokens: list[bytes] = []
        self.index = 0
        self.span_end: int | None = None

    def flush(self) -> None:
        if self.tokens:
            self.out.append(b"[" + b" ".join(self.tokens) + b"] TJ")
            self.tokens.clear()

    def at_edge(self, position: int) -> None:
        if position == self.span_end:
            self.flush()
            self.out.append(b"EMC")
            self.span_end = None
        if position in self.spans:
            self.flush()
            self.span_end, text = self.spans[position]
            self.out.append(_actual_text(text))

    def other(self, chunk) -> bool:
        """A chunk that is no ``TJ`` array, kept as it is; False if it writes text some other way."""
        raw = chunk.encode() if isinstance(chunk, str) else chunk
        if isinstance(raw, bytes) and raw.rstrip().endswith((b"TJ", b"Tj", b"'", b'"')):
            return False  # text written some other way: leave the line alone
        self.flush()
        self.out.append(chunk)
        return True

    def array(self, chunk: bytes) -> bool:
        """A ``TJ`` array, split at span edges; False if its glyphs are not the expected ones."""
        for token in _TOKEN.findall(chunk[1:-4]):
            if not token.startswith(b"<"):
                self.tokens.append(token)
            elif not self.glyphs(token[1:-1].lower()):
                return False
        self.flush()
        return True

    def glyphs(self, digits: bytes) -> bool:
        count, rest = divmod(len(digits), 4)
        if rest or digits != self.expected_hex[self.index * 4 : (self.index + count) * 4]:
            return False
        stop, position = self.index + count, self.index
        while position < stop:
            if position in self.edge_set:
                self.at_edge(position)
            following = bisect_right(self.edges, position)
            end = min(stop, self.edges[following]) if following < len(self.edges) else stop
            piece = digits[(position - self.index) * 4 : (end - self.index) * 4]
            if self.tokens and self.tokens[-1].startswith(b"<"):
                self.tokens[-1] = self.tokens[-1][:-1] + piece + b">"
            else:
                self.tokens.append(b"<" + piece + b">")
            position = end
        self.index = stop
        return True

    def finish(self) -> list | None:
        if self.index != self.expected_count:
            return None
        if self.index in self.edge_set:
            self.at_edge(self.index)
        return None if self.span_end is not None else self.out


def _rewrite(chunks: list, expected: list[int], spans: dict[int, tuple[int, str]]) -> list | None:
    """Split the line's ``TJ`` arrays at span edges and insert BDC/EMC; None if its glyphs are not
    `expected`."""
    line = _LineRewriter(expected, spans)
    for chunk in chunks:
        is_array = isinstance(chunk, bytes) and chunk.startswith(b"[") and chunk.endswith(b"] TJ")
        if not (line.array(chunk) if is_array else line.other(chunk)):
            return None
    return line.finish()
