"""Importing OCDS data: every release is stored as published, the compiled release is recomputed, and the
fields the pages and the analysis use are read from it. All or nothing: one unreadable release stops the
import and nothing is written (the run and its problems are still recorded)."""

from __future__ import annotations

import gc
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import BinaryIO

import lz4.block
import orjson
from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record
from core.errors import ApplicationError
from org.models import Unit
from procurement import bulk
from procurement.models import Bid, DocumentBuyer, ImportRun, Project, Release, Supplier
from procurement.names import company_key
from procurement.ocds.extract import amount_of, date_of, participants, project_fields, supplier_key
from procurement.ocds.merge import compile_releases, normalise
from procurement.ocds.read import Item, Reading, Unparsed, dumps, read_source
from procurement.search import index_text

BATCH = 500  # processes written at a time
BATCH_BYTES = 4 << 20  # release text held at a time, so that memory stays flat whatever the file's size
FIELD_NAMES = [
    "title", "description", "category", "method", "method_details", "ocds_method", "method_rationale",
    "budget", "budget_source", "currency", "reference_price", "reference_method", "criteria",
    "criteria_detail", "announced_on", "submission_deadline", "status", "awarded_on", "award_amount",
    "award_reason", "winner_names", "contract_no", "contract_signed_on", "contract_amount", "cancel_reason",
    "fiscal_year", "uses_bids",
]
BID_STATUSES = set(Bid.Status.values)
RELEASE_COLUMNS = ["project_id", "release_id", "date", "tag", "json_text", "sha256", "generated",
                   "import_run_id", "seq"]
MAX_ERRORS = 50


class _Spill:
    """Releases as read, kept on disk, so that each process's releases can be taken together (whichever parts
    of which files they came in) without holding the whole input in memory: the texts one after another in a
    private temporary file, their ocid and place in a private temporary SQLite file (an index on ocid gives
    each process's releases in order of arrival). The texts stay out of SQLite: copying them into its pages
    and back cost twice as much as the plain file. They go in compressed (LZ4, a fifth of the size): writing
    and reading back 110 MB cost more system time than compressing it (an import of 10,000 releases: about
    0.2 s of CPU less)."""

    def __init__(self):
        self.file = tempfile.TemporaryFile()
        self.end = 0
        self.db = sqlite3.connect("")  # an empty name: a private on-disk database, removed on close
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("CREATE TABLE spill (seq INTEGER PRIMARY KEY, ocid TEXT, package INTEGER, "
                        "at INTEGER, size INTEGER, unparsed INTEGER)")
        self.rows: list[tuple] = []

    def add(self, item: Item) -> None:
        packed = lz4.block.compress(item.text)
        size = len(packed)
        self.file.write(packed)
        unparsed = item.release is None
        ocid = item.ocid if unparsed else item.release["ocid"]
        self.rows.append((ocid, item.package, self.end, size, unparsed))
        self.end += size
        if len(self.rows) >= 1000:
            self._write()

    def _write(self) -> None:
        self.db.executemany("INSERT INTO spill (ocid, package, at, size, unparsed) VALUES (?, ?, ?, ?, ?)",
                            self.rows)
        self.rows = []

    def groups(self) -> Iterator[tuple[str, list[tuple[int | None, bytes, bool]]]]:
        """(ocid, [(package, text, unparsed), ...] in order of arrival) for each process, one at a time."""
        self._write()
        self.file.flush()
        fd = self.file.fileno()
        self.db.execute("CREATE INDEX spill_ocid ON spill (ocid, seq)")
        current, found = None, []
        rows = self.db.execute("SELECT ocid, package, at, size, unparsed FROM spill ORDER BY ocid, seq")
        for ocid, package, at, size, unparsed in rows:
            if ocid != current:
                if found:
                    yield current, found
                current, found = ocid, []
            found.append((package, lz4.block.decompress(os.pread(fd, size, at)), unparsed))
        if found:
            yield current, found

    def close(self) -> None:
        self.db.close()
        self.file.close()


class _Batch:
    def __init__(self, unit: Unit, run: ImportRun, publish: bool, counts: dict, errors: list[str]):
        self.unit, self.run, self.publish, self.counts, self.errors = unit, run, publish, counts, errors
        self.items: dict[str, list[Item]] = {}
        self.size = 0

    def add(self, ocid: str, items: list[Item]) -> None:
        self.items[ocid] = items
        self.size += sum(len(item.text) for item in items)
        if len(self.items) >= BATCH or self.size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.items:
            _flush(self)
            self.items, self.size = {}, 0


