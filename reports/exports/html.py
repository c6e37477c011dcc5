"""The compiled round and the single form as HTML for WeasyPrint (the same parts, in the same order, as the
Word export). Written with plain string building: a whole department is tens of thousands of cells."""

from __future__ import annotations

from html import escape

from reports.compile import ActivitySection, Compiled, Entry
from reports.exports import common

FORM_COLS = (
    '<colgroup><col class="c-method"><col class="c-period">'
    '<col class="c-result"><col class="c-ev"></colgroup>'
)
IND_COLS = (
    '<colgroup><col class="i-ind"><col class="i-target"><col class="i-res"><col class="i-why"></colgroup>'
)


def css(thai_digits: bool, *, numbered: bool = True) -> str:
    """The print stylesheet; parts of a compiled round are not numbered (pdfmerge numbers the whole)."""
    counter = "counter(page, thai)" if thai_digits else "counter(page)"
    total = "counter(pages, thai)" if thai_digits else "counter(pages)"
    footer = f'"หน้า " {counter} " / " {total}' if numbered else "none"
    return f"""
@page {{ size: A4 landscape; margin: 1.6cm 1.5cm 1.5cm 2cm;
  @bottom-right {{ content: {footer}; font-family: "Sarabun"; font-size: 8pt; color: #555; }} }}
html {{ font-size: 10pt; }}
h1 {{ font-size: 14pt; text-align: center; margin: 0 0 2pt; }}
.subtitle {{ text-align: center; margin: 0 0 8pt; }}
h2 {{ font-size: 12.5pt; margin: 12pt 0 4pt; border-bottom: 1pt solid #0b4f8a; }}
h3 {{ font-size: 11pt; margin: 8pt 0 3pt; }}
h4 {{ font-size: 10.5pt; margin: 8pt 0 2pt; }}
h2, h3, h4, .keep {{ page-break-after: avoid; }}
.meta {{ font-size: 8.5pt; color: #333; margin: 0 0 3pt; }}
table {{ table-layout: fixed; font-size: 9pt; margin: 2pt 0 6pt; }}
th {{ font-size: 9pt; }}
tr.unit td {{ background: #f2f2f2; font-weight: 700; }}
tr.unit {{ break-after: avoid; page-break-after: avoid; }}
td.extra {{ font-size: 8.5pt; }}
col.c-method {{ width: 32%; }} col.c-period {{ width: 14%; }}
col.c-result {{ width: 31%; }} col.c-ev {{ width: 23%; }}
col.i-ind {{ width: 31%; }} col.i-target {{ width: 19%; }}
col.i-res {{ width: 10%; }} col.i-why {{ width: 40%; }}
td.met {{ color: #1d6b34; font-weight: 700; }} td.not_met {{ color: #a1261b; font-weight: 700; }}
td.not_yet_due {{ color: #0b4f8a; font-weight: 700; }} td.no_data {{ color: #555; font-weight: 700; }}
.missing {{ font-size: 8.5pt; }}
.num {{ text-align: right; }}
table.stats {{ width: 60%; }}
.nowrap {{ white-space: nowrap; }}
.form-head p {{ margin: 0 0 3pt; }}
"""


def _p(texts, w: common.Writer) -> str:
    out = []
    for text in texts:
        for line in w(text).split("\n"):
            out.append(f"<p>{escape(line)}</p>" if line.strip() else "")
    return "".join(out)


def _form_rows(
    section: ActivitySection | None, entry: Entry, w: common.Writer, *, with_heading: bool
) -> list[str]:
    out, cell = [], common.cell_html
    if with_heading:
        out.append(f'<tr class="unit"><td colspan="4">{escape(common.entry_heading(entry, w))}</td></tr>')
    for number, row in enumerate(entry.rows, start=1):
        out.append(
            f"<tr><td>{cell([f'{number}. {row.method}'], w)}</td><td>{cell([row.period_text], w)}</td>"
            f"<td>{cell([row.result], w)}</td>"
            f"<td>{cell(common.row_evidence(entry, row, w), common.PLAIN)}</td></tr>"
        )
    extra = []
    if section is not None:
        extra += [w(f"ผลตามตัวชี้วัด — {t}") for t in common.indicator_lines(section, entry, w)]
    extra += [f"เอกสารหลักฐานประกอบ — {t}" for t in common.loose_evidence(entry, w)]
    if entry.report.problems:
        extra.append(w(f"ปัญหาอุปสรรค: {entry.report.problems}"))
    if entry.report.suggestions:
        extra.append(w(f"ข้อเสนอแนะ: {entry.report.suggestions}"))
    if extra:
        out.append(f'<tr><td colspan="4" class="extra">{cell(extra, common.PLAIN)}</td></tr>')
    return out


