"""What an uploaded file is, and whether it may come in.

A file is accepted only when its bytes are one of the document, image or media types below *and* its name
ends with an extension of that same type: a JPEG named ``.hta`` is refused, a renamed executable is refused,
and HTML, SVG or script passed off as text is refused. Magic numbers come from ``filetype``; Office and
OpenDocument files are zips, so for them the package manifest inside decides (a macro-enabled workbook
renamed ``.xlsx`` stays macro-enabled and is refused).

Every app that takes files (report evidence, complaint attachments) asks here, and every download decides
its type here again from the stored bytes, so a file accepted under older, looser rules is never served as
something a browser would run.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

import filetype

from core.errors import ApplicationError

SAMPLE_BYTES = 65536
# [Content_Types].xml of a real document is a few kilobytes; more is read no further.
MANIFEST_BYTES = 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    key: str  # also the extension a download is given
    mime: str
    label: str  # Thai, for people
    extensions: frozenset[str]  # names that may carry this type


def _kind(key: str, mime: str, label: str, *extensions: str) -> FileKind:
    return FileKind(key, mime, label, frozenset((key, *extensions)))


KINDS: dict[str, FileKind] = {
    k.key: k
    for k in (
        _kind("pdf", "application/pdf", "PDF"),
        _kind("jpg", "image/jpeg", "รูปภาพ JPEG", "jpeg"),
        _kind("png", "image/png", "รูปภาพ PNG"),
        _kind("gif", "image/gif", "รูปภาพ GIF"),
        _kind("webp", "image/webp", "รูปภาพ WebP"),
        _kind("heic", "image/heic", "รูปภาพ HEIC", "heif"),
        _kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "Word (DOCX)"),
        _kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"),
        _kind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
              "PowerPoint (PPTX)"),
        _kind("odt", "application/vnd.oasis.opendocument.text", "เอกสาร OpenDocument (ODT)"),
        _kind("ods", "application/vnd.oasis.opendocument.spreadsheet", "ตาราง OpenDocument (ODS)"),
        _kind("mp3", "audio/mpeg", "เสียง MP3"),
        _kind("wav", "audio/wav", "เสียง WAV"),
        # Phones write voice memos in the MP4 container under either name.
        _kind("m4a", "audio/mp4", "เสียง M4A", "mp4"),
        _kind("mp4", "video/mp4", "วิดีโอ MP4", "m4a", "m4v"),
        _kind("txt", "text/plain; charset=utf-8", "ข้อความธรรมดา (TXT)"),
    )
}

# filetype's name for a type → ours
_FILETYPE_KEYS = {"jpg": "jpg", "png": "png", "gif": "gif", "webp": "webp", "heic": "heic", "pdf": "pdf",
                  "mp3": "mp3", "wav": "wav", "m4a": "m4a", "mp4": "mp4", "m4v": "mp4"}

# Types people are likely to try, named in the refusal so they know what the system saw.
_REFUSED_LABELS = {
    "exe": "โปรแกรม Windows (EXE)",
    "elf": "โปรแกรม (ELF)",
    "msi": "ตัวติดตั้งโปรแกรม (MSI)",
    "zip": "ไฟล์บีบอัด ZIP",
    "rar": "ไฟล์บีบอัด RAR",
    "7z": "ไฟล์บีบอัด 7Z",
    "gz": "ไฟล์บีบอัด GZ",
    "doc": "Word รุ่นเก่า (DOC)",
    "xls": "Excel รุ่นเก่า (XLS)",
    "ppt": "PowerPoint รุ่นเก่า (PPT)",
    "rtf": "เอกสาร RTF",
    "swf": "Flash (SWF)",
    "html": "หน้าเว็บหรือสคริปต์ (HTML/SVG/JavaScript)",
    "macro": "เอกสาร Office ที่มีมาโคร",
    "odf-macro": "เอกสาร OpenDocument ที่มีมาโคร",
    "office": "ไฟล์ Office ชนิดอื่น",
    "zip-broken": "ไฟล์บีบอัดที่เสียหาย",
    "text-binary": "ข้อความที่ไม่ใช่ UTF-8",
}

_OOXML_MAIN = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_OOXML_MACRO = re.compile(rb"macroEnabled", re.IGNORECASE)
_ODF_MIMES = {b"application/vnd.oasis.opendocument.text": "odt",
              b"application/vnd.oasis.opendocument.spreadsheet": "ods"}

# Text that a browser, Windows Script Host or mshta would treat as a page or a program.
_ACTIVE_TEXT = re.compile(
    rb"<\s*(?:script|html|!doctype|svg|iframe|frame|object|embed|body|head|meta|style|form|img|a\s|link|base|"
    rb"hta:|\?xml|x:|v:)|javascript:|vbscript:",
    re.IGNORECASE,
)


class RefusedFile(ApplicationError):
    """An upload of a type that is not accepted; `detected` is the Thai name of what the bytes are."""

    def __init__(self, message: str, *, detected: str, field: str | None = None):
        super().__init__(message, field=field)
        self.detected = detected


def extension_of(name: str) -> str:
    """What follows the last dot, as Windows reads it (trailing dots and spaces dropped): ``.hta`` → hta."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].rstrip(". ")
    return base.rsplit(".", 1)[1].strip().lower() if "." in base else ""


