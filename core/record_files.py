"""Files attached to register records (manuals, meeting minutes, photos of a campaign, signed sheets…).

One mechanism for every register, under the same rules as report evidence: the type is what the bytes say
and the name must agree (core.uploads.identify), the size is capped by UPLOAD_MAX_BYTES, the stored name is
random and lives in the private upload storage (never under a URL), the uploader's name is kept apart for
display only, and a download goes out as an attachment under a name the server builds
(core.downloads.file_response).

A register declares a concrete model that inherits `RecordFile` and adds the foreign key to its record;
services call `store()` inside their transaction and views call `respond()` after the policy check.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.db import models

from core.downloads import file_response
from core.errors import ApplicationError
from core.uploads import display_filename, human_size, identify

DOCUMENT_KINDS = ("pdf", "jpg", "png", "gif", "webp", "docx", "xlsx", "pptx", "odt", "ods")
CHUNK = 64 * 1024


def _path(instance: RecordFile, filename: str) -> str:
    ext = (instance.extension or "bin").lower()
    return f"records/{instance._meta.app_label}/{instance.sha256[:2]}/{uuid.uuid4().hex}.{ext}"


class RecordFile(models.Model):
    file = models.FileField(upload_to=_path, max_length=255)
    original_name = models.CharField("ชื่อไฟล์", max_length=255)
    extension = models.CharField(max_length=16)
    mime = models.CharField("ชนิดไฟล์", max_length=100)
    size = models.PositiveBigIntegerField("ขนาด (ไบต์)")
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @property
    def size_text(self) -> str:
        return human_size(self.size)


def max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 20 * 1024 * 1024))


def store(instance: RecordFile, uploaded, *, actor=None, field: str = "file",
          allowed=DOCUMENT_KINDS) -> RecordFile:
    """Check `uploaded` (size, content type, name) and save it as `instance` (a RecordFile whose record
    foreign key is already set). Raises ApplicationError / RefusedFile with a Thai message for `field`."""
    limit = max_bytes()
    shown = display_filename(uploaded.name)
    if getattr(uploaded, "size", None) is not None and uploaded.size > limit:
        raise ApplicationError(f"ไฟล์ {shown} มีขนาด {human_size(uploaded.size)} เกินกำหนด {human_size(limit)}",
                               field=field)
    uploaded.seek(0)
    digest, total = hashlib.sha256(), 0
    while chunk := uploaded.read(CHUNK):
        total += len(chunk)
        if total > limit:
            raise ApplicationError(f"ไฟล์ {shown} มีขนาดเกินกำหนด {human_size(limit)}", field=field)
        digest.update(chunk)
    if total == 0:
        raise ApplicationError(f"ไฟล์ {shown} ว่างเปล่า", field=field)
    uploaded.seek(0)
    kind = identify(uploaded, uploaded.name, allowed, field=field)
    instance.original_name = shown
    instance.extension = kind.key
    instance.mime = kind.mime
    instance.size = total
    instance.sha256 = digest.hexdigest()
    instance.uploaded_by = actor if getattr(actor, "is_authenticated", False) else None
    uploaded.seek(0)
    instance.file.save("upload", uploaded, save=False)
    instance.save()
    return instance


def audit_fields(instance: RecordFile) -> dict:
    """What an audit entry records of a stored file."""
    return {"file": instance.original_name, "sha256": instance.sha256, "size": instance.size}


def respond(instance: RecordFile, *, fallback_stem: str):
    """The download response of a stored file (call only after the policy allowed it)."""
    return file_response(instance.file.open("rb"), original_name=instance.original_name,
                         fallback_stem=fallback_stem)
