"""Screening results in the peer's JSON shape, and their exact serialisation.

`ScreenResult` is a dict `{"OCID": {ocid: {code: value}}, "Buyer": …, "ProcuringEntity": …, "Tenderer": …}`
holding only non-empty groups, in that order; organizations and processes appear in input order, codes sorted.
Attributes carry what the CLI may add ("Meta", "Maps") and the facts behind each flag for `explain()`.
"""

from __future__ import annotations

import math
from typing import Any

import orjson

from .state import GROUPS, MAP_NAMES, State
from .stats import round4


class ScreenResult(dict):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meta: dict[str, dict[str, float]] = {}
        self.maps: dict[str, dict[str, Any]] | None = None
        self.details: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.currency: str | None = None
        self.lines = 0
        self.invalid_lines = 0

    @classmethod
    def from_state(cls, st: State, meta: dict[str, dict[str, float]]) -> ScreenResult:
        result = cls()
        for group in GROUPS:
            entries = st.results[group]
            if entries:
                result[group] = {key: dict(sorted(codes.items())) for key, codes in entries.items()}
        result.meta = {code: meta[code] for code in sorted(meta)}
        if st.maps is not None:
            result.maps = {
                name: {ocid: list(v) if isinstance(v, dict) else v for ocid, v in st.maps[name].items()}
                for name in MAP_NAMES
            }
        result.details = st.details
        result.currency = st.currency
        result.lines = st.lines
        result.invalid_lines = st.invalid_lines
        return result

    def to_json(self, *, meta: bool = True, maps: bool = False, extra: dict[str, Any] | None = None) -> bytes:
        """Serialise like the peer: compact JSON, floats printed as Rust's serde_json prints them."""
        document: dict[str, Any] = {group: _floats(entries) for group, entries in self.items()}
        if meta:
            document["Meta"] = {
                code: {k: _float(round4(v)) for k, v in info.items()} for code, info in self.meta.items()
            }
        if maps and self.maps is not None:
            document["Maps"] = self.maps
        if extra:
            document.update(extra)
        return orjson.dumps(document)


def _floats(entries: dict[str, dict[str, float]]) -> dict[str, dict[str, Any]]:
    return {key: {code: _float(value) for code, value in codes.items()} for key, codes in entries.items()}


def _float(value: float) -> Any:
    """Rust's serde_json (ryu) and orjson agree on every float except large exponents: "1e16" vs "1e+16"."""
    if math.isfinite(value) and abs(value) >= 1e16:
        return orjson.Fragment(orjson.dumps(value).replace(b"e+", b"e"))
    return value
