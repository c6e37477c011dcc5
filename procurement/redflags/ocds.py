"""Read the parts of an OCDS compiled release that the indicators use, with the peer's tolerance rules.

A field of the wrong JSON type counts as absent (an `ocid` that is a number, `awards` that is an object, an
amount given as a string): the release is not rejected, the indicator simply finds nothing there.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

NUMBER_TYPES = frozenset({int, float, Decimal})  # bool is excluded on purpose: `true` is not an amount
FINAL_AWARD_IGNORED = frozenset({"cancelled", "unsuccessful"})
NOT_SUBMITTED = frozenset({"invited", "withdrawn"})

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_RFC3339 = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([Zz])|([+\-\u2212])(\d\d):(\d\d))\Z",
    re.ASCII,
)


def number(value: object) -> float | None:
    """A JSON number as a float (the peer's `as_f64`), or None for anything else, and for a number beyond the
    range of a double (`1e400` is read as infinity; the peer's `as_f64` gives none for what is not finite)."""
    if type(value) in NUMBER_TYPES:
        try:
            result = float(value)  # type: ignore[arg-type]
        except OverflowError:
            return None
        return result if math.isfinite(result) else None
    return None


def parse_instant(text: str) -> int | None:
    """An RFC 3339 date-time → nanoseconds since the epoch; None when the peer's parser would refuse it."""
    m = _RFC3339.match(text)
    if m is None:
        return None
    return _exact_nanos(m)


def _exact_nanos(m: re.Match) -> int | None:
    year, month, day, hour, minute, second, fraction = m.group(1, 2, 3, 4, 5, 6, 7)
    if int(hour) > 23 or int(minute) > 59 or int(second) > 60:
        return None
    if m.group(9) is not None:
        off_h, off_m = int(m.group(10)), int(m.group(11))
        if off_h > 23 or off_m > 59:
            return None
        offset = (off_h * 3600 + off_m * 60) * (1 if m.group(9) == "+" else -1)  # U+2212 is a minus too
    else:
        offset = 0
    try:
        days = datetime(int(year), int(month), int(day), tzinfo=UTC) - _EPOCH
    except ValueError:
        return None
    seconds = days.days * 86400 + int(hour) * 3600 + int(minute) * 60 + int(second) - offset
    nanos = int((fraction or "0")[:9].ljust(9, "0"))
    return seconds * 1_000_000_000 + nanos


# The common shape, for which the C parser (`datetime.fromisoformat`) gives the exact instant.
_PLAIN_RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:[0-5]\d)\Z", re.ASCII)


_instants: dict[str, datetime | bool | None] = {}  # deadlines repeat across processes: parse each text once


def _instant(text: str) -> datetime | bool | None:
    """The aware datetime; False when only the exact path can read it (leap second, > µs); None if invalid."""
    value = _instants.get(text, _instants)
    if value is _instants:
        if _PLAIN_RFC3339.match(text):
            try:
                value = datetime.fromisoformat(text)
            except ValueError:
                value = False if _RFC3339.match(text) else None
        else:
            value = False if _RFC3339.match(text) else None
        if len(_instants) >= 100_000:
            _instants.clear()
        _instants[text] = value
    return value


def whole_days_between(start: str, end: str) -> int | None:
    """(end − start) in whole days, truncated toward zero like chrono's `num_days`."""
    a = _instant(start)
    if a is None:
        return None
    b = _instant(end)
    if b is None:
        return None
    if a is not False and b is not False:
        delta = b - a
        return delta.days if delta.days >= 0 else -((-delta).days)
    exact_a, exact_b = parse_instant(start), parse_instant(end)
    if exact_a is None or exact_b is None:
        return None
    diff = exact_b - exact_a
    q = abs(diff) // 86_400_000_000_000
    return q if diff >= 0 else -q


def calendar_day(value: object) -> int | None:
    """The date part of an ISO date or date-time as a day ordinal, for grouping by date windows."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d").toordinal()
    except ValueError:
        return None


def ordinal_to_iso(ordinal: int) -> str:
    return (datetime(1, 1, 1) + timedelta(days=ordinal - 1)).date().isoformat()


# A bid, read once per release: (status, amount, currency, tenderer ids, sole tenderer id, date).
# A field of the wrong type is None (ids: empty list); "sole" is set only for a one-element tenderers list.
STATUS, AMOUNT, CURRENCY, IDS, SOLE, DATE = range(6)
# An award, laid out like a bid so STATUS, IDS and SOLE mean the same: (status, None, None, supplier ids,
# sole supplier id, the award object).


def _tenderer_ids(tenderers: object) -> tuple[list[str], str | None]:
    """(tenderer ids, sole tenderer id) of a bid; the sole id is set only for a one-element tenderers list."""
    if type(tenderers) is list or isinstance(tenderers, list):
        if len(tenderers) != 1:
            return ids_of(tenderers), None
        first = tenderers[0]
        ident = first.get("id") if isinstance(first, dict) else None
        if type(ident) is str:
            return [ident], ident
    return [], None


def bid_views(details: list) -> list[tuple]:
    views = []
    append = views.append
    for bid in details:
        if type(bid) is not dict and not isinstance(bid, dict):
            continue
        status = bid.get("status")
        if type(status) is not str:
            status = None
        value = bid.get("value")
        amount = currency = None
        if type(value) is dict or isinstance(value, dict):
            raw = value.get("amount")
            kind = type(raw)
            if kind is float:
                amount = raw
            elif kind is int or kind is Decimal:
                amount = number(raw)
            currency = value.get("currency")
            if type(currency) is not str:
                currency = None
        ids, sole = _tenderer_ids(bid.get("tenderers"))
        date = bid.get("date")
        append((status, amount, currency, ids, sole, date if type(date) is str else None))
    return views


def award_views(awards: list) -> list[tuple]:
    views = []
    for award in awards:
        if not isinstance(award, dict):
            continue
        status = award.get("status")
        suppliers = award.get("suppliers")
        ids = ids_of(suppliers) if isinstance(suppliers, list) else []
        sole = ids[0] if len(ids) == 1 and len(suppliers) == 1 else None
        views.append((status if type(status) is str else None, None, None, ids, sole, award))
    return views


def complete_awards(awards: list | None, bids: list | None) -> list | None:
    """Active awards, or None unless every award with a status is final (active, cancelled, unsuccessful).

    Mirrors the peer: it needs `awards` and `bids.details` arrays, and a pending or invalid award makes the
    process's results unstable, so it is skipped.
    """
    if awards is None or bids is None:
        return None
    active = []
    for award in awards:
        status = award[STATUS]
        if status == "active":
            active.append(award)
        elif status is not None and status not in FINAL_AWARD_IGNORED:
            return None
    return active


def submitted_bids(bids: list | None) -> list:
    """Bids whose status is a string other than invited or withdrawn (pending, valid, disqualified…)."""
    if not bids:
        return []
    return [bid for bid in bids if bid[STATUS] is not None and bid[STATUS] not in NOT_SUBMITTED]


def ids_of(references: object) -> list[str]:
    """The string `id`s of a list of organization references, in order."""
    if not isinstance(references, list):
        return []
    out = []
    for ref in references:
        if isinstance(ref, dict):
            ident = ref.get("id")
            if type(ident) is str:
                out.append(ident)
    return out


def object_id(container: object, key: str) -> str | None:
    """`container[key].id` when both are objects and the id is a string (buyer, procuringEntity)."""
    if isinstance(container, dict):
        ref = container.get(key)
        if isinstance(ref, dict):
            ident = ref.get("id")
            if type(ident) is str:
                return ident
    return None


def party_names(release: dict) -> dict[str, str]:
    """id → name from `parties`, then from the organization references (buyer, procuring entity,
    suppliers)."""
    names: dict[str, str] = {}

    def add(ref: object) -> None:
        if isinstance(ref, dict):
            ident, name = ref.get("id"), ref.get("name")
            if type(ident) is str and type(name) is str and name and ident not in names:
                names[ident] = name

    awards = release.get("awards")
    suppliers = (
        [a.get("suppliers") for a in awards if isinstance(a, dict)] if isinstance(awards, list) else []
    )
    for collection in (release.get("parties"), *suppliers):
        if isinstance(collection, list):
            for ref in collection:
                add(ref)
    add(release.get("buyer"))
    tender = release.get("tender")
    if isinstance(tender, dict):
        add(tender.get("procuringEntity"))
    return names