def _form_table(rows: list[str]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in common.COLUMNS)
    return f"<table>{FORM_COLS}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _indicator_table(section: ActivitySection, w: common.Writer) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in common.INDICATOR_COLUMNS)
    rows = []
    for line in section.indicators:
        rows.append(
            f"<tr><td>{escape(w(f'{line.indicator.number} {line.indicator.text}'.strip()))}</td>"
            f"<td>{escape(w(line.target))}</td>"
            f'<td class="{line.result.status}">{escape(line.result.label)}</td>'
            f"<td>{escape(w(line.result.explanation))}</td></tr>"
        )
    return f"<table>{IND_COLS}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


# Units per rendered part: a changed report re-renders only its own part, at the cost of a page break
# between parts (the table header repeats after it, as after any page break).
UNITS_PER_PART = 15


def activity_parts(
    section: ActivitySection,
    w: common.Writer,
    *,
    policy_title: str | None = None,
    measure_title: str | None = None,
) -> list[str]:
    """One activity of the compiled round as HTML parts: the first opens with the policy and measure
    headings (when the activity opens them), the activity, its indicators and the host unit's summary; the
    units' reports follow, `UNITS_PER_PART` units to a part."""
    activity = section.activity
    head = _activity_head(section, w, policy_title=policy_title, measure_title=measure_title)
    chunks = [section.entries[i : i + UNITS_PER_PART] for i in range(0, len(section.entries), UNITS_PER_PART)]
    parts = []
    for number, chunk in enumerate(chunks or [[]]):
        body = list(head) if number == 0 else [f'<p class="meta">{escape(w(activity.title))} (ต่อ)</p>']
        if chunk:
            body.append(_units_table(section, chunk, w))
        parts.append("".join(body))
    if section.missing:
        names = ", ".join(e.unit.short_name for e in section.missing)
        parts[-1] += (
            f'<p class="missing">{escape(w(f"ยังไม่ส่ง ({len(section.missing)} หน่วยงาน): {names}"))}</p>'
        )
    return parts


def _units_table(section: ActivitySection, chunk: list[Entry], w: common.Writer) -> str:
    rows = []
    for entry in chunk:
        rows += _form_rows(section, entry, w, with_heading=True)
    return _form_table(rows)


def _activity_head(
    section: ActivitySection, w: common.Writer, *, policy_title: str | None, measure_title: str | None
) -> list[str]:
    """The opening of an activity's first part: headings, indicators, the host unit's summary."""
    activity = section.activity
    head = []
    if policy_title:
        head.append(f"<h2>{escape(w(policy_title))}</h2>")
    if measure_title:
        head.append(f"<h3>{escape(w(measure_title))}</h3>")
    total = len(section.entries) + len(section.missing)
    head.append(f"<h4>{escape(w(f'ชื่อแผนงาน/โครงการ/กิจกรรม: {activity.title}'))}</h4>")
    head.append(
        f'<p class="meta keep">{escape(w(f"หน่วยงานเจ้าภาพ: {common.hosts_text(section)} · หน่วยงานปฏิบัติ: "))}'
        f"{escape(w(activity.get_implementing_rule_display()))} · "
        f"{escape(w(f'ส่งแล้ว {len(section.entries)} จาก {total} หน่วยงาน'))}</p>"
    )
    if section.indicators:
        head.append(_indicator_table(section, w))
    if section.summary is not None:
        head.append(
            f'<p class="keep"><strong>{escape(w(f"สรุปของหน่วยงานเจ้าภาพ ({section.summary.unit.short_name})"))}'
            "</strong></p>"
        )
        head.append(_form_table(_form_rows(section, section.summary, w, with_heading=True)))
    elif section.summary_pending is not None:
        pending = f"สรุปของหน่วยงานเจ้าภาพ ({section.summary_pending.unit.short_name}): ยังไม่ส่ง"
        head.append(f'<p class="missing">{escape(w(pending))}</p>')
    if section.entries:
        head.append('<p class="keep"><strong>รายงานของหน่วยงานปฏิบัติ</strong></p>')
    return head


