"""Compile a contracting process's releases into its current state (the OCDS merge routine).

The result is the one the reference implementation (ocdsmerge, with the merge rules it reads from the local
OCDS 1.1.5 release schema) gives, which is what other OCDS tools publish and compare against:

- releases are applied in order of their `date` string; `id`, `date` and `tag` are not merged
  (omitWhenMerged);
- objects merge field by field; a field a later release leaves out keeps its value;
- an empty object or an empty array of objects changes nothing (it says nothing about the items);
- arrays of objects merge item by item on `id`; items without an `id` are added, never merged;
- arrays of anything else, and those the schema marks `wholeListMerge`, are replaced whole (also by `[]`);
- `null` removes a value that is not an object or an array of objects.

The reference flattens every release into (path, value) pairs and rebuilds the tree at the end, which costs
more than the import's whole budget (about 2.5 times this module's time). This module merges the trees
directly. Where releases disagree about the shape of a field (a value in one, an object or an array of objects
in another, or ids of different JSON types in one array), the reference's answer depends on the order its
pairs were first seen; those processes are compiled by the reference itself. Where even it refuses (it raises
on some of those shapes), the later release wins.
"""

from __future__ import annotations

import datetime
import warnings
from collections.abc import Iterable
from functools import cache

from procurement.ocds.schema import SCHEMA_DIR, load_schema, unique_item_paths

OMIT = "omitWhenMerged"
WHOLE = "wholeListMerge"


def parse_datetime(value) -> datetime.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


@cache
def reference_rules() -> dict[tuple[str, ...], str]:
    """The merge rules as the reference reads them from the local release schema (never from the network)."""
    from ocdsmerge.rules import get_merge_rules

    return get_merge_rules(str(SCHEMA_DIR / "release-schema.json"))


def _types(node: dict) -> list:
    kind = node.get("type", [])
    return [kind] if isinstance(kind, str) else kind


def _schema_rules(properties: dict, definitions: dict, path: tuple[str, ...] = ()):
    """The reference's reading of the merge rules (ocdsmerge.rules), on the schema as it is: a `$ref` stands
    for its definition, siblings ignored, as the reference's dereferencing does. Computed here because loading
    the reference (jsonref, requests, urllib3) costs an import more start-up time than its rules are worth;
    a test holds the two equal."""
    for key, node in properties.items():
        node = _resolve(node, definitions)
        where, types = (*path, key), _types(node)
        if node.get(OMIT) or node.get("mergeStrategy") == "ocdsOmit":
            yield where, OMIT
        elif "array" in types and (node.get(WHOLE) or node.get("mergeStrategy") == "ocdsVersion"):
            yield where, WHOLE
        elif "object" in types and "properties" in node:
            yield from _schema_rules(node["properties"], definitions, where)
        elif "array" in types and "items" in node:
            items = _resolve(node["items"], definitions)
            item_types = _types(items)
            if any(t != "object" for t in item_types):
                yield where, WHOLE
            elif "object" in item_types and "properties" in items:
                if "id" not in items["properties"]:
                    yield where, WHOLE
                else:
                    yield from _schema_rules(items["properties"], definitions, where)


def _resolve(node: dict, definitions: dict) -> dict:
    while "$ref" in node:
        node = definitions[node["$ref"].split("#/definitions/")[-1]]
    return node


@cache
def schema_rules() -> dict[tuple[str, ...], str]:
    schema = load_schema("release")
    return dict(_schema_rules(schema["properties"], schema.get("definitions", {})))


@cache
def _rule_tree() -> dict:
    """The rules as nested dicts: field → rule name, or field → the rules below it."""
    tree: dict = {}
    for path, rule in schema_rules().items():
        node = tree
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = rule
    return tree


class _Shape(Exception):
    """Releases disagree about the shape of a field."""


_EMPTY: dict = {}


def _container(old) -> bool:
    """Whether a stored value (at a path the schema does not merge whole) is a merged object or array of
    objects. Values are stored as they are, so only those two are dicts, or non-empty lists of only dicts."""
    kind = type(old)
    return kind is dict or (kind is list and all(type(v) is dict for v in old))