def _items(ocid: str, rows: list[tuple[int | None, bytes, bool]], reading: Reading) -> list[Item]:
    items = []
    for package, text, unparsed in rows:
        if unparsed:
            # Read as its input text (see read_source): parsed here, once, and stored re-serialised as the
            # releases read parsed are.
            try:
                release = orjson.loads(text)
            except orjson.JSONDecodeError:
                raise Unparsed(ocid) from None
            if type(release) is not dict or release.get("ocid") != ocid:
                raise Unparsed(ocid)
            text = dumps(release)
        else:
            release = orjson.loads(text)
        item = Item(release, text, ocid, package)
        if reading.version(item) == "1.0":
            # OCDS 1.0 names organisations in place; 1.1 lists them in `parties` and refers to them by id.
            from ocdskit.upgrade import upgrade_release_10_11  # only 1.0 input needs it: kept out of start-up

            upgrade_release_10_11(release, reorder=False)
            item.text = dumps(release)
        items.append(item)
    return items


def _release_id(item: Item) -> str:
    rid = item.release.get("id")
    if isinstance(rid, (str, int)) and str(rid):
        return str(rid)[:255]
    return f"{item.release['ocid']}-{hashlib.sha256(item.text).hexdigest()[:16]}"


def _flush(batch: _Batch) -> None:
    now = timezone.now()
    existing = {p.ocid: p for p in Project.objects.filter(ocid__in=list(batch.items))}
    for ocid, project in existing.items():
        if project.source != Project.Source.OCDS:
            batch.errors.append(f"ocid {ocid} เป็นโครงการที่บันทึกในระบบนี้ นำเข้าทับไม่ได้")
    if batch.errors:
        return
    stored: dict[int, dict[str, Release]] = {}
    # Hashes decide what changed; a stored release's text is read only when its process must be recompiled.
    known = Release.objects.filter(project__in=list(existing.values()))
    for release in known.only("id", "project_id", "release_id", "sha256", "seq"):
        stored.setdefault(release.project_id, {})[release.release_id] = release
    plans = []
    for ocid, items in batch.items.items():
        project = existing.get(ocid)
        plan = _plan(ocid, items, project, stored.get(project.pk, {}) if project else {})
        if plan is None:
            batch.counts["unchanged"] += 1
        else:
            plans.append(plan)
    _apply(batch, plans, now)


def _plan(ocid: str, items: list[Item], project: Project | None, old: dict[str, Release]) -> tuple | None:
    """What one process's releases add and replace; None when a stored process gets nothing new."""
    incoming: dict[str, Item] = {}
    for item in items:
        incoming[_release_id(item)] = item
    new, changed = [], []
    for rid, item in incoming.items():
        digest = hashlib.sha256(item.text).hexdigest()
        if rid not in old:
            new.append((rid, item, digest))
        elif old[rid].sha256 != digest:
            changed.append((old[rid], item, digest))
    if project is not None and not new and not changed:
        return None
    return ocid, project, old, incoming, new, changed


def _compiled(old: dict[str, Release], incoming: dict[str, Item]) -> dict:
    releases = {rid: r.data for rid, r in old.items()}
    releases.update({rid: item.release for rid, item in incoming.items()})
    if len(releases) == 1:
        only = next(iter(releases.values()))
        if "compiled" in (only.get("tag") or []):
            return normalise(only)
    return compile_releases(releases.values())


def _apply(batch: _Batch, plans: list, now) -> None:
    created, updated, found = [], [], {}
    for ocid, project, old, incoming, _new, _changed in plans:
        compiled = _compiled(old, incoming)
        found[ocid] = participants(compiled)
        fields = project_fields(compiled)
        text = orjson.dumps(compiled)
        search = index_text(fields["title"], fields["description"][:1000], fields["winner_names"],
                            fields["method_details"])
        release_count = len(set(old) | set(incoming))
        if project is None:
            created.append((ocid, fields, text, release_count, search))
            continue
        for name in FIELD_NAMES:
            setattr(project, name, fields[name])
        project.compiled_text, project.release_count = text.decode(), release_count
        project.search_text = search
        if batch.publish and project.published_at is None:
            project.published_at = now
        updated.append(project)
    batch.counts["created"] += len(created)
    batch.counts["updated"] += len(updated)
    # Suppliers first, so that each project goes in with its winner in the same write.
    known = _suppliers(found)

    def winner(ocid: str) -> Supplier | None:
        winners = found[ocid]["winners"]
        return _supplier(known, ocid, found[ocid], winners[0]) if winners else None

    project_ids = _insert_projects(batch, created, winner, now)
    for project in updated:
        project.winner = winner(project.ocid)
        project_ids[project.ocid] = project.pk
    Project.objects.bulk_update(updated, [*FIELD_NAMES, "compiled_text", "release_count", "search_text",
                                          "published_at", "winner"], batch_size=500)
    to_create, to_update = [], []
    run_id = batch.run.pk
    for ocid, _project, old, _incoming, new, changed in plans:
        project_id = project_ids[ocid]
        seq = len(old)
        for rid, item, digest in new:
            seq += 1
            tag, date = item.release.get("tag"), item.release.get("date")
            tag, date = tag if type(tag) is list else [], date[:64] if type(date) is str else ""
            to_create.append([project_id, rid, date, tag, item.text, digest, False, run_id, seq])
        for release, item, digest in changed:
            release.json_text, release.sha256, release.import_run = item.text.decode(), digest, batch.run
            to_update.append(release)
    bulk.insert_rows(Release, RELEASE_COLUMNS, to_create)
    Release.objects.bulk_update(to_update, ["json_text", "sha256", "import_run"], batch_size=500)
    batch.counts["releases_added"] += len(to_create)
    batch.counts["releases_replaced"] += len(to_update)
    _participants([(project_ids[ocid], ocid) for ocid, *_ in plans], found, known, [p.pk for p in updated])


