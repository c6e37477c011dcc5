"""Engine internals the fixtures do not reach: settings, arithmetic, reading, parallel merge, edge input."""

import json
import random

import orjson
import pytest

from procurement.redflags import SettingsError, load_ini, parallel, screen, screen_file
from procurement.redflags.engine import Screener
from procurement.redflags.ocds import whole_days_between
from procurement.redflags.result import ScreenResult
from procurement.redflags.settings import build_config, parse_ini
from procurement.redflags.state import State
from procurement.redflags.stats import fma, quantile, round4


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _r036_release(ocid, method_details=None, currency="USD"):
    release = {
        "ocid": ocid,
        "bids": {"details": [
            {"status": "disqualified", "value": {"amount": 1, "currency": currency}},
            {"status": "valid", "value": {"amount": 2, "currency": currency}},
        ]},
        "awards": [{"status": "active"}],
    }
    if method_details is not None:
        release["tender"] = {"procurementMethodDetails": method_details}
    return release


# --- settings ---------------------------------------------------------------------------------------------


def test_ini_nests_dotted_sections_and_keeps_globals(tmp_path):
    path = _write(tmp_path, "s.ini", "currency = USD\n; a comment\n[R003]\nthreshold = 10 # default 15\n"
                                     "[R003.procurement_method_details]\nLicitación = 7\n[R024]\n")

    settings = load_ini(path)
    config = build_config(settings)

    assert settings["currency"] == "USD"
    assert config.indicators["R003"] == {"threshold": 10, "procurement_method_details": {"Licitación": 7}}
    assert config.indicators["R024"] == {}
    assert set(config.indicators) == {"R003", "R024"}


def test_sub_section_alone_enables_its_indicator():
    config = build_config(parse_ini("[R003.procurement_method_details]\nx = 5\n"))

    assert config.indicators == {"R003": {"procurement_method_details": {"x": 5}}}


@pytest.mark.parametrize(
    "text",
    ["[R999]\n", "[R024]\nthreshhold = 0.1\n", "[R038]\nminimum_submitted_bids = -1\n",
     "[R024]\nthreshold = x\n", "[exclusions]\nprocurement_methods = a\n", "unknown = 1\n"],
)
def test_unusable_settings_are_refused_with_a_thai_message(text):
    with pytest.raises(SettingsError) as caught:
        build_config(parse_ini(text))

    assert any("\u0e00" <= ch <= "\u0e7f" for ch in caught.value.message)


def test_prepare_sections_of_the_peer_are_accepted_and_ignored():
    config = build_config(
        parse_ini("[defaults]\ncurrency = USD\n[codelists.bid_status]\nqualified = valid\n[R018]\n")
    )

    assert set(config.indicators) == {"R018"}


@pytest.mark.parametrize(
    ("value", "include", "exclude", "flagged"),
    # The peer's own table for the price-comparison filters on tender.procurementMethodDetails.
    [("X", False, False, True), ("X", True, False, False), ("X", False, True, True),
     ("Y", False, False, True), ("Y", True, False, True), ("Y", False, True, True),
     ("N", False, False, True), ("N", True, False, False), ("N", False, True, False)],
)
def test_price_comparison_filters(value, include, exclude, flagged):
    settings = {"R036": {}}
    if include:
        settings["price_comparison_procurement_methods"] = "Y"
    if exclude:
        settings["no_price_comparison_procurement_methods"] = "N"

    result = screen([_r036_release("F", value)], settings)

    assert result == ({"OCID": {"F": {"R036": 1.0}}} if flagged else {})


def test_configured_currency_skips_other_currencies():
    assert screen([_r036_release("F", currency="USD")], {"R036": {}, "currency": "CAD"}) == {}
    assert screen([_r036_release("F", currency="CAD")], {"R036": {}, "currency": "CAD"}) == {
        "OCID": {"F": {"R036": 1.0}}}


def test_without_settings_every_cardinal_indicator_runs():
    release = {"ocid": "F", "tender": {"numberOfTenderers": 1, "procurementMethod": "open",
                                       "tenderPeriod": {"startDate": "2000-01-01T00:00:00Z",
                                                        "endDate": "2000-01-02T00:00:00Z"}}}

    assert screen([release]) == {"OCID": {"F": {"R003": 1.0, "R018": 1.0}}}


# --- arithmetic and output --------------------------------------------------------------------------------


