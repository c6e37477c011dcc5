"""Sending a stored upload back to a person: a name the server builds, the type read from the bytes, and
headers that keep a browser from ever running it.

The uploader's name only lends its stem: the extension is always that of the type the bytes were found
to be, so ``evil.hta`` holding a JPEG goes out as ``evil.jpg`` / ``image/jpeg``, and bytes that are no
accepted type today (a file stored under older rules) go out as opaque ``.bin`` data.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

from core.uploads import served_kind

STEM_MAX = 80
OPAQUE_MIME = "application/octet-stream"
OPAQUE_EXTENSION = "bin"
# A file that a browser somehow renders anyway can run nothing, load nothing and reach nothing.
FILE_CSP = "sandbox; default-src 'none'"
_KEPT_PUNCTUATION = set(" -_()[]")


def safe_stem(name: str, default: str) -> str:
    """The uploader's file name without its folders or extension, reduced to letters (Thai included, with
    their vowel and tone marks), digits, spaces and a little punctuation; dots become underscores, so no
    second extension survives."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    if "." in base.strip("."):
        base = base.rsplit(".", 1)[0]
    kept = []
    for ch in unicodedata.normalize("NFC", base):
        category = unicodedata.category(ch)
        if category[0] in "LN" or category in ("Mn", "Mc") or ch in _KEPT_PUNCTUATION:
            kept.append(ch)
        elif ch == "." or category.startswith("Z"):
            kept.append("_" if ch == "." else " ")
    stem = " ".join("".join(kept).split())[:STEM_MAX]
    # A vowel or tone mark whose letter was dropped cannot start the name.
    stem = stem.strip(" -_").lstrip("".join(ch for ch in stem if unicodedata.category(ch) in ("Mn", "Mc")))
    return stem.strip(" -_") or default


def content_disposition(filename: str, fallback: str) -> str:
    """``attachment`` with an ASCII `fallback` and the real (possibly Thai) name as RFC 5987 ``filename*``."""
    ascii_name = "".join(ch for ch in fallback if 32 < ord(ch) < 127 and ch not in '"\\;%') or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(data, *, original_name: str, fallback_stem: str, default_stem: str = "ไฟล์แนบ",
                  cache: str = "private, no-store") -> HttpResponse:
    """An attachment response for stored upload `data` (bytes, or a seekable binary file that the response
    streams and closes). `fallback_stem` is an ASCII stem (e.g. ``evidence-12``) for clients that cannot
    read ``filename*``."""
    kind = served_kind(data)
    mime, extension = (kind.mime, kind.key) if kind else (OPAQUE_MIME, OPAQUE_EXTENSION)
    filename = f"{safe_stem(original_name, default_stem)}.{extension}"
    if isinstance(data, bytes):
        response = HttpResponse(data, content_type=mime)
        response["Content-Length"] = str(len(data))
    else:
        data.seek(0)
        response = FileResponse(data, content_type=mime)
    response["Content-Disposition"] = content_disposition(filename, f"{fallback_stem}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = cache
    return response
