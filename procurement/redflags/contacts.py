"""Find bidders in one process that share an address, a telephone number or a director (rule TH05).

Directors are not part of OCDS: they are read from the extension field `parties[].details.directors`, a list
of names or of objects `{"name": …, "id": …}` (the id being the director's national id when the agency
has it).
Values are normalised before comparison: Thai digits, spacing, punctuation, common Thai address abbreviations,
the +66 country prefix and personal titles do not hide a match.
"""

from __future__ import annotations

import re
import unicodedata

_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_ADDRESS_WORDS = (
    ("เลขที่", ""),
    ("หมู่ที่", "ม."),
    ("หมู่", "ม."),
    ("ถนน", "ถ."),
    ("ซอย", "ซ."),
    ("ตำบล", "ต."),
    ("อำเภอ", "อ."),
    ("จังหวัด", "จ."),
)
_ADDRESS_NOISE = re.compile(r"[\s,.;:()\-]+")
_PHONE_SPLIT = re.compile(r"[,;/]|หรือ")
_PHONE_EXTENSION = re.compile(r"(ต่อ|ext\.?|x).*$", re.IGNORECASE)
_TITLES = re.compile(r"^(?:นางสาว|นาง|นาย|น\.ส\.|ดร\.|mrs\.?|mr\.?|ms\.?|miss|dr\.?)\s*", re.IGNORECASE)

KIND_LABELS = {"address": "ที่อยู่", "telephone": "หมายเลขโทรศัพท์", "directors": "กรรมการ"}


def _text(value: object) -> str:
    return unicodedata.normalize("NFC", value).translate(_TO_ARABIC).strip() if isinstance(value, str) else ""


def address_key(address: object) -> tuple[str, str] | None:
    """(comparison key, display text); None unless a street address is given (a district alone: no match)."""
    if not isinstance(address, dict):
        return None
    raw = tuple(address.get(k) for k in ("streetAddress", "locality", "region", "postalCode"))
    if not isinstance(raw[0], str) or not raw[0].strip():
        return None
    try:
        return _cached(_address_cache, raw, _address_key)
    except TypeError:  # an unhashable value where text was expected
        return _address_key(raw)


def _address_key(raw: tuple) -> tuple[str, str]:
    display = " ".join(part for part in map(_text, raw) if part)
    key = display.lower()
    for word, short in _ADDRESS_WORDS:
        key = key.replace(word, short)
    return _ADDRESS_NOISE.sub("", key), display


# Bidders recur across processes, so each distinct raw value is normalised once per worker.
_CACHE_LIMIT = 200_000
_address_cache: dict = {}
_phone_cache: dict = {}
_director_cache: dict = {}


def _cached(cache: dict, raw, compute):
    value = cache.get(raw)
    if value is None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        value = cache[raw] = compute(raw)
    return value


def phone_keys(contact: object) -> list[tuple[str, str]]:
    if not isinstance(contact, dict):
        return []
    raw = contact.get("telephone")
    if not isinstance(raw, str) or not raw:
        return []
    return _cached(_phone_cache, raw, _phone_keys)


def _phone_keys(raw: str) -> list[tuple[str, str]]:
    out = []
    for piece in _PHONE_SPLIT.split(_text(raw)):
        display = piece.strip()
        digits = re.sub(r"\D", "", _PHONE_EXTENSION.sub("", display))
        if digits.startswith("66") and len(digits) in (10, 11):
            digits = "0" + digits[2:]
        if len(digits) >= 9:
            out.append((digits, display))
    return out


def director_keys(party: dict) -> list[tuple[str, str]]:
    details = party.get("details")
    directors = details.get("directors") if isinstance(details, dict) else None
    if not isinstance(directors, list):
        return []
    out = []
    for director in directors:
        if isinstance(director, str):
            raw = (director, None)
        elif isinstance(director, dict):
            raw = (director.get("name"), director.get("id"))
        else:
            continue
        try:
            key = _cached(_director_cache, raw, _director_key)
        except TypeError:
            key = _director_key(raw)
        if key:
            out.append(key)
    return out


def _director_key(raw: tuple) -> tuple[str, str] | tuple[()]:
    name, ident = _text(raw[0]), re.sub(r"\D", "", _text(raw[1]))
    if len(ident) >= 5:
        return (f"id:{ident}", name or ident)
    if name:
        return ("name:" + re.sub(r"\s+", "", _TITLES.sub("", name)).lower(), name)
    return ()


def _attributes(party: dict, kinds: list[str]) -> list[tuple[str, str, str]]:
    found = []
    if "address" in kinds:
        address = address_key(party.get("address"))
        if address is not None:
            found.append(("address", *address))
    if "telephone" in kinds:
        found.extend(("telephone", *pair) for pair in phone_keys(party.get("contactPoint")))
    if "directors" in kinds:
        found.extend(("directors", *pair) for pair in director_keys(party))
    return found


def shared_attributes(release: dict, tenderers: list[str], kinds: list[str]) -> list[dict]:
    """Each attribute value held by two or more of `tenderers`, as {"kind", "value", "tenderers"}."""
    wanted = set(tenderers)
    parties = release.get("parties")
    if not isinstance(parties, list):
        return []
    holders: dict[tuple[str, str], dict] = {}
    seen: set[str] = set()
    for party in parties:
        if not isinstance(party, dict):
            continue
        ident = party.get("id")
        if type(ident) is not str or ident not in wanted or ident in seen:
            continue
        seen.add(ident)
        for kind, key, display in _attributes(party, kinds):
            entry = holders.setdefault((kind, key), {"kind": kind, "value": display, "tenderers": []})
            if ident not in entry["tenderers"]:
                entry["tenderers"].append(ident)
    order = {kind: i for i, kind in enumerate(KIND_LABELS)}
    links = [entry for entry in holders.values() if len(entry["tenderers"]) >= 2]
    return sorted(links, key=lambda entry: order[entry["kind"]])
