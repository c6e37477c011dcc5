"""The compiled release is the reference implementation's (ocdsmerge with the local schema's merge rules), on
every real process and on a case built for each merge rule."""

import copy
import json
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ocdsmerge import Merger
from ocdsmerge.exceptions import InconsistentTypeError, OCDSMergeError

from procurement.ocds.merge import compile_releases, normalise, reference_rules, schema_rules

REAL = Path(__file__).resolve().parent / "data" / "ocds" / "real"


def _reference(releases):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return normalise(
            Merger(merge_rules=reference_rules()).create_compiled_release(copy.deepcopy(releases))
        )


def _processes():
    for name in sorted(REAL.glob("*.json")):
        by_ocid = {}
        for release in json.loads(name.read_text(encoding="utf-8"))["releases"]:
            by_ocid.setdefault(release["ocid"], []).append(release)
        yield from by_ocid.items()


def _release(date, **fields):
    return {
        "ocid": "ocds-t-1",
        "id": f"r-{date}",
        "date": f"2024-01-0{date}T00:00:00Z",
        "tag": ["tender"],
        **fields,
    }


def _body(compiled):
    return {k: v for k, v in compiled.items() if k not in ("ocid", "id", "date", "tag")}


def test_every_real_process_compiles_as_the_reference_does():
    processes = list(_processes())
    assert len(processes) == 22
    for ocid, releases in processes:
        assert compile_releases(copy.deepcopy(releases)) == _reference(releases), ocid


def test_latest_values_of_the_reference_versioned_release_are_the_compiled_release():
    def latest(node):
        if isinstance(node, list) and node and all(isinstance(v, dict) and "releaseID" in v for v in node):
            return node[-1]["value"]
        if isinstance(node, dict):
            return {k: v for k, v in ((k, latest(v)) for k, v in node.items()) if v is not None}
        if isinstance(node, list):
            return [latest(v) for v in node]
        return node

    merger = Merger(merge_rules=reference_rules())
    for ocid, releases in _processes():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            versioned = latest(merger.create_versioned_release(copy.deepcopy(releases)))
        assert normalise(versioned) == _body(compile_releases(copy.deepcopy(releases))) | {"ocid": ocid}, ocid


MILESTONES = [{"id": "m1", "title": "งวดที่ 1"}, {"id": "m2", "title": "งวดที่ 2"}]