def front_html(compiled: Compiled, summary_text: str, w: common.Writer) -> str:
    agency = compiled.round.plan.agency.name
    title = escape(w(common.document_title(compiled))).replace(
        escape(w(agency)), f'<span class="nowrap">{escape(w(agency))}</span>'
    )
    parts = [
        f"<h1>{title}</h1>",
        f'<p class="subtitle">{escape(common.subtitle(compiled, w))}</p>',
        "<h2>บทสรุปสำหรับผู้บริหาร</h2>",
        _p(common.clean(summary_text).split("\n"), w),
    ]
    rows = "".join(
        f'<tr><td>{escape(w(a))}</td><td class="num">{escape(w(b))}</td>'
        f'<td class="num">{escape(w(c))}</td></tr>'
        for a, b, c in common.stats_rows(compiled.stats)
    )
    parts.append(
        f'<table class="stats"><thead><tr><th>รายการ</th><th>จำนวน</th><th>ร้อยละ</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )
    head = "".join(f"<th>{escape(c)}</th>" for c in common.GROUP_COLUMNS)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(w(v))}</td>" for v in r) + "</tr>"
        for r in common.group_rows(compiled.stats)
    )
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    parts.append(f"<h3>{escape(w(f'หน่วยงานที่ยังไม่ส่งรายงาน ({len(compiled.missing_units)} หน่วยงาน)'))}</h3>")
    parts.append(f'<p class="missing">{escape(common.unit_list(compiled.missing_units, w))}</p>')
    parts.append(f"<h3>{escape(w(common.LATE_HEADING.format(n=len(compiled.late_units))))}</h3>")
    parts.append(f'<p class="missing">{escape(common.unit_list(compiled.late_units, w))}</p>')
    return "".join(parts)


def section_parts(compiled: Compiled, w: common.Writer) -> list[tuple[int, str]]:
    """(activity id, HTML) for every part of every activity, in document order."""
    out = []
    for pol in compiled.policies:
        policy_title = f"นโยบายด้าน{common.policy_area(pol.policy.title)}"
        for ms in pol.measures:
            measure_title = f"มาตรการ/แนวทางปฏิบัติ {ms.measure.number} {ms.measure.text}"
            for section in ms.activities:
                parts = activity_parts(section, w, policy_title=policy_title, measure_title=measure_title)
                out += [(section.activity.pk, part) for part in parts]
                policy_title = measure_title = None
    return out


def document(body: str, title: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
        f"<body>{body}</body></html>"
    )


def report_html(entry: Entry, section: ActivitySection | None, w: common.Writer) -> str:
    report = entry.report
    policy = report.activity.measure.policy
    title = common.FORM_TITLE.format(agency=report.round.plan.agency.name)
    head = (
        f'<h1>{escape(w(title))}</h1><div class="form-head">'
        f"<p>{escape(w(f'หน่วยงาน {entry.unit.name}'))}</p>"
        f"<p>ข้อมูล ณ {escape(w.form_date(report.as_of))}</p>"
        f"<p>{escape(w(f'นโยบายด้าน{common.policy_area(policy.title)}'))} &nbsp; "
        f"{escape(w(f'ชื่อแผนงาน/โครงการ/กิจกรรม {report.activity.title}'))}</p></div>"
    )
    table = _form_table(_form_rows(section, entry, w, with_heading=False))
    foot = (
        f'<p class="meta">{escape(w(f"สถานะ: {common.status_text(entry)} · {report.round.name} "))}'
        f"{escape(w(f'ปีงบประมาณ พ.ศ. {report.round.fiscal_year}'))}</p>"
    )
    return document(head + table + foot, title)
