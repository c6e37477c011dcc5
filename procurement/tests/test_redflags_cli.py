"""`redflags` management command, run through call_command as the console script runs it."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

DATA = Path(__file__).resolve().parent / "data" / "ocds"
FIXTURES = DATA / "cardinal-fixtures"


def _run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("redflags", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_prints_the_peer_output_for_a_fixture():
    out, _ = _run("--ini", str(FIXTURES / "R024.ini"), str(FIXTURES / "R024.jsonl"))

    document = json.loads(out)
    assert document.pop("Meta") == {"R024": {"q1": 66.6667, "q3": 100.0, "lower_fence": 16.6667}}
    assert document == json.loads((FIXTURES / "R024.expected").read_text(encoding="utf-8"))
    assert out.count("\n") == 1  # one JSON line


def test_reads_standard_input_and_counts_groups():
    data = (FIXTURES / "R035.jsonl").read_bytes()

    out, err = _run("-s", str(FIXTURES / "R035.ini"), "--no-meta", "-c", "-", stdin=io.BytesIO(data))

    assert json.loads(out) == json.loads((FIXTURES / "R035.expected").read_text(encoding="utf-8"))
    assert "OCID: 4" in err and "Tenderer: 1" in err


def test_thai_rules_and_explanations_on_request(tmp_path):
    release = {"ocid": "th-1", "tender": {"procurementMethod": "open", "value": {"amount": 1_000_000,
                                                                                 "currency": "THB"}},
               "awards": [{"status": "active", "value": {"amount": 999_000, "currency": "THB"}}]}
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(release, ensure_ascii=False) + "\n", encoding="utf-8")

    plain, _ = _run(str(path))
    explained, _ = _run("--thai", "--explain", "--no-meta", str(path))

    assert set(json.loads(plain)) == {"Meta"}  # no Cardinal flag, and Thai rules are off by default
    document = json.loads(explained)
    assert document["OCID"] == {"th-1": {"TH01": 0.999}}
    [entry] = document["Explanations"]["OCID"]["th-1"]
    assert entry["id"] == "TH01"
    assert "999,000.00 บาท" in entry["explanation"] and "99.90" in entry["explanation"]


def test_maps_on_request():
    out, _ = _run("-s", str(FIXTURES / "R030.ini"), "--map", str(FIXTURES / "R030.jsonl"))

    assert json.loads(out)["Maps"]["ocid_tenderer_r030"] == {"F": ["W"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [(["/nonexistent/file.jsonl"], "ไม่พบไฟล์"), (["/tmp"], "ไดเรกทอรี")],
)
def test_bad_input_path_is_a_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_bad_settings_file_is_a_command_error(tmp_path):
    ini = tmp_path / "bad.ini"
    ini.write_text("[R024]\nthreshold = high\n", encoding="utf-8")

    with pytest.raises(CommandError, match="threshold"):
        _run("--ini", str(ini), str(FIXTURES / "R024.jsonl"))
