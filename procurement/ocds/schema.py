"""Validation against the local OCDS 1.1.5 schemas (never fetched from the network)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jsonschema import Draft4Validator

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "ocds-1.1.5"
RELEASE_SCHEMA_ID = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


@cache
def load_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}-schema.json").read_text(encoding="utf-8"))


@cache
def _registry():
    # jsonschema is imported only when something is validated: the import (which merges releases with the
    # schema's merge rules, and needs no validator) starts without it.
    from referencing import Registry, Resource

    release = load_schema("release")
    return Registry().with_resource(release["id"], Resource.from_contents(release))


@cache
def validator(name: str) -> Draft4Validator:
    """`name` is release, release-package or record-package."""
    from jsonschema import Draft4Validator

    return Draft4Validator(load_schema(name), registry=_registry(),
                           format_checker=Draft4Validator.FORMAT_CHECKER)


def errors(data: dict, name: str, limit: int = 20) -> list[str]:
    """Human-readable schema errors (path: message), at most `limit`."""
    found = []
    for error in validator(name).iter_errors(data):
        path = "/".join(str(p) for p in error.absolute_path)
        found.append(f"{path or '(root)'}: {error.message[:300]}")
        if len(found) >= limit:
            break
    return found


@cache
def _flagged_paths() -> dict[str, frozenset[tuple[str, ...]]]:
    """For each merge keyword of the release schema, the paths (without array indices) that carry it."""
    schema = load_schema("release")
    keywords = ("wholeListMerge", "omitWhenMerged", "uniqueItems")
    found: dict[str, set[tuple[str, ...]]] = {kw: set() for kw in keywords}

    def walk(node: dict, path: tuple[str, ...], seen: frozenset[str]) -> None:
        if "$ref" in node:
            ref = node["$ref"].split("#/definitions/")[-1]
            if ref in seen:
                return
            node = {**schema["definitions"][ref], **{k: v for k, v in node.items() if k != "$ref"}}
            seen = seen | {ref}
        for keyword, paths in found.items():
            if node.get(keyword):
                paths.add(path)
        for key, child in (node.get("properties") or {}).items():
            walk(child, (*path, key), seen)
        items = node.get("items")
        if isinstance(items, dict):
            walk(items, path, seen)

    walk(schema, (), frozenset())
    return {keyword: frozenset(paths) for keyword, paths in found.items()}


def merge_rules() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """Paths whose lists are replaced whole, and paths omitted when merging."""
    flagged = _flagged_paths()
    return flagged["wholeListMerge"], flagged["omitWhenMerged"]


def unique_item_paths() -> frozenset[tuple[str, ...]]:
    """Paths of arrays the schema declares `uniqueItems` (real data sometimes repeats an entry there)."""
    return _flagged_paths()["uniqueItems"]
