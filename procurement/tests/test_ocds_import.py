"""Importing OCDS: 1.0 packages upgraded, each process counted once whatever the batches, packages read as a
stream in any layout, milestones kept through an empty array."""

import copy
import io
import json
from collections import OrderedDict

import orjson
import pytest
from ocdskit.upgrade import upgrade_10_11

from core.errors import ApplicationError
from procurement.models import Project, Release, Supplier
from procurement.ocds import read
from procurement.services import ocds_import as service
from procurement.services.ocds_import import ocds_import

pytestmark = pytest.mark.django_db

BUYER = {
    "name": "กรมตัวอย่าง",
    "identifier": {"scheme": "TH-DBD", "id": "0994000000011", "legalName": "กรมตัวอย่าง"},
    "address": {"streetAddress": "ถนนราชดำเนิน", "locality": "กรุงเทพมหานคร", "countryName": "Thailand"},
}
SUPPLIER = {
    "name": "บริษัท ก จำกัด",
    "identifier": {"scheme": "TH-DBD", "id": "0105500000001"},
    "address": {"locality": "นนทบุรี"},
    "contactPoint": {"telephone": "02-000-0000"},
}


def _package_10(version_first=True):
    """An OCDS 1.0 release package: organisations written in place, no `parties`, no `version` key."""
    releases = [
        {
            "ocid": "ocds-v10-1",
            "id": "t1",
            "date": "2016-01-01T00:00:00Z",
            "tag": ["tender"],
            "language": "th",
            "initiationType": "tender",
            "buyer": BUYER,
            "tender": {
                "id": "t",
                "title": "จ้างซ่อมถนน",
                "procuringEntity": BUYER,
                "tenderers": [SUPPLIER],
                "value": {"amount": 100000, "currency": "THB"},
                "amendment": {"date": "2016-01-02T00:00:00Z"},
            },
        },
        {
            "ocid": "ocds-v10-1",
            "id": "a1",
            "date": "2016-02-01T00:00:00Z",
            "tag": ["award"],
            "language": "th",
            "initiationType": "tender",
            "awards": [
                {
                    "id": "aw",
                    "status": "active",
                    "suppliers": [SUPPLIER],
                    "value": {"amount": 95000, "currency": "THB"},
                }
            ],
        },
    ]
    meta = {
        "uri": "https://example.test/v10.json",
        "publishedDate": "2016-03-01T00:00:00Z",
        "publisher": {"name": "ทดสอบ"},
    }
    return (meta | {"releases": releases}) if version_first else ({"releases": releases} | meta)


@pytest.mark.parametrize("version_first", [True, False])
def test_ocds_10_package_is_upgraded_on_import(agency, version_first):
    package = _package_10(version_first)
    ocds_import(actor=None, sources=[("v10.json", io.BytesIO(orjson.dumps(package)))], unit=agency)

    expected = upgrade_10_11(json.loads(json.dumps(package), object_pairs_hook=OrderedDict), reorder=False)
    stored = {r.release_id: r.data for r in Release.objects.all()}
    assert stored == {r["id"]: json.loads(json.dumps(r)) for r in expected["releases"]}
    project = Project.objects.get(ocid="ocds-v10-1")
    compiled = project.compiled
    parties = {p["name"]: p for p in compiled["parties"]}
    assert set(parties["กรมตัวอย่าง"]["roles"]) == {"buyer", "procuringEntity"}
    # `roles` is a list of codes, replaced whole by the later release (the award names the supplier only).
    assert parties["บริษัท ก จำกัด"]["roles"] == ["supplier"]
    assert parties["บริษัท ก จำกัด"]["identifier"] == SUPPLIER["identifier"]
    assert compiled["awards"][0]["suppliers"] == [{"id": parties["บริษัท ก จำกัด"]["id"], "name": "บริษัท ก จำกัด"}]
    assert compiled["tender"]["amendments"] == [{"date": "2016-01-02T00:00:00Z"}]
    # The organisation's registered id survives: the winner is the supplier row keyed by it.
    assert project.winner == Supplier.objects.get(ocds_id="TH-DBD-0105500000001")
    assert project.winner.phone == "02-000-0000"


