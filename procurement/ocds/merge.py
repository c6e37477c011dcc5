"""Compile a contracting process's releases into its current state (the OCDS merge routine).

Releases are applied oldest first. Objects merge field by field; arrays of objects that all carry an `id` merge
item by item; any other array, and those the schema marks `wholeListMerge`, is replaced whole; a `null` removes
the field. `id`, `date` and `tag` of the releases are not merged: the compiled release gets its own.
"""

from __future__ import annotations

import copy
import datetime
from functools import cache
from collections.abc import Iterable

from procurement.ocds.schema import merge_rules, unique_item_paths


def parse_datetime(value) -> datetime.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def sort_key(indexed: tuple[int, dict]) -> tuple:
    index, release = indexed
    parsed = parse_datetime(release.get("date"))
    return (parsed is None, parsed or datetime.datetime.min.replace(tzinfo=datetime.UTC), index)


def _identifier(value) -> str:
    return value if isinstance(value, str) else repr(value)


def _merge_list(current, incoming: list, path: tuple[str, ...], whole: frozenset) -> list:
    if path in whole or not incoming or not all(isinstance(v, dict) and "id" in v for v in incoming):
        return copy.deepcopy(incoming)
    if not isinstance(current, list) or not all(isinstance(v, dict) and "id" in v for v in current):
        current = []
    by_id: dict[str, dict] = {}
    order: list[str] = []
    for item in current:
        key = _identifier(item["id"])
        if key not in by_id:
            order.append(key)
        by_id[key] = item
    for item in incoming:
        key = _identifier(item["id"])
        if key not in by_id:
            order.append(key)
            by_id[key] = {}
        by_id[key] = _merge_object(by_id[key], item, path, whole)
    return [by_id[key] for key in order]


def _merge_object(current: dict, incoming: dict, path: tuple[str, ...], whole: frozenset) -> dict:
    result = dict(current) if isinstance(current, dict) else {}
    for key, value in incoming.items():
        child = (*path, key)
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict):
            result[key] = _merge_object(result.get(key), value, child, whole)
        elif isinstance(value, list):
            result[key] = _merge_list(result.get(key), value, child, whole)
        else:
            result[key] = value
    return result


def compile_releases(releases: Iterable[dict]) -> dict:
    """The compiled release of one ocid's releases (in any order)."""
    whole, omit = merge_rules()
    ordered = [r for _, r in sorted(enumerate(releases), key=sort_key)]
    if not ordered:
        raise ValueError("no releases to compile")
    merged: dict = {}
    for release in ordered:
        body = {k: v for k, v in release.items() if (k,) not in omit}
        merged = _merge_object(merged, body, (), whole)
    ocid = ordered[-1].get("ocid")
    dates = [r.get("date") for r in ordered if isinstance(r.get("date"), str)]
    latest = dates[-1] if dates else None
    head = {"ocid": ocid, "id": f"{ocid}-{latest}" if latest else f"{ocid}-compiled"}
    if latest:
        head["date"] = latest
    head["tag"] = ["compiled"]
    merged.pop("ocid", None)
    return normalise({**head, **merged})


def _dedupe(node, path: tuple[str, ...], paths: frozenset, prefixes: frozenset) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            child = (*path, key)
            if child not in prefixes:
                continue  # nothing below this field is declared uniqueItems
            if isinstance(value, list):
                if child in paths:
                    kept, seen = [], []
                    for item in value:
                        if item not in seen:
                            seen.append(item)
                            kept.append(item)
                    if len(kept) != len(value):
                        node[key] = value = kept
                for item in value:
                    _dedupe(item, child, paths, prefixes)
            elif isinstance(value, dict):
                _dedupe(value, child, paths, prefixes)


def normalise(release: dict) -> dict:
    """Make a release valid where real data trips the schema without losing information.

    The one repair: an item repeated verbatim in an array the schema declares `uniqueItems` is kept once
    (e.g. a supplier listed twice in one award). The release is changed in place and returned.
    """
    paths = unique_item_paths()
    _dedupe(release, (), paths, _prefixes(paths))
    return release


@cache
def _prefixes(paths: frozenset) -> frozenset:
    return frozenset(p[:i] for p in paths for i in range(1, len(p) + 1))
