"""Thai rules TH01–TH05 on hand-built compiled releases: each fires when it should, stays quiet otherwise, and
explains itself in Thai with the numbers behind the flag."""

import pytest

from procurement.redflags import explain, screen, thai_flags
from procurement.redflags.rules import thai_rules

E_BIDDING = {"procurementMethod": "open", "procurementMethodDetails": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"}
SPECIFIC = {"procurementMethod": "limited", "procurementMethodDetails": "วิธีเฉพาะเจาะจง"}


def _thai(releases, settings=None):
    """Only the Thai codes of a screening with Thai rules on."""
    result = screen(releases, settings or {}, include_thai=True)
    return {group: {key: {c: v for c, v in codes.items() if c.startswith("TH")}
                    for key, codes in entries.items()}
            for group, entries in result.items()}, result


def _award(supplier, amount, date="2024-01-10T10:00:00+07:00", status="active", code="43211500"):
    return {"id": f"a-{supplier}-{amount}", "status": status, "date": date, "suppliers": [{"id": supplier}],
            "value": {"amount": amount, "currency": "THB"}, "items": [{"classification": {"id": code}}]}


def test_rules_are_declared_as_data_with_thai_titles():
    rules = {rule.id: rule for rule in thai_rules()}

    assert set(rules) == {"TH01", "TH02", "TH03", "TH04", "TH05"}
    assert rules["TH01"].parameters == {"threshold": 0.99}
    assert rules["TH04"].thresholds[0]["amount"] == 500_000
    for rule in rules.values():
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in rule.title + rule.explanation)


def test_thai_rules_are_off_unless_asked():
    release = {"ocid": "p1", "tender": {**E_BIDDING, "value": {"amount": 1_000_000, "currency": "THB"}},
               "awards": [_award("S", 999_000)]}

    assert screen([release], {}) == {}
    assert "TH01" in screen([release], {}, include_thai=True)["OCID"]["p1"]


# --- TH01 winning price ≥ 99 % of the reference price -----------------------------------------------------


def _priced(ocid, awarded, method=E_BIDDING, status="active"):
    return {"ocid": ocid, "tender": {**method, "value": {"amount": 1_000_000, "currency": "THB"}},
            "awards": [_award("S", awarded, status=status)]}


def test_th01_fires_at_99_percent_of_the_reference_price():
    flags, result = _thai([_priced("near", 995_000), _priced("far", 950_000)])

    assert flags == {"OCID": {"near": {"TH01": 0.995}}}
    [flag] = explain(result, "near")
    assert flag.title == "ราคาที่ได้รับการคัดเลือกใกล้เคียงราคากลาง"
    assert "995,000.00 บาท" in flag.explanation
    assert "1,000,000.00 บาท" in flag.explanation
    assert "99.50" in flag.explanation


def test_th01_ignores_direct_purchases_pending_awards_and_missing_reference():
    no_reference = _priced("none", 1_000_000)
    del no_reference["tender"]["value"]

    flags, _ = _thai([_priced("direct", 1_000_000, method=SPECIFIC),
                      _priced("pending", 1_000_000, status="pending"), no_reference])

    assert flags == {}


def test_th01_threshold_comes_from_settings():
    flags, _ = _thai([_priced("p", 950_000)], {"TH01": {"threshold": "0.95"}})

    assert flags == {"OCID": {"p": {"TH01": 0.95}}}


# --- TH02 many document buyers, at most one valid bid -------------------------------------------------------


def _documents(ocid, buyers, statuses, field="documentBuyers"):
    tender = dict(E_BIDDING)
    if field == "documentBuyers":
        tender["documentBuyers"] = [{"id": f"D{i}", "name": f"บริษัท {i}"} for i in range(buyers)]
    else:
        tender["numberOfDocumentBuyers"] = buyers
    bids = [{"status": status, "tenderers": [{"id": f"T{i}"}]} for i, status in enumerate(statuses)]
    return {"ocid": ocid, "tender": tender, "bids": {"details": bids}}


def test_th02_fires_when_many_bought_documents_but_one_bid_is_valid():
    flags, result = _thai([
        _documents("few-valid", 6, ["valid", "disqualified", "disqualified"]),
        _documents("counted", 8, ["valid"], field="numberOfDocumentBuyers"),
        _documents("competition", 6, ["valid", "valid"]),
        _documents("few-buyers", 4, ["valid"]),
    ])

    assert flags == {"OCID": {"few-valid": {"TH02": 6.0}, "counted": {"TH02": 8.0}}}
    [flag] = explain(result, "few-valid")
    assert "6 ราย" in flag.explanation
    assert "1 ข้อเสนอ" in flag.explanation


