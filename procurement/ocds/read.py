"""Reading OCDS input as a stream: release packages, record packages, single releases, arrays of releases,
several such documents one after another, and JSON lines (one release or compiled release per line). Large
files never sit in memory whole: a package is read from a window of the text, a release package's releases
a batch (of about a megabyte) at a time where their layout allows, else one at a time.

Numbers follow one rule in every form: a number beyond the range of a double (`1e400`) is refused with its
place, as the JSON-lines parser does, instead of being stored as `null`.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import orjson

PACKAGE_KEYS = ("uri", "version", "publishedDate", "publisher", "license", "publicationPolicy", "extensions")
CHUNK = 1 << 22  # bytes read at a time
BATCH = 1 << 20  # bytes of a release package's releases parsed in one go (see _Text.batches)
MAX_ELEMENT = 1 << 25  # characters one release (or a package's metadata value) may take
FIRST_LINE = 1 << 23
_WS = re.compile(r"[ \t\r\n]*")
_OCID_HEAD = re.compile(rb'\{[ \t\r\n]*"ocid"[ \t\r\n]*:')
_OCID_VALUE = re.compile(rb'[ \t\r\n]*"([^"\\]*)"')
U64 = 1 << 64
I64 = 1 << 63


@dataclass
class Item:
    release: dict | None  # None for a release read unparsed (`read_source`): `text` is then its input text
    text: bytes  # the release as stored: the input line itself for JSON lines, re-serialised otherwise
    where: str
    package: int | None = None  # index in Reading.versions of the package it came in, if any
    ocid: str = ""  # of a release read unparsed


class Unparsed(Exception):
    """A release read unparsed is not what it seemed (not a whole JSON object, or not with this ocid): the
    source must be read again, parsed, to find its problems as they are reported."""


@dataclass
class Reading:
    """What was read from all sources: metadata of packages, problems found, and a hash of every byte."""

    packages: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    records_without_releases: int = 0
    # The OCDS version each package declares ("1.0" when it declares none, as the standard says); known only
    # once the package has been read to its end, since `version` may follow the releases.
    versions: list[str | None] = field(default_factory=list)

    def version(self, item: Item) -> str:
        return "1.1" if item.package is None else (self.versions[item.package] or "1.0")


def _check(release, where: str, reading: Reading) -> bool:
    if not isinstance(release, dict):
        reading.errors.append(f"{where}: ไม่ใช่ release (ต้องเป็น JSON object)")
        return False
    ocid = release.get("ocid")
    if not isinstance(ocid, str) or not ocid.strip():
        reading.errors.append(f"{where}: ไม่มี ocid")
        return False
    return True


class _Refused(ValueError):
    pass


def _constant(name: str):
    raise _Refused(f"{name} ไม่ใช่ตัวเลขของ JSON")


_INF = float("inf")


def _double(text: str) -> float:
    value = float(text)
    if value == _INF or value == -_INF:
        raise _Refused(f"ตัวเลข {text[:40]} เกินช่วงของ double")
    return value


_DECODER = json.JSONDecoder(parse_constant=_constant, parse_float=_double)


def _small_ints(node):
    """Integers outside -2**63 to 2**64 - 1 as doubles, as the JSON-lines parser reads them."""
    kind = type(node)
    if kind is int and not -I64 <= node < U64:
        return float(node)
    if kind is dict:
        return {k: _small_ints(v) for k, v in node.items()}
    if kind is list:
        return [_small_ints(v) for v in node]
    return node


def dumps(release: dict) -> bytes:
    try:
        return orjson.dumps(release)
    except TypeError:
        return orjson.dumps(_small_ints(release))


class _Text:
    """A window over the decoded text of a binary stream, for reading one JSON value after another."""

    def __init__(self, stream: BinaryIO, head: bytes, reading: Reading, unparsed: bool = False):
        self.stream, self.reading, self.unparsed = stream, reading, unparsed
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        self.buf = self.decoder.decode(head)
        self.pos, self.eof = 0, False
        self.fills = 0

    def read(self) -> bytes:
        chunk = self.stream.read(CHUNK)
        self.reading.digest.update(chunk)
        if not chunk:
            self.eof = True
        self.fills += 1
        return chunk

    def fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.read()
        self.buf = self.buf[self.pos:] + self.decoder.decode(chunk, final=not chunk)
        self.pos = 0
        return True

    def skip(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                return ""

    def value(self):
        self.skip()
        while True:
            try:
                obj, end = _DECODER.raw_decode(self.buf, self.pos)
            except _Refused:
                raise
            except json.JSONDecodeError:
                if self.eof or len(self.buf) - self.pos > MAX_ELEMENT:
                    raise
                self.fill()
                continue
            if end == len(self.buf) and not self.eof:  # a number may go on in the next chunk
                self.fill()
                continue
            self.pos = end
            return obj

    def expect(self, char: str) -> None:
        if self.skip() != char:
            raise json.JSONDecodeError(f"Expecting {char!r}", self.buf, self.pos)
        self.pos += 1

    def elements(self, batched: bool = False) -> Iterator:
        """The values of the array that starts here, one at a time; `batched`: most of them parsed in batches
        (see `batches`), the same values."""
        self.expect("[")
        if self.skip() == "]":
            self.pos += 1
            return
        while True:
            self.skip()
            yield self.value()
            end, fills = self.pos, self.fills
            char = self.skip()
            self.pos += 1
            if char == "]":
                return
            if char != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", self.buf, self.pos - 1)
            if batched and self.skip() == "{" and self.fills == fills:
                batched = False  # once an array: after a fall-back the rest is read one value at a time
                colon = self.buf.find(":", self.pos, self.pos + 64)
                if colon > 0:
                    yield from self.batches(self.buf[end:colon + 1].encode(), self.pos - end)

    def batches(self, marker: bytes, gap: int) -> Iterator:
        """The values from here on of an array whose values are objects, parsed a batch at a time from the
        bytes as read (the standard JSON decoder on decoded text costs twice as much: most of a large
        import's reading). `marker` is the text between the first two values, up to the second one's first
        key, e.g. `},\n{"ocid":`; `gap` its part before the second value (white space and the comma).

        A batch ends where the marker last occurs within BATCH bytes, and is parsed as `[` + batch + `]`. It
        parses only if it holds whole values, each starting where the one before it ended (and its comma),
        the first here, the last ending where the marker's white space and comma start: so exactly the
        values that reading one at a time finds there. Where it does not parse (the marker found inside a
        value, or anything the decoder refuses), or no marker is found, the rest is read one value at a
        time as before, which finds the same values or reports the problem with its place. The JSON-lines
        parser is the one used; it reads every value as the standard decoder does here (numbers beyond a
        double refused by both, integers beyond 64 bits doubles for both: `_small_ints`). Bytes are decoded
        only where read one value at a time: a file that is not UTF-8 is refused as before, though releases
        before the bad bytes in the same window may have been read (and their problems listed) first."""
        raw = self.buf[self.pos:].encode() + self.decoder.getstate()[0]
        at = 0
        head = marker[gap:]  # a release's opening, up to its first key's colon
        if self.unparsed and _OCID_HEAD.fullmatch(head):
            yield from self._unparsed(raw, marker, head)
            return
        while True:
            raw, at, cut = self._next_cut(raw, at, marker)
            if cut <= at:
                break
            try:
                values = orjson.loads(b"[" + raw[at:cut] + b"]")
            except orjson.JSONDecodeError:
                break
            at = cut + gap
            yield from values
        self._resume(raw[at:])

    def _next_cut(self, raw: bytes, at: int, marker: bytes) -> tuple[bytes, int, int]:
        """(raw, at, cut): the bytes from `at` topped up to BATCH (or to the stream's end), and where the
        marker last occurs within BATCH bytes of `at` (`cut` ≤ `at`: nowhere)."""
        while len(raw) - at < BATCH and not self.eof:
            raw, at = raw[at:] + self.read(), 0
        return raw, at, raw.rfind(marker, at, at + BATCH)

    def _resume(self, rest: bytes) -> None:
        """Back to decoded text for the rest (past the start of the stream, so no byte-order mark to drop). A
        stream read to its end gives b"" again: the next fill makes the last decoding final, as before."""
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
        self.buf = self.decoder.decode(rest)
        self.pos, self.eof = 0, False

    def _unparsed(self, raw: bytes, marker: bytes, head: bytes) -> Iterator:
        """`batches` without parsing (see `read_source`): each release's own text, cut where the marker
        occurs. The marker holds a quote that is not escaped, so in valid JSON it is never inside a string:
        it is between two releases or, at worst, between two objects inside one, and then the pieces do not
        parse when the release is compiled (`Unparsed`). The last release and what follows the array are
        read as before."""
        at = 0
        while True:
            raw, at, cut = self._next_cut(raw, at, marker)
            if cut <= at:
                break
            parts = raw[at:cut].split(marker)
            for n, part in enumerate(parts):
                text = part if n == 0 else head + part
                found = _OCID_VALUE.match(text, len(head))
                if found is None:
                    raise Unparsed("ocid")
                try:
                    ocid = found.group(1).decode()
                except UnicodeDecodeError:
                    raise Unparsed("ocid") from None
                if not ocid.strip():
                    raise Unparsed("ocid")
                yield _Piece(ocid, text)
            at = cut + len(marker) - len(head)
        self._resume(raw[at:])


@dataclass
class _Piece:
    ocid: str
    text: bytes


def _package_meta(name: str, meta: dict, kind: str) -> dict:
    return {"file": name, "kind": kind, **{k: meta[k] for k in PACKAGE_KEYS if k in meta}}


def _version(meta: dict) -> str:
    version = meta.get("version")
    return version if isinstance(version, str) else "1.0"


def _releases(name: str, text: _Text, package: int, reading: Reading) -> Iterator[Item]:
    for index, release in enumerate(text.elements(batched=True)):
        where = f"{name} releases[{index}]"
        if type(release) is _Piece:
            yield Item(None, release.text, where, package, release.ocid)
        elif _check(release, where, reading):
            yield Item(release, dumps(release), where, package)


def _records(name: str, text: _Text, package: int, reading: Reading) -> Iterator[Item]:
    for r_index, record in enumerate(text.elements()):
        record = record if isinstance(record, dict) else {}
        embedded = [
            r for r in record.get("releases") or [] if isinstance(r, dict) and "ocid" in r and "tag" in r
        ]
        found = []
        if embedded:
            found = [(f"{name} records[{r_index}].releases[{i}]", r) for i, r in enumerate(embedded)]
        elif isinstance(record.get("compiledRelease"), dict):
            found = [(f"{name} records[{r_index}].compiledRelease", record["compiledRelease"])]
        else:
            reading.records_without_releases += 1
            reading.errors.append(f"{name} records[{r_index}]: ไม่มี release หรือ compiledRelease ที่อ่านได้")
        for where, release in found:
            if _check(release, where, reading):
                yield Item(release, dumps(release), where, package)


def _object(name: str, text: _Text, reading: Reading) -> Iterator[Item]:
    """A top-level object: a release package or record package (read as a stream), or a single release."""
    text.expect("{")
    meta: dict = {}
    kind, package = None, len(reading.versions)
    if text.skip() == "}":
        text.pos += 1
    else:
        while True:
            text.skip()
            key = text.value()
            text.expect(":")
            if key in ("releases", "records") and text.skip() == "[" and kind is None:
                kind = key
                reading.versions.append(None)
                reader = _releases if key == "releases" else _records
                yield from reader(name, text, package, reading)
            else:
                meta[key] = text.value()
            char = text.skip()
            text.pos += 1
            if char == "}":
                break
            if char != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text.buf, text.pos - 1)
    if kind is not None:
        reading.versions[package] = _version(meta)
        reading.packages.append(_package_meta(name, meta, "release package" if kind == "releases"
                                              else "record package"))
    elif "ocid" in meta:
        if _check(meta, name, reading):
            yield Item(meta, dumps(meta), name)
    else:
        reading.errors.append(f"{name}: ไม่ใช่ release package, record package หรือ release ของ OCDS")


def _documents(name: str, text: _Text, reading: Reading) -> Iterator[Item]:
    while True:
        char = text.skip()
        if char == "{":
            yield from _object(name, text, reading)
        elif char == "[":
            for index, release in enumerate(text.elements()):
                where = f"{name} [{index}]"
                if _check(release, where, reading):
                    yield Item(release, dumps(release), where)
        elif char == "":
            return
        else:
            reading.errors.append(f"{name}: ไม่ใช่ release package, record package หรือ release ของ OCDS")
            return


def _lines(name: str, first: bytes, stream: BinaryIO, reading: Reading) -> Iterator[Item]:
    for number, line in enumerate(_chain(first, stream, reading), 1):
        if not line.strip():
            continue
        where = f"{name} บรรทัด {number}"
        try:
            release = orjson.loads(line)
        except orjson.JSONDecodeError:
            reading.errors.append(f"{where}: ไม่ใช่ JSON ที่ถูกต้อง")
            continue
        if _check(release, where, reading):
            yield Item(release, line.rstrip(b"\r\n"), where)


def _chain(first: bytes, stream: BinaryIO, reading: Reading) -> Iterator[bytes]:
    yield first
    for line in stream:
        reading.digest.update(line)
        yield line


def read_source(name: str, stream: BinaryIO, reading: Reading, *, unparsed: bool = False) -> Iterator[Item]:
    """Items of one file. The first line decides: a whole JSON object with an ocid starts JSON lines.

    `unparsed`: most of a release package's releases (those `_Text.batches` reads, when the releases start
    with their ocid) come as their input text (`Item.release` None), to be parsed once, when compiled: parsing
    them here too, to re-serialise them and drop them, was a sixth of an import. Where such a text is not a
    whole release with that ocid, the one who parses it raises `Unparsed` and reads the source again without
    this (the problems found and their places are those of that reading)."""
    first = stream.readline(FIRST_LINE)
    reading.digest.update(first)
    head = None
    if first.endswith(b"\n") or len(first) < FIRST_LINE:
        try:
            head = orjson.loads(first) if first.strip() else None
        except orjson.JSONDecodeError:
            head = None
    if isinstance(head, dict) and "ocid" in head and "releases" not in head and "records" not in head:
        yield from _lines(name, first, stream, reading)
        return
    text = _Text(stream, first, reading, unparsed)
    try:
        yield from _documents(name, text, reading)
    except _Refused as exc:
        reading.errors.append(f"{name}: ไม่ใช่ JSON ที่ถูกต้อง ({exc} ใกล้ “{_place(text.buf, text.pos)}”)")
    except json.JSONDecodeError as exc:
        reading.errors.append(f"{name}: ไม่ใช่ JSON ที่ถูกต้อง ({exc.msg} ใกล้ “{_place(exc.doc, exc.pos)}”)")
    except UnicodeDecodeError:
        reading.errors.append(f"{name}: ไม่ใช่ข้อความ UTF-8")
    while text.fill():  # the hash covers every byte, also after a problem
        text.buf, text.pos = "", 0


def _place(doc: str, pos: int) -> str:
    return " ".join(doc[max(pos - 30, 0):pos + 30].split())
