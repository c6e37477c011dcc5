"""The documents of a round's latest compiled version, by name, for the pages and the API alike: the
official summary, its annex, the letter to ป.ป.ท. and the package. Guarded by `round.documents`."""

from __future__ import annotations

from accounts.policy import require
from reports.exports import CONTENT_TYPES, Export, official, pacc
from reports.models import Round
from reports.services import approval

ZIP = "application/zip"
NAMES = (
    "summary.pdf",
    "summary.docx",
    "annex.pdf",
    "pacc-letter.pdf",
    "pacc-letter.docx",
    "pacc-package.zip",
)


class NoVersion(Exception):
    """The round has not been compiled yet."""


def _require(user, round_: Round) -> None:
    require(
        user,
        "round.documents",
        round_,
        message="เอกสารสรุปผลของรอบเป็นของทั้งส่วนราชการ เปิดได้เฉพาะผู้ดูแลแผน ผู้บริหาร และผู้ตรวจสอบระดับกรม",
    )


class NoUnit(Exception):
    """The unit has no forms in the round's latest version."""


def annex_units(version) -> list[dict]:
    """The units whose forms the version's annex holds: code and name, in the annex's order."""
    return [{"code": u["code"], "name": u["unit"]} for u in version.content.get("annex", [])]


def unit_annex(user, round_: Round, unit_code: str) -> Export:
    """One unit's forms from the latest version's annex (the same pages as in the whole annex), to send a
    unit its own part. The whole round's guard: the annex is the department's document."""
    _require(user, round_)
    version = approval.latest_version(round_)
    if version is None:
        raise NoVersion()
    if unit_code not in {u["code"] for u in annex_units(version)}:
        raise NoUnit()
    filename = f"annex-round{round_.pk}-v{version.number}-{unit_code}.pdf"
    # A few pages: sent as bytes (the whole annex is streamed from its file).
    return Export(official.annex_pdf(version, unit_code=unit_code), filename, CONTENT_TYPES["pdf"])


def round_document(user, round_: Round, name: str, *, budget: float | None = None) -> Export:
    """The document `name` of the latest version. The annex (alone or in the package) is rendered here only
    within `budget` seconds when given: past that, `pdf.NotReady` (the worker renders it, `annex_request`)."""
    _require(user, round_)
    if name not in NAMES:
        raise ValueError(name)
    version = approval.latest_version(round_)
    if version is None:
        raise NoVersion()
    stem, fmt = name.rsplit(".", 1)
    filename = f"{stem}-round{round_.pk}-v{version.number}.{fmt}"
    if stem in ("annex", "pacc-package"):
        annex = official.annex_file(version, budget=budget)
    if stem == "summary":
        content = {"pdf": official.summary_pdf, "docx": official.summary_docx}[fmt](version)
    elif stem == "annex":
        return Export(b"", filename, CONTENT_TYPES["pdf"], path=annex)
    elif stem == "pacc-letter":
        content = pacc.letter_file(version, approval.current_dispatch(round_), fmt)
    else:
        content = pacc.package_zip(version, approval.current_dispatch(round_))
    return Export(content, filename, ZIP if fmt == "zip" else CONTENT_TYPES[fmt])
