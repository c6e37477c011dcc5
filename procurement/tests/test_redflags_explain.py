"""Thai explanations of the Cardinal indicators: each names what was found and the numbers behind it."""

from pathlib import Path

import orjson
import pytest

from procurement.redflags import Flag, explain, load_ini, screen

DATA = Path(__file__).resolve().parent / "data" / "ocds"
FIXTURES = DATA / "cardinal-fixtures"


def _fixture(name):
    releases = [orjson.loads(line) for line in (FIXTURES / f"{name}.jsonl").read_bytes().splitlines() if line]
    return screen(releases, load_ini(FIXTURES / f"{name}.ini"))


def _one(flags: list[Flag], code: str) -> Flag:
    [flag] = [f for f in flags if f.id == code]
    return flag


def test_r003_gives_days_threshold_and_buddhist_era_dates():
    release = {"ocid": "p", "tender": {"tenderPeriod": {"startDate": "2024-01-01T09:00:00+07:00",
                                                        "endDate": "2024-01-06T09:00:00+07:00"}}}

    flag = _one(explain(release), "R003")

    assert flag.title == "ระยะเวลาเปิดรับข้อเสนอสั้นผิดปกติ"
    assert flag.explanation == "เปิดรับข้อเสนอ 5 วัน (1 ม.ค. 2567 ถึง 6 ม.ค. 2567) น้อยกว่าเกณฑ์ 15 วัน"
    assert flag.data["days"] == 5 and flag.value == 1.0


@pytest.mark.parametrize(
    ("tender", "method"),
    [({"procurementMethod": "selective"}, "วิธีคัดเลือก"),
     ({"procurementMethod": "open", "procurementMethodDetails": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"},
      "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)")],
)
def test_r018_names_the_method_in_thai(tender, method):
    release = {"ocid": "p", "tender": {**tender, "numberOfTenderers": 1}}

    flag = _one(explain(release), "R018")

    assert method in flag.explanation


def test_r028_names_the_bidders_from_parties_and_the_price():
    release = {
        "ocid": "p",
        "bids": {"details": [
            {"status": "valid", "value": {"amount": 1_250_000, "currency": "THB"},
             "tenderers": [{"id": "A"}]},
            {"status": "valid", "value": {"amount": 1_250_000, "currency": "THB"},
             "tenderers": [{"id": "B"}]}]},
        "parties": [{"id": "A", "name": "บริษัท เอ จำกัด"}, {"id": "B", "name": "บริษัท บี จำกัด"}],
    }

    flag = _one(explain(release), "R028")

    assert flag.explanation == "บริษัท เอ จำกัด (A) และ บริษัท บี จำกัด (B) เสนอราคาเท่ากันที่ 1,250,000.00 บาท"


def test_r024_and_its_tenderers_from_the_fixture():
    result = _fixture("R024")

    flag = _one(explain(result, "F", names={"W": "ผู้ชนะ"}), "R024")
    party = _one(explain(result, "W", group="Tenderer"), "R024")

    assert "ผู้ชนะ (W)" in flag.explanation and "1.00 USD" in flag.explanation
    # 1,666.67 is the fence, 16.67, as a percent.
    assert "ร้อยละ 0.00" in flag.explanation and "1,666.67" in flag.explanation
    assert party.explanation.startswith("เป็นผู้ชนะหรือผู้เสนอราคาต่ำรองลงมา")
    assert "2 โครงการ (F, repeat tenderers)" in party.explanation


def test_r025_gives_wins_bids_and_fences():
    flag = _one(explain(_fixture("R025"), "F", group="Tenderer"), "R025")

    assert "ยื่นข้อเสนอที่ผ่านคุณสมบัติ 10 โครงการ ชนะ 2 โครงการ (ร้อยละ 20.00)" in flag.explanation


def test_r035_and_r036_and_r038_and_r048_and_r058():
    r035 = _one(explain(_fixture("R035"), "F2"), "R035")
    r036 = _one(explain(_fixture("R036"), "F"), "R036")
    r038 = _one(explain(_fixture("R038"), "B", group="Buyer"), "R038")
    r048 = _one(explain(_fixture("R048-minimum_contracting_processes-1"), "F", group="Tenderer"), "R048")
    r058 = _one(explain(_fixture("R058"), "F"), "R058")

    assert "อีก 2 ราย ได้แก่ D และ E" in r035.explanation and "เหลือเพียง V" in r035.explanation
    assert "1.00 USD" in r036.explanation
    assert "1 จาก 2 ข้อเสนอ (ร้อยละ 50.00)" in r038.explanation
    assert "2 หมวดสินค้า/บริการ (10, 11)" in r048.explanation
    assert "ร้อยละ 10,000.00" in r058.explanation  # 101 against 1: a hundredfold difference


def test_unflagged_process_has_no_flags():
    assert explain(_fixture("R036"), "valid") == []
