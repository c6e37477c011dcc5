"""One archive holds everything needed to bring a Prongsai back: `prongsai backup PATH` /
`prongsai restore PATH`.

Layout of the tar file:

    db/prongsai.sqlite3   SQLite: a copy made with SQLite's online backup API, so pages still in the WAL are
                          in it
    db/prongsai.pgdump    PostgreSQL: pg_dump (custom format) of one snapshot, the row counts taken in the
                          same one
    uploads/…             every file under MEDIA_ROOT (complaint evidence stays encrypted as it is stored)
    keys/identity.key     the identity key and the Django secret in use
    keys/secret_key
    manifest.json         written last: the SHA-256 and size of every other member and every table's row count

Restore extracts into a staging directory, checks every member against the manifest (nothing missing,
nothing extra, every sum equal) and refuses an archive without its identity key rather than making a new one:
a new key opens none of the restored identities. After the database, uploads and keys are in place it
counts every table again and opens every identity and attachment with the restored key (the apps' key
checks, settings.PRONGSAI_KEY_CHECKS).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from config.env import StartRefused, fingerprint, fsync_dir, secret_in_environment, write_secret
from core.errors import ApplicationError
from core.startup import run_key_checks

FORMAT = "prongsai-backup"
VERSION = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"sqlite": "db/prongsai.sqlite3", "postgresql": "db/prongsai.pgdump"}
KEY_MEMBERS = {"identity.key": "keys/identity.key", "secret_key": "keys/secret_key"}
PREFIXES = ("db/", "uploads/", "keys/")
CHUNK = 1024 * 1024


@dataclass
class BackupResult:
    path: Path
    files: int
    size: int
    rows: int
    checks: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    files: int
    rows: int
    created_at: str
    checks: list[str] = field(default_factory=list)
    safety_backup: Path | None = None


def _data_root() -> Path:
    return Path(settings.DATA_DIR)


def _uploads_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _engine() -> str:
    if connection.vendor not in DB_MEMBER:
        raise ApplicationError(f"สำรองข้อมูลได้เฉพาะ SQLite และ PostgreSQL (ฐานข้อมูลนี้เป็น {connection.vendor})")
    return connection.vendor


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _counts_live() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _counts_sqlite_file(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        db.close()


def pg_tool(name: str) -> str:
    """pg_dump/pg_restore: the configured directory, then the server's own major version, then PATH."""
    candidates = []
    if settings.PRONGSAI_PG_BIN:
        candidates.append(Path(settings.PRONGSAI_PG_BIN) / name)
    connection.ensure_connection()
    major = connection.pg_version // 10000
    candidates.append(Path(f"/usr/lib/postgresql/{major}/bin/{name}"))
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    candidates += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise ApplicationError(f"ไม่พบโปรแกรม {name} ของ PostgreSQL กรุณาติดตั้ง postgresql-client หรือตั้ง "
                           "PRONGSAI_PG_BIN\n"
                           f"{name} not found: install the PostgreSQL client or set PRONGSAI_PG_BIN.")


def _pg_env() -> dict[str, str]:
    """Connection settings for pg_dump/pg_restore through the environment: a password never shows in `ps`."""
    db = connection.settings_dict
    env = dict(os.environ)
    for var, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD"),
                     ("PGDATABASE", "NAME")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _run(args: list[str]) -> None:
    result = subprocess.run(args, check=False, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise ApplicationError(f"{Path(args[0]).name} ไม่สำเร็จ / failed: {result.stderr.strip()[-2000:]}")


def _dump_database(stage: Path) -> tuple[Path, dict[str, int]]:
    engine = _engine()
    target = stage / Path(DB_MEMBER[engine]).name
    if engine == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            # The online backup API reads through SQLite itself: committed pages still in the WAL are copied
            # too.
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target, _counts_sqlite_file(target)
    tool = pg_tool("pg_dump")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        # Counted in the very snapshot pg_dump dumps, which this transaction keeps alive until it is done.
        counts = _counts_live()
        _run([tool, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              f"--file={target}"])
    return target, counts


class _HashingReader:
    def __init__(self, fh):
        self.fh = fh
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.fh.read(size)
        self.digest.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, member: str, files: dict) -> None:
    with open(path, "rb") as fh:
        info = tar.gettarinfo(fileobj=fh, arcname=member)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mode = 0o600
        reader = _HashingReader(fh)
        tar.addfile(info, reader)
    files[member] = {"sha256": reader.digest.hexdigest(), "size": info.size}


