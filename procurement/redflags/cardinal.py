"""Per-process steps of the eleven Cardinal indicators.

Each factory takes the indicator's validated parameters and returns a `fold` closure called once per release
with the pieces the engine has already read: `fold(state, release, ocid, tender, bids, awards, complete,
submitted)`. `tender` is None unless an object; `bids` and `awards` are lists of the tuples built by
`ocds.bid_views` / `ocds.award_views` (None when `bids.details` / `awards` is not an array); `complete` is the
active awards when every award is final (else None); `submitted` the submitted bids. Semantics follow the
peer's documentation and behaviour, exclusions included; population-wide steps (quartiles, fences) are in
`outliers.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .ocds import IDS, SOLE, STATUS, object_id, party_names, whole_days_between
from .settings import Config, pipe_set
from .state import State
from .stats import ratio

Fold = Callable[..., None]


def matches_price_comparison(tender: dict | None, include: frozenset[str], exclude: frozenset[str]) -> bool:
    """The global (no_)price_comparison_procurement_methods filter on `tender.procurementMethodDetails`."""
    details = tender.get("procurementMethodDetails") if tender is not None else None
    if type(details) is str:
        return details not in exclude if not include else details in include
    return not include


def _method_allowed(tender: dict, methods: frozenset[str]) -> bool:
    if not methods:
        return True
    method = tender.get("procurementMethod")
    return type(method) is str and method in methods


def _lowest_winner_and_runner_bids(st: State, bids, supplier) -> tuple:
    """The supplier's lowest valid bid and the lowest valid bid of anyone else, in the run's currency.

    The first currency seen becomes the run's; bids in another currency are counted and skipped.
    Returns (winner_amount, runner, runner_amount); amounts are None when there is no such bid.
    """
    winner_amount = runner = runner_amount = None
    for status, amount, currency, _ids, tenderer, _date in bids:
        if status != "valid" or amount is None or currency is None or tenderer is None:
            continue
        if st.currency is None:
            st.currency = currency
        if currency != st.currency:
            st.currency_mismatches += 1
            continue
        if tenderer == supplier:
            if winner_amount is None or amount < winner_amount:
                winner_amount = amount
        elif runner_amount is None or amount < runner_amount:
            runner, runner_amount = tenderer, amount
    return winner_amount, runner, runner_amount


def second_lowest_bid_ratio(config: Config) -> Fold:
    """Shared by R024 and R058: (second-lowest valid bid − winning bid) / winning bid, per process."""
    include, exclude = config.price_comparison, config.no_price_comparison

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if complete is None or len(complete) != 1 or not matches_price_comparison(tender, include, exclude):
            return
        # One active award to one supplier: all bids compete for the whole contract (the peer's simple case).
        supplier = complete[0][SOLE]
        if supplier is None:
            return
        winner_amount, runner, runner_amount = _lowest_winner_and_runner_bids(st, bids, supplier)
        # A lower losing bid means the award criteria were not price only: the comparison does not apply.
        if winner_amount is not None and runner_amount is not None and runner_amount >= winner_amount:
            st.second_lowest[ocid] = (
                ratio(runner_amount - winner_amount, winner_amount),
                supplier,
                runner,
                winner_amount,
                runner_amount,
                st.currency,
            )

    return fold


def tenderers_map(config: Config) -> Fold:
    """`Maps.ocid_tenderer`: who submitted bids in each process (peer's `--map` with R025/R038/R048)."""

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        for bid in submitted:
            for ident in bid[IDS]:
                st.map_add("ocid_tenderer", ocid, ident)

    return fold


def r003(config: Config, params: dict[str, Any]) -> Fold:
    threshold = params.get("threshold", 15)
    methods = pipe_set(params.get("procurement_methods"))
    per_details = params.get("procurement_method_details") or {}

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if tender is None or not _method_allowed(tender, methods):
            return
        period = tender.get("tenderPeriod")
        if type(period) is not dict:
            return
        start, end = period.get("startDate"), period.get("endDate")
        if type(start) is not str or type(end) is not str:
            return
        days = whole_days_between(start, end)
        if days is None:
            return
        method_details = tender.get("procurementMethodDetails")
        limit = per_details.get(method_details, threshold) if type(method_details) is str else threshold
        if days < limit:
            st.flag("OCID", ocid, "R003", 1.0, {"days": days, "threshold": limit, "start": start, "end": end})

    return fold


def r018(config: Config, params: dict[str, Any]) -> Fold:
    raw = params.get("procurement_methods")
    methods = pipe_set("open|selective" if raw is None else raw)

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if tender is None or not _method_allowed(tender, methods):
            return
        count = tender.get("numberOfTenderers")
        if type(count) is int and count == 1:
            st.flag(
                "OCID",
                ocid,
                "R018",
                1.0,
                {
                    "procurement_method": tender.get("procurementMethod"),
                    "procurement_method_details": tender.get("procurementMethodDetails"),
                },
            )

    return fold


def r025(config: Config, params: dict[str, Any]) -> Fold:
    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if complete is None or len(complete) != 1:
            return
        supplier = complete[0][SOLE]
        if supplier is None:
            return
        # Each tenderer counts once per process, however many bids it submitted.
        valid = dict.fromkeys(bid[SOLE] for bid in bids if bid[STATUS] == "valid" and bid[SOLE] is not None)
        counters = st.r025
        for tenderer in valid:
            won = 1 if tenderer == supplier else 0
            entry = counters.get(tenderer)
            if entry is None:
                counters[tenderer] = [won, 1]
            else:
                entry[0] += won
                entry[1] += 1

    return fold


def r028(config: Config, params: dict[str, Any]) -> Fold:
    include, exclude = config.price_comparison, config.no_price_comparison

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if len(submitted) < 2 or not matches_price_comparison(tender, include, exclude):
            return
        prices: dict[tuple[float, str], dict[str, None]] = {}
        for _status, amount, currency, idents, _sole, _date in submitted:
            if amount is None or currency is None or not idents:
                continue
            ids = dict.fromkeys(idents)
            price = (amount, currency)
            other = prices.get(price)
            # A tenderer may submit several bids at the same price; only different tenderers count.
            if other is not None and ids.keys() != other.keys():
                data = st.details.get(("OCID", ocid, "R028"))
                if data is None:
                    data = {"prices": [], "names": party_names(rel)}
                data["prices"].append(
                    {"amount": amount, "currency": currency, "tenderers": list(dict.fromkeys((*other, *ids)))}
                )
                st.flag("OCID", ocid, "R028", 1.0, data)
                for ident in dict.fromkeys((*ids, *other)):
                    st.flag_party("Tenderer", ident, "R028", 1.0, ocid)
                    st.map_add("ocid_tenderer_r028", ocid, ident)
            prices[price] = ids

    return fold


def r030(config: Config, params: dict[str, Any]) -> Fold:
    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if tender is None or bids is None or awards is None:
            return
        period = tender.get("tenderPeriod")
        end = period.get("endDate") if type(period) is dict else None
        if type(end) is not str:
            return
        winners = {ident for award in awards if award[STATUS] == "active" for ident in award[IDS]}
        if not winners:
            return
        for status, _amount, _currency, idents, _sole, date in bids:
            # RFC 3339 strings in one format compare correctly as text; the peer compares them as text too.
            if status != "valid" or date is None or not date > end:
                continue
            for ident in idents:
                if ident in winners:
                    data = st.details.get(("OCID", ocid, "R030")) or {
                        "end_date": end,
                        "late": [],
                        "names": party_names(rel),
                    }
                    data["late"].append({"tenderer": ident, "date": date})
                    st.flag("OCID", ocid, "R030", 1.0, data)
                    st.flag_party("Tenderer", ident, "R030", 1.0, ocid)
                    st.map_add("ocid_tenderer_r030", ocid, ident)

    return fold


def r035(config: Config, params: dict[str, Any]) -> Fold:
    threshold = max(params.get("threshold", 1), 1)

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if not complete:
            return
        valid: dict[str, None] = {}
        disqualified: dict[str, None] = {}
        for bid in bids:
            status = bid[STATUS]
            if status == "valid":
                valid.update(dict.fromkeys(bid[IDS]))
            elif status == "disqualified":
                disqualified.update(dict.fromkeys(bid[IDS]))
        # One winner whose bids are the only valid ones; several winners can be legitimate lot awards.
        if len(valid) != 1 or not disqualified:
            return
        winners = {ident for award in complete for ident in award[IDS]}
        if valid.keys() != winners:
            return
        others = [ident for ident in disqualified if ident not in valid]
        if len(others) >= threshold:
            winner = next(iter(valid))
            st.flag(
                "OCID",
                ocid,
                "R035",
                float(len(others)),
                {"winner": winner, "disqualified": others, "names": party_names(rel)},
            )
            st.flag_party("Tenderer", winner, "R035", 0.0, ocid)
            st.map_add("ocid_tenderer_r035", ocid, winner)

    return fold


def _lowest_submitted_bid(st: State, submitted) -> tuple:
    """(lowest amount, whether that bid was disqualified, whether any bid is valid) in the run's currency.

    Bids without an amount or currency are skipped; bids in another currency are counted and skipped.
    """
    lowest = None
    lowest_disqualified = has_valid = False
    for status, amount, currency, _ids, _sole, _date in submitted:
        if amount is None or currency is None:
            continue
        if st.currency is None:
            st.currency = currency
        if currency != st.currency:
            st.currency_mismatches += 1
            continue
        if lowest is None or amount < lowest:
            lowest = amount
            lowest_disqualified = status == "disqualified"
        if status == "valid":
            has_valid = True
    return lowest, lowest_disqualified, has_valid


def r036(config: Config, params: dict[str, Any]) -> Fold:
    include, exclude = config.price_comparison, config.no_price_comparison

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if not submitted or awards is None or not matches_price_comparison(tender, include, exclude):
            return
        if not any(award[STATUS] == "active" for award in awards):
            return
        lowest, lowest_disqualified, has_valid = _lowest_submitted_bid(st, submitted)
        if has_valid and lowest_disqualified:
            st.flag("OCID", ocid, "R036", 1.0, {"lowest": lowest, "currency": st.currency})

    return fold


def r038(config: Config, params: dict[str, Any]) -> Fold:
    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if not submitted:
            return
        per_tenderer = st.r038["Tenderer"]
        disqualified = 0
        for bid in submitted:
            hit = 1 if bid[STATUS] == "disqualified" else 0
            disqualified += hit
            for ident in bid[IDS]:
                entry = per_tenderer.get(ident)
                if entry is None:
                    per_tenderer[ident] = [hit, 1]
                else:
                    entry[0] += hit
                    entry[1] += 1
        count = len(submitted)
        for group, ident, map_name in (
            ("Buyer", object_id(rel, "buyer"), "ocid_buyer_r038"),
            ("ProcuringEntity", object_id(tender, "procuringEntity"), "ocid_procuringentity_r038"),
        ):
            if ident is None:
                continue
            counters = st.r038[group]
            entry = counters.get(ident)
            if entry is None:
                counters[ident] = [disqualified, count]
            else:
                entry[0] += disqualified
                entry[1] += count
            if disqualified and st.maps is not None:
                st.maps[map_name][ocid] = ident

    return fold


def r048(config: Config, params: dict[str, Any]) -> Fold:
    digits = params.get("digits", 2)

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if awards is None:
            return
        observed: set[str] = set()
        for status, _amount, _currency, _ids, supplier, award in awards:
            # An award to several suppliers does not say who supplies what: counting it would
            # overstate variety.
            if status != "active" or supplier is None:
                continue
            items = award.get("items")
            if type(items) is not list:
                continue
            for item in items:
                classification = item.get("classification") if type(item) is dict else None
                code = classification.get("id") if type(classification) is dict else None
                if type(code) is not str:
                    continue
                entry = st.r048.get(supplier)
                if entry is None:
                    entry = st.r048[supplier] = [0, set()]
                if supplier not in observed:
                    observed.add(supplier)
                    entry[0] += 1
                entry[1].add(code[:digits])

    return fold


FOLDS: dict[str, Callable[[Config, dict[str, Any]], Fold]] = {
    "R003": r003,
    "R018": r018,
    "R025": r025,
    "R028": r028,
    "R030": r030,
    "R035": r035,
    "R036": r036,
    "R038": r038,
    "R048": r048,
}