def test_quantile_is_hyndman_fan_type_8():
    assert quantile([1.0, 2.0, 3.0, 4.0], 0.25) == pytest.approx(1.4166666666666667)
    assert quantile([1.0, 2.0, 3.0, 4.0], 0.75) == pytest.approx(3.5833333333333335)
    assert quantile([4.0, 1.0, 3.0, 2.0], 1.0) == 4.0
    assert quantile([], 0.5) != quantile([], 0.5)  # NaN


def test_fma_rounds_once():
    a, b = 1 + 2**-27, 1 - 2**-27
    assert a * b - 1.0 == 0.0
    assert fma(a, b, -1.0) == -(2**-54)


def test_round4_rounds_half_away_from_zero():
    assert 0.00025 * 10_000 == 2.5
    assert round4(0.00025) == 0.0003
    assert round4(-0.00025) == -0.0003
    assert round(0.00025 * 10_000) / 10_000 == 0.0002  # a naive port: Python rounds halves to even


def test_floats_are_printed_like_serde_json():
    st = State()
    values = (("a", 1e16), ("b", 1.5e17), ("c", 1e-7), ("d", 0.00001), ("e", 2.0), ("f", float("nan")))
    for key, value in values:
        st.flag("OCID", key, "R024", value)

    text = ScreenResult.from_state(st, {}).to_json(meta=False).decode()

    assert text == ('{"OCID":{"a":{"R024":1e16},"b":{"R024":1.5e17},"c":{"R024":1e-7},'
                    '"d":{"R024":0.00001},"e":{"R024":2.0},"f":{"R024":null}}}')


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [("2000-01-01T18:00:00Z", "2000-01-16T17:59:59Z", 14),
     ("2020-08-03T18:00:00-05:00", "2020-08-04T18:00:00-05:00", 1),
     ("2000-01-16T18:00:00Z", "2000-01-01T18:00:01Z", -14),
     ("2000-01-01t18:00:00z", "2000-01-03T18:00:00.0000000001Z", 2),
     ("2000-01-01T00:00:00+07:00", "2000-01-01T00:00:00Z", 0),
     ("2000-01-01", "2000-01-20T00:00:00Z", None),
     ("2000-02-30T00:00:00Z", "2000-03-09T00:00:00Z", None),
     ("2000-01-01T00:00:00+24:00", "2000-01-03T00:00:00Z", None)],
)
def test_submission_period_in_whole_days(start, end, days):
    assert whole_days_between(start, end) == days


# --- reading ------------------------------------------------------------------------------------------------


def test_lines_are_read_across_block_boundaries(tmp_path):
    rng = random.Random(7)
    lines = ["x" * rng.randrange(0, 40) for _ in range(200)]
    data = "\n".join(lines).encode()
    path = tmp_path / "lines.jsonl"
    path.write_bytes(data)

    got = [bytes(view) for view in parallel.iter_lines(path, 0, len(data), block=16)]

    assert got == [line.encode() for line in lines]


def test_invalid_and_blank_lines_are_skipped(tmp_path):
    good = orjson.dumps(_r036_release("F")).decode()
    path = _write(tmp_path, "mixed.jsonl", f"\n{{not json\n{good}\n   \n\ufeff{good}\n")

    result = screen_file(path, {"R036": {}})

    assert result == {"OCID": {"F": {"R036": 1.0}}}
    assert result.invalid_lines == 2  # the broken line and the one with a byte-order mark


def test_stdin_stream_is_screened(tmp_path):
    path = _write(tmp_path, "one.jsonl", orjson.dumps(_r036_release("F")).decode() + "\n")

    with path.open("rb") as stream:
        assert screen_file(stream, {"R036": {}}) == {"OCID": {"F": {"R036": 1.0}}}


def test_maps_list_flagged_tenderers_per_process():
    release = {"ocid": "F", "bids": {"details": [
        {"status": "valid", "value": {"amount": 1, "currency": "USD"}, "tenderers": [{"id": "V"}]},
        {"status": "disqualified", "value": {"amount": 1, "currency": "USD"}, "tenderers": [{"id": "D"}]}]}}

    result = screen([release], {"R028": {}}, maps=True)
    document = json.loads(result.to_json(maps=True))

    assert document["Maps"]["ocid_tenderer_r028"] == {"F": ["D", "V"]}
    assert document["Maps"]["ocid_buyer_r038"] == {}


# --- parallel ---------------------------------------------------------------------------------------------