def _merge_obj(node: dict, incoming: dict, rules: dict, strict: bool) -> bool:  # noqa: C901 (the hot loop, kept whole)
    """Merge `incoming` into `node`; whether anything was set (a `null` counts: its parent object stays)."""
    produced = False
    for key, value in incoming.items():
        kind = type(value)
        if kind is not dict and kind is not list:
            # A value or a null, most of what a release holds: set or removed, checked against what is there
            # without the container cases below (the time of an import goes here).
            by_rule = False
            if rules:
                rule = rules.get(key)
                if rule is not None and type(rule) is not dict:
                    if rule == OMIT:
                        continue
                    by_rule = rule == WHOLE
            if strict and not by_rule:
                old = node.get(key)  # nulls are never stored: None means absent
                if old is not None:
                    held = type(old)
                    if held is dict or (held is list and all(type(v) is dict for v in old)):
                        raise _Shape(key)
            if value is None:
                node.pop(key, None)
            else:
                node[key] = value
            produced = True
            continue
        rule = rules.get(key)
        whole = by_rule = False
        sub = _EMPTY
        if rule is not None:
            if type(rule) is dict:
                sub = rule
            elif rule == OMIT:
                continue
            else:
                whole = by_rule = rule == WHOLE
        if kind is list and not whole:
            for v in value:
                if type(v) is not dict:
                    whole = True  # an array of anything but objects is replaced whole
                    break
        if whole or (kind is not dict and kind is not list):
            if strict and not by_rule and key in node and _container(node[key]):
                raise _Shape(key)
            if value is None:
                node.pop(key, None)
            else:
                node[key] = value
            produced = True
        elif not value:
            continue  # an empty object or array of objects says nothing
        elif kind is dict:
            old = node.get(key)
            if type(old) is not dict:
                if old is not None and strict:
                    raise _Shape(key)
                old = _fresh_obj(value, sub, strict)
                if old is not None:
                    node[key] = old
                    produced = True
            elif _merge_obj(old, value, sub, strict):
                produced = True
        else:
            old = node.get(key)
            if old is None or not _container(old) or type(old) is dict:
                if old is not None and strict:
                    raise _Shape(key)
                old = _fresh_arr(value, sub, strict)
                if old is not None:
                    node[key] = old
                    produced = True
            elif _merge_arr(old, value, sub, strict):
                produced = True
    return produced


def _fresh_obj(incoming: dict, rules: dict, strict: bool) -> dict | None:  # noqa: C901 (the hot loop, kept whole)
    """What `_merge_obj` makes of `incoming` merged into an empty object, or None where it sets nothing: the
    first release of a process and every object new to it (most of an import's merging) skip the checks
    against values already there, since there are none."""
    node = {}
    produced = False
    for key, value in incoming.items():
        kind = type(value)
        if kind is not dict and kind is not list:
            if rules:
                rule = rules.get(key)
                if rule is not None and rule == OMIT:
                    continue
            if value is not None:
                node[key] = value
            produced = True
            continue
        rule = rules.get(key)
        whole = False
        sub = _EMPTY
        if rule is not None:
            if type(rule) is dict:
                sub = rule
            elif rule == OMIT:
                continue
            else:
                whole = rule == WHOLE
        if kind is list and not whole:
            for v in value:
                if type(v) is not dict:
                    whole = True
                    break
        if whole:
            node[key] = value
            produced = True
        elif not value:
            continue
        else:
            child = _fresh_obj(value, sub, strict) if kind is dict else _fresh_arr(value, sub, strict)
            if child is not None:
                node[key] = child
                produced = True
    return node if produced else None


def _fresh_arr(incoming: list, rules: dict, strict: bool) -> list | None:
    """What `_merge_arr` makes of `incoming` merged into an empty array, or None where it adds nothing (there
    is nothing to index first: a call per array, not per item, so the merge of new arrays is no slower)."""
    node: list = []
    _merge_arr(node, incoming, rules, strict)
    return node or None


