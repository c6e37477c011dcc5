"""Join PDF files written by WeasyPrint into one, with bookmarks kept and page numbers stamped.

A compiled round is rendered in parts (one per activity) so that parts can be rendered in parallel and
reused while their content is unchanged; this module puts the parts back together. It reads what pydyf
writes (a classic cross-reference table, or a cross-reference stream with object streams), renumbers the
objects of each part, hangs every page under one page tree, chains the parts' bookmarks, and adds to each
page a "หน้า n / N" set in a small subset of Sarabun embedded once. It is not a general PDF reader: it
relies on the simple, regular output of pydyf (direct /Length values, no encryption, no incremental updates).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from io import BytesIO

REF = re.compile(rb"(\d+)\s+0\s+R\b")
LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
OBJ_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b\s*")
STAMP_CHARS = "หน้า 0123456789๐๑๒๓๔๕๖๗๘๙/"
STAMP_FONT = b"PgNum"


@dataclass
class Obj:
    head: bytes  # the object's dictionary (or other value), without stream data
    stream: bytes | None = None  # stream data exactly as stored (still encoded)


class PdfError(ValueError):
    pass


def _dict_end(data: bytes, start: int) -> int:
    """Index just past the value starting at `start` (a dictionary, an array or a simple token)."""
    depth, i, n = 0, start, len(data)
    while i < n:
        ch = data[i : i + 1]
        if data.startswith(b"<<", i):
            depth += 1
            i += 2
            continue
        if data.startswith(b">>", i):
            depth -= 1
            i += 2
            if depth == 0:
                return i
            continue
        if ch == b"(":
            level, i = 1, i + 1
            while i < n and level:
                if data[i : i + 1] == b"\\":
                    i += 2
                    continue
                level += {b"(": 1, b")": -1}.get(data[i : i + 1], 0)
                i += 1
            continue
        if ch == b"<":
            i = data.index(b">", i) + 1
            continue
        if depth == 0 and data.startswith(b"endobj", i):
            return i
        i += 1
    raise PdfError("unterminated object")


def _object_at(data: bytes, offset: int) -> tuple[int, Obj]:
    match = OBJ_HEADER.match(data, offset)
    if match is None:
        raise PdfError(f"no object at offset {offset}")
    start = match.end()
    end = _dict_end(data, start)
    head = data[start:end].strip()
    rest = re.match(rb"\s*stream\r?\n", data[end : end + 16])
    if rest is None:
        return int(match.group(1)), Obj(head)
    length = LENGTH.search(head)
    if length is None:
        raise PdfError("stream without a direct /Length")
    begin = end + rest.end()
    return int(match.group(1)), Obj(head, data[begin : begin + int(length.group(1))])


def _decode(obj: Obj) -> bytes:
    if b"/FlateDecode" in obj.head:
        return zlib.decompress(obj.stream)
    return obj.stream


def _value(head: bytes, key: bytes) -> bytes | None:
    match = re.search(rb"/" + key + rb"\s*(\[[^\]]*\]|\d+\s+0\s+R|\d+)", head)
    return match.group(1) if match else None


def _ref(head: bytes, key: bytes) -> int | None:
    value = _value(head, key)
    match = REF.match(value) if value else None
    return int(match.group(1)) if match else None


def read_pdf(data: bytes) -> tuple[dict[int, Obj], bytes]:
    """All objects of a pydyf-written PDF, and its trailer dictionary."""
    tail = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if tail is None:
        raise PdfError("not a complete PDF")
    xref_at = int(tail.group(1))
    if data.startswith(b"xref", xref_at):
        return _read_with_xref_table(data, xref_at)
    return _read_with_xref_stream(data, xref_at)


def _read_with_xref_table(data: bytes, xref_at: int) -> tuple[dict[int, Obj], bytes]:
    """The objects a classic cross-reference table lists, and the trailer dictionary after it."""
    objects: dict[int, Obj] = {}
    trailer_at = data.index(b"trailer", xref_at)
    lines = data[xref_at + 4 : trailer_at].split()
    i = 0
    while i < len(lines):
        first, count = int(lines[i]), int(lines[i + 1])
        i += 2
        for k in range(count):
            offset, _generation, kind = lines[i : i + 3]
            i += 3
            if kind == b"n" and first + k:
                number, obj = _object_at(data, int(offset))
                objects[number] = obj
    start = data.index(b"<<", trailer_at)
    return objects, data[start : _dict_end(data, start)]


def _read_with_xref_stream(data: bytes, xref_at: int) -> tuple[dict[int, Obj], bytes]:
    """The objects a cross-reference stream lists, those packed in object streams unpacked; the stream's
    own dictionary serves as the trailer."""
    objects: dict[int, Obj] = {}
    number, xref = _object_at(data, xref_at)
    compressed = []
    for obj_number, kind, a, b in _xref_entries(xref):
        if kind == 1 and obj_number != number:
            objects.setdefault(obj_number, _object_at(data, a)[1])
        elif kind == 2:
            compressed.append((obj_number, a, b))
    streams: dict[int, list[tuple[int, bytes]]] = {}
    for obj_number, container, index_in in compressed:
        if container not in streams:
            streams[container] = _object_stream(objects.pop(container, None), container)
        objects[obj_number] = Obj(streams[container][index_in][1])
    return objects, xref.head


def _xref_entries(xref: Obj) -> Iterator[tuple[int, int, int, int]]:
    """(object number, type, field 2, field 3) for each entry of a cross-reference stream."""
    widths = [int(w) for w in _value(xref.head, b"W").strip(b"[]").split()]
    index = [int(v) for v in (_value(xref.head, b"Index") or b"[0 0]").strip(b"[]").split()]
    table = _decode(xref)
    row = sum(widths)
    position = 0
    for first, count in zip(index[0::2], index[1::2], strict=True):
        for k in range(count):
            fields, cursor = [], position
            for width in widths:
                fields.append(int.from_bytes(table[cursor : cursor + width], "big") if width else 1)
                cursor += width
            position += row
            kind, a, b = fields
            yield first + k, kind, a, b


def _object_stream(holder: Obj | None, container: int) -> list[tuple[int, bytes]]:
    """(number, text) of each object packed in the object stream `holder` (object `container`)."""
    if holder is None:
        raise PdfError(f"object stream {container} is missing")
    body = _decode(holder)
    count, first_at = int(_value(holder.head, b"N")), int(_value(holder.head, b"First"))
    pairs = [int(v) for v in body[:first_at].split()[: 2 * count]]
    offsets = pairs[1::2] + [len(body) - first_at]
    return [
        (pairs[2 * j], body[first_at + offsets[j] : first_at + offsets[j + 1]].strip())
        for j in range(count)
    ]


def _insert(head: bytes, addition: bytes) -> bytes:
    """Add entries at the end of a dictionary."""
    end = head.rindex(b">>")
    return head[:end] + addition + head[end:]


def _renumber(head: bytes, mapping: dict[int, int]) -> bytes:
    return REF.sub(lambda m: b"%d 0 R" % mapping[int(m.group(1))], head)


@cache
def _stamp_font() -> tuple[bytes, dict[str, int], dict[int, int], dict]:
    """A Sarabun subset holding only what page numbers need, with its glyph ids and widths."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from core.documents.fonts import sarabun_files

    font = TTFont(sarabun_files().regular)
    cmap = font.getBestCmap()
    gids = {ch: font.getGlyphID(cmap[ord(ch)]) for ch in STAMP_CHARS}
    scale = 1000 / font["head"].unitsPerEm
    widths = {gid: round(font["hmtx"][font.getGlyphName(gid)][0] * scale) for gid in gids.values()}
    metrics = {
        "ascent": round(font["hhea"].ascent * scale),
        "descent": round(font["hhea"].descent * scale),
        "bbox": [
            round(v * scale)
            for v in (font["head"].xMin, font["head"].yMin, font["head"].xMax, font["head"].yMax)
        ],
    }
    options = subset.Options()
    options.retain_gids = True  # glyph ids stay those of the full font, so the mapping above holds
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in STAMP_CHARS])
    subsetter.subset(font)
    buffer = BytesIO()
    font.save(buffer)
    return buffer.getvalue(), gids, widths, metrics