def test_ocds_11_package_is_stored_as_published(agency):
    package = _package_10() | {"version": "1.1"}
    ocds_import(actor=None, sources=[("v11.json", io.BytesIO(orjson.dumps(package)))], unit=agency)
    stored = {r.release_id: r.data for r in Release.objects.all()}
    assert stored == {r["id"]: r for r in package["releases"]}


def _jsonl(releases):
    return io.BytesIO(b"\n".join(orjson.dumps(r) for r in releases) + b"\n")


def test_a_process_whose_releases_fall_in_two_batches_is_counted_once(agency, monkeypatch):
    monkeypatch.setattr(service, "BATCH", 2)
    releases = [
        {
            "ocid": f"ocds-b-{o}",
            "id": f"{o}-{n}",
            "date": f"2024-01-0{n}T00:00:00Z",
            "tag": ["tender"],
            "tender": {"id": "t", "title": f"{o}{n}"},
        }
        for o, n in (("a", 1), ("b", 1), ("c", 1), ("a", 2))
    ]

    run = ocds_import(actor=None, sources=[("b.jsonl", _jsonl(releases))], unit=agency)

    assert run.counts["created"] == 3 and run.counts["updated"] == 0 and run.counts["releases_added"] == 4
    assert Project.objects.get(ocid="ocds-b-a").title == "a2"
    again = ocds_import(actor=None, sources=[("b.jsonl", _jsonl(releases))], unit=agency)
    assert again.counts["unchanged"] == 3 and again.counts["created"] == again.counts["updated"] == 0
    changed = copy.deepcopy(releases)
    changed[3]["tender"]["title"] = "a2 แก้ไข"
    third = ocds_import(actor=None, sources=[("b.jsonl", _jsonl(changed))], unit=agency)
    assert (third.counts["updated"], third.counts["unchanged"], third.counts["releases_replaced"]) == (
        1,
        2,
        1,
    )


def test_milestones_survive_a_later_empty_array(agency):
    releases = [
        {
            "ocid": "ocds-m-1",
            "id": "c1",
            "date": "2024-01-01T00:00:00Z",
            "tag": ["contract"],
            "contracts": [{"id": "k", "milestones": [{"id": "m1", "title": "งวดที่ 1"}, {"id": "m2"}]}],
        },
        {
            "ocid": "ocds-m-1",
            "id": "c2",
            "date": "2024-02-01T00:00:00Z",
            "tag": ["contractAmendment"],
            "contracts": [{"id": "k", "status": "active", "milestones": []}],
        },
    ]
    ocds_import(actor=None, sources=[("m.jsonl", _jsonl(releases))], unit=agency)
    [contract] = Project.objects.get(ocid="ocds-m-1").compiled["contracts"]
    assert contract == {
        "id": "k",
        "status": "active",
        "milestones": [{"id": "m1", "title": "งวดที่ 1"}, {"id": "m2"}],
    }


def _read(data: bytes):
    reading = read.Reading()
    items = list(read.read_source("f.json", io.BytesIO(data), reading))
    return items, reading


SAMPLE = {
    "uri": "u",
    "version": "1.1",
    "publisher": {"name": "ส่วนราชการ"},
    "releases": [
        {
            "ocid": "ocds-s-1",
            "id": "1",
            "date": "2024-01-01T00:00:00Z",
            "tag": ["tender"],
            "tender": {
                "title": "จัดซื้อวัสดุสำนักงาน " * 20,
                "value": {"amount": 12345.678901, "currency": "THB"},
                "numberOfTenderers": 12345678901234567890,
            },
        },
        {
            "ocid": "ocds-s-2",
            "id": "2",
            "date": "2024-01-02T00:00:00Z",
            "tag": ["tender"],
            "x": [1, 2.5e-3, None, True],
        },
    ],
}


