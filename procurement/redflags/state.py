"""The running aggregates of one screening pass, small enough to ship between worker processes.

Only what the indicators need survives a release: flags raised so far, per-process bid ratios (R024/R058), and
per-organization counters (R025, R038, R048, TH03, TH04). Merging two states in input order gives the same
result as one pass over the concatenated input.
"""

from __future__ import annotations

from typing import Any

GROUPS = ("OCID", "Buyer", "ProcuringEntity", "Tenderer")
MAP_NAMES = (
    "ocid_buyer_r038",
    "ocid_procuringentity_r038",
    "ocid_tenderer",
    "ocid_tenderer_r024",
    "ocid_tenderer_r028",
    "ocid_tenderer_r030",
    "ocid_tenderer_r035",
    "ocid_tenderer_r058",
)


class State:
    __slots__ = (
        "results",
        "details",
        "currency",
        "currency_mismatches",
        "second_lowest",
        "r025",
        "r038",
        "r048",
        "maps",
        "thai",
        "lines",
        "invalid_lines",
    )

    def __init__(self, *, currency: str | None = None, maps: bool = False, details: bool = True) -> None:
        self.results: dict[str, dict[str, dict[str, float]]] = {group: {} for group in GROUPS}
        # (group, key, code) → facts behind the flag, used to write its explanation.
        self.details: dict[tuple[str, str, str], dict[str, Any]] = {} if details else _Discard()
        self.currency = currency
        self.currency_mismatches = 0
        # ocid → (ratio, winner, runner-up, winning amount, runner-up amount, currency)
        self.second_lowest: dict[str, tuple] = {}
        self.r025: dict[str, list[int]] = {}  # tenderer → [processes won, processes with a valid bid]
        # group → id → [disqualified bids, submitted bids]
        self.r038: dict[str, dict[str, list[int]]] = {"Buyer": {}, "ProcuringEntity": {}, "Tenderer": {}}
        self.r048: dict[str, list] = {}  # supplier → [processes awarded, set of classification prefixes]
        self.maps: dict[str, dict[str, Any]] | None = {name: {} for name in MAP_NAMES} if maps else None
        self.thai: dict[str, Any] = {}
        self.lines = 0
        self.invalid_lines = 0

    def flag(self, group: str, key: str, code: str, value: float, data: dict[str, Any] | None = None) -> None:
        bucket = self.results[group]
        entry = bucket.get(key)
        if entry is None:
            bucket[key] = {code: value}
        else:
            entry[code] = value
        if data is not None:
            self.details[(group, key, code)] = data

    def flag_party(self, group: str, key: str, code: str, value: float, ocid: str) -> None:
        """Flag an organization because of one process, remembering which processes caused it."""
        self.flag(group, key, code, value)
        data = self.details.get((group, key, code))
        if data is None:
            self.details[(group, key, code)] = {"ocids": [ocid]}
        elif data["ocids"][-1] != ocid:
            data["ocids"].append(ocid)

    def map_add(self, name: str, ocid: str, ident: str) -> None:
        if self.maps is not None:
            self.maps[name].setdefault(ocid, {})[ident] = None

    def merge(self, other: State) -> None:
        """Fold `other`, which covers input that comes after this state's, into this one."""
        self._merge_results(other)
        self._merge_details(other)
        self.currency_mismatches += other.currency_mismatches
        self.second_lowest.update(other.second_lowest)
        _sum_pairs(self.r025, other.r025)
        for group, counters in other.r038.items():
            _sum_pairs(self.r038[group], counters)
        self._merge_r048(other)
        self._merge_maps(other)
        self.lines += other.lines
        self.invalid_lines += other.invalid_lines

    def _merge_results(self, other: State) -> None:
        for group in GROUPS:
            mine = self.results[group]
            for key, codes in other.results[group].items():
                entry = mine.get(key)
                if entry is None:
                    mine[key] = codes
                else:
                    entry.update(codes)

    def _merge_details(self, other: State) -> None:
        # The processes behind an organization's flag are joined in input order, each once.
        for key, data in other.details.items():
            current = self.details.get(key)
            if current is not None and "ocids" in current and "ocids" in data:
                seen = set(current["ocids"])
                current["ocids"].extend(o for o in data["ocids"] if o not in seen)
            else:
                self.details[key] = data

    def _merge_r048(self, other: State) -> None:
        for key, (count, codes) in other.r048.items():
            entry = self.r048.get(key)
            if entry is None:
                self.r048[key] = [count, codes]
            else:
                entry[0] += count
                entry[1] |= codes

    def _merge_maps(self, other: State) -> None:
        if self.maps is None or other.maps is None:
            return
        for name, mapping in other.maps.items():
            mine_map = self.maps[name]
            for ocid, value in mapping.items():
                if isinstance(value, dict) and isinstance(mine_map.get(ocid), dict):
                    mine_map[ocid].update(value)
                else:
                    mine_map[ocid] = value


class _Discard(dict):
    """A details store that keeps nothing, for runs whose flags will not be explained (saves memory)."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def _sum_pairs(mine: dict[str, list[int]], other: dict[str, list[int]]) -> None:
    for key, (a, b) in other.items():
        entry = mine.get(key)
        if entry is None:
            mine[key] = [a, b]
        else:
            entry[0] += a
            entry[1] += b
