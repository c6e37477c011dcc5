"""What every export of a round shares: the wording of the form, the order of its parts, Thai digits."""

from __future__ import annotations

import datetime
import re
from html import escape

from core.thai import THAI_MONTHS, be_year, format_be, to_thai_digits
from reports import achievement
from reports.compile import ActivitySection, Compiled, Entry
from reports.indicator_values import is_computed

FORM_TITLE = "แบบรายงานผลการดำเนินงาน ภายใต้นโยบายคุณธรรมและความโปร่งใสในการดำเนินงานของ{agency}"
COMPILED_TITLE = (
    "สรุปผลการดำเนินงานตามแผนงาน/กิจกรรม/โครงการ ภายใต้นโยบายคุณธรรมและความโปร่งใสในการดำเนินงานของ{agency}"
)
COLUMNS = ("วิธีดำเนินการ", "ช่วงเวลาดำเนินการ", "ผลการดำเนินงาน", "คำอธิบายรายละเอียดเอกสาร/หลักฐาน")
INDICATOR_COLUMNS = ("ตัวชี้วัด", "เป้าหมาย", "ผล", "การคำนวณ")
LATE_HEADING = "หน่วยงานที่ส่งรายงานล่าช้าหรือยังไม่ส่งเมื่อเลยกำหนด ({n} หน่วยงาน)"
_DIGIT = re.compile(r"[0-9]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text) -> str:
    """Text safe for XML and PDF: no control characters, Windows line ends made plain."""
    text = _CONTROL.sub("", str(text or ""))
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


class Writer:
    """Turns values into the text of a document, in Thai digits when the user asks for them."""

    def __init__(self, thai_digits: bool = False):
        self.thai_digits = thai_digits

    def __call__(self, value) -> str:
        text = clean(value)
        # Most report text has no digit: searching is much cheaper than translating every character.
        return to_thai_digits(text) if self.thai_digits and _DIGIT.search(text) else text

    def date(self, value, style: str = "full") -> str:
        return format_be(value, style, thai_digits=self.thai_digits) if value else "-"

    def form_date(self, value: datetime.date | None) -> str:
        """The form's own wording: "วันที่ ๓๑ เดือน มีนาคม พ.ศ. ๒๕๖๐"."""
        if not value:
            return "-"
        return self(f"วันที่ {value.day} เดือน {THAI_MONTHS[value.month - 1]} พ.ศ. {be_year(value.year)}")


def cell_html(lines, w: Writer) -> str:
    """A table cell's lines as HTML, a line break between them. A paragraph per line gave an annex part a
    third more boxes to style and lay out, a fifth of its rendering time, for pixel-identical pages."""
    return "<br>".join(escape(w(line)) for text in lines for line in str(text).split("\n") if line.strip())


# For text already in the document's digits (the evidence lines build their own): cleaned, not converted.
PLAIN = Writer(False)


def policy_area(title: str) -> str:
    """The part of a policy's title that follows the form's printed words "นโยบายด้าน"."""
    title = clean(title).strip()
    for prefix in ("นโยบายด้าน", "นโยบาย"):
        if title.startswith(prefix):
            return title[len(prefix) :].strip()
    return title


def status_text(entry: Entry) -> str:
    text = entry.report.get_status_display()
    return f"{text} (ส่งหลังกำหนด)" if entry.sent and entry.late else text


def entry_heading(entry: Entry, w: Writer) -> str:
    sent = (
        f" · ส่งเมื่อ {w.date(entry.report.first_submitted_at, 'abbr')}"
        if entry.report.first_submitted_at
        else ""
    )
    return (
        f"หน่วยงาน {w(entry.unit.name)} · ข้อมูล ณ {w.date(entry.report.as_of)} · "
        f"สถานะ: {status_text(entry)}{sent}"
    )


def _file_line(w: Writer, ev, rev, *, digest: bool = False) -> str:
    # A file name, a link and a digest are identifiers people copy and search with: they keep the digits they
    # were written in; only the words around them follow the document's digits.
    name = rev.original_name + (f", SHA-256 {rev.sha256[:12]}…" if digest else "")
    return f"ไฟล์: {w(ev.title)} ({clean(name)})"


def _link_line(w: Writer, link) -> str:
    return f"ลิงก์: {w(link.title) + ' ' if link.title else ''}{clean(link.url)}"


def row_evidence(entry: Entry, row, w: Writer) -> list[str]:
    """The fourth column, as printed: the row's own description, then the files and links of that row."""
    lines = [w(line) for line in clean(row.evidence_note).split("\n") if line.strip()]
    lines += [_file_line(w, ev, rev) for ev, rev in entry.files if ev.row_id == row.pk]
    lines += [_link_line(w, link) for link in entry.links if link.row_id == row.pk]
    return lines


def loose_evidence(entry: Entry, w: Writer) -> list[str]:
    """Evidence attached to the report as a whole rather than to a row, as printed."""
    row_ids = {row.pk for row in entry.rows}
    lines = [_file_line(w, ev, rev, digest=True) for ev, rev in entry.files if ev.row_id not in row_ids]
    lines += [_link_line(w, link) for link in entry.links if link.row_id not in row_ids]
    return lines


def _result_parts(result, w: Writer) -> list[str]:
    parts = []
    if result.value is not None:
        parts.append(f"ค่าที่ทำได้ {achievement.num(result.value)}")
    if result.count is not None:
        parts.append(f"จำนวน {result.count}")
    if result.done is not None:
        parts.append("ดำเนินการแล้ว" if result.done else "ยังไม่ได้ดำเนินการ")
    if result.event_date:
        parts.append(f"เมื่อ {w.date(result.event_date)}")
    return parts


def indicator_lines(section: ActivitySection, entry: Entry, w: Writer) -> list[str]:
    lines = []
    for line in section.indicators:
        result = entry.results.get(line.indicator.pk)
        if result is None or result.is_empty:
            continue
        override = (result.override_reason or "").strip()
        # On a computed indicator a value typed without a reason does not replace the computed one
        # (reports.indicator_values): only its note is printed.
        parts = _result_parts(result, w) if override or not is_computed(line.indicator) else []
        if result.note:
            parts.append(clean(result.note))
        if override:
            computed = f" ซึ่งระบบคำนวณได้ {clean(result.computed_value)}" if result.computed_value else ""
            parts.append(f"(แก้ไขค่าที่คำนวณจากระบบ{computed} เหตุผล: {clean(override)})")
        if parts:
            heading = f"{line.indicator.number} {line.indicator.text[:80]}".strip()
            lines.append(f"{heading}: {' '.join(parts)}")
    return lines


def unit_list(pairs, w: Writer) -> str:
    # Abbreviations carry numbers too ("สสพ. 1"): the whole line follows the digits option, not just counts.
    return w(", ".join(f"{u.short_name} ({n})" for u, n in pairs)) or "-"


def hosts_text(section: ActivitySection) -> str:
    hosts = ", ".join(u.short_name for u in section.activity.host_units.all())
    return hosts or "-"


def document_title(compiled: Compiled) -> str:
    return COMPILED_TITLE.format(agency=compiled.round.plan.agency.name)


def subtitle(compiled: Compiled, w: Writer) -> str:
    r = compiled.round
    return w(
        f"{r.name} ปีงบประมาณ พ.ศ. {r.fiscal_year} · กำหนดส่งภายในวันที่ {format_be(r.due_on)} · "
        f"ประเมินผล ณ วันที่ {format_be(compiled.as_of)}"
    )


def stats_rows(stats: dict) -> list[tuple[str, str, str]]:
    total = stats["reports"]
    ind = stats["indicators"]
    n_ind = stats["indicators_total"]

    def share(part, whole):
        return f"{round(part * 100 / whole, 1)}" if whole else "-"

    return [
        ("รายงานที่หน่วยงานต้องส่ง", str(total), "100" if total else "-"),
        ("ส่งแล้ว", str(stats["sent"]), share(stats["sent"], total)),
        ("ส่งทันกำหนด", str(stats["on_time"]), share(stats["on_time"], total)),
        ("ส่งหลังกำหนด", str(stats["late_sent"]), share(stats["late_sent"], total)),
        ("ยังไม่ส่ง", str(stats["not_sent"]), share(stats["not_sent"], total)),
        # Counted apart from the unit reports above, as on the round page and the dashboard (older stored
        # figures have no such key).
        *(
            [("สรุปของเจ้าภาพ (ส่งแล้ว " + str(stats["summaries_sent"]) + ")", str(stats["summaries"]), "-")]
            if "summaries" in stats
            else []
        ),
        ("ตัวชี้วัดทั้งหมด", str(n_ind), "100" if n_ind else "-"),
        *[
            (f"ตัวชี้วัดที่{achievement.LABELS[s]}", str(ind.get(s, 0)), share(ind.get(s, 0), n_ind))
            for s in achievement.ORDER
        ],
    ]


def group_rows(stats: dict) -> list[tuple[str, ...]]:
    return [
        (
            g["label"],
            str(g["units"]),
            str(g["reports"]),
            str(g["sent"]),
            str(g["pct_sent"]),
            str(g["complete_units"]),
        )
        for g in stats["groups"].values()
        if g["reports"]
    ]


GROUP_COLUMNS = ("กลุ่มหน่วยงาน", "หน่วยงาน", "รายงานทั้งหมด", "ส่งแล้ว", "ร้อยละที่ส่ง", "หน่วยงานที่ส่งครบ")