def test_th02_needs_a_bids_list():
    release = _documents("unknown", 9, [])
    del release["bids"]

    assert _thai([release])[0] == {}


# --- TH03 the same supplier wins again and again with the same buyer ----------------------------------------


def _won(ocid, buyer, supplier):
    return {"ocid": ocid, "buyer": {"id": buyer, "name": f"หน่วยงาน {buyer}"},
            "parties": [{"id": supplier, "name": f"บริษัท {supplier} จำกัด"}],
            "awards": [_award(supplier, 10_000)]}


def test_th03_fires_for_a_dominant_repeat_winner():
    releases = [_won(f"b{i}", "B", "S" if i < 3 else f"X{i}") for i in range(5)]
    releases += [_won(f"c{i}", "C", "S" if i < 3 else f"Y{i}") for i in range(10)]

    flags, result = _thai(releases)

    assert flags["OCID"] == {"b0": {"TH03": 0.6}, "b1": {"TH03": 0.6}, "b2": {"TH03": 0.6}}
    assert flags["Buyer"] == {"B": {"TH03": 0.6}}
    assert flags["Tenderer"] == {"S": {"TH03": 0.6}}
    [flag] = explain(result, "b1")
    assert "บริษัท S จำกัด" in flag.explanation and "หน่วยงาน B" in flag.explanation
    assert "3 โครงการ" in flag.explanation and "5 โครงการ" in flag.explanation and "60.00" in flag.explanation
    [party] = explain(result, "S", group="Tenderer")
    assert "3 โครงการ" in party.explanation


def test_th03_minimum_share_is_configurable():
    releases = [_won(f"c{i}", "C", "S" if i < 3 else f"Y{i}") for i in range(10)]

    assert _thai(releases)[0] == {}
    assert _thai(releases, {"TH03": {"minimum_share": "0.3"}})[0]["Buyer"] == {"C": {"TH03": 0.3}}


# --- TH04 purchases split just under a method threshold ---------------------------------------------


def _specific(ocid, amount, day, supplier="S", method=SPECIFIC, code="43211500"):
    return {"ocid": ocid, "buyer": {"id": "B", "name": "กองคลัง"}, "tender": dict(method),
            "awards": [_award(supplier, amount, date=f"2024-03-{day:02d}T10:00:00+07:00", code=code)]}


def test_th04_fires_for_contracts_just_under_500000_within_the_window():
    flags, result = _thai([_specific("s1", 480_000, 1), _specific("s2", 495_000, 12),
                           _specific("s3", 470_000, 20)])

    assert flags["OCID"] == {"s1": {"TH04": 3.0}, "s2": {"TH04": 3.0}, "s3": {"TH04": 3.0}}
    assert flags["Buyer"] == {"B": {"TH04": 3.0}}
    [flag] = explain(result, "s2")
    assert "3 โครงการ" in flag.explanation
    assert "1,445,000.00 บาท" in flag.explanation  # the total, over the 500,000 ceiling
    assert "500,000.00 บาท" in flag.explanation
    assert "2567" in flag.explanation  # dates in the Buddhist era


@pytest.mark.parametrize(
    "releases",
    [
        # Too far apart in time.
        [_specific("s1", 480_000, 1), {**_specific("s2", 495_000, 1), "awards": [
            _award("S", 495_000, date="2024-07-01T10:00:00+07:00")]}],
        # Well under the ceiling: ordinary small purchases.
        [_specific("s1", 300_000, 1), _specific("s2", 310_000, 5)],
        # An open competition is not the method the ceiling belongs to.
        [_specific("s1", 480_000, 1, method=E_BIDDING), _specific("s2", 495_000, 5, method=E_BIDDING)],
        # A single purchase near the ceiling is not a split.
        [_specific("s1", 499_000, 1)],
    ],
    ids=["far-apart", "small", "open-method", "single"],
)
def test_th04_stays_quiet(releases):
    assert _thai(releases)[0] == {}