def _font_objects(first: int) -> list[Obj]:
    """FontFile2, FontDescriptor, CIDFontType2, ToUnicode and Type0 objects numbered from `first`."""
    data, gids, widths, m = _stamp_font()
    packed = zlib.compress(data)
    w = b" ".join(b"%d [%d]" % (gid, width) for gid, width in sorted(widths.items()))
    bfchar = b"\n".join(b"<%04X> <%04X>" % (gid, ord(ch)) for ch, gid in gids.items())
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def "
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange %d beginbfchar\n%s\nendbfchar endcmap "
        b"CMapName currentdict /CMap defineresource pop end end" % (len(gids), bfchar)
    )
    name = b"/PRGSNA+Sarabun"
    bbox = b" ".join(b"%d" % v for v in m["bbox"])
    return [
        Obj(b"<</Length %d /Length1 %d /Filter /FlateDecode>>" % (len(packed), len(data)), packed),
        Obj(
            b"<</Type /FontDescriptor /FontName %s /Flags 4 /FontBBox [%s] /ItalicAngle 0 /Ascent %d "
            b"/Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R>>"
            % (name, bbox, m["ascent"], m["descent"], m["ascent"], first)
        ),
        Obj(
            b"<</Type /Font /Subtype /CIDFontType2 /BaseFont %s /CIDSystemInfo <</Registry (Adobe) /Ordering "
            b"(Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /W [%s]>>"
            % (name, first + 1, w)
        ),
        Obj(b"<</Length %d>>" % len(cmap), cmap),
        Obj(
            b"<</Type /Font /Subtype /Type0 /BaseFont %s /Encoding /Identity-H /DescendantFonts [%d 0 R] "
            b"/ToUnicode %d 0 R>>" % (name, first + 2, first + 3)
        ),
    ]


