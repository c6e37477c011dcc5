"""A release package's releases are parsed in batches from the bytes as read (procurement.ocds.read): the same
items, texts, problems and file hash as reading one value at a time, whatever the layout, the window sizes
and whatever in the data looks like the boundary between two releases."""

import hashlib
import io
import json

import orjson
import pytest

from procurement.ocds import read


def _releases(count: int, first_key: str = "ocid") -> list[dict]:
    releases = []
    for n in range(count):
        release = {
            "id": f"r{n}",
            "date": f"2024-01-{n % 28 + 1:02d}T00:00:00Z",
            "tag": ["tender"],
            "tender": {
                "title": f"จัดซื้อวัสดุสำนักงาน ครั้งที่ {n} " * (n % 5 + 1),
                "value": {"amount": 1000.25 * n, "currency": "THB"},
                # Objects in arrays that start with the releases' own first key: `},{"id":` or `},{"ocid":`
                # inside a release, as between two releases.
                "items": [{first_key: f"i{n}-{k}", "quantity": k} for k in range(n % 4)],
                "documents": [{"id": "d", "title": "}, {\"ocid\": 'ไม่ใช่ขอบ' ],"}],
            },
            "x": [1, 2.5e-3, None, True, False, {}, [], "", 12345678901234567890, -(1 << 63)],
        }
        release["ocid"] = f"ocds-b-{n // 3}"
        order = [first_key, *[k for k in release if k != first_key]]
        releases.append({k: release[k] for k in order})
    return releases


def _layouts(releases: list[dict]) -> dict[str, bytes]:
    package = {"uri": "u", "version": "1.1", "publisher": {"name": "ส่วนราชการ"}, "releases": releases}
    head = json.dumps({k: v for k, v in package.items() if k != "releases"}, ensure_ascii=False)[:-1]
    return {
        "compact": orjson.dumps(package),
        "pretty": json.dumps(package, ensure_ascii=False, indent=2).encode(),
        "spaced": json.dumps(package).encode(),
        "a release a line": (head + ', "releases": [\n' + ",\n".join(json.dumps(r, ensure_ascii=False)
                                                                     for r in releases) + "\n]}\n").encode(),
        "releases first": b'{"releases": [' + b" ,\r\n\t".join(orjson.dumps(r) for r in releases)
        + b'], "version": "1.1"}',
    }


def _read(data: bytes, monkeypatch, batch: int, chunk: int):
    monkeypatch.setattr(read, "BATCH", batch)
    monkeypatch.setattr(read, "CHUNK", chunk)
    reading = read.Reading()
    items = list(read.read_source("f.json", io.BytesIO(data), reading))
    return [(item.release, item.text, item.where, item.package) for item in items], reading


def _same_as_one_at_a_time(data: bytes, monkeypatch, batch: int, chunk: int):
    # BATCH 0: no batch is ever found, every value is read one at a time (as before batches).
    expected, slow = _read(data, monkeypatch, 0, 1 << 22)
    found, fast = _read(data, monkeypatch, batch, chunk)
    assert found == expected
    assert fast.errors == slow.errors
    assert (fast.packages, fast.versions) == (slow.packages, slow.versions)
    assert fast.digest.hexdigest() == slow.digest.hexdigest() == hashlib.sha256(data).hexdigest()
    return found, fast


@pytest.mark.parametrize("layout", ["compact", "pretty", "spaced", "a release a line", "releases first"])
@pytest.mark.parametrize("first_key", ["ocid", "id"])
@pytest.mark.parametrize("batch, chunk", [(1 << 20, 1 << 22), (700, 1 << 22), (700, 97), (5000, 13)])
def test_batches_read_the_same_releases_as_one_at_a_time(monkeypatch, layout, first_key, batch, chunk):
    releases = _releases(40, first_key)
    found, reading = _same_as_one_at_a_time(_layouts(releases)[layout], monkeypatch, batch, chunk)
    assert reading.errors == []
    assert [release for release, *_ in found] == json.loads(json.dumps(releases))
    assert [orjson.loads(text) for _, text, *_ in found] == [release for release, *_ in found]
    assert [where for _, _, where, _ in found] == [f"f.json releases[{n}]" for n in range(40)]


def test_most_releases_are_read_in_batches(monkeypatch):
    """The fast path is taken at all: of 200 releases a line, only the first and the last are read alone."""
    values = []
    one = read._Text.value

    def value(text):
        found = one(text)
        values.append(found)
        return found

    monkeypatch.setattr(read._Text, "value", value)
    data = _layouts(_releases(200))["a release a line"]
    found, _ = _read(data, monkeypatch, 4000, 1 << 22)
    assert len(found) == 200
    assert [v for v in values if isinstance(v, dict) and "ocid" in v] == [found[0][0], found[-1][0]]


