"""The curated plan file against the seed document it was transcribed from.

The seed's plan table is a markdown table split over pages: each page repeats the header, a row cut by a
page break continues in the next page's first row, some cells carry <p>/<ul> markup. Each column of the
table is read as one normalised stream (headers and separators dropped, cells joined by a space), so a cell
continued across a page is contiguous. The file's verbatim strings must then consume each column stream in
order, leaving nothing but whitespace and punctuation: text missing from the file, a dropped row or an
invented one all fail.
"""

import copy
import re
from pathlib import Path

import pytest

from plans.planfile import load_planfile, plan_counts

# A copy of the department's published text, kept with the tests (see data/README.md).
SEED = Path(__file__).resolve().parent / "data" / "000_932c63c1d65e4000.txt"
TABLE_START = "แผนการดำเนินงาน/กิจกรรม/โครงการ ภายใต้นโยบายคุณธรรมและความโปร่งใสในการดำเนินงานของกรมส่งเสริมสหกรณ์\nปี"
TABLE_END = "แบบรายงานผลการดำเนินงาน"
COLUMNS = ("นโยบาย", "มาตรการ/แนวทางปฏิบัติ", "แผนการดำเนินงาน/กิจกรรม/โครงการ", "หน่วยงานเจ้าภาพ",
           "หน่วยงานปฏิบัติ/สนับสนุน", "ตัวชี้วัด")
POLICY, MEASURE, ACTIVITY, HOST, IMPLEMENTING, INDICATOR = range(6)

# Counted by hand from the seed table:
# - 34 table rows once page headers are dropped: 26 rows with an activity, 7 rows that only continue the row
#   above after a page break, and 1 row (policy 1, measure ๔.๒)) with a measure and nothing else;
# - 6 policies;
# - 33 measures: policy 1 has ๑) ๑.๑) ๑.๒) ๒) ๓) ๓.๑) ๓.๒) ๔) ๔.๑) ๔.๒) ๔.๓) = 11, policy 2 has 2,
#   policy 3 has ๑) ๒) ๓) ๓.๑) ๓.๒) ๓.๓) = 6, policy 4 has 3, policy 5 has 5,
#   policy 6 has ๑) ๑.๑)–๑.๓) ๒) ๓) = 6;
# - 26 activities, one per activity row (policy 1: 7, 2: 2, 3: 4, 4: 3, 5: 5, 6: 5);
# - 41 indicators, one per numbered or dashed item (policy 1: 15 — the procurement row alone has the
#   "ระดับความสำเร็จ…" heading plus ๑.–๕. —, 2: 3, 3: 5, 4: 3, 5: 11, 6: 4).
TABLE_ROWS = 34
EXPECTED = {"policies": 6, "measures": 33, "activities": 26, "indicators": 41}

GAP = re.compile(r"[\s\-–|,;:.]*")
NUMBERING = re.compile(r"(?:(?<=\s)|^)[๐-๙]+(?:\.[๐-๙]+)*[.)]")
IMPLEMENTING_PHRASES = {
    "ทุกหน่วยงานทั้งส่วนกลางและส่วนภูมิภาค": "all",
    "ทุกหน่วยงานส่วนกลาง": "all_central",
    "สสจ.สสพ.๑-๒": "regional_offices",
    "ทุกหน่วยงานที่เกี่ยวข้องกับกระบวนการนั้นๆ": "related",
}


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", text)).strip()


def squash(text: str) -> str:
    """Text with whitespace, list dashes and list numbers removed: what display text may not change."""
    return re.sub(r"[\s\-]", "", NUMBERING.sub("", text))


def apply_corrections(text: str, corrections) -> str:
    for c in corrections or []:
        text = text.replace(c["from"], c["to"])
    return text


