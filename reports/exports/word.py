"""Word exports in the layout of attachment 3: one report, or a compiled round (landscape, Sarabun)."""

from __future__ import annotations

from core.documents.docx import document_bytes, new_document
from reports.compile import ActivitySection, Compiled, Entry
from reports.exports import common
from reports.exports import ooxml as x

MARGINS_CM = (1.8, 1.5, 1.5, 2.0)  # top, right, bottom, left on A4 landscape
TEXT_WIDTH_CM = 29.7 - MARGINS_CM[1] - MARGINS_CM[3]
FORM_WIDTHS = (8.4, 3.6, 8.2, 6.0)
INDICATOR_WIDTHS = (8.0, 5.0, 2.6, 10.6)
TABLE_PT = 10
SMALL_PT = 9


def _form_rows(
    section: ActivitySection | None, entry: Entry, w: common.Writer, *, with_heading: bool
) -> list[str]:
    out = []
    span = len(FORM_WIDTHS)
    if with_heading:
        out.append(
            x.row(
                [
                    x.cell(
                        x.paragraph(
                            common.entry_heading(entry, w), bold=True, size_pt=TABLE_PT, keep_next=True
                        ),
                        TEXT_WIDTH_CM,
                        span=span,
                        fill=x.UNIT_FILL,
                    )
                ]
            )
        )
    for number, row in enumerate(entry.rows, start=1):
        cells = [
            x.lines([w(f"{number}. {row.method}")], size_pt=TABLE_PT),
            x.lines([w(row.period_text)], size_pt=TABLE_PT),
            x.lines([w(row.result)], size_pt=TABLE_PT),
            x.lines(common.row_evidence(entry, row, w), size_pt=TABLE_PT),
        ]
        out.append(x.row([x.cell(c, width) for c, width in zip(cells, FORM_WIDTHS, strict=True)]))
    extra = []
    if section is not None:
        extra += [w(f"ผลตามตัวชี้วัด — {t}") for t in common.indicator_lines(section, entry, w)]
    extra += [f"เอกสารหลักฐานประกอบ — {t}" for t in common.loose_evidence(entry, w)]
    if entry.report.problems:
        extra.append(w(f"ปัญหาอุปสรรค: {entry.report.problems}"))
    if entry.report.suggestions:
        extra.append(w(f"ข้อเสนอแนะ: {entry.report.suggestions}"))
    if extra:
        out.append(x.row([x.cell(x.lines(extra, size_pt=SMALL_PT), TEXT_WIDTH_CM, span=span)]))
    return out


def _indicator_table(section: ActivitySection, w: common.Writer) -> str:
    rows = [x.header_row(common.INDICATOR_COLUMNS, INDICATOR_WIDTHS, SMALL_PT)]
    for line in section.indicators:
        values = [
            f"{line.indicator.number} {line.indicator.text}".strip(),
            line.target,
            line.result.label,
            line.result.explanation,
        ]
        rows.append(
            x.row(
                [
                    x.cell(x.lines([w(v)], size_pt=SMALL_PT, bold=(i == 2)), width)
                    for i, (v, width) in enumerate(zip(values, INDICATOR_WIDTHS, strict=True))
                ]
            )
        )
    return x.table(INDICATOR_WIDTHS, rows)


def _activity(section: ActivitySection, w: common.Writer) -> list[str]:
    activity = section.activity
    parts = [
        x.paragraph(
            w(f"ชื่อแผนงาน/โครงการ/กิจกรรม: {activity.title}"), bold=True, keep_next=True, before_pt=8, outline=2
        ),
        x.paragraph(
            w(
                f"หน่วยงานเจ้าภาพ: {common.hosts_text(section)} · หน่วยงานปฏิบัติ: "
                f"{activity.get_implementing_rule_display()} · ส่งแล้ว {len(section.entries)} จาก "
                f"{len(section.entries) + len(section.missing)} หน่วยงาน"
            ),
            size_pt=SMALL_PT,
            keep_next=True,
            after_pt=3,
        ),
    ]
    if section.indicators:
        parts.append(_indicator_table(section, w))
    if section.summary is not None:
        parts.append(
            x.paragraph(
                w(f"สรุปของหน่วยงานเจ้าภาพ ({section.summary.unit.short_name})"),
                bold=True,
                keep_next=True,
                before_pt=4,
            )
        )
        rows = [
            x.header_row(common.COLUMNS, FORM_WIDTHS, TABLE_PT),
            *_form_rows(section, section.summary, w, with_heading=True),
        ]
        parts.append(x.table(FORM_WIDTHS, rows))
    elif section.summary_pending is not None:
        parts.append(
            x.paragraph(
                w(f"สรุปของหน่วยงานเจ้าภาพ ({section.summary_pending.unit.short_name}): ยังไม่ส่ง"),
                size_pt=SMALL_PT,
                before_pt=3,
            )
        )
    if section.entries:
        parts.append(x.paragraph(w("รายงานของหน่วยงานปฏิบัติ"), bold=True, keep_next=True, before_pt=4))
        rows = [x.header_row(common.COLUMNS, FORM_WIDTHS, TABLE_PT)]
        for entry in section.entries:
            rows += _form_rows(section, entry, w, with_heading=True)
        parts.append(x.table(FORM_WIDTHS, rows))
    if section.missing:
        names = ", ".join(e.unit.short_name for e in section.missing)
        parts.append(
            x.paragraph(w(f"ยังไม่ส่ง ({len(section.missing)} หน่วยงาน): {names}"), size_pt=SMALL_PT, before_pt=3)
        )
    return parts