def test_th04_groups_by_classification_across_suppliers():
    flags, result = _thai([_specific("s1", 95_000, 1, supplier="A", code="44121700"),
                           _specific("s2", 97_000, 3, supplier="B", code="44121900")])

    assert flags["OCID"] == {"s1": {"TH04": 2.0}, "s2": {"TH04": 2.0}}
    assert "สินค้าหมวด 4412" in explain(result, "s1")[0].explanation


# --- TH05 bidders sharing an address, a telephone or a director ---------------------------------------------


def _bidders(ocid, parties):
    return {
        "ocid": ocid,
        "bids": {"details": [{"status": "valid", "tenderers": [{"id": p["id"]}]} for p in parties]},
        "parties": parties,
    }


def test_th05_finds_a_shared_telephone_written_differently():
    release = _bidders("p", [
        {"id": "A", "name": "บริษัท เอ จำกัด", "contactPoint": {"telephone": "02-123-4567"}},
        {"id": "B", "name": "บริษัท บี จำกัด", "contactPoint": {"telephone": "+66 2 123 4567 ต่อ 12"}},
        {"id": "C", "name": "บริษัท ซี จำกัด", "contactPoint": {"telephone": "02-765-4321"}},
    ])

    flags, result = _thai([release])

    assert flags == {"OCID": {"p": {"TH05": 2.0}}, "Tenderer": {"A": {"TH05": 1.0}, "B": {"TH05": 1.0}}}
    [flag] = explain(result, "p")
    assert "บริษัท เอ จำกัด" in flag.explanation and "บริษัท บี จำกัด" in flag.explanation
    assert "หมายเลขโทรศัพท์" in flag.explanation


def test_th05_finds_shared_directors_and_addresses():
    release = _bidders("p", [
        {"id": "A", "details": {"directors": [{"name": "นาย สมชาย ใจดี"}]},
         "address": {"streetAddress": "99/1 ถนนพหลโยธิน", "locality": "จตุจักร", "postalCode": "10900"}},
        {"id": "B", "details": {"directors": ["สมชาย  ใจดี"]},
         "address": {"streetAddress": "เลขที่ 99/1 ถ.พหลโยธิน", "locality": "จตุจักร", "postalCode": "๑๐๙๐๐"}},
    ])

    flags, result = _thai([release])

    assert flags["OCID"] == {"p": {"TH05": 2.0}}
    kinds = [link["kind"] for link in result.details[("OCID", "p", "TH05")]["links"]]
    assert kinds == ["address", "directors"]


def test_th05_stays_quiet_for_unrelated_bidders_and_respects_switches():
    unrelated = _bidders("u", [{"id": "A", "contactPoint": {"telephone": "02-111-1111"}},
                               {"id": "B", "contactPoint": {"telephone": "02-222-2222"}}])
    sharing = _bidders("s", [{"id": "A", "contactPoint": {"telephone": "02-111-1111"}},
                             {"id": "B", "contactPoint": {"telephone": "021111111"}}])

    assert _thai([unrelated])[0] == {}
    assert _thai([sharing], {"TH05": {"match_telephone": "false"}})[0] == {}


# --- API ----------------------------------------------------------------------------------------------------


def test_thai_flags_returns_explained_flags_per_process():
    flags = thai_flags([_priced("near", 999_000), _priced("far", 900_000)])

    assert list(flags) == ["near"]
    assert [f.id for f in flags["near"]] == ["TH01"]
    assert "99.90" in flags["near"][0].explanation


def test_explain_a_single_release_uses_per_process_rules_only():
    release = {
        "ocid": "one",
        "tender": {**E_BIDDING, "numberOfTenderers": 1, "value": {"amount": 200_000, "currency": "THB"},
                   "tenderPeriod": {"startDate": "2024-01-01T09:00:00+07:00",
                                    "endDate": "2024-01-04T09:00:00+07:00"}},
        "bids": {"details": [{"status": "valid", "tenderers": [{"id": "S"}], "value": {"amount": 199_000,
                                                                                      "currency": "THB"}}]},
        "awards": [_award("S", 199_000)],
        "parties": [{"id": "S", "name": "ห้างหุ้นส่วนจำกัด ทดสอบ"}],
    }

    flags = {flag.id: flag for flag in explain(release)}

    assert set(flags) == {"R003", "R018", "TH01"}
    assert "3 วัน" in flags["R003"].explanation and "15 วัน" in flags["R003"].explanation
    assert flags["R003"].title == "ระยะเวลาเปิดรับข้อเสนอสั้นผิดปกติ"
    assert "99.50" in flags["TH01"].explanation
