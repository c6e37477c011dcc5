"""A number beyond the range of a double (`1e400`) does not make `prongsai redflags` skip its line: the peer
reads such a line (its parser keeps numbers as text) and counts the number as no number."""

import io
import json
import math
from pathlib import Path

from django.core.management import call_command

from procurement.redflags.ocds import number

FIXTURES = Path(__file__).resolve().parent / "data" / "ocds" / "cardinal-fixtures"


def _run(*args, stdin: bytes):
    out, err = io.StringIO(), io.StringIO()
    call_command("redflags", *args, "--no-meta", "-", stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def test_lines_with_a_number_beyond_double_range_are_screened():
    lines = (FIXTURES / "R018.jsonl").read_bytes().splitlines()
    huge = b"\n".join(
        b'{"extension": {"score": 1e400, "low": -2E+999},' + line.lstrip()[1:] for line in lines if line
    )

    document, err = _run("-s", str(FIXTURES / "R018.ini"), stdin=huge)

    assert document == json.loads((FIXTURES / "R018.expected").read_text(encoding="utf-8"))
    assert "ไม่ใช่ JSON" not in err


def test_an_amount_beyond_double_range_is_no_amount():
    # One tenderer in an open tender (R018 flags it); the bid amount is out of range, so it is screened as
    # a bid
    # without an amount would be.
    def release(amount):
        return {
            "ocid": "o-1",
            "tender": {"procurementMethod": "open", "status": "active", "numberOfTenderers": 1},
            "bids": {
                "details": [
                    {
                        "id": "1",
                        "status": "valid",
                        "tenderers": [{"id": "A"}],
                        "value": {"amount": amount, "currency": "USD"},
                    }
                ]
            },
            "awards": [{"id": "a", "status": "active", "suppliers": [{"id": "A"}]}],
        }

    text = json.dumps(release(0)).replace('"amount": 0', '"amount": 1e400').encode()
    settings = str(FIXTURES / "R018.ini")
    flagged, err = _run("-s", settings, stdin=text)
    assert flagged["OCID"] == {"o-1": {"R018": 1.0}} and err == ""
    assert flagged == _run("-s", settings, stdin=json.dumps(release(None)).encode())[0]
    assert number(math.inf) is None and number(float("-inf")) is None and number(10**400) is None
    assert number(1e308) == 1e308


def test_lines_the_peer_refuses_are_still_skipped():
    lines = [
        b'{"ocid": "o-1", "x": NaN}',
        b'\xef\xbb\xbf{"ocid": "o-2"}',
        b'{"ocid": "o-3"} trailing',
        b"{not json",
    ]
    _, err = _run(stdin=b"\n".join(lines))
    assert "ไม่ใช่ JSON ที่ถูกต้อง 4 บรรทัด" in err