@pytest.mark.parametrize("batch", [700, 1 << 20])
@pytest.mark.parametrize(
    "bad, problem",
    [
        (b'"v": 1e400', "เกินช่วงของ double"),
        (b'"v": NaN', "ไม่ใช่ตัวเลขของ JSON"),
        (b'"v": tru', "Expecting value"),
        (b'"v": "\xe0\xb8"', "ไม่ใช่ข้อความ UTF-8"),
        (b'"v": "a\x01b"', "Invalid control character"),
        (b'"v": 1,,', "Expecting property name"),
    ],
)
def test_a_problem_after_the_first_batches_is_reported_as_before(monkeypatch, batch, bad, problem):
    lines = [orjson.dumps(r) for r in _releases(60)]
    lines[45] = lines[45][:-1] + b", " + bad + b"}"
    data = b'{"version": "1.1", "releases": [\n' + b",\n".join(lines) + b"\n]}"
    found, reading = _same_as_one_at_a_time(data, monkeypatch, batch, 1 << 22)
    assert len(reading.errors) == 1 and problem in reading.errors[0], reading.errors


def test_releases_that_are_not_objects_are_refused_as_before(monkeypatch):
    lines = [orjson.dumps(r) for r in _releases(30)]
    lines[20:21] = [b"[1, 2]", b'{"id": "no ocid"}', b"5", lines[20]]
    data = b'{"version": "1.1", "releases": [\n' + b",\n".join(lines) + b"\n]}"
    found, reading = _same_as_one_at_a_time(data, monkeypatch, 600, 1 << 22)
    assert len(found) == 30 and len(reading.errors) == 3


def test_integers_beyond_64_bits_are_doubles_in_every_form():
    """As the JSON-lines parser reads them: -2**63 to 2**64 - 1 stay integers, others are doubles."""
    numbers = [-(1 << 63) - 1, -(1 << 64), -(1 << 63), (1 << 64) - 1, 1 << 64, 10**30]
    release = b'{"ocid": "ocds-n-1", "v": [' + b", ".join(str(n).encode() for n in numbers) + b"]}"
    stored = []
    for data in (release + b"\n", b'{"releases": [' + release + b"]}", b"[" + release + b"]"):
        reading = read.Reading()
        [item] = read.read_source("f", io.BytesIO(data), reading)
        stored.append(orjson.loads(item.text)["v"])
    expected = [float(numbers[0]), float(numbers[1]), numbers[2], numbers[3], float(numbers[4]), 1e30]
    assert stored == [expected] * 3
    assert [type(v) for v in stored[1]] == [float, float, int, int, float, float]


def test_a_file_not_utf8_further_on_is_refused(monkeypatch):
    """Bytes read in batches are not decoded: the decoder that finds the bad bytes reports them as before."""
    lines = [orjson.dumps(r) for r in _releases(60)]
    lines[50] = lines[50][:-1] + b', "v": "\xe0\xb8"}'
    data = b'{"version": "1.1", "releases": [\n' + b",\n".join(lines) + b"\n]}"
    for chunk in (1000, 1 << 22):
        found, reading = _read(data, monkeypatch, 700, chunk)
        assert reading.errors == ["f.json: ไม่ใช่ข้อความ UTF-8"]
        assert [where for _, _, where, _ in found] == [f"f.json releases[{n}]" for n in range(len(found))]
        assert len(found) < 51
        assert reading.digest.hexdigest() == hashlib.sha256(data).hexdigest()


def test_thai_characters_cut_by_the_windows_at_every_place(monkeypatch):
    """Entering and leaving the batches with a character's bytes split between two reads."""
    releases = [{"ocid": f"ocds-t-{n}", "id": str(n), "tender": {"title": "ภาษาไทย" * (n + 1)}}
                for n in range(8)]
    data = b'{"releases": [' + b",".join(orjson.dumps(r) for r in releases) + b"]}"
    for chunk in range(1, 60):
        found, reading = _same_as_one_at_a_time(data, monkeypatch, 200, chunk)
        assert [release for release, *_ in found] == releases and reading.errors == []


@pytest.mark.parametrize("chunk", [3, 50, 1 << 22])
def test_a_character_cut_short_at_the_end_of_the_file_is_refused(monkeypatch, chunk):
    releases = [{"ocid": f"ocds-t-{n}", "id": str(n)} for n in range(20)]
    data = b'{"releases": [' + b",".join(orjson.dumps(r) for r in releases) + b"]\xe0\xb8"
    found, reading = _same_as_one_at_a_time(data, monkeypatch, 1 << 20, chunk)
    assert reading.errors == ["f.json: ไม่ใช่ข้อความ UTF-8"]