def _stamp(text: str, media_box: list[float], size: float = 8.0) -> bytes:
    _, gids, widths, _ = _stamp_font()
    codes = [gids[ch] for ch in text if ch in gids]
    width = sum(widths[g] for g in codes) * size / 1000
    x = media_box[2] - 42.5 - width  # right margin of the landscape pages (1.5 cm)
    y = media_box[1] + 20
    hex_text = "".join(f"{g:04X}" for g in codes).encode()
    return b"BT 0.33 g /%s %.1f Tf %.2f %.2f Td <%s> Tj ET\n" % (STAMP_FONT, size, x, y, hex_text)


def merge(
    parts: list[bytes], *, number_pages: bool = True, thai_digits: bool = False, title: str = ""
) -> bytes:
    """One PDF from several WeasyPrint PDFs, in order."""
    out: list[Obj] = []  # new object n is out[n - 1]
    pages_number, outlines_number, catalog_number = 1, 2, 3
    out += [Obj(b""), Obj(b""), Obj(b"")]
    kids: list[int] = []
    outline_chain: list[tuple[int, int, int]] = []  # (first, last, count) per part
    for data in parts:
        part_kids, outline = _append_part(out, data, pages_number, outlines_number)
        kids += part_kids
        if outline is not None:
            outline_chain.append(outline)
    for (_, last, _), (first, _, _) in zip(outline_chain, outline_chain[1:], strict=False):
        out[last - 1] = Obj(_insert(out[last - 1].head, b"/Next %d 0 R" % first), out[last - 1].stream)
        out[first - 1] = Obj(_insert(out[first - 1].head, b"/Prev %d 0 R" % last), out[first - 1].stream)
    if number_pages and kids:
        _number_pages(out, kids, thai_digits)
    out[pages_number - 1] = Obj(
        b"<</Type /Pages /Kids [%s] /Count %d>>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    )
    if outline_chain:
        out[outlines_number - 1] = Obj(
            b"<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>"
            % (outline_chain[0][0], outline_chain[-1][1], sum(c for _, _, c in outline_chain))
        )
        outlines = b" /Outlines %d 0 R /PageMode /UseOutlines" % outlines_number
    else:
        out[outlines_number - 1] = Obj(b"<</Type /Outlines /Count 0>>")
        outlines = b""
    out[catalog_number - 1] = Obj(b"<</Type /Catalog /Pages %d 0 R%s /Lang (th)>>" % (pages_number, outlines))
    out.append(
        Obj(b"<</Producer (Prongsai) /Title <FEFF%s>>>" % title.encode("utf-16-be").hex().upper().encode())
    )
    return _write(out, catalog_number, len(out))


def _append_part(
    out: list[Obj], data: bytes, pages_number: int, outlines_number: int
) -> tuple[list[int], tuple[int, int, int] | None]:
    """Append the objects of one part to `out`, renumbered; its page tree and outline root become the
    merged document's (`pages_number`, `outlines_number`). Returns the new numbers of its pages, and the
    (first, last, count) of its top-level bookmarks if it has any."""
    objects, trailer = read_pdf(data)
    catalog = objects[_ref(trailer, b"Root")]
    old_pages = _ref(catalog.head, b"Pages")
    old_outlines = _ref(catalog.head, b"Outlines")
    skip = {_ref(trailer, b"Root"), old_pages, old_outlines, _ref(trailer, b"Info")}
    mapping = {old_pages: pages_number, old_outlines: outlines_number}
    for number in sorted(objects):
        if number not in skip:
            mapping[number] = len(out) + 1
            out.append(objects[number])
    for number in sorted(objects):
        if number not in skip:
            obj = out[mapping[number] - 1]
            out[mapping[number] - 1] = Obj(_renumber(obj.head, mapping), obj.stream)
    kids = [mapping[int(k)] for k in REF.findall(_value(objects[old_pages].head, b"Kids") or b"")]
    if old_outlines is None:
        return kids, None
    root = objects[old_outlines].head
    first, last = _ref(root, b"First"), _ref(root, b"Last")
    if first is None or last is None:
        return kids, None
    return kids, (mapping[first], mapping[last], int(_value(root, b"Count") or 0))


def _number_pages(out: list[Obj], kids: list[int], thai_digits: bool) -> None:
    from core.thai import to_thai_digits

    font_first = len(out) + 1
    out += _font_objects(font_first)
    font_ref = b"/%s %d 0 R" % (STAMP_FONT, font_first + 4)
    out.append(Obj(b"<</Length 2>>", b"q\n"))
    save = len(out)
    out.append(Obj(b"<</Length 2>>", b"Q\n"))
    restore = len(out)
    patched: dict[int, int] = {}
    total = len(kids)
    for n, kid in enumerate(kids, start=1):
        page = out[kid - 1].head
        resources = _ref(page, b"Resources")
        if resources not in patched:
            head = out[resources - 1].head
            fonts = _ref(head, b"Font")
            if fonts is not None:
                out.append(Obj(_insert(out[fonts - 1].head, font_ref)))
                head = re.sub(rb"/Font\s+%d\s+0\s+R" % fonts, b"/Font %d 0 R" % len(out), head)
            elif b"/Font" in head:
                head = re.sub(rb"/Font\s*<<", b"/Font <<" + font_ref, head, count=1)
            else:
                head = _insert(head, b"/Font <<%s>>" % font_ref)
            out.append(Obj(head))
            patched[resources] = len(out)
        box = [float(v) for v in _value(page, b"MediaBox").strip(b"[]").split()]
        text = f"หน้า {n} / {total}"
        stream = _stamp(to_thai_digits(text) if thai_digits else text, box)
        out.append(Obj(b"<</Length %d>>" % len(stream), stream))
        contents = _value(page, b"Contents")
        inner = contents.strip(b"[]") if contents.startswith(b"[") else contents
        page = page.replace(
            b"/Contents " + contents,
            b"/Contents [%d 0 R %s %d 0 R %d 0 R]" % (save, inner, restore, len(out)),
            1,
        )
        page = re.sub(
            rb"/Resources\s+%d\s+0\s+R" % resources, b"/Resources %d 0 R" % patched[resources], page
        )
        out[kid - 1] = Obj(page, out[kid - 1].stream)


def _write(objects: list[Obj], root: int, info: int) -> bytes:
    buffer = BytesIO()
    buffer.write(b"%PDF-1.7\n%\xf0\x9f\x96\xa4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(buffer.tell())
        buffer.write(b"%d 0 obj\n" % number)
        buffer.write(obj.head)
        if obj.stream is not None:
            buffer.write(b"\nstream\n")
            buffer.write(obj.stream)
            buffer.write(b"\nendstream")
        buffer.write(b"\nendobj\n")
    xref_at = buffer.tell()
    buffer.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        buffer.write(b"%010d 00000 n \n" % offset)
    buffer.write(
        b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, root, info, xref_at)
    )
    return buffer.getvalue()