@pytest.mark.parametrize("layout", ["compact", "pretty", "one release a line"])
@pytest.mark.parametrize("chunk", [7, 64, 1 << 22])
def test_packages_read_as_a_stream_in_any_layout(monkeypatch, layout, chunk):
    monkeypatch.setattr(read, "CHUNK", chunk)  # small windows: values and Thai characters cut at every place
    if layout == "compact":
        data = orjson.dumps(SAMPLE)
    elif layout == "pretty":
        data = json.dumps(SAMPLE, ensure_ascii=False, indent=2).encode()
    else:
        head = json.dumps({k: v for k, v in SAMPLE.items() if k != "releases"}, ensure_ascii=False)[:-1]
        data = (
            head
            + ', "releases": [\n'
            + ",\n".join(json.dumps(r, ensure_ascii=False) for r in SAMPLE["releases"])
            + "\n]}\n"
        ).encode()
    items, reading = _read(data)
    assert reading.errors == []
    assert [item.release for item in items] == SAMPLE["releases"]
    assert [orjson.loads(item.text) for item in items] == SAMPLE["releases"]
    assert reading.packages == [
        {
            "file": "f.json",
            "kind": "release package",
            "uri": "u",
            "version": "1.1",
            "publisher": {"name": "ส่วนราชการ"},
        }
    ]
    assert reading.digest.hexdigest() == __import__("hashlib").sha256(data).hexdigest()


def test_record_packages_arrays_and_concatenated_documents_are_read(monkeypatch):
    monkeypatch.setattr(read, "CHUNK", 16)
    records = {
        "version": "1.1",
        "records": [
            {"ocid": "ocds-s-1", "releases": SAMPLE["releases"][:1]},
            {"ocid": "ocds-s-2", "compiledRelease": SAMPLE["releases"][1]},
        ],
    }
    data = (
        orjson.dumps(records)
        + b"\n"
        + orjson.dumps(SAMPLE["releases"])
        + b" "
        + orjson.dumps(SAMPLE["releases"][0])
    )
    items, reading = _read(data)
    assert reading.errors == []
    assert [item.release["id"] for item in items] == ["1", "2", "1", "2", "1"]
    assert [p["kind"] for p in reading.packages] == ["record package"]


@pytest.mark.parametrize(
    "data, problem",
    [
        (b'{"releases": [{"ocid": "a", "v": 1e400}]}', "1e400 เกินช่วงของ double"),
        (b'{"releases": [{"ocid": "a", "v": NaN}]}', "NaN ไม่ใช่ตัวเลขของ JSON"),
        (b'{"releases": [{"ocid": "a"} {"ocid": "b"}]}', "Expecting ',' delimiter"),
        (b'{"releases": [{"ocid": "a", "v": tru', "Expecting value"),
        (b'"just a string"', "ไม่ใช่ release package"),
    ],
)
def test_unreadable_packages_are_refused_with_the_place(data, problem):
    _, reading = _read(data)
    assert len(reading.errors) == 1 and problem in reading.errors[0], reading.errors


@pytest.mark.parametrize("number", [b"1e400", b"1E+0400", b"-2.5e309", b"1" + b"0" * 309 + b".5",
                                    b"1" + b"0" * 250 + b"e99", b"0.01e312"])
def test_every_spelling_of_a_number_beyond_double_range_is_refused(number):
    """Values are read without the float hook unless their text may hold such a number: each spelling of one
    (long exponent, many digits, many digits with a short exponent) is caught all the same."""
    _, reading = _read(b'{"releases": [{"ocid": "a", "v": ' + number + b"}]}")
    assert len(reading.errors) == 1 and "เกินช่วงของ double" in reading.errors[0], reading.errors


@pytest.mark.parametrize("number, value", [(b"1e-400", 0.0), (b"1.5e300", 1.5e300), (b"12e99", 12e99),
                                           (b'"e400 and 1e400 in text"', "e400 and 1e400 in text")])
def test_numbers_within_double_range_and_lookalike_text_are_read(number, value):
    items, reading = _read(b'{"releases": [{"ocid": "a", "v": ' + number + b"}]}")
    assert reading.errors == [] and items[0].release["v"] == value


def test_the_cycle_collector_runs_again_after_an_import(agency):
    import gc

    assert gc.isenabled()
    ocds_import(actor=None, sources=[("a.json", io.BytesIO(orjson.dumps(SAMPLE)))], unit=agency)
    assert gc.isenabled()
    with pytest.raises(ApplicationError):
        ocds_import(actor=None, sources=[("b.json", io.BytesIO(b"{"))], unit=agency)
    assert gc.isenabled()