CASES = {
    # An empty array of objects says nothing about the items: the contract keeps its milestones (issue 14).
    "empty array of objects keeps the items": (
        [
            _release(1, contracts=[{"id": "c1", "milestones": MILESTONES}]),
            _release(2, contracts=[{"id": "c1", "milestones": [], "status": "active"}]),
        ],
        {"contracts": [{"id": "c1", "milestones": MILESTONES, "status": "active"}]},
    ),
    "empty contracts array keeps the contracts": (
        [_release(1, contracts=[{"id": "c1", "title": "ก"}]), _release(2, contracts=[])],
        {"contracts": [{"id": "c1", "title": "ก"}]},
    ),
    "empty object changes nothing": (
        [_release(1, tender={"id": "t", "value": {"amount": 5}}), _release(2, tender={"value": {}})],
        {"tender": {"id": "t", "value": {"amount": 5}}},
    ),
    "null removes a plain value and leaves its parent": (
        [_release(1, tender={"id": "t", "title": "x"}), _release(2, tender={"title": None})],
        {"tender": {"id": "t"}},
    ),
    "null on an object leaves the object, as the reference does": (
        [_release(1, tender={"value": {"amount": 5}}), _release(2, tender={"value": None})],
        {"tender": {"value": {"amount": 5}}},
    ),
    "omitted field keeps its value": (
        [
            _release(1, tender={"id": "t", "title": "x", "status": "active"}),
            _release(2, tender={"status": "complete"}),
        ],
        {"tender": {"id": "t", "title": "x", "status": "complete"}},
    ),
    "id-less objects are added, never merged": (
        [
            _release(1, awards=[{"id": "a", "x": [{"v": 1}]}]),
            _release(2, awards=[{"id": "a", "x": [{"v": 2}]}]),
        ],
        {"awards": [{"id": "a", "x": [{"v": 1}, {"v": 2}]}]},
    ),
    "objects merge on id, new ids are appended in order": (
        [
            _release(1, awards=[{"id": "a", "title": "1"}, {"id": "b"}]),
            _release(2, awards=[{"id": "c"}, {"id": "a", "status": "active"}]),
        ],
        {"awards": [{"id": "a", "title": "1", "status": "active"}, {"id": "b"}, {"id": "c"}]},
    ),
    "whole-list array (schema rule) is replaced, also by an empty one": (
        [
            _release(1, tender={"submissionMethod": ["electronicSubmission", "written"]}),
            _release(2, tender={"submissionMethod": []}),
        ],
        {"tender": {"submissionMethod": []}},
    ),
    "array of plain values is replaced whole": (
        [_release(1, x=["a", "b"]), _release(2, x=["c"])],
        {"x": ["c"]},
    ),
    "releases are applied in date order, whatever the input order": (
        [_release(3, tender={"status": "complete"}), _release(1, tender={"status": "planned", "title": "t"})],
        {"tender": {"status": "complete", "title": "t"}},
    ),
    "the same id twice in one array is one object": (
        [_release(1, parties=[{"id": "p", "name": "ก"}, {"id": "p", "roles": ["buyer"]}])],
        {"parties": [{"id": "p", "name": "ก", "roles": ["buyer"]}]},
    ),
    # Shapes that disagree between releases: the reference's own answer.
    "ids of different JSON types stay apart, as in the reference": (
        [_release(1, awards=[{"id": 1, "title": "a"}]), _release(2, awards=[{"id": "1", "status": "x"}])],
        {"awards": [{"id": 1, "title": "a"}, {"id": "1", "status": "x"}]},
    ),
    "a plain value after an object leaves the object, as in the reference": (
        [_release(1, tender={"value": {"amount": 1}}), _release(2, tender={"value": 5})],
        {"tender": {"value": {"amount": 1}}},
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_merge_rule(name):
    releases, expected = CASES[name]
    compiled = compile_releases(copy.deepcopy(releases))
    assert _body(compiled) == expected
    assert compiled == _reference(releases)
    last = max(releases, key=lambda r: r["date"])
    assert compiled["id"] == f"ocds-t-1-{last['date']}" and compiled["date"] == last["date"]
    assert compiled["tag"] == ["compiled"] and compiled["ocid"] == "ocds-t-1"


def test_where_the_reference_refuses_the_later_release_wins():
    releases = [_release(1, tender={"value": 5}), _release(2, tender={"value": {"amount": 1}})]
    with pytest.raises(InconsistentTypeError):
        _reference(releases)
    assert _body(compile_releases(releases)) == {"tender": {"value": {"amount": 1}}}


def test_merge_rules_come_from_the_local_schema_without_the_network(monkeypatch):
    import ocdsmerge.util
    import requests

    def offline(*args, **kwargs):
        raise AssertionError("the network was asked")

    monkeypatch.setattr(requests, "get", offline)
    monkeypatch.setattr(ocdsmerge.util, "get_tags", offline)
    reference_rules.cache_clear()
    rules = reference_rules()
    assert rules[("tag",)] == "omitWhenMerged" and rules[("tender", "submissionMethod")] == "wholeListMerge"
    releases = CASES["ids of different JSON types stay apart, as in the reference"][0]
    assert len(compile_releases(copy.deepcopy(releases))["awards"]) == 2  # compiled by the reference itself


def test_merge_rules_read_here_are_the_reference_rules():
    """The merge reads the rules from the schema itself (the reference costs start-up time to load): the same
    rules, path for path, including arrays of non-objects and of objects without ids merged whole."""
    schema_rules.cache_clear()
    assert schema_rules() == reference_rules()
    assert schema_rules()[("tender", "items", "additionalClassifications")] == "wholeListMerge"


# Ids only where _with_id puts them, of the kinds publishers use (not a boolean id, which the reference
# merges with the id 1).
_KEYS = ["title", "value", "amount", "items", "tender", "awards", "submissionMethod", "status", "x"]
_PLAIN = st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["", "ก", "a", "1"])


def _with_id(node):
    return st.builds(lambda i, rest: {"id": i, **rest}, st.sampled_from([1, "1", "2", "a", None]), node)


_TREE = st.recursive(
    _PLAIN,
    lambda inner: (
        st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4)
        | st.lists(inner, max_size=3)
        | st.lists(_with_id(st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3)), max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.sampled_from(_KEYS), _TREE, max_size=4), min_size=1, max_size=3))
def test_any_releases_compile_as_the_reference_does(bodies):
    """Releases of any shape, the schema's paths among them (tender.items merged on id, submissionMethod
    replaced whole, awards): where the reference compiles them, the same compiled release."""
    releases = [_release(n + 1, **body) for n, body in enumerate(bodies)]
    try:
        expected = _reference(releases)
    except (OCDSMergeError, TypeError, AttributeError):  # shapes the reference cannot compile
        return
    assert compile_releases(copy.deepcopy(releases)) == expected