# The columns a new imported project's row gives, in the order `_insert_projects` writes its values.
_GIVEN_COLUMNS = ["id", "unit_id", "ocid", "source", *FIELD_NAMES, "compiled_text", "release_count",
                  "search_text", "published_at", "winner_id"]


def _project_defaults() -> list[tuple[str, Callable]]:
    """The columns a new imported project leaves at their defaults, with how to get each one's default."""
    given = set(_GIVEN_COLUMNS)
    return [(f.attname, f.get_default) for f in Project._meta.concrete_fields
            if f.attname not in given and not bulk.stamped(f)]


def _insert_projects(batch: _Batch, created: list, winner: Callable, now) -> dict[str, int]:
    """New projects go in as rows of values, without model instances (a tenth of a second per 4,000 saved,
    the import's own work being a few seconds). The project ids by ocid."""
    defaults = _project_defaults()
    names = [*_GIVEN_COLUMNS, *(name for name, _ in defaults)]
    ids = bulk.new_ids(Project, len(created))
    unit_id, source, published = batch.unit.pk, Project.Source.OCDS.value, now if batch.publish else None
    rows = []
    for pk, (ocid, fields, text, release_count, search) in zip(ids, created, strict=True):
        won = winner(ocid)
        rows.append([pk, unit_id, ocid, source, *[fields[name] for name in FIELD_NAMES], text, release_count,
                     search, published, won.pk if won else None, *(default() for _, default in defaults)])
    bulk.insert_rows(Project, names, rows)
    return {ocid: pk for pk, (ocid, *_) in zip(ids, created, strict=True)}


def _supplier(known: dict[str, Supplier], ocid: str, part: dict, pid: str) -> Supplier:
    return known[supplier_key(ocid, part["parties"][pid])]


def _suppliers(found: dict[str, dict]) -> dict[str, Supplier]:
    """The supplier row of every party that took part, created where missing, by supplier key."""
    keys: dict[str, dict] = {}
    for ocid, part in found.items():
        for party in part["parties"].values():
            keys.setdefault(supplier_key(ocid, party), party)
    known = {s.ocds_id: s for s in Supplier.objects.filter(ocds_id__in=list(keys))}
    missing = []
    for key, party in keys.items():
        if key not in known:
            name = str(party.get("name") or key)[:500]
            address = party.get("address") if isinstance(party.get("address"), dict) else {}
            contact = party.get("contactPoint") if isinstance(party.get("contactPoint"), dict) else {}
            missing.append(Supplier(ocds_id=key, name=name, name_key=company_key(name)[:500],
                                    address=" ".join(str(v) for v in address.values() if isinstance(v, str)),
                                    phone=str(contact.get("telephone") or "")[:64]))
    bulk.insert(Supplier, missing)
    known.update({m.ocds_id: m for m in missing})
    return known


def _participants(projects: list[tuple[int, str]], found: dict[str, dict], known: dict[str, Supplier],
                  existing: list[int]) -> None:
    """Bidders and document buyers as rows, so relationship checks and lists see imported data. `projects`:
    (id, ocid) of each project written."""
    Bid.objects.filter(project_id__in=existing).delete()
    DocumentBuyer.objects.filter(project_id__in=existing).delete()
    bids, buyers = [], []
    for project_id, ocid in projects:
        part = found[ocid]

        def supplier(pid: str, ocid=ocid, part=part) -> Supplier:
            return _supplier(known, ocid, part, pid)

        seen_bids = set()
        for bid, pid in part["bids"]:
            bid_id = str(bid["id"])[:255]
            if bid_id in seen_bids:
                continue
            seen_bids.add(bid_id)
            value = bid.get("value") if isinstance(bid.get("value"), dict) else {}
            amount = value.get("amount")
            parsed, _ = amount_of(value) if amount is not None else (None, "")
            status = bid.get("status")
            bids.append([project_id, supplier(pid).pk, bid_id, parsed, date_of(bid.get("date")),
                         status if status in BID_STATUSES else Bid.Status.PENDING.value, ""])
        for pid in dict.fromkeys(part["document_buyers"]):
            buyers.append([project_id, supplier(pid).pk, None])
    bulk.insert_rows(Bid, ["project_id", "supplier_id", "ocds_id", "amount", "submitted_on", "status",
                           "status_reason"], bids)
    bulk.insert_rows(DocumentBuyer, ["project_id", "supplier_id", "obtained_on"], buyers)


