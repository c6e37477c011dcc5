"""Reading OCDS input: release packages, record packages, single releases and JSON lines (one release or
compiled release per line, read as a stream so large files never sit in memory whole)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import orjson

PACKAGE_KEYS = ("uri", "version", "publishedDate", "publisher", "license", "publicationPolicy", "extensions")


@dataclass
class Item:
    release: dict
    text: bytes  # the release as stored: the input line itself for JSON lines, re-serialised otherwise
    where: str


@dataclass
class Reading:
    """What was read from all sources: metadata of packages, problems found, and a hash of every byte."""

    packages: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    records_without_releases: int = 0


def _package_meta(name: str, data: dict, kind: str) -> dict:
    meta = {k: data[k] for k in PACKAGE_KEYS if k in data}
    return {"file": name, "kind": kind, **meta}


def _check(release, where: str, reading: Reading) -> bool:
    if not isinstance(release, dict):
        reading.errors.append(f"{where}: ไม่ใช่ release (ต้องเป็น JSON object)")
        return False
    ocid = release.get("ocid")
    if not isinstance(ocid, str) or not ocid.strip():
        reading.errors.append(f"{where}: ไม่มี ocid")
        return False
    return True


def _from_document(name: str, data, reading: Reading) -> Iterator[Item]:
    if isinstance(data, dict) and isinstance(data.get("releases"), list):
        reading.packages.append(_package_meta(name, data, "release package"))
        for index, release in enumerate(data["releases"]):
            where = f"{name} releases[{index}]"
            if _check(release, where, reading):
                yield Item(release, orjson.dumps(release), where)
    elif isinstance(data, dict) and isinstance(data.get("records"), list):
        reading.packages.append(_package_meta(name, data, "record package"))
        for r_index, record in enumerate(data["records"]):
            record = record if isinstance(record, dict) else {}
            embedded = [r for r in record.get("releases") or [] if isinstance(r, dict) and "ocid" in r and "tag" in r]
            if embedded:
                for index, release in enumerate(embedded):
                    where = f"{name} records[{r_index}].releases[{index}]"
                    if _check(release, where, reading):
                        yield Item(release, orjson.dumps(release), where)
            elif isinstance(record.get("compiledRelease"), dict):
                where = f"{name} records[{r_index}].compiledRelease"
                release = record["compiledRelease"]
                if _check(release, where, reading):
                    yield Item(release, orjson.dumps(release), where)
            else:
                reading.records_without_releases += 1
                reading.errors.append(f"{name} records[{r_index}]: ไม่มี release หรือ compiledRelease ที่อ่านได้")
    elif isinstance(data, list):
        for index, release in enumerate(data):
            where = f"{name} [{index}]"
            if _check(release, where, reading):
                yield Item(release, orjson.dumps(release), where)
    elif isinstance(data, dict) and "ocid" in data:
        if _check(data, name, reading):
            yield Item(data, orjson.dumps(data), name)
    else:
        reading.errors.append(f"{name}: ไม่ใช่ release package, record package หรือ release ของ OCDS")


def read_source(name: str, stream: BinaryIO, reading: Reading) -> Iterator[Item]:
    """Items of one file. The first line decides: a whole JSON object with an ocid starts JSON lines."""
    first = stream.readline()
    reading.digest.update(first)
    try:
        head = orjson.loads(first) if first.strip() else None
    except orjson.JSONDecodeError:
        head = None
    if isinstance(head, dict) and "ocid" in head and "releases" not in head and "records" not in head:
        number = 1
        if _check(head, f"{name} บรรทัด 1", reading):
            yield Item(head, first.rstrip(b"\r\n"), f"{name} บรรทัด 1")
        for line in stream:
            number += 1
            reading.digest.update(line)
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
        return
    rest = stream.read()
    reading.digest.update(rest)
    try:
        data = orjson.loads(first + rest)
    except orjson.JSONDecodeError as exc:
        reading.errors.append(f"{name}: ไม่ใช่ JSON ที่ถูกต้อง ({exc})")
        return
    yield from _from_document(name, data, reading)
