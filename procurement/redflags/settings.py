"""Settings for the red-flag engine, read from the same INI format as Cardinal's `--settings` file.

A section `[Rxxx]` enables that indicator (keys inside are optional), `[Rxxx.sub]` sections nest under it,
keys before the first section are global. Unknown sections or keys are refused, as the peer does, so a typo
cannot silently switch an indicator to its defaults. Sections `[TH01]`…`[TH05]` override the parameters of
the Thai rules declared in `rules.yaml`; they are only used when Thai rules are requested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import ApplicationError

CARDINAL_CODES = ("R003", "R018", "R024", "R025", "R028", "R030", "R035", "R036", "R038", "R048", "R058")

# Sections the peer's `prepare` command reads from the same file: accepted, not used by screening.
_PREPARE_SECTIONS = {"output", "defaults", "redactions", "corrections", "modifications", "codelists"}

_GLOBAL_KEYS = {
    "currency": str,
    "no_price_comparison_procurement_methods": str,
    "price_comparison_procurement_methods": str,
}

# Key → type per indicator section. "map" means a sub-section of name → natural number.
_INDICATOR_KEYS: dict[str, dict[str, Any]] = {
    "R003": {"threshold": int, "procurement_methods": str, "procurement_method_details": "map"},
    "R018": {"procurement_methods": str},
    "R024": {"threshold": float},
    "R025": {"percentile": "natural", "threshold": float},
    "R028": {},
    "R030": {},
    "R035": {"threshold": "natural"},
    "R036": {},
    "R038": {
        "threshold": float,
        "minimum_submitted_bids": "natural",
        "minimum_contracting_processes": "natural",
    },
    "R048": {"digits": "natural", "threshold": "natural", "minimum_contracting_processes": "natural"},
    "R058": {"threshold": float},
}

_THAI_SECTION = re.compile(r"^TH\d\d$")


class SettingsError(ApplicationError):
    """The settings file or dictionary cannot be used."""


@dataclass(frozen=True)
class Config:
    """Validated settings. `indicators` maps each enabled code to its typed parameters."""

    indicators: dict[str, dict[str, Any]]
    currency: str | None = None
    no_price_comparison: frozenset[str] = frozenset()
    price_comparison: frozenset[str] = frozenset()
    exclude_procurement_method_details: frozenset[str] = frozenset()
    info_currency_mismatches: bool = False
    thai: dict[str, dict[str, Any]] = field(default_factory=dict)


def parse_ini(text: str) -> dict[str, Any]:
    """INI text → nested dict of strings. Dotted section names nest (`[R003.procurement_method_details]`)."""
    root: dict[str, Any] = {}
    current = root
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in ";#":
            continue
        if line.startswith("["):
            if not line.endswith("]") or len(line) < 3:
                raise SettingsError(f"บรรทัด {number}: ชื่อหมวดไม่ถูกต้อง: {raw!r}")
            current = root
            for part in line[1:-1].strip().split("."):
                nested = current.setdefault(part, {})
                if not isinstance(nested, dict):
                    raise SettingsError(f"บรรทัด {number}: หมวด {part!r} ซ้ำกับค่าที่ตั้งไว้แล้ว")
                current = nested
            continue
        key, sep, value = line.partition("=")
        if not sep:
            key, sep, value = line.partition(":")
        if not sep or not key.strip():
            raise SettingsError(f"บรรทัด {number}: ต้องอยู่ในรูป ชื่อ = ค่า: {raw!r}")
        current[key.strip()] = _strip_value(value)
    return root


def _strip_value(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    # The peer's documentation writes "threshold = 15 # default"; tolerate such trailing comments.
    return re.split(r"\s+[;#]", value, maxsplit=1)[0].strip()


def load_ini(path: str | Path) -> dict[str, Any]:
    """Read a settings file into the nested dict accepted by `screen()`; the result is validated."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError(f"อ่านไฟล์การตั้งค่า {path} ไม่ได้: {exc.strerror}") from exc
    settings = parse_ini(text)
    config = build_config(settings)
    from .rules import configured_rules  # rules depend on this module; checked here so typos surface early

    configured_rules(config)
    return settings


def default_settings() -> dict[str, Any]:
    """Every Cardinal indicator enabled with the peer's defaults."""
    return {code: {} for code in CARDINAL_CODES}


