"""PDF exports through WeasyPrint (`core.documents.pdf`), with the same content as the Word exports."""

from __future__ import annotations

from core.documents.pdf import render_pdf
from reports.compile import ActivitySection, Compiled, Entry
from reports.exports import common, html


def compiled_pdf(compiled: Compiled, *, summary_text: str = "", thai_digits: bool = False) -> bytes:
    w = common.Writer(thai_digits)
    body = html.front_html(compiled, summary_text, w) + "".join(part for _, part in html.section_parts(compiled, w))
    return render_pdf(html.document(body, common.document_title(compiled)), landscape=True,
                      extra_css=html.css(thai_digits))


def report_pdf(entry: Entry, section: ActivitySection | None, *, thai_digits: bool = False) -> bytes:
    w = common.Writer(thai_digits)
    return render_pdf(html.report_html(entry, section, w), landscape=True, extra_css=html.css(thai_digits))