def table_rows(seed_text: str) -> list[list[str]]:
    table = seed_text[seed_text.index(TABLE_START):seed_text.index(TABLE_END)]
    rows = []
    for line in table.splitlines():
        if not line.startswith("|"):
            continue
        cells = [normalize(c) for c in line.strip().strip("|").split("|")]
        assert len(cells) == len(COLUMNS), line
        if all(re.fullmatch(r"-*", c) for c in cells):
            continue
        if [c.replace(" ", "") for c in cells] == [c.replace(" ", "") for c in COLUMNS]:
            continue
        rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    return table_rows(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def streams(rows) -> list[str]:
    return [" ".join(row[col] for row in rows if row[col]) for col in range(len(COLUMNS))]


@pytest.fixture(scope="module")
def data() -> dict:
    return load_planfile()


def verbatim_cells(data: dict):
    """(column, where, verbatim) for every transcribed cell, in file order."""
    for p in data["policies"]:
        yield POLICY, f"policy {p['number']}", p["verbatim"]
        for m in p["measures"]:
            yield MEASURE, f"policy {p['number']} measure {m['number']}", m["verbatim"]
            for a in m["activities"]:
                yield ACTIVITY, a["key"], a["verbatim"]
                yield HOST, f"{a['key']} host", a["host_verbatim"]
                yield IMPLEMENTING, f"{a['key']} implementing", a["implementing"]["verbatim"]
                for i, ind in enumerate(a["indicators"]):
                    yield INDICATOR, f"{a['key']} indicator {i}", ind["verbatim"]


def display_entries(data: dict):
    """(where, verbatim, corrections, display text) for everything that has display text."""
    for p in data["policies"]:
        yield f"policy {p['number']}", p["verbatim"], p.get("corrections"), p["title"]
        for m in p["measures"]:
            where = f"policy {p['number']} measure {m['number']}"
            yield where, m["verbatim"], m.get("corrections"), m["text"]
            for a in m["activities"]:
                yield a["key"], a["verbatim"], a.get("corrections"), a["text"]
                for i, ind in enumerate(a["indicators"]):
                    yield f"{a['key']} indicator {i}", ind["verbatim"], ind.get("corrections"), ind["text"]


def activities(data: dict):
    return [a for p in data["policies"] for m in p["measures"] for a in m["activities"]]


def unconsumed(streams: list[str], data: dict) -> list[str]:
    """Consume each column stream with the file's verbatim strings in order; report leftovers and misses."""
    problems = []
    cursor = [0] * len(streams)
    for col, where, verbatim in verbatim_cells(data):
        if not verbatim:
            continue
        at = streams[col].find(verbatim, cursor[col])
        if at < 0:
            problems.append(f"{where}: not found after position {cursor[col]} of column {COLUMNS[col]}")
            continue
        gap = streams[col][cursor[col]:at]
        if not GAP.fullmatch(gap):
            problems.append(f"{COLUMNS[col]}: seed text missing from the file before {where}: {gap!r}")
        cursor[col] = at + len(verbatim)
    for col, stream in enumerate(streams):
        if not GAP.fullmatch(stream[cursor[col]:]):
            rest = stream[cursor[col]:]
            problems.append(f"{COLUMNS[col]}: seed text missing from the file at the end: {rest!r}")
    return problems


def test_the_seed_table_parses_into_its_rows(rows):
    assert len(rows) == TABLE_ROWS
    assert rows[0][POLICY] == "๑. นโยบาย ด้านความ โปร่งใส"
    assert all("<" not in cell for row in rows for cell in row)


def test_every_verbatim_occurs_in_its_seed_column(streams, data):
    missing = [f"{where}: {v!r}" for col, where, v in verbatim_cells(data) if v and v not in streams[col]]
    assert missing == []


def test_the_file_covers_the_seed_table_in_order_and_nothing_else(streams, data):
    assert unconsumed(streams, data) == []


def test_counts_match_the_table():
    assert plan_counts(load_planfile()) == EXPECTED


def test_corrections_map_verbatim_to_display_text(data):
    bad = []
    for where, verbatim, corrections, display in display_entries(data):
        for c in corrections or []:
            if c["from"] not in verbatim or c["to"] not in display:
                bad.append(f"{where}: {c}")
    assert bad == []


def test_display_text_changes_nothing_but_spacing_and_the_listed_corrections(data):
    bad = [where for where, verbatim, corrections, display in display_entries(data)
           if squash(apply_corrections(verbatim, corrections)) != squash(display)]
    for a in activities(data):
        if squash("".join(a["items"])) != squash(a["text"]):
            bad.append(f"{a['key']} items")
        if squash(a["title"]) not in squash(a["text"]):
            bad.append(f"{a['key']} title")
    assert bad == []


def test_numbers_are_the_printed_ones(data):
    for p in data["policies"]:
        for m in p["measures"]:
            assert m["verbatim"].startswith(m["number"] + " "), m["verbatim"]
            for a in m["activities"]:
                for ind in a["indicators"]:
                    if ind["number"]:
                        assert ind["verbatim"].startswith(ind["number"] + " "), ind["verbatim"]


def test_host_labels_come_from_the_host_cell(data):
    for a in activities(data):
        cell = re.sub(r"\s", "", a["host_verbatim"])
        for label in a["host_units"]:
            assert re.sub(r"\s", "", label).rstrip(",") in cell, (a["key"], label)


def test_implementing_rules_follow_the_cell_wording(data):
    for a in activities(data):
        impl = a["implementing"]
        phrase = re.sub(r"\s", "", impl["verbatim"])
        if phrase:
            assert IMPLEMENTING_PHRASES.get(phrase) == impl["rule"], (a["key"], impl)
        else:
            assert a["note"], a["key"]


def test_a_dropped_row_is_detected(streams, data):
    broken = copy.deepcopy(data)
    measure = broken["policies"][4]["measures"][2]
    assert measure["activities"][0]["key"] == "5.3-a"
    measure["activities"] = []
    problems = unconsumed(streams, broken)
    assert any("สื่อสารและติดตามผ่านการประชุม" in p for p in problems)
    assert plan_counts(broken) != EXPECTED


def test_an_invented_row_is_detected(streams, data):
    broken = copy.deepcopy(data)
    measure = broken["policies"][0]["measures"][1]
    invented = copy.deepcopy(measure["activities"][0])
    invented["key"] = "1.1.1-b"
    measure["activities"].append(invented)
    assert any("1.1.1-b" in p for p in unconsumed(streams, broken))
