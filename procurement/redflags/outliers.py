"""Population-wide steps of the Cardinal indicators, run once after every release has been read.

Fences are Tukey's: Q1 − 1.5·IQR for low outliers, Q3 + 1.5·IQR for high ones, unless a fixed `threshold` is
set. `meta` receives the quartiles and fences, as the peer reports them under "Meta".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .state import State
from .stats import fma, percentile, quartiles


def r024(st: State, params: dict[str, Any], meta: dict[str, dict[str, float]]) -> None:
    """Second-lowest bid very close to the winning bid (low outlier of the relative difference)."""
    info: dict[str, float] = {}
    threshold = params.get("threshold")
    if threshold is None:
        q1, q3 = quartiles([entry[0] for entry in st.second_lowest.values()])
        info.update(q1=q1, q3=q3)
        lower = fma(q3 - q1, -1.5, q1)
    else:
        lower, q1 = threshold, 1.0  # a fixed fence needs no quartile guard
    info["lower_fence"] = lower
    meta["R024"] = info
    # Differences are never negative; if a quarter of them are zero the fence says nothing.
    if not (q1 > 0 and lower > 0):
        return
    for ocid, (value, winner, runner, winner_amount, runner_amount, currency) in st.second_lowest.items():
        if value <= lower:
            st.flag(
                "OCID",
                ocid,
                "R024",
                value,
                {
                    "winner": winner,
                    "runner_up": runner,
                    "winner_amount": winner_amount,
                    "runner_up_amount": runner_amount,
                    "currency": currency,
                    "fence": lower,
                },
            )
            for ident in (winner, runner):
                st.flag_party("Tenderer", ident, "R024", 0.0, ocid)
                st.map_add("ocid_tenderer_r024", ocid, ident)


def r058(st: State, params: dict[str, Any], meta: dict[str, dict[str, float]]) -> None:
    """Winning bid far below the second-lowest bid (high outlier of the relative difference)."""
    info: dict[str, float] = {}
    upper = params.get("threshold")
    if upper is None:
        q1, q3 = quartiles([entry[0] for entry in st.second_lowest.values()])
        info.update(q1=q1, q3=q3)
        upper = fma(q3 - q1, 1.5, q3)
    info["upper_fence"] = upper
    meta["R058"] = info
    if not upper > 0:
        return
    for ocid, (value, winner, runner, winner_amount, runner_amount, currency) in st.second_lowest.items():
        if value >= upper:
            st.flag(
                "OCID",
                ocid,
                "R058",
                value,
                {
                    "winner": winner,
                    "runner_up": runner,
                    "winner_amount": winner_amount,
                    "runner_up_amount": runner_amount,
                    "currency": currency,
                    "fence": upper,
                },
            )
            st.flag_party("Tenderer", winner, "R058", 0.0, ocid)
            st.map_add("ocid_tenderer_r058", ocid, winner)


def r025(st: State, params: dict[str, Any], meta: dict[str, dict[str, float]]) -> None:
    """Top tenderers (by number of valid bids) whose win ratio is a low outlier."""
    counters = st.r025
    info: dict[str, float] = {}
    upper = percentile([float(total) for _, total in counters.values()], params.get("percentile", 75))
    threshold = params.get("threshold")
    if threshold is None:
        q1, q3 = quartiles([won / total for won, total in counters.values()])
        info.update(q1=q1, q3=q3)
        lower = fma(q3 - q1, -1.5, q1)
    else:
        lower, q1 = threshold, 1.0
    info.update(upper_fence=upper, lower_fence=lower)
    meta["R025"] = info
    if not (q1 > 0 and lower > 0):
        return
    for ident, (won, total) in counters.items():
        value = won / total
        if total >= upper and value <= lower:
            st.flag(
                "Tenderer",
                ident,
                "R025",
                value,
                {"won": won, "bids": total, "fence": lower, "top_fence": upper},
            )


def r038(st: State, params: dict[str, Any], meta: dict[str, dict[str, float]]) -> None:
    """High share of disqualified bids per buyer, procuring entity and tenderer."""
    threshold = params.get("threshold")
    minimum_processes = params.get("minimum_contracting_processes", 2)
    for group, minimum in (
        ("Buyer", minimum_processes),
        ("ProcuringEntity", minimum_processes),
        ("Tenderer", params.get("minimum_submitted_bids", 2)),
    ):
        counters = st.r038[group]
        ratios = {
            ident: (dq / total, dq, total) for ident, (dq, total) in counters.items() if total >= minimum
        }
        if not ratios:
            continue
        info = meta.setdefault("R038", {})
        upper = threshold
        if upper is None:
            q1, q3 = quartiles([entry[0] for entry in ratios.values()])
            info[f"{group}_q1"] = q1
            info[f"{group}_q3"] = q3
            upper = fma(q3 - q1, 1.5, q3)
        info[f"{group}_upper_fence"] = upper
        if not upper > 0:
            continue
        for ident, (value, dq, total) in ratios.items():
            if value >= upper:
                st.flag(group, ident, "R038", value, {"disqualified": dq, "submitted": total, "fence": upper})


def r048(st: State, params: dict[str, Any], meta: dict[str, dict[str, float]]) -> None:
    """Suppliers awarded items from unusually many first-level classification codes."""
    minimum = params.get("minimum_contracting_processes", 20)
    varieties = {ident: (float(len(codes)), count, codes) for ident, (count, codes) in st.r048.items()
                 if count >= minimum}
    info: dict[str, float] = {}
    threshold = params.get("threshold")
    if threshold is None:
        q1, q3 = quartiles([entry[0] for entry in varieties.values()])
        info.update(q1=q1, q3=q3)
        upper = fma(q3 - q1, 1.5, q3)
    else:
        upper = float(threshold)
    info["upper_fence"] = upper
    meta["R048"] = info
    for ident, (variety, count, codes) in varieties.items():
        if variety >= upper:
            st.flag(
                "Tenderer",
                ident,
                "R048",
                variety,
                {"processes": count, "prefixes": sorted(codes), "fence": upper},
            )


# In the peer's order, which decides the order of organizations within the Tenderer group.
FINALIZERS: dict[str, Callable[[State, dict[str, Any], dict[str, dict[str, float]]], None]] = {
    "R024": r024,
    "R025": r025,
    "R038": r038,
    "R048": r048,
    "R058": r058,
}
