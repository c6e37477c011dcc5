"""Does the identity key in use open the data it is supposed to protect?

The database itself is the check value: every stored identity and attachment name is a Fernet token, which
authenticates, so one that decrypts proves the key right and one that does not proves it wrong. Nothing
about the key has to be recorded beside it, and a restored database carries its own proof wherever it goes.

Run at every start (a sample: the oldest and the newest of each kind) and, in full, by backup, restore and
rotate_keys. A database holding encrypted data that the key does not open is refused instead of letting the
system write new data under a second key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DatabaseError

from complaints.crypto import fernet_for
from config.env import StartRefused, generated_secrets

JOURNAL = "rotation.json"


@dataclass
class KeyReport:
    identities: int = 0
    identities_read: int = 0
    attachments: int = 0
    attachments_read: int = 0
    files_missing: int = 0
    sampled: bool = False

    @property
    def ok(self) -> bool:
        return (self.identities_read == self.identities and self.attachments_read == self.attachments
                and not self.files_missing)

    def summary(self) -> str:
        return (("ตรวจตัวอย่าง: " if self.sampled else "")
                + f"ข้อมูลผู้ร้องอ่านได้ {self.identities_read}/{self.identities} เรื่อง "
                f"ไฟล์หลักฐานอ่านได้ {self.attachments_read}/{self.attachments} ไฟล์"
                + (f" ไม่พบไฟล์ {self.files_missing} ไฟล์" if self.files_missing else ""))


def _opens(fernet, token: str | bytes) -> bool:
    try:
        fernet.decrypt(token if isinstance(token, bytes) else token.encode())
    except InvalidToken:
        return False
    return True


def _sample(queryset):
    """The oldest and the newest rows: a key that opens both opened everything written in between."""
    first = queryset.order_by("pk").first()
    last = queryset.order_by("-pk").first()
    return [row for row in {first, last} if row is not None]


def read_report(identity_key: str, *, full: bool) -> KeyReport | None:
    """What the key opens; None while the tables do not exist yet (before the first migrate)."""
    from complaints.models import Attachment, Case

    fernet = fernet_for(identity_key)
    report = KeyReport(sampled=not full)
    cases = Case.objects.exclude(identity_token="").only("pk", "identity_token")
    attachments = Attachment.objects.only("pk", "name_token", "storage_name", "sha256")
    try:
        case_rows = list(cases.iterator()) if full else _sample(cases)
        attachment_rows = list(attachments.iterator()) if full else _sample(attachments)
    except DatabaseError:
        return None
    report.identities = len(case_rows)
    report.identities_read = sum(_opens(fernet, c.identity_token) for c in case_rows)
    report.attachments = len(attachment_rows)
    for attachment in attachment_rows:
        if not _opens(fernet, attachment.name_token):
            continue
        if full:
            # The whole file, against the hash of the bytes as received.
            try:
                with default_storage.open(attachment.storage_name, "rb") as fh:
                    data = fernet.decrypt(fh.read())
            except FileNotFoundError:
                report.files_missing += 1
                continue
            except InvalidToken:
                continue
            if hashlib.sha256(data).hexdigest() != attachment.sha256:
                continue
        report.attachments_read += 1
    return report


def check_identity_key(identity_key: str | None = None, *, full: bool = False) -> str:
    """Raise StartRefused when the key does not open the stored data; return what was checked."""
    identity_key = settings.PRONGSAI_IDENTITY_KEY if identity_key is None else identity_key
    journal = Path(settings.DATA_DIR) / JOURNAL
    if journal.exists():
        raise StartRefused(
            f"การเปลี่ยนกุญแจครั้งก่อนยังไม่เสร็จ ({journal}) ระบบจึงไม่เริ่มทำงาน "
            "กรุณาสั่ง `prongsai rotate_keys` อีกครั้งเพื่อทำให้เสร็จ\n"
            "A key rotation was interrupted; run `prongsai rotate_keys` again to finish it.")
    report = read_report(identity_key, full=full)
    if report is None or report.ok:
        return report.summary() if report else ""
    key_path = Path(settings.DATA_DIR) / "identity.key"
    if key_path in generated_secrets():
        cause_th = (f"ไม่พบไฟล์กุญแจ {key_path} (ระบบไม่สร้างกุญแจใหม่ให้ เพราะกุญแจใหม่เปิดข้อมูลเดิมไม่ได้) "
                    "กรุณานำไฟล์ identity.key เดิมกลับมา เช่น `prongsai restore PATH` จากสำรองข้อมูล")
        cause_en = (f"The key file {key_path} is missing (no new key is made: it could not open the existing "
                    "data). "
                    "Put the original identity.key back, e.g. `prongsai restore PATH` from a backup.")
        if key_path.parent == Path(settings.BASE_DIR) / "var":
            # A checkout from before the keys were untracked: `git pull` deleted the published key file.
            cause_th += (" หากเป็นข้อมูลทดลองในโฟลเดอร์ var/ ที่ `git pull` ลบกุญแจเดิม (ค่าที่เคยเผยแพร่) ออกไป ให้สั่ง "
                         "`git show 4fddc68^:var/identity.key > var/identity.key` แล้ว `make run` "
                         "(ระบบจะเปลี่ยนกุญแจให้เอง)"
                         " หรือลบโฟลเดอร์ var/ เพื่อเริ่มข้อมูลทดลองใหม่")
            cause_en += (" For demo data in var/ whose published key `git pull` removed: "
                         "`git show 4fddc68^:var/identity.key > var/identity.key`, then `make run` (it "
                         "rotates the key),"
                         " or delete var/ to start the demo afresh.")
    else:
        cause_th = ("กุญแจที่ใช้อยู่ไม่ใช่กุญแจที่เข้ารหัสข้อมูลเหล่านี้ กรุณาใช้ไฟล์ identity.key ที่มาพร้อมฐานข้อมูลนี้ "
                    "(เช่น จากสำรองข้อมูลชุดเดียวกัน)")
        cause_en = ("The identity key in use is not the one that encrypted this data; use the identity.key "
                    "that "
                    "belongs to this database (e.g. from the same backup).")
    raise StartRefused(f"ระบบไม่เริ่มทำงาน: {report.summary()}\n{cause_th}\n\n"
                       f"Refusing to start: {report.identities_read} of {report.identities} identities and "
                       f"{report.attachments_read} of {report.attachments} attachments"
                       f"{' (oldest and newest sampled)' if report.sampled else ''} open with this key.\n"
                       f"{cause_en}")