def test_a_number_beyond_double_range_stops_the_import(agency):
    data = (b'{"version": "1.1", "releases": [{"ocid": "ocds-n-1", "id": "1", '
            b'"tender": {"value": {"amount": 1e400}}}]}')
    with pytest.raises(ApplicationError) as caught:
        ocds_import(actor=None, sources=[("n.json", io.BytesIO(data))], unit=agency)
    assert "เกินช่วงของ double" in caught.value.extra["errors"][0]
    assert not Project.objects.exists()


def test_release_and_compiled_texts_are_stored_compressed_on_sqlite_and_read_as_text(agency):
    """The JSON columns are written from the serialised bytes (procurement.bulk): compressed on SQLite (a
    BLOB a fraction of the text's size), text on PostgreSQL; read back as the same str either way, the same
    after an update (bulk_update's path); a lookup inside the text is refused, not answered wrongly."""
    from django.core.exceptions import FieldError
    from django.db import connection

    data = copy.deepcopy(SAMPLE)
    ocds_import(actor=None, sources=[("a.json", io.BytesIO(orjson.dumps(data)))], unit=agency)
    data["releases"][1]["id"] = "2b"
    data["releases"][1]["date"] = "2024-01-03T00:00:00Z"
    ocds_import(actor=None, sources=[("b.json", io.BytesIO(orjson.dumps(data)))], unit=agency)
    sent = {r["id"]: orjson.dumps(r).decode() for r in data["releases"]}
    for release in Release.objects.all():
        assert type(release.json_text) is str
        assert orjson.loads(release.json_text)["ocid"] == release.project.ocid
        if release.release_id in sent:
            assert release.json_text == sent[release.release_id]
    for project in Project.objects.all():
        assert type(project.compiled_text) is str
        assert orjson.loads(project.compiled_text)["ocid"] == project.ocid
    assert Project.objects.get(ocid="ocds-s-2").compiled_text.count('"2024-01-03T00:00:00Z"') == 1
    assert Release.objects.filter(json_text=sent["2b"]).count() == 1  # equality still finds the row
    with pytest.raises(FieldError):
        Release.objects.filter(json_text__contains="สำนักงาน").count()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT DISTINCT typeof(json_text) FROM procurement_release")
            assert cursor.fetchall() == [("blob",)]
            cursor.execute("SELECT DISTINCT typeof(compiled_text), typeof(search_text) "
                           "FROM procurement_project")
            assert cursor.fetchall() == [("blob", "text")]
            cursor.execute("SELECT sum(length(json_text)) FROM procurement_release")
            stored = cursor.fetchone()[0]
            assert stored < sum(len(r.json_text.encode()) for r in Release.objects.all()) / 2
        else:
            cursor.execute("SELECT DISTINCT pg_typeof(json_text)::text FROM procurement_release")
            assert cursor.fetchall() == [("text",)]


def test_new_projects_hold_what_a_saved_instance_would(agency):
    """New projects go in as rows of values, not model instances: the columns the import does not fill hold
    their defaults, both times are set, and the unit and the winner are linked."""
    ocds_import(actor=None, sources=[("v10.json", io.BytesIO(orjson.dumps(_package_10())))], unit=agency)
    project = Project.objects.get(ocid="ocds-v10-1")
    assert (project.external_id, project.reference_source, project.announcement_no) == ("", "", "")
    assert project.qualified_on is project.completed_on is project.reference_date is None
    assert project.plan_item_id is project.created_by_id is None
    assert (project.unit, project.source, project.release_count) == (agency, Project.Source.OCDS, 2)
    assert project.created_at is not None and project.created_at == project.updated_at
    assert project.published_at is not None
    assert project.winner.name == "บริษัท ก จำกัด"


def test_a_new_sqlite_database_has_16_kb_pages():
    """Imported JSON texts of 10-30 KB fit fewer, larger pages (config.settings.base)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the page size is SQLite's")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_size")
        assert cursor.fetchone()[0] == 16384