def _merge_arr(node: list, incoming: list, rules: dict, strict: bool) -> bool:  # noqa: C901
    """Merge objects into an array: on the text of their `id` (as the reference keys them), else appended."""
    index = {}
    for item in node:
        if "id" in item:
            raw = item["id"]
            index[raw if type(raw) is str else str(raw)] = item
    produced = False
    for value in incoming:
        if "id" in value:
            raw = value["id"]
            if raw is None and strict:
                raise _Shape("id")
            key = raw if type(raw) is str else str(raw)
            item = index.get(key)
            if item is None:
                item = _fresh_obj(value, rules, strict)
                if item is not None:
                    node.append(item)
                    index[key] = item
                    produced = True
                continue
            first = item.get("id")
            if strict and (type(first) is not type(raw) or first != raw):
                raise _Shape("id")
        else:
            item = _fresh_obj(value, rules, strict)
            if item is not None:
                node.append(item)
                produced = True
            continue
        if _merge_obj(item, value, rules, strict):
            produced = True
    return produced


def _ordered(releases: list[dict]) -> list[dict]:
    if len(releases) == 1:
        return releases
    if all(isinstance(r.get("date"), str) for r in releases):
        return sorted(releases, key=lambda r: r["date"])  # stable, as the reference's
    # The reference refuses releases without a date; they are applied last here, in their given order.
    return sorted(releases, key=lambda r: (not isinstance(r.get("date"), str), str(r.get("date") or "")))


def _tree_merge(ordered: list[dict], strict: bool) -> dict:
    rules = _rule_tree()
    root = _fresh_obj(ordered[0], rules, strict) or {}
    for release in ordered[1:]:
        _merge_obj(root, release, rules, strict)
    return root


def _reference_merge(ordered: list[dict]) -> dict | None:
    from ocdsmerge import Merger
    from ocdsmerge.exceptions import OCDSMergeError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compiled = Merger(merge_rules=reference_rules()).create_compiled_release(ordered)
    except (OCDSMergeError, TypeError, AttributeError):
        return None
    return {k: v for k, v in compiled.items() if k not in ("tag", "id", "date", "ocid")}


def merge_body(ordered: list[dict]) -> dict:
    """The merged fields of releases already in merge order (not the compiled release's own id/date/tag)."""
    try:
        return _tree_merge(ordered, strict=True)
    except _Shape:
        merged = _reference_merge(ordered)
        return merged if merged is not None else _tree_merge(ordered, strict=False)


def compile_releases(releases: Iterable[dict]) -> dict:
    """The compiled release of one ocid's releases (in any order)."""
    ordered = _ordered(list(releases))
    if not ordered:
        raise ValueError("no releases to compile")
    body = merge_body(ordered)
    last = ordered[-1]
    ocid, date = last.get("ocid"), last.get("date")
    head = {"tag": ["compiled"], "id": f"{ocid}-{date}"}
    if date is not None:
        head["date"] = date
    body.pop("ocid", None)
    if ocid is not None:
        head["ocid"] = ocid
    return normalise({**head, **body})


def _unique(value: list) -> list:
    # Items that are objects with ids of different text cannot be equal: the usual case costs one pass.
    if all(type(v) is dict and "id" in v for v in value):
        if len({str(v["id"]) for v in value}) == len(value):
            return value
    kept: list = []
    for item in value:
        if item not in kept:
            kept.append(item)
    return kept if len(kept) != len(value) else value


def _dedupe(node: dict, tree: dict) -> None:
    for key, (declared, below) in tree.items():
        value = node.get(key)
        if type(value) is list:
            if declared:
                kept = _unique(value)
                if kept is not value:
                    node[key] = value = kept
            if below:
                for item in value:
                    if type(item) is dict:
                        _dedupe(item, below)
        elif type(value) is dict and below:
            _dedupe(value, below)


@cache
def _unique_tree() -> dict:
    """Paths declared `uniqueItems` as nested dicts: field → (declared here, the fields below)."""
    tree: dict = {}
    for path in unique_item_paths():
        node = tree
        for depth, key in enumerate(path, 1):
            declared, below = node.get(key, (False, {}))
            node[key] = (declared or depth == len(path), below)
            node = below
    return tree


def normalise(release: dict) -> dict:
    """Make a release valid where real data trips the schema without losing information.

    The one repair: an item repeated verbatim in an array the schema declares `uniqueItems` is kept once
    (e.g. a supplier listed twice in one award). The release is changed in place and returned.
    """
    _dedupe(release, _unique_tree())
    return release
