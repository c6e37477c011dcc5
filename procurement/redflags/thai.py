"""Evaluation of the Thai rules declared in `rules.yaml`, on the same fold/finalize engine as Cardinal's.

Per-process rules (TH01, TH02, TH05) flag during the fold. TH03 (repeat winner) and TH04 (split purchases)
keep small per-organization aggregates in `State.thai` and flag in `finalize`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .contacts import shared_attributes
from .ocds import IDS, STATUS, calendar_day, ids_of, number, object_id, party_names
from .rules import ThaiRule, configured_rules
from .settings import Config
from .state import State


def active_rules(config: Config) -> list[ThaiRule]:
    return configured_rules(config)


def _buyer_of(rel: dict, tender: dict | None) -> str | None:
    return object_id(rel, "buyer") or object_id(tender, "procuringEntity")


def _awarded(awards: list | None) -> list[tuple]:
    return [award for award in awards or () if award[STATUS] == "active"]


def _remember_names(st: State, rel: dict, idents: list[str]) -> None:
    names = st.thai.setdefault("names", {})
    missing = [i for i in idents if i not in names]
    if missing:
        found = party_names(rel)
        for ident in missing:
            if ident in found:
                names[ident] = found[ident]


def price_near_reference(rule: ThaiRule) -> Callable[..., None]:
    threshold = rule.parameters["threshold"]

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if tender is None or awards is None or not rule.applies_to(tender):
            return
        value = tender.get("value")
        reference = number(value.get("amount")) if type(value) is dict else None
        if reference is None or reference <= 0:
            return
        currency = value.get("currency")
        total = None
        for *_, award in _awarded(awards):
            award_value = award.get("value")
            if type(award_value) is not dict:
                continue
            amount = number(award_value.get("amount"))
            award_currency = award_value.get("currency")
            if amount is None or (currency is not None and award_currency not in (None, currency)):
                continue
            total = amount if total is None else total + amount
        if total is None:
            return
        share = total / reference
        if share >= threshold:
            st.flag(
                "OCID",
                ocid,
                rule.id,
                share,
                {"awarded": total, "reference": reference, "currency": currency, "threshold": threshold},
            )

    return fold


def document_buyer_count(tender: dict) -> int | None:
    """Who bought or downloaded the bid documents: `tender.documentBuyers` (references) or a plain count."""
    buyers = tender.get("documentBuyers")
    if isinstance(buyers, list):
        idents = ids_of(buyers)
        anonymous = sum(1 for b in buyers if not (type(b) is dict and type(b.get("id")) is str))
        return len(set(idents)) + anonymous
    count = tender.get("numberOfDocumentBuyers")
    return count if type(count) is int and count >= 0 else None


def many_document_buyers(rule: ThaiRule) -> Callable[..., None]:
    minimum_buyers = rule.parameters["minimum_document_buyers"]
    maximum_valid = rule.parameters["maximum_valid_bids"]

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        # Without a bids list there is no evidence about valid bids, so nothing is concluded.
        if tender is None or bids is None or not rule.applies_to(tender):
            return
        buyers = document_buyer_count(tender)
        if buyers is None or buyers < minimum_buyers:
            return
        valid = sum(1 for bid in bids if bid[STATUS] == "valid")
        if valid <= maximum_valid:
            st.flag(
                "OCID",
                ocid,
                rule.id,
                float(buyers),
                {"document_buyers": buyers, "valid_bids": valid, **rule.parameters},
            )

    return fold


def repeat_winner(rule: ThaiRule) -> Callable[..., None]:
    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if awards is None or not rule.applies_to(tender):
            return
        winners = dict.fromkeys(ident for award in _awarded(awards) for ident in award[IDS])
        buyer = _buyer_of(rel, tender)
        if buyer is None or not winners:
            return
        totals = st.thai.setdefault("th03_totals", {})
        totals[buyer] = totals.get(buyer, 0) + 1
        pairs = st.thai.setdefault("th03_pairs", {})
        for supplier in winners:
            pairs.setdefault((buyer, supplier), []).append(ocid)
        _remember_names(st, rel, [buyer, *winners])

    return fold


def split_purchase(rule: ThaiRule) -> Callable[..., None]:
    band = rule.parameters["band"]
    digits = rule.parameters["classification_digits"]
    currency = rule.parameters["currency"]
    # Each ceiling belongs to a method, so each gets its own method filter.
    thresholds = [
        (
            entry,
            replace(
                rule,
                procurement_methods=frozenset(entry.get("procurement_methods") or ()),
                procurement_method_details=frozenset(entry.get("procurement_method_details") or ()),
            ),
        )
        for entry in rule.thresholds
    ]

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if awards is None or not rule.applies_to(tender):
            return
        buyer = _buyer_of(rel, tender)
        if buyer is None:
            return
        for entry, method_rule in thresholds:
            if not method_rule.applies_to(tender):
                continue
            ceiling = entry["amount"]
            for *_, suppliers, _sole, award in _awarded(awards):
                value = award.get("value")
                if type(value) is not dict or value.get("currency") not in (None, currency):
                    continue
                amount = number(value.get("amount"))
                if amount is None or not ceiling * (1 - band) <= amount <= ceiling:
                    continue
                day = calendar_day(award.get("date")) or calendar_day(rel.get("date"))
                if day is None:
                    continue
                items = award.get("items")
                prefixes = {
                    item["classification"]["id"][:digits]
                    for item in (items if isinstance(items, list) else ())
                    if type(item) is dict
                    and type(item.get("classification")) is dict
                    and type(item["classification"].get("id")) is str
                }
                st.thai.setdefault("th04", []).append(
                    (ceiling, entry.get("method", ""), buyer, tuple(suppliers), tuple(sorted(prefixes)), day,
                     amount, ocid)
                )
                _remember_names(st, rel, [buyer, *suppliers])

    return fold


def shared_contacts(rule: ThaiRule) -> Callable[..., None]:
    kinds = [
        kind for kind in ("address", "telephone", "directors") if rule.parameters.get(f"match_{kind}", True)
    ]

    def fold(st: State, rel, ocid, tender, bids, awards, complete, submitted) -> None:
        if len(submitted) < 2 or not rule.applies_to(tender):
            return
        tenderers = dict.fromkeys(ident for bid in submitted for ident in bid[IDS])
        if len(tenderers) < 2:
            return
        links = shared_attributes(rel, list(tenderers), kinds)
        if not links:
            return
        involved = dict.fromkeys(ident for link in links for ident in link["tenderers"])
        names = party_names(rel)
        st.flag(
            "OCID",
            ocid,
            rule.id,
            float(len(involved)),
            {"links": links, "names": {i: names[i] for i in involved if i in names}},
        )
        for ident in involved:
            st.flag_party("Tenderer", ident, rule.id, 1.0, ocid)

    return fold


_FOLDS: dict[str, Callable[[ThaiRule], Callable[..., None]]] = {
    "price_near_reference": price_near_reference,
    "many_document_buyers": many_document_buyers,
    "repeat_winner": repeat_winner,
    "split_purchase": split_purchase,
    "shared_contacts": shared_contacts,
}


def fold_for(rule: ThaiRule) -> Callable[..., None] | None:
    factory = _FOLDS.get(rule.kind)
    return factory(rule) if factory is not None else None


def finalize(rule: ThaiRule, st: State) -> None:
    if rule.kind == "repeat_winner":
        _finalize_repeat_winner(rule, st)
    elif rule.kind == "split_purchase":
        _finalize_split_purchase(rule, st)


def _finalize_repeat_winner(rule: ThaiRule, st: State) -> None:
    params = rule.parameters
    totals = st.thai.get("th03_totals", {})
    names = st.thai.get("names", {})
    for (buyer, supplier), ocids in st.thai.get("th03_pairs", {}).items():
        total = totals.get(buyer, 0)
        wins = len(ocids)
        if wins < params["minimum_wins"] or total < params["minimum_buyer_processes"]:
            continue
        share = wins / total
        if share < params["minimum_share"]:
            continue
        data = {
            "buyer": buyer,
            "supplier": supplier,
            "buyer_name": names.get(buyer),
            "supplier_name": names.get(supplier),
            "wins": wins,
            "total": total,
            **params,
        }
        for ocid in ocids:
            st.flag("OCID", ocid, rule.id, share, data)
        for group, ident in (("Buyer", buyer), ("Tenderer", supplier)):
            previous = st.results[group].get(ident, {}).get(rule.id, 0.0)
            for ocid in ocids:
                st.flag_party(group, ident, rule.id, max(previous, share), ocid)


def _split_purchase_groups(th04: Any) -> dict[tuple, list[tuple]]:
    """The TH04 candidates grouped by (ceiling, method, buyer, kind, key): once per supplier and once per
    classification prefix, in input order."""
    groups: dict[tuple, list[tuple]] = {}
    for candidate in th04:
        ceiling, method, buyer, suppliers, prefixes, day, amount, ocid = candidate
        for supplier in suppliers:
            groups.setdefault((ceiling, method, buyer, "supplier", supplier), []).append(candidate)
        for prefix in prefixes:
            groups.setdefault((ceiling, method, buyer, "classification", prefix), []).append(candidate)
    return groups


def _finalize_split_purchase(rule: ThaiRule, st: State) -> None:
    params = rule.parameters
    window = params["window_days"]
    minimum = params["minimum_processes"]
    names = st.thai.get("names", {})
    groups = _split_purchase_groups(st.thai.get("th04", ()))
    best: dict[str, dict[str, Any]] = {}
    for (ceiling, method, buyer, kind, key), candidates in groups.items():
        candidates.sort(key=lambda c: (c[5], c[7]))
        end = 0
        for start in range(len(candidates)):
            end = max(end, start)
            while end + 1 < len(candidates) and candidates[end + 1][5] - candidates[start][5] <= window:
                end += 1
            cluster = candidates[start : end + 1]
            ocids = list(dict.fromkeys(c[7] for c in cluster))
            total = sum(c[6] for c in cluster)
            if len(ocids) < minimum or total <= ceiling:
                continue
            data = {
                "buyer": buyer,
                "buyer_name": names.get(buyer),
                "kind": kind,
                "key": key,
                "key_name": names.get(key) if kind == "supplier" else None,
                "ocids": ocids,
                "count": len(ocids),
                "first_day": cluster[0][5],
                "last_day": cluster[-1][5],
                "low": min(c[6] for c in cluster),
                "high": max(c[6] for c in cluster),
                "total": total,
                "threshold": ceiling,
                "method": method,
                "currency": params["currency"],
                "window_days": window,
            }
            for ocid in ocids:
                if ocid not in best or best[ocid]["count"] < len(ocids):
                    best[ocid] = data
    for ocid, data in best.items():
        st.flag("OCID", ocid, rule.id, float(data["count"]), data)
        previous = st.results["Buyer"].get(data["buyer"], {}).get(rule.id, 0.0)
        st.flag_party("Buyer", data["buyer"], rule.id, max(previous, float(data["count"])), ocid)


def merge(mine: dict[str, Any], other: dict[str, Any]) -> None:
    """Merge the Thai aggregates of a later chunk into an earlier one."""
    for buyer, count in other.get("th03_totals", {}).items():
        totals = mine.setdefault("th03_totals", {})
        totals[buyer] = totals.get(buyer, 0) + count
    for pair, ocids in other.get("th03_pairs", {}).items():
        mine.setdefault("th03_pairs", {}).setdefault(pair, []).extend(ocids)
    mine.setdefault("th04", []).extend(other.get("th04", ()))
    names = mine.setdefault("names", {})
    for ident, name in other.get("names", {}).items():
        names.setdefault(ident, name)