def _rewinds(stream: BinaryIO) -> bool:
    try:
        return stream.seekable() and stream.tell() == 0
    except (AttributeError, OSError, ValueError):
        return False


@contextmanager
def _no_cycle_collection():
    """The cycle collector paused while importing: parsing allocates millions of dicts and lists, which start
    its passes again and again (about a seventh of an import's time), and the releases hold no cycles for it
    to free. Memory stays as flat without it; it runs again (as before) once the import is over."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def ocds_import(*, actor, sources: Iterable[tuple[str, BinaryIO]], unit: Unit,
                publish: bool = True) -> ImportRun:
    """Import OCDS files (release packages, record packages, JSON lines). Raises ApplicationError with the
    problems (in `extra["errors"]`) when anything cannot be read; the failed run is recorded all the same."""
    require(actor, "procurement.edit", unit=unit)
    with _no_cycle_collection():
        return _import(actor, list(sources), unit, publish)


def _counts() -> dict:
    return {"created": 0, "updated": 0, "unchanged": 0, "releases_added": 0, "releases_replaced": 0}


def _read_and_write(sources: list[tuple[str, BinaryIO]], unit: Unit, run: ImportRun, publish: bool,
                    counts: dict, reading: Reading, unparsed: bool) -> None:
    spill = _Spill()
    cut = False  # whether any release was read unparsed
    try:
        for name, stream in sources:
            for item in read_source(name, stream, reading, unparsed=unparsed):
                cut = cut or item.release is None
                # After the first problem nothing more is kept; reading goes on to list the others.
                if len(reading.errors) >= MAX_ERRORS:
                    break
                if not reading.errors:
                    spill.add(item)
        if reading.errors and cut:
            # A cut inside a release may have sent the reading astray after it: problems are found reading
            # the sources again, parsed.
            raise Unparsed("problems")
        if not reading.errors:
            batch = _Batch(unit, run, publish, counts, reading.errors)
            for ocid, rows in spill.groups():
                batch.add(ocid, _items(ocid, rows, reading))
            batch.flush()
    finally:
        spill.close()


def _import(actor, sources: list[tuple[str, BinaryIO]], unit: Unit, publish: bool) -> ImportRun:
    filenames = ", ".join(name for name, _ in sources)[:2000]
    run = ImportRun(kind=ImportRun.Kind.OCDS, unit=unit, filenames=filenames,
                    actor=actor if getattr(actor, "is_authenticated", False) else None)
    counts = _counts()
    reading = Reading()
    # Releases are read unparsed where the sources can be read again (files, not stdin): see read_source.
    unparsed = all(_rewinds(stream) for _, stream in sources)
    try:
        with transaction.atomic():
            run.save()
            try:
                with transaction.atomic():  # undone if an unparsed release was not what it seemed
                    _read_and_write(sources, unit, run, publish, counts, reading, unparsed)
            except Unparsed:
                counts, reading = _counts(), Reading()
                for _, stream in sources:
                    stream.seek(0)
                _read_and_write(sources, unit, run, publish, counts, reading, False)
            if reading.errors:
                raise ApplicationError("นำเข้าไม่สำเร็จ ไม่มีข้อมูลใดถูกบันทึก")
            run.ok = True
            run.sha256 = reading.digest.hexdigest()
            run.counts = {**counts, "packages": reading.packages}
            run.save()
            audit_record(actor=actor, action="procurement.ocds_import", obj=run, unit=unit,
                         new={k: v for k, v in counts.items()}, note=run.filenames)
    except ApplicationError as exc:
        run.pk = None
        run.ok = False
        run.errors = [{"row": None, "column": "", "message": e} for e in reading.errors[:MAX_ERRORS]]
        run.sha256 = reading.digest.hexdigest()
        run.counts = counts
        run.save()
        audit_record(actor=actor, action="procurement.ocds_import_failed", obj=run, unit=unit,
                     new={"errors": len(reading.errors)}, note=run.filenames)
        extra = {"errors": reading.errors[:MAX_ERRORS], "run": run}
        raise ApplicationError(exc.message, extra=extra) from None
    return run
