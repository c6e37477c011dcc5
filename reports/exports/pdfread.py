"""Read the PDF files WeasyPrint writes (through pydyf): their objects, and the entries of a dictionary.

Not a general PDF reader: it relies on the simple, regular output of pydyf (a classic cross-reference table,
or a cross-reference stream with object streams; direct /Length values, no encryption, no incremental
updates). `pdfmerge` joins and stamps what this reads.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

REF = re.compile(rb"(\d+)\s+0\s+R\b")
LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
OBJ_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b\s*")
_SIMPLE_VALUE = re.compile(rb"\d+\s+0\s+R\b|\[[^\]]*\]|/[^\s/<>\[\]()]+|[-+.\d]+")


@dataclass
class Obj:
    head: bytes  # the object's dictionary (or other value), without stream data
    stream: bytes | None = None  # stream data exactly as stored (still encoded)


class PdfError(ValueError):
    pass


def value_end(data: bytes, start: int) -> int:
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
    end = value_end(data, start)
    head = data[start:end].strip()
    rest = re.match(rb"\s*stream\r?\n", data[end : end + 16])
    if rest is None:
        return int(match.group(1)), Obj(head)
    length = LENGTH.search(head)
    if length is None:
        raise PdfError("stream without a direct /Length")
    begin = end + rest.end()
    return int(match.group(1)), Obj(head, data[begin : begin + int(length.group(1))])


def decode(obj: Obj) -> bytes:
    if b"/FlateDecode" in obj.head:
        return zlib.decompress(obj.stream)
    return obj.stream


def dict_value(head: bytes, key: bytes) -> bytes | None:
    match = re.search(rb"/" + key + rb"\s*(\[[^\]]*\]|\d+\s+0\s+R|\d+)", head)
    return match.group(1) if match else None


def dict_ref(head: bytes, key: bytes) -> int | None:
    value = dict_value(head, key)
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
    return objects, data[start : value_end(data, start)]


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
    widths = [int(w) for w in dict_value(xref.head, b"W").strip(b"[]").split()]
    index = [int(v) for v in (dict_value(xref.head, b"Index") or b"[0 0]").strip(b"[]").split()]
    table = decode(xref)
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
    body = decode(holder)
    count, first_at = int(dict_value(holder.head, b"N")), int(dict_value(holder.head, b"First"))
    pairs = [int(v) for v in body[:first_at].split()[: 2 * count]]
    offsets = pairs[1::2] + [len(body) - first_at]
    return [
        (pairs[2 * j], body[first_at + offsets[j] : first_at + offsets[j + 1]].strip()) for j in range(count)
    ]


def insert(head: bytes, addition: bytes) -> bytes:
    """Add entries at the end of a dictionary."""
    end = head.rindex(b">>")
    return head[:end] + addition + head[end:]


def renumber(head: bytes, mapping: dict[int, int]) -> bytes:
    return REF.sub(lambda m: b"%d 0 R" % mapping[int(m.group(1))], head)


def entry_span(head: bytes, key: bytes) -> tuple[int, int] | None:
    """Where the value of `key` lies in a dictionary: a top-level entry only (a nested dictionary may use
    the same key), the value being a reference, a dictionary, an array, a name or a number."""
    for match in re.finditer(rb"/" + key + rb"(?=[\s/<\[(])\s*", head):
        if head.count(b"<<", 0, match.start()) - head.count(b">>", 0, match.start()) != 1:
            continue
        start = match.end()
        if head.startswith(b"<<", start):
            return start, value_end(head, start)
        value = _SIMPLE_VALUE.match(head, start)
        return (start, value.end()) if value else None
    return None


def entry(head: bytes, key: bytes) -> bytes | None:
    span = entry_span(head, key)
    return head[span[0] : span[1]] if span else None
