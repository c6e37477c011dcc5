"""Writing what we hold as OCDS: a release package, a record package, or compiled releases as JSON lines.

Written as a stream (one release in memory at a time). Each release goes out as stored, after `normalise`
(see merge.py) so that the output validates against the 1.1.5 schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

import orjson
from django.utils import timezone

from core.thai import BANGKOK
from procurement.ocds import BID_EXTENSION, VERSION
from procurement.ocds.merge import normalise


def _head(meta: dict, *, uses_bids: bool) -> dict:
    head = {
        "uri": meta["uri"],
        "version": VERSION,
        "publishedDate": (
            meta.get("publishedDate") or timezone.now().astimezone(BANGKOK).isoformat(timespec="seconds")
        ),
        "publisher": meta["publisher"],
    }
    for key in ("license", "publicationPolicy"):
        if meta.get(key):
            head[key] = meta[key]
    if uses_bids:
        head["extensions"] = [BID_EXTENSION]
    return head


def _opening(head: dict, key: str) -> bytes:
    text = orjson.dumps(head, option=orjson.OPT_INDENT_2)
    return text[:-2] + f',\n  "{key}": [\n'.encode()


def _open(fp: BinaryIO, head: dict, key: str) -> None:
    fp.write(_opening(head, key))


def iter_release_package(releases: Iterable[str], meta: dict, *, uses_bids: bool) -> Iterator[bytes]:
    """The release package piece by piece (its head, then one release at a time), for a streamed
    download; `releases` are stored release JSON texts."""
    yield _opening(_head(meta, uses_bids=uses_bids), "releases")
    first = True
    for text in releases:
        yield (b"    " if first else b",\n    ") + orjson.dumps(normalise(orjson.loads(text)))
        first = False
    yield b"\n  ]\n}\n"


def write_release_package(fp: BinaryIO, releases: Iterable[str], meta: dict, *, uses_bids: bool) -> int:
    """`releases`: stored release JSON texts. Returns how many were written."""
    count = 0

    def counted():
        nonlocal count
        for text in releases:
            count += 1
            yield text

    for piece in iter_release_package(counted(), meta, uses_bids=uses_bids):
        fp.write(piece)
    return count


def write_record_package(fp: BinaryIO, records: Iterable[tuple[str, list[str], str]], meta: dict, *,
                         uses_bids: bool) -> int:
    """`records`: (ocid, release texts, compiled release text)."""
    _open(fp, _head(meta, uses_bids=uses_bids), "records")
    count = 0
    for ocid, releases, compiled in records:
        record = {"ocid": ocid, "releases": [normalise(orjson.loads(t)) for t in releases],
                  "compiledRelease": normalise(orjson.loads(compiled))}
        fp.write(b",\n" if count else b"")
        fp.write(b"    " + orjson.dumps(record))
        count += 1
    fp.write(b"\n  ]\n}\n")
    return count


def write_jsonl(fp: BinaryIO, compiled: Iterable[str]) -> int:
    count = 0
    for text in compiled:
        fp.write(orjson.dumps(normalise(orjson.loads(text))) + b"\n")
        count += 1
    return count