def _random_release(rng, i, currency):
    tenderers = [f"T{rng.randrange(12)}" for _ in range(rng.randrange(1, 5))]
    bids = [{"status": rng.choice(["valid", "valid", "valid", "disqualified", "pending", "withdrawn"]),
             "value": {"amount": rng.choice([100, 101, 120, 150, 200, 200]), "currency": currency},
             "tenderers": [{"id": t}], "date": f"2000-0{rng.randrange(1, 4)}-10T00:00:00Z"}
            for t in tenderers]
    valid = [b for b in bids if b["status"] == "valid"]
    awards = []
    if valid:
        winner = min(valid, key=lambda b: b["value"]["amount"])
        awards.append({"status": rng.choice(["active", "active", "active", "pending"]),
                       "suppliers": winner["tenderers"],
                       "items": [{"classification": {"id": rng.choice(["1010", "2020", "3030", "4040"])}}]})
    start = rng.randrange(1, 20)
    return {
        "ocid": f"ocds-{i}",
        "buyer": {"id": f"B{rng.randrange(4)}"},
        "tender": {"procuringEntity": {"id": f"P{rng.randrange(3)}"},
                   "procurementMethod": rng.choice(["open", "selective", "direct"]),
                   "numberOfTenderers": len(bids),
                   "tenderPeriod": {"startDate": f"2000-01-{start:02d}T00:00:00Z",
                                    "endDate": f"2000-02-{rng.randrange(1, 20):02d}T00:00:00Z"}},
        "bids": {"details": bids},
        "awards": awards,
    }


def test_parallel_run_equals_a_single_pass_even_with_mixed_currencies(tmp_path, monkeypatch):
    rng = random.Random(2024)
    # A block of CAD bids in the middle: a worker whose range starts there sees CAD first, a single pass USD.
    releases = [_random_release(rng, i, "CAD" if 110 <= i < 200 else "USD") for i in range(300)]
    path = tmp_path / "random.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in releases))
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    screener = Screener(build_config(None), include_thai=True)
    first_currencies = [
        parallel.fold_range(screener, path, a, b).currency for a, b in parallel.line_ranges(path, 2)
    ]
    assert first_currencies == ["USD", "CAD"], "the data must exercise the currency re-run"

    single = screen(releases, None, include_thai=True)
    assert single, "the random data should raise some flags"
    for workers in (2, 3, 5):
        split = screen_file(path, None, include_thai=True, workers=workers)
        assert split.to_json() == single.to_json()
        assert split.currency == single.currency == "USD"


# --- messy data -------------------------------------------------------------------------------------------

_ODD_VALUES = [
    None, True, 0, -1, 1.5, "", "x", "2000-01-01", [], {}, [1], {"id": 1}, [{"id": None}], {"amount": "1"},
]


def _mutate(value, rng):
    """Replace one random node of a JSON tree by a value of another type."""
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = rng.choice(list(value))
        return {**value, key: _mutate(value[key], rng)}
    if isinstance(value, list) and value and rng.random() < 0.8:
        i = rng.randrange(len(value))
        return [*value[:i], _mutate(value[i], rng), *value[i + 1:]]
    return rng.choice(_ODD_VALUES)


def test_wrong_json_types_anywhere_never_break_screening():
    from procurement.redflags import explain

    rng = random.Random(99)
    base = [_random_release(rng, i, "USD") for i in range(40)]
    for n, release in enumerate(base):
        # Give every Thai rule something to read, so that their paths meet the damage too.
        release["parties"] = [{"id": "T1", "address": {"streetAddress": "1 ถนน"},
                               "contactPoint": {"telephone": "021234567"}, "details": {"directors": ["ก"]}}]
        release["tender"]["value"] = {"amount": 150, "currency": "USD"}
        release["tender"]["documentBuyers"] = [{"id": "D1"}, {"id": "D2"}]
        if n % 2:
            release["tender"]["procurementMethod"] = "limited"
            for award in release["awards"]:
                award.update(value={"amount": 490_000, "currency": "THB"}, date="2000-03-01T00:00:00Z")
    for _ in range(300):
        messy = []
        for release in base:
            for _ in range(rng.randrange(1, 4)):
                release = _mutate(release, rng)
            messy.append(release)
        result = screen(messy, None, include_thai=True, maps=True)
        for group, entries in result.items():
            for key in entries:
                assert explain(result, key, group=group)


def test_without_details_the_flags_are_the_same(tmp_path):
    rng = random.Random(5)
    releases = [_random_release(rng, i, "USD") for i in range(120)]

    kept = screen(releases, None, include_thai=True)
    dropped = screen(releases, None, include_thai=True, details=False)

    assert dropped.to_json() == kept.to_json()
    assert kept.details and not dropped.details
