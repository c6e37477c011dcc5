"""Join PDF files written by WeasyPrint into one, with bookmarks kept and page numbers stamped.

A compiled round is rendered in parts (one per activity) so that parts can be rendered in parallel and
reused while their content is unchanged; this module puts the parts back together. It reads them with
`pdfread`, renumbers the objects of each part, hangs every page under one page tree, chains the parts'
bookmarks, and adds to each page a "หน้า n / N" set in a small subset of Sarabun embedded once. A `footer`, a
one-page PDF WeasyPrint wrote with nothing but a page margin box (the version's line of an official annex),
becomes one Form XObject drawn on every page: the parts stay the same across versions, so they stay cached,
while the footer's Thai is still shaped by WeasyPrint, with its text layer.
"""

from __future__ import annotations

import zlib
from functools import cache
from io import BytesIO

from reports.exports.pdfread import (
    REF,
    Obj,
    PdfError,
    decode,
    dict_ref,
    dict_value,
    entry,
    entry_span,
    insert,
    read_pdf,
    renumber,
)

STAMP_CHARS = "หน้า 0123456789๐๑๒๓๔๕๖๗๘๙/"
STAMP_FONT = b"PgNum"
FOOTER_FORM = b"PgFtr"


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


# Where a page number is stamped, in points from the page's right and bottom edges: by default in the
# right margin of the annex's landscape pages (1.5 cm).
NUMBER_AT = (42.5, 20.0)


def _stamp(
    text: str, media_box: list[float], size: float = 8.0, at: tuple[float, float] = NUMBER_AT
) -> bytes:
    _, gids, widths, _ = _stamp_font()
    codes = [gids[ch] for ch in text if ch in gids]
    width = sum(widths[g] for g in codes) * size / 1000
    x = media_box[2] - at[0] - width
    y = media_box[1] + at[1]
    hex_text = "".join(f"{g:04X}" for g in codes).encode()
    return b"BT 0.33 g /%s %.1f Tf %.2f %.2f Td <%s> Tj ET\n" % (STAMP_FONT, size, x, y, hex_text)


def merge(
    parts: list[bytes],
    *,
    number_pages: bool = True,
    thai_digits: bool = False,
    title: str = "",
    footer: bytes | None = None,
    number_at: tuple[float, float] = NUMBER_AT,
) -> bytes:
    """One PDF from several WeasyPrint PDFs, in order; `footer`'s (first) page is drawn over every page, and
    "หน้า n / N" at `number_at` (points from the right and bottom edges)."""
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
        out[last - 1] = Obj(insert(out[last - 1].head, b"/Next %d 0 R" % first), out[last - 1].stream)
        out[first - 1] = Obj(insert(out[first - 1].head, b"/Prev %d 0 R" % last), out[first - 1].stream)
    form = _append_form(out, footer) if footer is not None else None
    if (number_pages or form is not None) and kids:
        _stamp_pages(out, kids, thai_digits=thai_digits, numbers=number_pages, form=form, at=number_at)
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
    catalog = objects[dict_ref(trailer, b"Root")]
    old_pages = dict_ref(catalog.head, b"Pages")
    old_outlines = dict_ref(catalog.head, b"Outlines")
    skip = {dict_ref(trailer, b"Root"), old_pages, old_outlines, dict_ref(trailer, b"Info")}
    mapping = {old_pages: pages_number, old_outlines: outlines_number}
    for number in sorted(objects):
        if number not in skip:
            mapping[number] = len(out) + 1
            out.append(objects[number])
    for number in sorted(objects):
        if number not in skip:
            obj = out[mapping[number] - 1]
            out[mapping[number] - 1] = Obj(renumber(obj.head, mapping), obj.stream)
    tree = objects[old_pages].head
    kids = [mapping[int(k)] for k in REF.findall(dict_value(tree, b"Kids") or b"")]
    inherited = entry(tree, b"Resources")
    for kid in kids:  # the part's page tree is dropped: what its pages inherit from it, they now hold
        if inherited is not None and entry_span(out[kid - 1].head, b"Resources") is None:
            resources = b"/Resources " + renumber(inherited, mapping)
            out[kid - 1] = Obj(insert(out[kid - 1].head, resources), out[kid - 1].stream)
    if old_outlines is None:
        return kids, None
    root = objects[old_outlines].head
    first, last = dict_ref(root, b"First"), dict_ref(root, b"Last")
    if first is None or last is None:
        return kids, None
    return kids, (mapping[first], mapping[last], int(dict_value(root, b"Count") or 0))


