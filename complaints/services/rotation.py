"""Replacing the identity key and the Django secret (`prongsai rotate_keys`).

Everything the identity key encrypts is re-encrypted under a new key in one database transaction: each
case's identity token, each attachment's name token, and each attachment file (written under a new storage
name beside the old one). The new keys are written to `*.new` files before the transaction, and a journal
names the old and the new files; the audit entry of the rotation is committed with the data, so after a
crash the next run knows from the database alone which side won:

- the audit entry exists: the new key files replace the old ones, the old ciphertexts are removed;
- it does not: the new files and keys are removed, nothing else changed.

The start check refuses to run while the journal exists. The new Django secret ends every session (their
signatures no longer verify, and the rows are deleted), every password-reset link, and the tracking throttle
counters (keyed hashes under the old secret); API tokens are stored as plain SHA-256 digests, which a new
secret does not touch, so each live one is revoked.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from complaints.crypto import fernet_for
from complaints.files import STORAGE_DIR
from complaints.keys import JOURNAL
from config.env import fingerprint, fsync_dir, new_secret, secret_in_environment, write_secret
from core.errors import ApplicationError

ACTION = "complaint.keys_rotate"
KEY_FILES = {"PRONGSAI_IDENTITY_KEY": "identity.key", "PRONGSAI_SECRET_KEY": "secret_key"}


@dataclass
class RotationResult:
    identities: int
    attachments: int
    tokens_revoked: int
    sessions_ended: int
    old_fingerprint: str
    new_fingerprint: str
    recovered: str = ""


def _root() -> Path:
    return Path(settings.DATA_DIR)


def _journal_path() -> Path:
    return _root() / JOURNAL


def _pending(filename: str) -> Path:
    return _root() / f"{filename}.new"


def _write_journal(data: dict) -> None:
    path = _journal_path()
    tmp = path.with_suffix(".tmp")
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def _remove_files(names: list[str]) -> None:
    for name in names:
        Path(default_storage.path(name)).unlink(missing_ok=True)


def _install_pending_keys() -> None:
    for filename in KEY_FILES.values():
        pending = _pending(filename)
        if pending.exists():
            os.replace(pending, _root() / filename)
    fsync_dir(_root())


def _drop_pending_keys() -> None:
    for filename in KEY_FILES.values():
        _pending(filename).unlink(missing_ok=True)


def recover() -> str:
    """Finish or undo a rotation that stopped half-way; "" when there was none."""
    path = _journal_path()
    if not path.exists():
        _drop_pending_keys()
        return ""
    journal = json.loads(path.read_text())
    committed = AuditEvent.objects.filter(action=ACTION, object_id=journal["id"]).exists()
    if committed:
        _install_pending_keys()
        _remove_files(journal["old_files"])
        outcome = "committed"
    else:
        _remove_files(journal["new_files"])
        _drop_pending_keys()
        outcome = "rolled back"
    path.unlink()
    return outcome


def _lock_tables() -> None:
    """Nobody writes a case or a file under the old key while the rotation reads them. SQLite: the
    transaction already holds the write lock (BEGIN IMMEDIATE)."""
    if connection.vendor == "postgresql":
        from complaints.models import Attachment, Case

        tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in (Case, Attachment))
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")


def _write_new_file(name: str, data: bytes) -> None:
    path = Path(default_storage.path(name))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _reencrypt(old, new, token: str, what: str) -> str:
    try:
        return new.encrypt(old.decrypt(token.encode())).decode()
    except InvalidToken:
        raise ApplicationError(f"{what} ถอดรหัสด้วยกุญแจปัจจุบันไม่ได้ จึงไม่ได้เปลี่ยนกุญแจ (ข้อมูลไม่ถูกแก้ไข)") from None


def rotate_keys(*, actor=None) -> RotationResult:
    from accounts.models import ApiToken
    from complaints.models import Attachment, Case, ThrottleCounter

    for name, filename in KEY_FILES.items():
        if secret_in_environment(name):
            raise ApplicationError(
                f"{name} ตั้งไว้ในสภาพแวดล้อม คำสั่งนี้เปลี่ยนได้เฉพาะไฟล์กุญแจในโฟลเดอร์ข้อมูล: คัดลอกค่าไปไว้ในไฟล์ "
                f"{filename} ของโฟลเดอร์ข้อมูล เอา {name} ออก แล้วสั่งอีกครั้ง\n"
                f"{name} is set in the environment; rotate_keys replaces the key files in the data dir only: "
                "put "
                f"its value in the data dir's {filename}, unset {name} and run it again.")
    root = _root()
    old_key = (root / "identity.key").read_text().strip()
    new_key, new_django_secret = new_secret(), new_secret()
    needed = {m._meta.db_table for m in (Case, Attachment, AuditEvent, ApiToken, Session)}
    if not needed <= set(connection.introspection.table_names()):
        # Not migrated yet: nothing is encrypted, so new key files are all there is to do.
        write_secret(root / "identity.key", new_key)
        write_secret(root / "secret_key", new_django_secret)
        return RotationResult(identities=0, attachments=0, tokens_revoked=0, sessions_ended=0,
                              old_fingerprint=fingerprint(old_key)[:16],
                              new_fingerprint=fingerprint(new_key)[:16])
    recovered = recover()
    old, new = fernet_for(old_key), fernet_for(new_key)
    rotation_id = uuid.uuid4().hex
    write_secret(_pending("identity.key"), new_key)
    write_secret(_pending("secret_key"), new_django_secret)
    journal = {"id": rotation_id, "old_files": [], "new_files": []}
    try:
        with transaction.atomic():
            _lock_tables()
            attachments = list(Attachment.objects.select_for_update().order_by("pk"))
            cases = list(Case.objects.select_for_update().exclude(identity_token="").order_by("pk"))
            names = {a.pk: f"{STORAGE_DIR}/{uuid.uuid4().hex}.bin" for a in attachments}
            journal["old_files"] = [a.storage_name for a in attachments]
            journal["new_files"] = list(names.values())
            _write_journal(journal)
            for case in cases:
                token = _reencrypt(old, new, case.identity_token, f"ข้อมูลผู้ร้องของเรื่อง {case.number}")
                Case.objects.filter(pk=case.pk).update(identity_token=token)
            for attachment in attachments:
                label = f"ไฟล์หลักฐาน #{attachment.pk} ของเรื่อง {attachment.case_id}"
                try:
                    with default_storage.open(attachment.storage_name, "rb") as fh:
                        data = _reencrypt(old, new, fh.read().decode("ascii"), label)
                except FileNotFoundError:
                    raise ApplicationError(f"ไม่พบไฟล์ของ{label} ({attachment.storage_name}) จึงไม่ได้เปลี่ยนกุญแจ "
                                           "(ข้อมูลไม่ถูกแก้ไข) กรุณานำไฟล์กลับมาจากสำรองข้อมูลก่อน") from None
                _write_new_file(names[attachment.pk], data.encode("ascii"))
                Attachment.objects.filter(pk=attachment.pk).update(
                    storage_name=names[attachment.pk],
                    name_token=_reencrypt(old, new, attachment.name_token, label))
            now = timezone.now()
            tokens = ApiToken.objects.filter(revoked_at__isnull=True).update(revoked_at=now)
            sessions, _ = Session.objects.all().delete()
            ThrottleCounter.objects.all().delete()
            result = RotationResult(identities=len(cases), attachments=len(attachments),
                                    tokens_revoked=tokens,
                                    sessions_ended=sessions, old_fingerprint=fingerprint(old_key)[:16],
                                    new_fingerprint=fingerprint(new_key)[:16], recovered=recovered)
            audit_record(actor=actor, action=ACTION, object_type="system.keys", object_id=rotation_id,
                         object_label="กุญแจเข้ารหัสข้อมูลผู้ร้องและ SECRET_KEY",
                         new={k: v for k, v in asdict(result).items() if k != "recovered"},
                         note="เข้ารหัสข้อมูลผู้ร้องและไฟล์หลักฐานใหม่ด้วยกุญแจใหม่ ยกเลิกโทเค็น API และเซสชันทั้งหมด")
    except BaseException:
        _remove_files(journal["new_files"])
        _drop_pending_keys()
        _journal_path().unlink(missing_ok=True)
        raise
    # Committed: from here on only the new key opens the data, and it is already on disk as identity.key.new.
    _install_pending_keys()
    _remove_files(journal["old_files"])
    _journal_path().unlink()
    return result
