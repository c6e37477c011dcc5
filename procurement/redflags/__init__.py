"""Procurement red-flag screening on OCDS compiled releases.

Reproduces the eleven released indicators of Open Contracting Partnership's Cardinal (R003 … R058) with its
settings and output shape, and adds Thai rules (TH01 … TH05) declared in `rules.yaml`. Works on plain dicts or
JSON lines, with no database. See README.md in this package for settings, extension fields and the CLI.

    from procurement.redflags import screen, explain, load_ini
    result = screen(releases, load_ini("settings.ini"), include_thai=True)
    for flag in explain(result, "ocds-xxxx-0001"):
        print(flag.title, flag.explanation)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from .engine import Screener
from .explain import Flag, build_flags
from .ocds import party_names
from .parallel import fold_file
from .result import ScreenResult
from .settings import CARDINAL_CODES, SettingsError, build_config, default_settings, load_ini

__all__ = [
    "CARDINAL_CODES",
    "Flag",
    "ScreenResult",
    "SettingsError",
    "default_settings",
    "explain",
    "load_ini",
    "screen",
    "screen_file",
    "thai_flags",
]

# Indicators that judge one process on its own; the others compare a process or an organization with the rest
# of the data set, so they mean nothing when a single release is explained.
PER_PROCESS_CODES = ("R003", "R018", "R028", "R030", "R035", "R036")


def screen(
    releases: Iterable[Any],
    settings: dict[str, Any] | None = None,
    include_thai: bool = False,
    *,
    maps: bool = False,
    details: bool = True,
) -> ScreenResult:
    """Screen compiled releases (dicts, or JSON text one release per item), streamed.

    `settings` is the nested dict of `load_ini()`; None enables all eleven Cardinal indicators with defaults.
    Returns the peer's shape: {"OCID": …, "Buyer": …, "ProcuringEntity": …, "Tenderer": …}, non-empty groups
    only. `details=False` keeps no facts for `explain()` (less memory, for output that is not explained).
    """
    screener = Screener(build_config(settings), include_thai=include_thai, maps=maps, details=details)
    st = screener.new_state()
    screener.fold_items(st, releases)
    return screener.finalize(st)


def screen_file(
    source: str | Path | BinaryIO,
    settings: dict[str, Any] | None = None,
    include_thai: bool = False,
    *,
    maps: bool = False,
    details: bool = True,
    workers: int | None = None,
) -> ScreenResult:
    """Screen a JSON-lines file (path, or an open binary stream such as stdin); files use every core."""
    screener = Screener(build_config(settings), include_thai=include_thai, maps=maps, details=details)
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_file():
            return screener.finalize(fold_file(screener, path, workers))
        source = path.open("rb")
        try:
            return _screen_stream(screener, source)
        finally:
            source.close()
    return _screen_stream(screener, source)


def _screen_stream(screener: Screener, stream: BinaryIO) -> ScreenResult:
    st = screener.new_state()
    screener.fold_items(st, stream)
    return screener.finalize(st)


def explain(
    release_or_results: dict[str, Any] | ScreenResult,
    ocid: str | None = None,
    *,
    group: str = "OCID",
    settings: dict[str, Any] | None = None,
    names: dict[str, str] | None = None,
) -> list[Flag]:
    """Flags with Thai title and explanation for one process (or, with `group`, one organization).

    Given a `ScreenResult`, reads the flags already computed. Given one compiled release, screens it on its
    own with the per-process indicators and all Thai rules that need no other process (TH01, TH02, TH05).
    """
    if isinstance(release_or_results, ScreenResult):
        result = release_or_results
    elif isinstance(release_or_results, dict):
        release = release_or_results
        ocid = ocid if ocid is not None else release.get("ocid")
        chosen = settings if settings is not None else default_settings()
        single = {k: v for k, v in chosen.items() if k not in CARDINAL_CODES or k in PER_PROCESS_CODES}
        result = screen([release], single, include_thai=True)
        names = {**party_names(release), **(names or {})}
    else:
        raise TypeError("explain() needs a compiled release (dict) or the result of screen()")
    if ocid is None:
        raise ValueError("explain() needs the ocid (or organization id) to explain")
    return build_flags(result, group, ocid, names)


def thai_flags(releases: Iterable[Any], settings: dict[str, Any] | None = None) -> dict[str, list[Flag]]:
    """Only the Thai rules, screened over `releases`: ocid → its Thai flags with explanations."""
    chosen = {k: v for k, v in (settings or {}).items() if k not in CARDINAL_CODES}
    result = screen(releases, chosen, include_thai=True)
    return {ocid: build_flags(result, "OCID", ocid) for ocid in result.get("OCID", {})}