def pipe_set(value: Any, where: str = "procurement_methods") -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(str(v) for v in value)
    if not isinstance(value, str):
        raise SettingsError(f"{where}: ต้องเป็นรายการคั่นด้วย |")
    # Like Rust's split_terminator: a trailing separator does not add an empty entry.
    parts = value.split("|")
    if parts and parts[-1] == "":
        parts.pop()
    return frozenset(parts)


def _coerce(value: Any, kind: Any, where: str) -> Any:
    try:
        if kind is str:
            if isinstance(value, (list, tuple, set, frozenset)):
                return "|".join(str(v) for v in value)
            return str(value)
        if kind is float:
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        if kind in (int, "natural"):
            if isinstance(value, bool):
                raise ValueError
            number = int(value) if not isinstance(value, str) else int(value.strip())
            if isinstance(value, float) and number != value:
                raise ValueError
            if kind == "natural" and number < 0:
                raise ValueError
            return number
    except (TypeError, ValueError):
        label = {"natural": "จำนวนเต็มไม่ติดลบ", int: "จำนวนเต็ม", float: "ตัวเลข"}.get(kind, "ข้อความ")
        raise SettingsError(f"{where}: ค่า {value!r} ต้องเป็น{label}") from None
    raise SettingsError(f"{where}: ชนิดค่าที่ไม่รู้จัก")


def _section(settings: dict[str, Any], name: str) -> dict[str, Any]:
    value = settings.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SettingsError(f"[{name}] ต้องเป็นหมวด ไม่ใช่ค่าเดี่ยว")
    return value


def build_config(settings: dict[str, Any] | None) -> Config:
    """Validate a nested settings dict (from `load_ini` or written by hand); `None` enables all indicators."""
    if settings is None:
        settings = default_settings()
    if not isinstance(settings, dict):
        raise SettingsError("การตั้งค่าต้องเป็น dict")
    indicators: dict[str, dict[str, Any]] = {}
    thai: dict[str, dict[str, Any]] = {}
    for name in settings:
        if name in _GLOBAL_KEYS or name in _PREPARE_SECTIONS or name == "exclusions":
            continue
        if name in _INDICATOR_KEYS:
            indicators[name] = _indicator(name, _section(settings, name))
        elif _THAI_SECTION.match(name):
            thai[name] = dict(_section(settings, name))
        else:
            raise SettingsError(f"ไม่รู้จักการตั้งค่า {name!r}")
    exclusions = _section(settings, "exclusions")
    for key in exclusions:
        if key != "procurement_method_details":
            raise SettingsError(f"[exclusions] ไม่รู้จักค่า {key!r}")
    output = _section(settings, "output")
    info = output.get("info_currency_mismatches", False)
    if isinstance(info, str):
        info = info.strip().lower() in {"true", "1", "yes", "on"}
    currency = settings.get("currency")
    return Config(
        indicators=indicators,
        currency=_coerce(currency, str, "currency") if currency is not None else None,
        no_price_comparison=pipe_set(
            settings.get("no_price_comparison_procurement_methods"), "no_price_comparison_procurement_methods"
        ),
        price_comparison=pipe_set(
            settings.get("price_comparison_procurement_methods"), "price_comparison_procurement_methods"
        ),
        exclude_procurement_method_details=pipe_set(
            exclusions.get("procurement_method_details"), "[exclusions] procurement_method_details"
        ),
        info_currency_mismatches=bool(info),
        thai=thai,
    )


def _indicator(code: str, section: dict[str, Any]) -> dict[str, Any]:
    allowed = _INDICATOR_KEYS[code]
    params: dict[str, Any] = {}
    for key, value in section.items():
        kind = allowed.get(key)
        if kind is None:
            raise SettingsError(f"[{code}] ไม่รู้จักค่า {key!r}")
        if kind == "map":
            if not isinstance(value, dict):
                raise SettingsError(f"[{code}.{key}] ต้องเป็นหมวดของ ชื่อ = จำนวนวัน")
            params[key] = {str(k): _coerce(v, int, f"[{code}.{key}] {k}") for k, v in value.items()}
        else:
            params[key] = _coerce(value, kind, f"[{code}] {key}")
    return params