def _add_bytes(tar: tarfile.TarFile, data: bytes, member: str, files: dict | None) -> None:
    import io

    info = tarfile.TarInfo(member)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))
    if files is not None:
        files[member] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _upload_files() -> list[tuple[Path, str]]:
    root = _uploads_root()
    found = []
    if not root.exists():
        return found
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(directory) / name
            if path.is_symlink() or not path.is_file():
                continue
            found.append((path, "uploads/" + path.relative_to(root).as_posix()))
    return found


def backup(dest: Path, *, check_keys: bool = True) -> BackupResult:
    """Write the archive to dest (a directory gets a dated file name); the file is 0600, it holds the keys."""
    dest = Path(dest)
    if dest.is_dir():
        dest = dest / f"prongsai-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    checks = run_key_checks(full=True) if check_keys else []
    engine = _engine()
    files: dict[str, dict] = {}
    dest.parent.mkdir(parents=True, exist_ok=True)
    mode = "w:gz" if dest.name.endswith((".gz", ".tgz")) else "w"
    with tempfile.TemporaryDirectory(dir=_data_root(), prefix=".backup-") as stage_name:
        stage = Path(stage_name)
        db_path, counts = _dump_database(stage)
        tmp = dest.with_name(f".{dest.name}.partial")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode=mode) as tar:
                _add_file(tar, db_path, DB_MEMBER[engine], files)
                for path, member in _upload_files():
                    try:
                        _add_file(tar, path, member, files)
                    except FileNotFoundError:
                        continue  # removed while the backup ran (a discarded upload): not part of the data
                _add_bytes(tar, settings.PRONGSAI_IDENTITY_KEY.encode(), KEY_MEMBERS["identity.key"], files)
                _add_bytes(tar, settings.SECRET_KEY.encode(), KEY_MEMBERS["secret_key"], files)
                manifest = {
                    "format": FORMAT, "version": VERSION, "created_at": timezone.now().isoformat(),
                    "engine": engine, "database": DB_MEMBER[engine], "row_counts": counts,
                    "identity_key_fingerprint": fingerprint(settings.PRONGSAI_IDENTITY_KEY)[:16],
                    "files": files,
                }
                _add_bytes(tar, json.dumps(manifest, ensure_ascii=False, indent=1).encode(), MANIFEST, None)
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(tmp, dest)
            fsync_dir(dest.parent)
        finally:
            tmp.unlink(missing_ok=True)
    return BackupResult(path=dest, files=len(files), size=dest.stat().st_size, rows=sum(counts.values()),
                        checks=checks)


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return (not path.is_absolute() and ".." not in path.parts and name == path.as_posix()
            and (name == MANIFEST or name.startswith(PREFIXES)))


def _extract(archive: Path, stage: Path) -> dict[str, dict]:
    """Every member into the staging directory, with its SHA-256; refuses anything but plain files in the
    expected places."""
    found: dict[str, dict] = {}
    try:
        with tarfile.open(archive, mode="r:*") as tar:
            _extract_members(tar, stage, found)
    except (tarfile.TarError, OSError) as exc:
        raise ApplicationError(f"เปิดไฟล์สำรอง {archive} ไม่ได้: {exc}\n"
                               f"Cannot read the archive {archive}.") from None
    return found


