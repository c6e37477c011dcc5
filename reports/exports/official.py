"""The official summary of an approved (or awaiting approval) version, and its annex of the units' forms.

The summary is what the executives read, tens of pages: the figures and the executive summary, then per
policy → measure → activity the indicator results in words, the host units' summaries, the units' problems
and suggestions (a few each, the rest in the annex) and the units still missing. The annex holds every unit's
rows, one attachment-3 form per unit (หน่วยงาน / ข้อมูล ณ วันที่ / นโยบายด้าน / ชื่อแผนงาน… and the form's four
columns). Both are rendered from the version's frozen content (`official_content`) only, and every page's
footer names the version, its SHA-256 and, once approved, who approved it and when.
"""

from __future__ import annotations

import datetime
import hashlib
from functools import cache
from html import escape
from pathlib import Path

from core.documents.docx import document_bytes, new_document
from core.thai import format_be
from reports.exports import common
from reports.exports import ooxml as x

SUMMARY_MARGINS_CM = (2.5, 2.0, 2.0, 3.0)  # official documents: left 3, right 2
TEXT_WIDTH_CM = 21.0 - SUMMARY_MARGINS_CM[1] - SUMMARY_MARGINS_CM[3]
INDICATOR_WIDTHS = (6.2, 3.4, 2.0, 4.4)
FORM_WIDTHS = (8.4, 3.6, 8.2, 6.0)  # the annex, A4 landscape as the report form
ANNEX_WIDTH_CM = sum(FORM_WIDTHS)
ANNEX_TITLE = "ภาคผนวก แบบรายงานผลการดำเนินงานของหน่วยงาน"
LABEL_CLASS = {"met": "met", "not_met": "not_met", "not_yet_due": "not_yet_due", "no_data": "no_data"}


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])


def footer_text(version, w: common.Writer) -> str:
    """ "ฉบับที่ N · SHA-256 <16 hex>" and who approved it, for the foot of every page. The hash keeps its
    own digits: people compare it character by character."""
    text = f"{w(f'ฉบับที่ {version.number}')} · SHA-256 {version.short_hash}"
    if version.approved:
        who = " ".join(p for p in (version.approver_name, version.approver_position) if p)
        text += f" · {w(f'เห็นชอบโดย {who} เมื่อ {format_be(version.approved_on)}')}"
    else:
        text += " · ยังไม่ได้รับความเห็นชอบ (ร่าง)"
    return text


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _footer_css(version, w: common.Writer, *, numbered: bool) -> str:
    counter = "counter(page, thai)" if w.thai_digits else "counter(page)"
    total = "counter(pages, thai)" if w.thai_digits else "counter(pages)"
    pages = f'"หน้า " {counter} " / " {total}' if numbered else "none"
    return f"""
@page {{
  @bottom-left {{ content: {_css_string(footer_text(version, w))}; font-family: "Sarabun"; font-size: 8pt;
                  color: #333; white-space: nowrap; }}
  @bottom-right {{ content: {pages}; font-family: "Sarabun"; font-size: 8pt; color: #555; }}
}}
"""


SUMMARY_CSS = """
section.area { break-before: page; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4pt; }
.subtitle { text-align: center; margin: 0 0 10pt; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1pt solid #0b4f8a; }
h3 { font-size: 11.5pt; margin: 10pt 0 3pt; }
h4 { font-size: 11pt; margin: 8pt 0 2pt; }
.meta { font-size: 9.5pt; color: #333; margin: 0 0 3pt; }
table { table-layout: fixed; font-size: 9.5pt; }
col.i-ind { width: 39%; } col.i-target { width: 21%; } col.i-res { width: 12%; } col.i-why { width: 28%; }
td.met { color: #1d6b34; font-weight: 700; } td.not_met { color: #a1261b; font-weight: 700; }
td.not_yet_due { color: #0b4f8a; font-weight: 700; } td.no_data { color: #555; font-weight: 700; }
.note { font-size: 10pt; margin: 0 0 2pt 0.6cm; }
.small { font-size: 9.5pt; }
table.stats { width: 70%; }
"""


