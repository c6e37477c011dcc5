"""Evidence files: the type is read from the content and the name must agree with it, the size is capped, the
SHA-256 of the received bytes is kept, and the bytes are stored encrypted under a random name in the default
storage, which lies outside the web root. Files go out only through permission-checked views."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from complaints.crypto import decrypt_bytes, decrypt_text, encrypt_bytes, encrypt_text
from core.errors import ApplicationError
from core.uploads import KINDS, display_filename, identify

MAX_FILES = 5
# Documents, pictures and recordings a complainant may hold as proof; never anything a browser or Windows
# would open as a page or a program. Plain text only as .txt, valid UTF-8, with no markup in it.
ALLOWED_KINDS = ("pdf", "jpg", "png", "webp", "gif", "heic", "docx", "xlsx", "pptx", "odt", "ods", "mp3",
                 "wav", "m4a", "mp4", "txt")
ALLOWED = {KINDS[key].mime: key for key in ALLOWED_KINDS}
ALLOWED_TEXT = ("PDF, รูปภาพ (JPG, PNG, WEBP, GIF, HEIC), Word, Excel, PowerPoint, OpenDocument (ODT, ODS), "
                "เสียง (MP3, WAV, M4A), วิดีโอ MP4 หรือข้อความ (.txt)")
STORAGE_DIR = "complaints"


@dataclass(frozen=True)
class IncomingFile:
    name: str
    data: bytes
    content_type: str
    extension: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def read_upload(upload) -> IncomingFile:
    """Validate one uploaded file (a Django UploadedFile, or anything with .name, .size and .read())."""
    limit = settings.UPLOAD_MAX_BYTES
    name = display_filename(getattr(upload, "name", ""))
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ApplicationError(f"ไฟล์ {name} มีขนาดเกิน {limit // (1024 * 1024)} MB", field="files")
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ApplicationError(f"ไฟล์ {name} มีขนาดเกิน {limit // (1024 * 1024)} MB", field="files")
    if not data:
        raise ApplicationError(f"ไฟล์ {name} ไม่มีข้อมูล", field="files")
    kind = identify(data, getattr(upload, "name", ""), ALLOWED_KINDS, field="files", accepted=ALLOWED_TEXT)
    return IncomingFile(name=name, data=data, content_type=kind.mime, extension=kind.key,
                        sha256=hashlib.sha256(data).hexdigest())


def read_uploads(uploads) -> list[IncomingFile]:
    uploads = [u for u in uploads or [] if u]
    if len(uploads) > MAX_FILES:
        raise ApplicationError(f"แนบไฟล์ได้ไม่เกิน {MAX_FILES} ไฟล์ต่อครั้ง", field="files")
    return [read_upload(u) for u in uploads]


def store(incoming: IncomingFile) -> tuple[str, str]:
    """Write the encrypted bytes; returns (storage name, encrypted original name)."""
    wanted = f"{STORAGE_DIR}/{uuid.uuid4().hex}.bin"
    stored = default_storage.save(wanted, ContentFile(encrypt_bytes(incoming.data)))
    return stored, encrypt_text(incoming.name)


def open_attachment(attachment) -> tuple[str, bytes]:
    """(original name, bytes) of a stored attachment, checked against its recorded hash."""
    with default_storage.open(attachment.storage_name, "rb") as fh:
        data = decrypt_bytes(fh.read())
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise ApplicationError("ไฟล์ไม่ตรงกับค่าแฮชที่บันทึกไว้ กรุณาแจ้งผู้ดูแลระบบ")
    return decrypt_text(attachment.name_token), data


def discard(storage_names: list[str]) -> None:
    for name in storage_names:
        default_storage.delete(name)