def _with_entries(out: list[Obj], resources: bytes, entries: dict[bytes, bytes]) -> bytes:
    """A resource dictionary with `entries` (category → "/Name n 0 R") added to its categories; a category
    held in an object of its own is copied with the addition (other pages may share the original)."""
    for category, addition in entries.items():
        span = entry_span(resources, category)
        if span is None:
            resources = insert(resources, b"/%s <<%s>>" % (category, addition))
            continue
        value = resources[span[0] : span[1]]
        ref = REF.fullmatch(value)
        if ref is not None:
            out.append(Obj(insert(out[int(ref.group(1)) - 1].head, addition)))
            value = b"%d 0 R" % len(out)
        else:
            value = insert(value, addition)
        resources = resources[: span[0]] + value + resources[span[1] :]
    return resources


def _append_form(out: list[Obj], data: bytes) -> int:
    """Append the first page of `data` as a Form XObject, with the objects its resources use (renumbered);
    returns the form's number. Its content is the page's, so it draws what the page drew, where it drew it,
    text layer (ToUnicode maps, ActualText spans) included."""
    objects, trailer = read_pdf(data)
    tree = objects[dict_ref(objects[dict_ref(trailer, b"Root")].head, b"Pages")].head
    kids = REF.findall(dict_value(tree, b"Kids") or b"")
    if not kids:
        raise PdfError("the footer has no page")
    page = objects[int(kids[0])].head
    resources = entry(page, b"Resources") or entry(tree, b"Resources") or b"<<>>"
    if REF.fullmatch(resources) is None and not resources.startswith(b"<<"):
        raise PdfError("the footer's resources are not a dictionary")
    used: set[int] = set()
    todo = [int(n) for n in REF.findall(resources)]
    while todo:
        number = todo.pop()
        if number not in used:
            used.add(number)
            todo += [int(n) for n in REF.findall(objects[number].head)]
    mapping = {}
    for number in sorted(used):
        mapping[number] = len(out) + 1
        out.append(objects[number])
    for number in sorted(used):
        out[mapping[number] - 1] = Obj(renumber(objects[number].head, mapping), objects[number].stream)
    content = b"\n".join(decode(objects[int(n)]) for n in REF.findall(dict_value(page, b"Contents") or b""))
    packed = zlib.compress(content)
    box = dict_value(page, b"MediaBox") or dict_value(tree, b"MediaBox")
    out.append(
        Obj(
            b"<</Type /XObject /Subtype /Form /BBox %s /Resources %s /Filter /FlateDecode /Length %d>>"
            % (box, renumber(resources, mapping), len(packed)),
            packed,
        )
    )
    return len(out)


def _stamp_pages(
    out: list[Obj],
    kids: list[int],
    *,
    thai_digits: bool,
    numbers: bool,
    form: int | None,
    at: tuple[float, float] = NUMBER_AT,
) -> None:
    """Draw, over every page, its number (`numbers`) and the footer form (`form`, the number of a Form
    XObject); each page's own content is wrapped in q … Q so that its graphics state cannot reach them."""
    from core.thai import to_thai_digits

    entries: dict[bytes, bytes] = {}
    if numbers:
        font_first = len(out) + 1
        out += _font_objects(font_first)
        entries[b"Font"] = b"/%s %d 0 R" % (STAMP_FONT, font_first + 4)
    if form is not None:
        entries[b"XObject"] = b"/%s %d 0 R" % (FOOTER_FORM, form)
    drawn = b"q /%s Do Q\n" % FOOTER_FORM if form is not None else b""
    out.append(Obj(b"<</Length 2>>", b"q\n"))
    save = len(out)
    out.append(Obj(b"<</Length 2>>", b"Q\n"))
    restore = len(out)
    patched: dict[int, int] = {}  # shared resource dictionary → its copy with the additions
    total = len(kids)
    for n, kid in enumerate(kids, start=1):
        page = out[kid - 1].head
        span = entry_span(page, b"Resources")
        if span is None:
            raise PdfError(f"page {n} has no resources")
        resources = page[span[0] : span[1]]
        ref = REF.fullmatch(resources)
        if ref is None:
            resources = _with_entries(out, resources, entries)
        else:
            number = int(ref.group(1))
            if number not in patched:
                out.append(Obj(_with_entries(out, out[number - 1].head, entries)))
                patched[number] = len(out)
            resources = b"%d 0 R" % patched[number]
        page = page[: span[0]] + resources + page[span[1] :]
        stream = drawn
        if numbers:
            box = [float(v) for v in dict_value(page, b"MediaBox").strip(b"[]").split()]
            text = f"หน้า {n} / {total}"
            stream += _stamp(to_thai_digits(text) if thai_digits else text, box, at=at)
        out.append(Obj(b"<</Length %d>>" % len(stream), stream))
        contents = dict_value(page, b"Contents")
        inner = contents.strip(b"[]") if contents.startswith(b"[") else contents
        page = page.replace(
            b"/Contents " + contents,
            b"/Contents [%d 0 R %s %d 0 R %d 0 R]" % (save, inner, restore, len(out)),
            1,
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
