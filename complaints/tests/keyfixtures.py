"""Helpers of the key and backup tests (their `private_data_dir` fixture is in conftest)."""

import hashlib
from pathlib import Path

from complaints.files import IncomingFile

PDF = b"%PDF-1.4\n% evidence\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
       b"\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def incoming(name: str, data: bytes, mime="application/pdf", ext="pdf") -> IncomingFile:
    return IncomingFile(name=name, data=data, content_type=mime, extension=ext,
                        sha256=hashlib.sha256(data).hexdigest())


def file_sums(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777
