"""The engine against Cardinal's own fixtures: every `X.jsonl` (with `X.ini`) must give exactly `X.expected`.

The fixture directory is read at collection time, so a fixture added there is tested without editing this
file.
"""

import json
from pathlib import Path

import orjson
import pytest

from procurement.redflags import load_ini, screen, screen_file

DATA = Path(__file__).resolve().parent / "data" / "ocds"
FIXTURES = DATA / "cardinal-fixtures"
EXAMPLES = FIXTURES / "docs-examples"

# Outputs printed in the peer's documentation pages (docs/cli/indicators/R/NNN.md, "Demonstration"), for the
# examples in docs-examples/. Those without an .ini there were run with every indicator enabled.
DOCUMENTED = {
    "003": {"OCID": {"F": {"R003": 1.0}}},
    "018": {"OCID": {"F": {"R018": 1.0}}},
    "024": {"OCID": {"F": {"R024": 1.0}}, "Tenderer": {"W": {"R024": 0.0}, "L": {"R024": 0.0}}},
    "025": {"Tenderer": {"F": {"R025": 0.16666666666666666}}},
    "028": {"OCID": {"F": {"R028": 1.0}}, "Tenderer": {"D": {"R028": 1.0}, "V": {"R028": 1.0}}},
    "030": {"OCID": {"F": {"R030": 1.0}}, "Tenderer": {"W": {"R030": 1.0}}},
    "035": {"OCID": {"F": {"R035": 1.0}}, "Tenderer": {"V": {"R035": 0.0}}},
    "036": {"OCID": {"F": {"R036": 1.0}}},
    "038": {"Buyer": {"B": {"R038": 0.5}}},
    "048": {"Tenderer": {"F": {"R048": 2.0}}},
    "058": {"OCID": {"F": {"R058": 99.0}}, "Tenderer": {"W": {"R058": 0.0}}},
}


def _cases(directory: Path) -> list:
    return sorted(directory.glob("*.jsonl")) if directory.is_dir() else []


def _settings(jsonl: Path):
    ini = jsonl.with_suffix(".ini")
    return load_ini(ini) if ini.exists() else None


def _groups(result) -> dict:
    """The result as the peer prints it with --no-meta, parsed back."""
    return json.loads(result.to_json(meta=False))


def test_fixture_directory_is_present():
    assert _cases(FIXTURES), f"no Cardinal fixtures under {FIXTURES}"


@pytest.mark.parametrize("jsonl", _cases(FIXTURES), ids=lambda p: p.stem)
def test_fixture_output_equals_expected(jsonl):
    expected = json.loads(jsonl.with_suffix(".expected").read_text(encoding="utf-8"))

    assert _groups(screen_file(jsonl, _settings(jsonl))) == expected


@pytest.mark.parametrize("jsonl", _cases(FIXTURES), ids=lambda p: p.stem)
def test_fixture_output_is_the_same_from_dicts(jsonl):
    releases = [orjson.loads(line) for line in jsonl.read_bytes().splitlines() if line.strip()]
    expected = json.loads(jsonl.with_suffix(".expected").read_text(encoding="utf-8"))

    assert _groups(screen(releases, _settings(jsonl))) == expected


@pytest.mark.parametrize("jsonl", _cases(EXAMPLES), ids=lambda p: p.stem)
def test_documentation_example(jsonl):
    if jsonl.stem not in DOCUMENTED:
        pytest.skip("no documented output for this example")

    result = _groups(screen_file(jsonl, _settings(jsonl)))

    assert result == DOCUMENTED[jsonl.stem]


def test_meta_reports_type8_quartiles_rounded_to_four_decimals():
    # The R024 fixture yields nine differences (0, 0 and seven of 100); the median-unbiased quartiles are
    # 66.666… and 100, the lower fence 16.666…. The peer's documentation shows this same Meta.
    jsonl = FIXTURES / "R024.jsonl"
    document = json.loads(screen_file(jsonl, _settings(jsonl)).to_json())

    assert document["Meta"] == {"R024": {"q1": 66.6667, "q3": 100.0, "lower_fence": 16.6667}}
