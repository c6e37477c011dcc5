"""What an uploaded file is, decided by its bytes (never its name), and how people see its name and size.

Every app that takes files (report evidence, complaint attachments) asks here, so a renamed executable is
refused the same way everywhere.
"""

from __future__ import annotations

import filetype

SAMPLE_BYTES = 65536


def guess_type(head: bytes, *, text_ok: bool = False) -> tuple[str, str] | None:
    """(mime, extension) read from the first bytes; plain UTF-8 text only when `text_ok`."""
    kind = filetype.guess(head[:SAMPLE_BYTES])
    if kind is not None:
        return kind.mime, kind.extension
    sample = head[:SAMPLE_BYTES]
    if not text_ok or not sample or b"\x00" in sample:
        return None
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(sample) - 4:
            return None
    return "text/plain", "txt"


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def display_filename(name: str, default: str = "ไฟล์แนบ") -> str:
    """The uploader's file name as shown to people; never used as a storage path."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:200] or default