def _extract_members(tar: tarfile.TarFile, stage: Path, found: dict[str, dict]) -> None:
    for info in tar:
        if not info.isfile() or not _safe_member(info.name) or info.name in found:
            raise ApplicationError(f"ไฟล์สำรองมีรายการที่ไม่ถูกต้อง: {info.name}\nUnexpected member: {info.name}")
        target = stage / info.name
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        digest = hashlib.sha256()
        source = tar.extractfile(info)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
        found[info.name] = {"sha256": digest.hexdigest(), "size": info.size}


def _verify(found: dict[str, dict], stage: Path) -> dict:
    if MANIFEST not in found:
        raise ApplicationError("ไฟล์สำรองไม่มี manifest.json จึงตรวจสอบความครบถ้วนไม่ได้ ไม่ได้กู้คืนสิ่งใด\n"
                               "The archive has no manifest.json; nothing was restored.")
    try:
        manifest = json.loads((stage / MANIFEST).read_text(encoding="utf-8"))
    except ValueError:
        raise ApplicationError("manifest.json อ่านไม่ได้ ไม่ได้กู้คืนสิ่งใด\nmanifest.json is unreadable.") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise ApplicationError("ไม่ใช่ไฟล์สำรองของระบบนี้ หรือเป็นรุ่นที่ไม่รองรับ\nNot a Prongsai backup of a known "
                               "version.")
    listed = manifest.get("files", {})
    found = {k: v for k, v in found.items() if k != MANIFEST}
    problems = [f"ไม่พบในไฟล์สำรอง / missing: {name}" for name in sorted(set(listed) - set(found))]
    problems += [f"ไม่อยู่ในรายการ / not in the manifest: {name}" for name in sorted(set(found) - set(listed))]
    problems += [f"ค่า SHA-256 ไม่ตรง / checksum differs: {name}" for name in sorted(set(found) & set(listed))
                 if found[name] != listed[name]]
    if KEY_MEMBERS["identity.key"] not in listed or KEY_MEMBERS["identity.key"] not in found:
        problems.insert(0, "ไฟล์สำรองไม่มีกุญแจ identity.key: ถ้ากู้คืนโดยสร้างกุญแจใหม่ จะเปิดข้อมูลผู้ร้องและไฟล์หลักฐาน"
                           "ไม่ได้เลย / the archive holds no identity key: with a new key no identity or "
                           "attachment could be read")
    if manifest.get("database") not in found:
        problems.append(f"ไม่พบฐานข้อมูลในไฟล์สำรอง / the database dump is missing: {manifest.get('database')}")
    if problems:
        raise ApplicationError("ไม่กู้คืน: ไฟล์สำรองไม่ครบหรือไม่ตรงกับ manifest (ไม่ได้เปลี่ยนแปลงข้อมูลใด)\n"
                               "Not restored: the archive does not match its manifest (nothing was "
                               "changed).\n"
                               + "\n".join(f"- {p}" for p in problems))
    return manifest


def _holds_data() -> int:
    """Rows someone made: every change the services write is audited, and people are users. (Data migrations
    seed reference tables, so "any row at all" would refuse a database that only `migrate` has touched.)"""
    from django.contrib.auth import get_user_model

    from audit.models import AuditEvent

    try:
        return AuditEvent.objects.count() + get_user_model().objects.count()
    except DatabaseError:
        return 0


def _restore_database(manifest: dict, stage: Path) -> None:
    dump = stage / manifest["database"]
    if manifest["engine"] == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            # Page by page into the live database, under its write lock: readers see the old or the new one.
            source.backup(connection.connection)
        finally:
            source.close()
        return
    tool = pg_tool("pg_restore")
    connection.close()
    _run([tool, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}", str(dump)])


def _swap_uploads(stage: Path) -> None:
    root = _uploads_root()
    incoming = stage / "uploads"
    if not incoming.exists():
        incoming.mkdir(mode=0o700)
    previous = stage / "uploads.before-restore"
    if root.exists():
        shutil.move(str(root), previous)
    root.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(incoming), root)
    root.chmod(0o700)
    fsync_dir(root.parent)