def _p(lines, w: common.Writer, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(
        f"<p{attr}>{escape(w(line))}</p>" for text in lines for line in str(text).split("\n") if line.strip()
    )


def _activity_html(activity: dict, w: common.Writer) -> str:
    meta = (
        f"หน่วยงานเจ้าภาพ: {activity['hosts']} · หน่วยงานปฏิบัติ: {activity['implementing']} · "
        f"ส่งแล้ว {activity['sent']} จาก {activity['total']} หน่วยงาน"
    )
    out = [
        f"<h4>{escape(w('ชื่อแผนงาน/โครงการ/กิจกรรม: ' + activity['title']))}</h4>",
        f'<p class="meta">{escape(w(meta))}</p>',
    ]
    if activity["indicators"]:
        rows = "".join(
            f"<tr><td>{escape(w(i['text']))}</td><td>{escape(w(i['target']))}</td>"
            f'<td class="{LABEL_CLASS.get(i["status"], "")}">{escape(i["label"])}</td>'
            f"<td>{escape(w(i['explanation']))}</td></tr>"
            for i in activity["indicators"]
        )
        head = "".join(f"<th>{escape(c)}</th>" for c in ("ตัวชี้วัด", "เป้าหมาย", "ผลการประเมิน", "คำอธิบาย"))
        out.append(
            '<table><colgroup><col class="i-ind"><col class="i-target"><col class="i-res">'
            f'<col class="i-why"></colgroup><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        )
    for summary in activity["summaries"]:
        heading = f"ผลการดำเนินงานโดยสรุปของหน่วยงานเจ้าภาพ ({summary['short']})"
        out.append(f"<p><strong>{escape(w(heading))}</strong></p>")
        out.append(_p(summary["results"], w, "note") or '<p class="note">-</p>')
        if summary["problems"]:
            out.append(_p([f"ปัญหาอุปสรรค: {summary['problems']}"], w, "note"))
        if summary["suggestions"]:
            out.append(_p([f"ข้อเสนอแนะ: {summary['suggestions']}"], w, "note"))
    for short in activity["summaries_pending"]:
        out.append(_p([f"สรุปของหน่วยงานเจ้าภาพ ({short}): ยังไม่ส่ง"], w, "small"))
    for key, label in (("problems", "ปัญหาอุปสรรคจากหน่วยงาน"), ("suggestions", "ข้อเสนอแนะจากหน่วยงาน")):
        if activity[key]:
            out.append(f"<p><strong>{label}</strong></p>")
            out.append(_p([f"{unit}: {text}" for unit, text in activity[key]], w, "note"))
            if activity[f"{key}_more"]:
                more = activity[f"{key}_more"]
                out.append(_p([f"และอีก {more} หน่วยงาน (ดูภาคผนวก)"], w, "note"))
    if activity["missing"]:
        names = ", ".join(activity["missing"])
        out.append(_p([f"ยังไม่ส่ง ({len(activity['missing'])} หน่วยงาน): {names}"], w, "small"))
    return "".join(out)


def summary_bodies(content: dict, w: common.Writer) -> list[str]:
    """The summary's HTML in parts: the front (title, executive summary, figures, missing and late units),
    then one part per policy area, each from a new page. The PDF joins them into one run per render process
    and keeps each run by its content: a version that changes only its footer (approval) renders no run
    again; any other change renders the run it falls in (or all, when the runs' boundaries move)."""
    front = [
        f"<h1>{escape(w(content['title']))}</h1>",
        f'<p class="subtitle">{escape(w(content["subtitle"]))}</p>',
        "<h2>บทสรุปสำหรับผู้บริหาร</h2>",
        _p(content["summary_text"].split("\n"), w),
    ]
    rows = "".join(
        f'<tr><td>{escape(w(a))}</td><td class="num">{escape(w(b))}</td>'
        f'<td class="num">{escape(w(c))}</td></tr>'
        for a, b, c in content["stats_rows"]
    )
    front.append(
        '<table class="stats"><thead><tr><th>รายการ</th><th>จำนวน</th><th>ร้อยละ</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    for key, heading in (
        ("missing_units", "หน่วยงานที่ยังไม่ส่งรายงาน"),
        ("late_units", "หน่วยงานที่ส่งรายงานล่าช้าหรือยังไม่ส่งเมื่อเลยกำหนด"),
    ):
        units = content[key]
        front.append(f"<h3>{escape(w(f'{heading} ({len(units)} หน่วยงาน)'))}</h3>")
        front.append(_p([", ".join(f"{name} ({n})" for name, n in units) or "-"], w, "small"))
    bodies = ["".join(front)]
    for n, pol in enumerate(content["policies"]):
        part = ['<section class="area">']
        part += ["<h2>ผลการดำเนินงานตามนโยบาย มาตรการ และกิจกรรม</h2>"] if n == 0 else []
        part.append(f"<h2>{escape(w(pol['title']))}</h2>")
        for ms in pol["measures"]:
            part.append(f"<h3>{escape(w('มาตรการ/แนวทางปฏิบัติ ' + ms['title']))}</h3>")
            part += [_activity_html(a, w) for a in ms["activities"]]
        bodies.append("".join(part) + "</section>")
    annexed = len(content["annex"])
    bodies[-1] += _p(
        [f"ภาคผนวก: แบบรายงานผลการดำเนินงานของหน่วยงาน {annexed} หน่วยงาน (แยกเป็นไฟล์ภาคผนวก)"], w, "meta"
    )
    return bodies


# The summary's pages when rendered as parts (which are landscape unless told): portrait A4 with the
# official margins; the page number is stamped when joining, in the right margin.
SUMMARY_PAGE_CSS = (
    "@page {{ size: A4; margin: {}cm {}cm {}cm {}cm; @bottom-right {{ content: none; }} }}\n".format(
        *SUMMARY_MARGINS_CM
    )
)
SUMMARY_NUMBER_AT = (SUMMARY_MARGINS_CM[1] * 72 / 2.54, 25.0)  # on the footer line's baseline


def summary_file(version) -> Path:
    """The summary PDF in the cache: its parts rendered in parallel and kept by their content, joined under
    the version's footer (drawn once per version) and numbered; found again by the version's hash."""
    from reports.exports import pdf

    content = version.content
    w = common.Writer(content["thai_digits"])
    footer = _footer_css(version, w, numbered=False)
    css = SUMMARY_PAGE_CSS + SUMMARY_CSS

    def documents() -> list[str]:
        return [
            f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{escape(content["title"])}'
            f"</title></head><body>{body}</body></html>"
            for body in _balanced(summary_bodies(content, w), pdf.workers())
        ]

    alias = "|".join(("summary", version.sha256, str(w.thai_digits), css, footer, _code_fingerprint()))
    return pdf.merged_file(
        documents,
        css,
        thai_digits=w.thai_digits,
        title=content["title"],
        alias=alias,
        footer_css=footer,
        number_at=SUMMARY_NUMBER_AT,
    )


def _balanced(bodies: list[str], groups: int) -> list[str]:
    """The parts joined into at most `groups` runs of about equal size, in order: one per render process.
    Each part costs a render of its own (stylesheets, fonts), so no more parts than processes; the policy
    areas start a new page whichever run they are in."""
    if groups <= 1 or len(bodies) <= 1:
        return ["".join(bodies)]
    share = sum(len(b) for b in bodies) / groups
    runs: list[list[str]] = [[]]
    size = 0
    for body in bodies:
        if runs[-1] and size + len(body) / 2 > share * len(runs) and len(runs) < groups:
            runs.append([])
        runs[-1].append(body)
        size += len(body)
    return ["".join(run) for run in runs]


def summary_pdf(version) -> bytes:
    return summary_file(version).read_bytes()


# --- Word -----------------------------------------------------------------------------------------


def _footer_docx(doc, version, w: common.Writer) -> None:
    from lxml import etree

    section = doc.sections[0]
    paragraph_el = section.footer.paragraphs[0]._p
    size = 8
    tab = round(TEXT_WIDTH_CM * x.CM_TWIPS)
    page = x._page_field("PAGE", thai_digits=w.thai_digits, size_pt=size)
    pages = x._page_field("NUMPAGES", thai_digits=w.thai_digits, size_pt=size)
    field = (
        f'<w:p xmlns:w="{x.W_NS}"><w:pPr><w:tabs><w:tab w:val="right" w:pos="{tab}"/></w:tabs></w:pPr>'
        f"{x.run(footer_text(version, w), size_pt=size)}<w:r><w:tab/></w:r>"
        f"{x.run('หน้า ', size_pt=size)}{page}{x.run(' / ', size_pt=size)}{pages}</w:p>"
    )
    paragraph_el.addprevious(etree.fromstring(field.encode()))
    paragraph_el.getparent().remove(paragraph_el)


def _docx_lines(lines, w: common.Writer, **kwargs) -> list[str]:
    return [
        x.paragraph(w(line), **kwargs) for text in lines for line in str(text).split("\n") if line.strip()
    ]


def summary_docx(version) -> bytes:
    content = version.content
    w = common.Writer(content["thai_digits"])
    doc = new_document(margins_cm=SUMMARY_MARGINS_CM)
    _footer_docx(doc, version, w)
    parts = [
        x.paragraph(w(content["title"]), bold=True, size_pt=14, align="center"),
        x.paragraph(w(content["subtitle"]), align="center", after_pt=8),
        x.paragraph("บทสรุปสำหรับผู้บริหาร", bold=True, size_pt=13, keep_next=True, before_pt=8, outline=0),
        *_docx_lines(content["summary_text"].split("\n"), w, after_pt=3),
    ]
    stats = [x.header_row(("รายการ", "จำนวน", "ร้อยละ"), (7.0, 2.5, 2.5), 10)]
    stats += [
        x.row(
            [
                x.cell(x.paragraph(w(v), size_pt=10, align=None if i == 0 else "right"), width)
                for i, (v, width) in enumerate(zip(r, (7.0, 2.5, 2.5), strict=True))
            ]
        )
        for r in content["stats_rows"]
    ]
    parts.append(x.table((7.0, 2.5, 2.5), stats))
    for key, heading in (
        ("missing_units", "หน่วยงานที่ยังไม่ส่งรายงาน"),
        ("late_units", "หน่วยงานที่ส่งรายงานล่าช้าหรือยังไม่ส่งเมื่อเลยกำหนด"),
    ):
        units = content[key]
        parts.append(
            x.paragraph(w(f"{heading} ({len(units)} หน่วยงาน)"), bold=True, before_pt=8, keep_next=True)
        )
        parts.append(x.paragraph(w(", ".join(f"{n} ({c})" for n, c in units) or "-"), size_pt=10))
    for pol in content["policies"]:
        parts.append(
            x.paragraph(w(pol["title"]), bold=True, size_pt=13, keep_next=True, before_pt=12, outline=0)
        )
        for ms in pol["measures"]:
            parts.append(
                x.paragraph(
                    w("มาตรการ/แนวทางปฏิบัติ " + ms["title"]), bold=True, keep_next=True, before_pt=6, outline=1
                )
            )
            for activity in ms["activities"]:
                parts += _activity_docx(activity, w)
    return x.with_body(document_bytes(doc), parts)


def _activity_docx(activity: dict, w: common.Writer) -> list[str]:  # noqa: C901 (one branch per part)
    out = [
        x.paragraph(
            w("ชื่อแผนงาน/โครงการ/กิจกรรม: " + activity["title"]), bold=True, keep_next=True, before_pt=6
        ),
        x.paragraph(
            w(
                f"หน่วยงานเจ้าภาพ: {activity['hosts']} · หน่วยงานปฏิบัติ: {activity['implementing']} · "
                f"ส่งแล้ว {activity['sent']} จาก {activity['total']} หน่วยงาน"
            ),
            size_pt=9.5,
            keep_next=True,
        ),
    ]
    if activity["indicators"]:
        rows = [x.header_row(("ตัวชี้วัด", "เป้าหมาย", "ผลการประเมิน", "คำอธิบาย"), INDICATOR_WIDTHS, 9.5)]
        for i in activity["indicators"]:
            cells = [w(i["text"]), w(i["target"]), i["label"], w(i["explanation"])]
            rows.append(
                x.row(
                    [
                        x.cell(x.lines([c], size_pt=9.5, bold=n == 2), width)
                        for n, (c, width) in enumerate(zip(cells, INDICATOR_WIDTHS, strict=True))
                    ]
                )
            )
        out.append(x.table(INDICATOR_WIDTHS, rows))
    for summary in activity["summaries"]:
        out.append(
            x.paragraph(
                w(f"ผลการดำเนินงานโดยสรุปของหน่วยงานเจ้าภาพ ({summary['short']})"),
                bold=True,
                before_pt=4,
                keep_next=True,
            )
        )
        out += _docx_lines(summary["results"] or ["-"], w, indent_cm=0.6)
        if summary["problems"]:
            out += _docx_lines([f"ปัญหาอุปสรรค: {summary['problems']}"], w, indent_cm=0.6)
        if summary["suggestions"]:
            out += _docx_lines([f"ข้อเสนอแนะ: {summary['suggestions']}"], w, indent_cm=0.6)
    for short in activity["summaries_pending"]:
        out += _docx_lines([f"สรุปของหน่วยงานเจ้าภาพ ({short}): ยังไม่ส่ง"], w, size_pt=9.5)
    for key, label in (("problems", "ปัญหาอุปสรรคจากหน่วยงาน"), ("suggestions", "ข้อเสนอแนะจากหน่วยงาน")):
        if activity[key]:
            out.append(x.paragraph(label, bold=True, before_pt=4, keep_next=True))
            out += _docx_lines([f"{unit}: {text}" for unit, text in activity[key]], w, indent_cm=0.6)
            if activity[f"{key}_more"]:
                more = activity[f"{key}_more"]
                out += _docx_lines([f"และอีก {more} หน่วยงาน (ดูภาคผนวก)"], w, indent_cm=0.6)
    if activity["missing"]:
        out += _docx_lines(
            [f"ยังไม่ส่ง ({len(activity['missing'])} หน่วยงาน): {', '.join(activity['missing'])}"], w, size_pt=9.5
        )
    return out


# --- Annex: one attachment-3 form per unit -----------------------------------------------------------

# The parts' own pages carry no footer (the base stylesheet's page number neither): the version's line and
# "หน้า n / N" are drawn over each page when the units' parts are joined (`annex_file`).
ANNEX_CSS = """
@page { size: A4 landscape; margin: 1.6cm 1.5cm 1.5cm 2cm; @bottom-right { content: none; } }
html { font-size: 10pt; }
h1 { font-size: 13pt; text-align: center; margin: 0 0 4pt; }
h2 { font-size: 11.5pt; margin: 10pt 0 2pt; }
.form-head p { margin: 0 0 2pt; }
table { table-layout: fixed; font-size: 9pt; margin: 2pt 0 6pt; }
col.c-method { width: 32%; } col.c-period { width: 14%; }
col.c-result { width: 31%; } col.c-ev { width: 23%; }
td.extra { font-size: 8.5pt; }
"""


def _form_date(value, w: common.Writer) -> str:
    return w.form_date(_date(value))


def unit_annex_html(unit: dict, content: dict, w: common.Writer) -> str:
    """One unit's forms: the form's heading fields, then each activity's four columns."""
    title = common.FORM_TITLE.format(agency=content["agency"])
    out = [
        f"<h1>{escape(w(title))}</h1>",
        f'<div class="form-head"><p>{escape(w("หน่วยงาน " + unit["unit"]))}</p>',
    ]
    dates = [d for d in (_date(r["as_of"]) for r in unit["reports"]) if d]
    out.append(f"<p>ข้อมูล ณ {escape(_form_date(max(dates) if dates else None, w))}</p></div>")
    head = "".join(f"<th>{escape(c)}</th>" for c in common.COLUMNS)
    cell = common.cell_html
    for report in unit["reports"]:
        kind = " (สรุปของหน่วยงานเจ้าภาพ)" if report["host_summary"] else ""
        out.append(
            f"<h2>{escape(w('นโยบายด้าน' + report['policy_area']))} &nbsp; "
            f"{escape(w('ชื่อแผนงาน/โครงการ/กิจกรรม ' + report['activity'] + kind))}</h2>"
        )
        rows = "".join(
            f"<tr><td>{cell([f'{n}. {method}'], w)}</td><td>{cell([period], w)}</td>"
            f"<td>{cell([result], w)}</td><td>{cell(evidence, common.PLAIN)}</td></tr>"
            for n, (method, period, result, evidence) in enumerate(report["rows"], start=1)
        )
        # The loose evidence lines hold file names and digests in the digits they were written in (the
        # content keeps them so): only the other lines follow the document's digits.
        extra = [w(f"ผลตามตัวชี้วัด — {t}") for t in report["indicators"]]
        extra += [f"เอกสารหลักฐานประกอบ — {t}" for t in report["loose_evidence"]]
        extra += [w(f"ปัญหาอุปสรรค: {report['problems']}")] if report["problems"] else []
        extra += [w(f"ข้อเสนอแนะ: {report['suggestions']}")] if report["suggestions"] else []
        if extra:
            rows += f'<tr><td colspan="4" class="extra">{cell(extra, common.PLAIN)}</td></tr>'
        out.append(
            '<table><colgroup><col class="c-method"><col class="c-period"><col class="c-result">'
            f'<col class="c-ev"></colgroup><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        )
    return "".join(out)


def annex_documents(content: dict, unit_code: str | None = None) -> list[str]:
    """The annex's parts as HTML documents, one per unit, from a version's content (or the round's content
    now, which a version compiled from it will hold: the same parts)."""
    w = common.Writer(content["thai_digits"])
    units = [u for u in content["annex"] if unit_code is None or u["code"] == unit_code]
    bodies = [unit_annex_html(u, content, w) for u in units] or [
        "<p>ยังไม่มีรายงานของหน่วยงานที่ส่งแล้วในฉบับนี้</p>"
    ]
    return [
        f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>ภาคผนวก</title></head>'
        f"<body>{b}</body></html>"
        for b in bodies
    ]


def prerender_annex_parts(content: dict):
    """Render the annex's unit parts not cached yet, from the round's content as it is now: the worker does
    it as reports come in, so that compiling a version renders only its footer. Returns the readiness
    before rendering (`pdf.Readiness`)."""
    from reports.exports import pdf

    return pdf.prerender_parts(annex_documents(content), ANNEX_CSS)


def annex_file(version, unit_code: str | None = None, *, budget: float | None = None) -> Path:
    """The annex as a file in the PDF cache: every unit's forms (or one unit's), each unit from a new page.
    Units are rendered as parts, cached by their content and in parallel (`reports.exports.pdf`), then joined
    and numbered once. The joined file is kept, and found again by the version's hash: a download once it is
    ready neither joins a thousand pages nor builds their HTML.

    The footer (version, hash, approval) is rendered on a page of its own and drawn over every page when
    joining: a unit's part is the same file in every version where its forms are unchanged, so a new version
    renders only the units that changed. A `budget` (seconds) is `merged_file`'s: a request that would
    render for longer gets `pdf.NotReady` and leaves it to the worker (`reports.tasks.prerender_annex`)."""
    from reports.exports import pdf

    content = version.content
    w = common.Writer(content["thai_digits"])
    footer = _footer_css(version, w, numbered=False)

    def documents() -> list[str]:
        return annex_documents(content, unit_code)

    # The frozen content (its hash), what the footer says, and the code that turns them into HTML.
    alias = "|".join(
        ("annex", version.sha256, unit_code or "", str(w.thai_digits), ANNEX_CSS, footer, _code_fingerprint())
    )
    return pdf.merged_file(
        documents,
        ANNEX_CSS,
        thai_digits=w.thai_digits,
        title=ANNEX_TITLE,
        alias=alias,
        footer_css=footer,
        budget=budget,
    )


@cache
def _code_fingerprint() -> str:
    """The source of the modules that write the annex's HTML: a deployment that changes them names the
    annex anew, so a joined file from the code before is never served for it."""
    digest = hashlib.sha256()
    for module in (__file__, common.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def annex_pdf(version, unit_code: str | None = None) -> bytes:
    """`annex_file`'s bytes, for the package and the tests; downloads stream the file itself."""
    return annex_file(version, unit_code).read_bytes()