def _front(compiled: Compiled, summary_text: str, w: common.Writer) -> list[str]:
    parts = [
        x.paragraph(w(common.document_title(compiled)), bold=True, size_pt=14, align="center", outline=0),
        x.paragraph(common.subtitle(compiled, w), align="center", after_pt=6),
        x.paragraph("บทสรุปสำหรับผู้บริหาร", bold=True, size_pt=12, keep_next=True, before_pt=6, outline=0),
    ]
    parts += [
        x.paragraph(w(line), indent_cm=0.0, after_pt=2)
        for line in common.clean(summary_text).split("\n")
        if line.strip()
    ]
    widths = (10.0, 3.0, 3.0)
    rows = [x.header_row(("รายการ", "จำนวน", "ร้อยละ"), widths, TABLE_PT)]
    rows += [
        x.row(
            [
                x.cell(x.paragraph(w(v), size_pt=TABLE_PT, align=None if i == 0 else "right"), width)
                for i, (v, width) in enumerate(zip(r, widths, strict=True))
            ]
        )
        for r in common.stats_rows(compiled.stats)
    ]
    parts.append(x.table(widths, rows))
    group_widths = (5.0, 3.0, 3.4, 3.0, 3.0, 3.6)
    rows = [x.header_row(common.GROUP_COLUMNS, group_widths, TABLE_PT)]
    rows += [
        x.row(
            [
                x.cell(x.paragraph(w(v), size_pt=TABLE_PT), width)
                for v, width in zip(r, group_widths, strict=True)
            ]
        )
        for r in common.group_rows(compiled.stats)
    ]
    parts.append(x.paragraph("", after_pt=4))
    parts.append(x.table(group_widths, rows))
    parts.append(
        x.paragraph(
            w(f"หน่วยงานที่ยังไม่ส่งรายงาน ({len(compiled.missing_units)} หน่วยงาน)"),
            bold=True,
            keep_next=True,
            before_pt=8,
        )
    )
    parts.append(x.paragraph(common.unit_list(compiled.missing_units, w), size_pt=SMALL_PT))
    parts.append(
        x.paragraph(
            w(f"หน่วยงานที่ส่งรายงานล่าช้าหรือยังไม่ส่งเมื่อเลยกำหนด ({len(compiled.late_units)} หน่วยงาน)"),
            bold=True,
            keep_next=True,
            before_pt=6,
        )
    )
    parts.append(x.paragraph(common.unit_list(compiled.late_units, w), size_pt=SMALL_PT))
    return parts


def compiled_docx(compiled: Compiled, *, summary_text: str = "", thai_digits: bool = False) -> bytes:
    w = common.Writer(thai_digits)
    doc = new_document(landscape=True, margins_cm=MARGINS_CM)
    parts = _front(compiled, summary_text, w)
    for pol in compiled.policies:
        parts.append(
            x.paragraph(
                w(f"นโยบายด้าน{common.policy_area(pol.policy.title)}"),
                bold=True,
                size_pt=13,
                keep_next=True,
                before_pt=12,
                outline=0,
            )
        )
        for ms in pol.measures:
            parts.append(
                x.paragraph(
                    w(f"มาตรการ/แนวทางปฏิบัติ {ms.measure.number} {ms.measure.text}"),
                    bold=True,
                    keep_next=True,
                    before_pt=6,
                    outline=1,
                )
            )
            for section in ms.activities:
                parts += _activity(section, w)
    x.page_number_footer(doc, thai_digits=thai_digits)
    return x.with_body(document_bytes(doc), parts)


def report_docx(entry: Entry, section: ActivitySection | None, *, thai_digits: bool = False) -> bytes:
    """One unit's report, laid out as the printed form."""
    w = common.Writer(thai_digits)
    report = entry.report
    agency = report.round.plan.agency.name
    policy = report.activity.measure.policy
    doc = new_document(landscape=True, margins_cm=MARGINS_CM)
    parts = [
        x.paragraph(
            w(common.FORM_TITLE.format(agency=agency)), bold=True, size_pt=13, align="center", after_pt=6
        ),
        x.paragraph(w(f"หน่วยงาน {entry.unit.name}")),
        x.paragraph(f"ข้อมูล ณ {w.form_date(report.as_of)}"),
        x.paragraph(
            w(
                f"นโยบายด้าน{common.policy_area(policy.title)}   ชื่อแผนงาน/โครงการ/กิจกรรม "
                f"{report.activity.title}"
            ),
            after_pt=6,
        ),
        x.table(
            FORM_WIDTHS,
            [
                x.header_row(common.COLUMNS, FORM_WIDTHS, TABLE_PT),
                *_form_rows(section, entry, w, with_heading=False),
            ],
        ),
        x.paragraph(
            w(
                f"สถานะ: {common.status_text(entry)} · {report.round.name} ปีงบประมาณ พ.ศ. "
                f"{report.round.fiscal_year}"
            ),
            size_pt=SMALL_PT,
            before_pt=6,
        ),
    ]
    x.page_number_footer(doc, thai_digits=thai_digits)
    return x.with_body(document_bytes(doc), parts)
