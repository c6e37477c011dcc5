"""How much a request may bring in, enforced before anything reads its body, and the spool of uploads.

gunicorn has no limit on a request body, so the cap lives here, as the first middleware: a request that
says it is larger than ``UPLOAD_REQUEST_MAX_BYTES`` is answered 413 with a Thai page before a byte of it is
read, so nothing reaches the upload spool. A body that does not say its length (chunked) is counted as it
arrives by `CappedUploadHandler`, which stops reading once the count passes the cap.

A single file over ``UPLOAD_MAX_BYTES`` in a request under the cap is not spooled past the cap either, but
the request goes on: the app's own size check refuses the file by name, beside its field, and the form
keeps what was typed.

Spooled uploads are deleted when their request ends; a worker that dies mid-request leaves its spool
behind, so every process start removes spool files old enough that no live request can own them.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from core.uploads import human_size

logger = logging.getLogger(__name__)

# gunicorn ends a request after 30 s; a spool file untouched for ten minutes belongs to no live request.
SPOOL_STALE_SECONDS = 600
API_PREFIX = "/api/"


def request_cap() -> int:
    return int(getattr(settings, "UPLOAD_REQUEST_MAX_BYTES", settings.UPLOAD_MAX_BYTES + 5 * 1024 * 1024))


def file_cap() -> int:
    return int(settings.UPLOAD_MAX_BYTES)


def _declared_length(meta) -> int | None:
    try:
        return int(meta.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


class OversizeUpload(UploadedFile):
    """What is left of a file that passed the per-file cap: its name and its real size, no bytes."""

    def __init__(self, name, content_type, size, charset):
        from io import BytesIO

        super().__init__(BytesIO(b""), name, content_type, size, charset)


class CappedUploadHandler(FileUploadHandler):
    """The first upload handler: counts file bytes as they arrive, whatever length the request declared."""

    def __init__(self, request=None, *, request_limit: int | None = None, file_limit: int | None = None):
        super().__init__(request)
        self.request_limit = request_cap() if request_limit is None else request_limit
        self.file_limit = file_cap() if file_limit is None else file_limit
        self.total = 0
        self.current = 0
        self.over = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.current = 0
        self.over = False

    def receive_data_chunk(self, raw_data, start):
        self.total += len(raw_data)
        if self.total > self.request_limit:
            if self.request is not None:
                self.request.upload_over_cap = True
            # The parser closes (and so deletes) what the other handlers spooled, and reads no further.
            raise StopUpload(connection_reset=True)
        self.current += len(raw_data)
        if self.current > self.file_limit:
            if not self.over:
                self.over = True
                self._drop_spooled()
            return None  # later handlers never see the rest of this file
        return raw_data

    def _drop_spooled(self) -> None:
        for handler in getattr(self.request, "upload_handlers", []) if self.request is not None else []:
            spooled = getattr(handler, "file", None) if handler is not self else None
            if spooled is not None:
                spooled.close()
                handler.file = None

    def file_complete(self, file_size):
        if self.over:
            return OversizeUpload(self.file_name, self.content_type, self.current, self.charset)
        return None


def _stylesheet() -> str:
    # This page must render even where static files were never collected.
    from django.templatetags.static import static

    try:
        return static("css/prongsai.css")
    except ValueError:
        return ""


def too_large(request, limit: int) -> HttpResponse:
    message = (
        f"คำขอนี้มีขนาดเกิน {human_size(limit)} ระบบจึงไม่ได้รับและไม่ได้บันทึกสิ่งใด "
        "กรุณาแนบไฟล์ให้น้อยลงหรือเล็กลง (ไฟล์ละไม่เกิน "
        f"{human_size(file_cap())}) หรือแบ่งส่งหลายครั้ง"
    )
    if "json" in request.META.get("HTTP_ACCEPT", "") or request.path.startswith(API_PREFIX):
        response = JsonResponse({"detail": message}, status=413)
    else:
        page = render_to_string("core/request_too_large.html",
                                {"message": message, "stylesheet": _stylesheet()})
        response = HttpResponse(page, status=413)
    # No "Connection: close" here: WSGI leaves hop-by-hop headers to the server, and gunicorn's sync
    # workers close every connection after its response anyway.
    return response


class RequestSizeLimitMiddleware:
    """First in MIDDLEWARE: refuses an over-cap body before it is read, and caps what is spooled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = request_cap()
        declared = _declared_length(request.META)
        if declared is not None and declared > limit:
            return too_large(request, limit)
        # The JSON API takes no files and reads the raw body itself, which a parse here would have consumed;
        # its body is bounded by the declared-length check above.
        if (request.method == "POST" and request.content_type == "multipart/form-data"
                and not request.path.startswith(API_PREFIX)):
            request.upload_handlers.insert(0, CappedUploadHandler(request))
            # Parsed here, under the cap, so that a stopped upload never reaches a view as a shorter form.
            request.POST  # noqa: B018
            if getattr(request, "upload_over_cap", False):
                return too_large(request, limit)
        return self.get_response(request)


def clean_upload_spool(max_age: float = SPOOL_STALE_SECONDS) -> int:
    """Delete spooled uploads left by requests that died; returns how many were removed."""
    spool = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
    if not spool:
        return 0
    removed = 0
    cutoff = time.time() - max_age
    try:
        entries = list(Path(spool).iterdir())
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.is_file() and not entry.is_symlink() and entry.stat().st_mtime < cutoff:
                entry.unlink()
                removed += 1
        except OSError:
            continue
    if removed:
        logger.warning("removed %d upload spool file(s) left by requests that did not finish", removed)
    return removed