def restore(archive: Path, *, force: bool = False) -> RestoreResult:
    archive = Path(archive)
    if connection.in_atomic_block:
        raise ApplicationError("restore ต้องไม่อยู่ในธุรกรรม")
    root = _data_root()
    stage = Path(tempfile.mkdtemp(dir=root, prefix=".restore-"))
    try:
        manifest = _verify(_extract(archive, stage), stage)
        engine = _engine()
        if manifest["engine"] != engine:
            raise ApplicationError(f"ไฟล์สำรองนี้เป็นฐานข้อมูล {manifest['engine']} แต่ระบบนี้ใช้ {engine} "
                                   "ไม่ได้กู้คืนสิ่งใด\n"
                                   f"The archive holds a {manifest['engine']} database; this system uses "
                                   f"{engine}.")
        identity_key = (stage / KEY_MEMBERS["identity.key"]).read_text().strip()
        secret_path = stage / KEY_MEMBERS["secret_key"]
        secret_key = secret_path.read_text().strip() if secret_path.exists() else ""
        for name, value in (("PRONGSAI_IDENTITY_KEY", identity_key), ("PRONGSAI_SECRET_KEY", secret_key)):
            current = (settings.PRONGSAI_IDENTITY_KEY if name == "PRONGSAI_IDENTITY_KEY"
                       else settings.SECRET_KEY)
            if value and secret_in_environment(name) and current != value:
                raise ApplicationError(f"{name} ในสภาพแวดล้อมไม่ตรงกับกุญแจในไฟล์สำรอง เอา {name} "
                                       "ออกหรือตั้งเป็นค่าในไฟล์สำรอง"
                                       f" แล้วสั่งอีกครั้ง\n{name} in the environment differs from the archive's "
                                       "key.")
        safety = None
        rows_before = _holds_data()
        if rows_before:
            if not force:
                raise ApplicationError(
                    f"ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว (ผู้ใช้และบันทึกการเปลี่ยนแปลง {rows_before} รายการ) "
                    "ไม่ได้กู้คืนสิ่งใด ถ้าต้องการแทนที่ให้สั่งพร้อม --force (ระบบจะสำรองข้อมูลเดิมไว้ในโฟลเดอร์ข้อมูลก่อน)\n"
                    f"The target database already holds data ({rows_before} users and audit entries); use "
                    "--force "
                    "to replace it (a backup of it is written to the data dir first).")
            safety = backup(root / f"before-restore-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz",
                            check_keys=False)
        _restore_database(manifest, stage)
        _swap_uploads(stage)
        write_secret(root / "identity.key", identity_key)
        if secret_key:
            write_secret(root / "secret_key", secret_key)
        counts = _counts_live()
        differ = [f"{t}: {manifest['row_counts'][t]} → {counts.get(t)}"
                  for t in sorted(manifest["row_counts"])
                  if counts.get(t) != manifest["row_counts"][t]]
        if differ:
            raise ApplicationError("กู้คืนแล้วแต่จำนวนแถวไม่ตรงกับไฟล์สำรอง / row counts differ after restore:\n"
                                   + "\n".join(differ))
        try:
            checks = run_key_checks(identity_key, full=True)
        except StartRefused as refused:
            raise ApplicationError(f"กู้คืนแล้วแต่เปิดข้อมูลด้วยกุญแจในไฟล์สำรองไม่ได้ครบ\n{refused}") from None
        from audit.services import audit_record

        audit_record(actor=None, action="system.restore", object_type="system.backup", object_id=archive.name,
                     object_label=f"กู้คืนจากไฟล์สำรอง {archive.name}",
                     new={"backup_created_at": manifest["created_at"], "files": len(manifest["files"]),
                          "rows": sum(manifest["row_counts"].values())},
                     note="ข้อมูลที่บันทึกหลังเวลาสำรองข้อมูลไม่อยู่ในระบบที่กู้คืน")
        return RestoreResult(files=len(manifest["files"]), rows=sum(manifest["row_counts"].values()),
                             created_at=manifest["created_at"], checks=checks,
                             safety_backup=safety.path if safety else None)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
