"""The screening pass: one fold over compiled releases, then the population-wide finalizers.

Releases are read one at a time and dropped; only `State` grows, with flags and per-organization counters.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

import orjson

from . import cardinal, thai
from .ocds import award_views, bid_views, complete_awards, submitted_bids
from .outliers import FINALIZERS
from .result import ScreenResult
from .settings import CARDINAL_CODES, Config
from .state import State

logger = logging.getLogger(__name__)

_TENDER_ONLY = {"R003", "R018"}


class Screener:
    """Settings turned into a list of fold steps; reusable for any number of passes."""

    def __init__(
        self, config: Config, *, include_thai: bool = False, maps: bool = False, details: bool = True
    ) -> None:
        self.config = config
        self.include_thai = include_thai
        self.maps = maps
        self.details = details
        enabled = config.indicators
        folds: list[cardinal.Fold] = []
        if maps and enabled.keys() & {"R025", "R038", "R048"}:
            folds.append(cardinal.tenderers_map(config))
        if "R024" in enabled or "R058" in enabled:
            folds.append(cardinal.second_lowest_bid_ratio(config))
        for code in CARDINAL_CODES:
            if code in enabled and code in cardinal.FOLDS:
                folds.append(cardinal.FOLDS[code](config, enabled[code]))
        self.thai_rules = thai.active_rules(config) if include_thai else []
        for rule in self.thai_rules:
            step = thai.fold_for(rule)
            if step is not None:
                folds.append(step)
        self.folds = tuple(folds)
        # R003 and R018 read only the tender; skip reading bids and awards when nothing else runs.
        self.needs_bids = bool(enabled.keys() - _TENDER_ONLY) or bool(self.thai_rules)
        self.fold_release = self._release_step()

    def new_state(self, currency: str | None = None) -> State:
        return State(
            currency=currency if currency is not None else self.config.currency,
            maps=self.maps,
            details=self.details,
        )

    def fold_items(self, st: State, items: Iterable[Any]) -> None:
        """Fold releases given as dicts, or as JSON text (bytes, memoryview or str, one release each)."""
        loads = orjson.loads
        invalid = orjson.JSONDecodeError
        fold_release = self.fold_release
        lines = 0
        text = (bytes, bytearray, memoryview, str)
        for item in items:
            if isinstance(item, text):
                lines += 1
                try:
                    item = loads(item)
                except invalid as exc:
                    parsed = _lenient(item) if "infinity" in str(exc) else _INVALID
                    if parsed is _INVALID:
                        _skip_invalid(item, st)
                        continue
                    item = parsed
            # Anything that is not an object (a JSON array, a number…) is skipped by the release step.
            fold_release(st, item)
        st.lines += lines

    def _release_step(self):
        """The per-release step as a closure over its settings (this loop runs once per release)."""
        exclude = self.config.exclude_procurement_method_details
        needs_bids = self.needs_bids
        folds = self.folds

        def fold_release(st: State, rel: Any) -> None:
            if not isinstance(rel, dict):
                return
            ocid = rel.get("ocid")
            if type(ocid) is not str:
                return
            tender = rel.get("tender")
            if type(tender) is dict or isinstance(tender, dict):
                if tender.get("status") == "cancelled":
                    return
                method_details = tender.get("procurementMethodDetails")
                if type(method_details) is str and method_details in exclude:
                    return
            else:
                tender = None
            bids, awards = _bid_and_award_views(rel) if needs_bids else (None, None)
            complete = complete_awards(awards, bids)
            submitted = submitted_bids(bids)
            for step in folds:
                step(st, rel, ocid, tender, bids, awards, complete, submitted)

        return fold_release

    def finalize(self, st: State) -> ScreenResult:
        meta: dict[str, dict[str, float]] = {}
        for code, finalizer in FINALIZERS.items():
            if code in self.config.indicators:
                finalizer(st, self.config.indicators[code], meta)
        for rule in self.thai_rules:
            thai.finalize(rule, st)
        if st.currency_mismatches:
            log = logger.info if self.config.info_currency_mismatches else logger.warning
            log("%d bid amounts not in %s were skipped.", st.currency_mismatches, st.currency)
        if st.invalid_lines:
            logger.warning("%d lines were not valid JSON and were skipped.", st.invalid_lines)
        return ScreenResult.from_state(st, meta)


def _bid_and_award_views(rel: dict) -> tuple:
    """(bids, awards) of one release as the folds read them; either is None when the release has no list."""
    bids = awards = None
    container = rel.get("bids")
    details = container.get("details") if isinstance(container, dict) else None
    if isinstance(details, list):
        bids = bid_views(details)
    raw_awards = rel.get("awards")
    if isinstance(raw_awards, list):
        awards = award_views(raw_awards)
    return bids, awards


_INVALID = object()


def _refuse(name: str):
    raise ValueError(name)


_PEER_DECODER = json.JSONDecoder(parse_constant=_refuse)


def _lenient(item: Any) -> Any:
    """A line orjson refused for a number beyond the range of a double (`1e400`), read as the peer reads it;
    _INVALID when the peer refuses the line for another reason.

    The peer's JSON parser keeps every number as its text (serde_json's arbitrary precision) and reads such a
    line; the number is then no number for the indicators (its `as_f64` gives none for what is not finite, and
    `ocds.number` does the same here). Everything else orjson refuses the peer refuses too (a byte-order mark,
    invalid UTF-8, NaN or Infinity, trailing text), so only this one error is read again."""
    try:
        text = item.decode("utf-8") if not isinstance(item, str) else item
        if text.startswith("\ufeff"):
            return _INVALID
        return _PEER_DECODER.decode(text)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return _INVALID


def _skip_invalid(item: Any, st: State) -> None:
    text = item.encode() if isinstance(item, str) else bytes(item)
    # Blank lines are skipped silently; any other line the peer's parser refuses is skipped and counted.
    if text.strip():
        st.invalid_lines += 1