def _read_all(source) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    position = source.tell()
    try:
        source.seek(0)
        return source.read()
    finally:
        source.seek(position)


def _head(source) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source[:SAMPLE_BYTES])
    position = source.tell()
    try:
        source.seek(0)
        return source.read(SAMPLE_BYTES)
    finally:
        source.seek(position)


def _zip_kind(source) -> str:
    """Our key for a zip package, or a key of `_REFUSED_LABELS`."""
    handle = io.BytesIO(bytes(source)) if isinstance(source, bytes | bytearray | memoryview) else source
    position = None if handle is not source else source.tell()
    try:
        with zipfile.ZipFile(handle) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                with archive.open("mimetype") as fh:
                    key = _ODF_MIMES.get(fh.read(200).strip())
                if key is None:
                    return "office"
                if any(n.startswith(("Basic/", "Scripts/")) for n in names):
                    return "odf-macro"
                return key
            if "[Content_Types].xml" not in names:
                return "zip"
            with archive.open("[Content_Types].xml") as fh:
                manifest = fh.read(MANIFEST_BYTES)
            if _OOXML_MACRO.search(manifest) or any(n.lower().endswith("vbaproject.bin") for n in names):
                return "macro"
            for main, key in _OOXML_MAIN.items():
                if main in manifest:
                    return key
            return "office"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, NotImplementedError):
        return "zip-broken"
    finally:
        if position is not None:
            source.seek(position)


def _text_kind(source) -> str | None:
    data = _read_all(source)
    if not data or b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "text-binary"
    if _ACTIVE_TEXT.search(data):
        return "html"
    return "txt"


def sniff(source) -> str | None:
    """Our key for what the bytes are (a key of `KINDS` or of `_REFUSED_LABELS`, or a filetype extension
    for other recognised types), or None when nothing is recognised. `source` is bytes or a seekable binary
    file, whose position is kept."""
    head = _head(source)
    if not head:
        return None
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(source)
    found = filetype.guess(head)
    if found is not None:
        return _FILETYPE_KEYS.get(found.extension, found.extension)
    return _text_kind(source)


def label_of(key: str | None) -> str:
    if key in KINDS:
        return KINDS[key].label
    if key in _REFUSED_LABELS:
        return _REFUSED_LABELS[key]
    if key:
        return f"ไฟล์ชนิด {key.upper()}"
    return "ไฟล์ที่ระบบไม่รู้จักชนิด"


def allowed_text(allowed: Iterable[str]) -> str:
    return ", ".join(KINDS[key].label for key in allowed)


def identify(source, name: str, allowed: Iterable[str], *, field: str | None = None,
             accepted: str | None = None) -> FileKind:
    """The kind of an upload, when its bytes are one of `allowed` (keys of `KINDS`) and its name agrees;
    otherwise RefusedFile with a Thai message that names what the bytes are (and `accepted`, the Thai list
    of what is taken, when given)."""
    allowed = [key for key in KINDS if key in set(allowed)]
    shown = display_filename(name)
    key = sniff(source)
    if key not in allowed:
        detected = label_of(key)
        raise RefusedFile(
            f"ไฟล์ {shown} ไม่ใช่ชนิดที่รับได้ (ตรวจจากเนื้อไฟล์พบว่าเป็น{detected}) รับเฉพาะ "
            f"{accepted or allowed_text(allowed)}",
            detected=detected, field=field,
        )
    kind = KINDS[key]
    extension = extension_of(name)
    if extension and extension not in kind.extensions:
        names = " หรือ ".join(f".{e}" for e in sorted(kind.extensions))
        raise RefusedFile(
            f"ไฟล์ {shown} ไม่ใช่ชนิดที่รับได้: เนื้อไฟล์เป็น{kind.label} แต่ชื่อไฟล์ลงท้ายด้วย .{extension} "
            f"ซึ่งไม่ตรงกัน กรุณาตรวจสอบไฟล์ หรือเปลี่ยนชื่อให้ลงท้ายด้วย {names}",
            detected=kind.label, field=field,
        )
    return kind


def served_kind(source) -> FileKind | None:
    """The kind a stored file is served as, decided again from its bytes under today's rules; None means
    it goes out only as opaque bytes."""
    key = sniff(source)
    return KINDS.get(key) if key else None


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def display_filename(name: str, default: str = "ไฟล์แนบ") -> str:
    """The uploader's file name as shown to people; never used as a storage path or a download name."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:200] or default
