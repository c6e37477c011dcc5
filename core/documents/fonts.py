"""The Sarabun font files shipped by the ``fontpkg-sarabun`` package.

Official documents are set in TH Sarabun, which no package registry distributes; Google's Sarabun (OFL) is the
same design at a larger scale: Sarabun 11 pt matches TH Sarabun 16 pt.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

FAMILY = "Sarabun"
# Sarabun is drawn ~1.45× larger than TH Sarabun, so official 16 pt body text is 11 pt here.
BODY_SIZE_PT = 11.0
TH_SARABUN_SCALE = BODY_SIZE_PT / 16


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def all(self) -> tuple[Path, Path, Path, Path]:
        return (self.regular, self.bold, self.italic, self.bold_italic)


def from_th_sarabun_pt(size_pt: float) -> float:
    """The Sarabun size that looks like ``size_pt`` of TH Sarabun (29 pt title → 20 pt), to the half point."""
    return round(size_pt * TH_SARABUN_SCALE * 2) / 2


@cache
def font_dir() -> Path:
    try:
        import fontpkg_sarabun
    except ImportError as exc:
        raise RuntimeError("ไม่พบแพ็กเกจฟอนต์ fontpkg-sarabun ซึ่งจำเป็นสำหรับสร้างเอกสารภาษาไทย") from exc
    return Path(fontpkg_sarabun.__file__).resolve().parent / "files"


@cache
def sarabun_files() -> FontFiles:
    root = font_dir()
    files = FontFiles(
        regular=root / "Sarabun-Regular.ttf",
        bold=root / "Sarabun-Bold.ttf",
        italic=root / "Sarabun-Italic.ttf",
        bold_italic=root / "Sarabun-BoldItalic.ttf",
    )
    missing = [path.name for path in files.all() if not path.is_file()]
    if missing:
        raise RuntimeError(f"ไม่พบไฟล์ฟอนต์ Sarabun: {', '.join(missing)} (ใน {root})")
    return files


@cache
def font_face_css(family: str = FAMILY) -> str:
    """@font-face rules pointing at the local TTFs with file:// URLs (WeasyPrint cannot use woff2 subsets)."""
    files = sarabun_files()
    faces = (
        (files.regular, "normal", 400),
        (files.bold, "normal", 700),
        (files.italic, "italic", 400),
        (files.bold_italic, "italic", 700),
    )
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}") format("truetype"); '
        f"font-style: {style}; font-weight: {weight}; }}"
        for path, style, weight in faces
    )
