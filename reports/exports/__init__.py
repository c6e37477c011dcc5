"""Exports of the reporting loop: DOCX in the form's layout, PDF with the same content, XLSX, cover memo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.http import FileResponse, HttpResponse

from accounts import policy
from org.selectors import agency_thai_digits
from reports.compile import compile_report, compile_round
from reports.indicator_values import apply_frozen, apply_to_report, apply_values, round_indicator_values
from reports.models import CompiledSummary, Report, Round
from reports.selectors import default_summary_text, summary_is_generated

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    content_type: str
    # A document kept in the PDF cache (the annex, about a thousand pages): served from the file, never read
    # into memory; `content` is then empty.
    path: Path | None = None

    def response(self) -> HttpResponse:
        """The download, as an attachment."""
        if self.path is not None:
            response = FileResponse(self.path.open("rb"), content_type=self.content_type)
        else:
            response = HttpResponse(self.content, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


def compiled_inputs(round_: Round, user, *, whole_round: bool = False):
    """(compiled round, executive summary text, Thai digits) as `user` may see them. The digits are the
    agency's one setting (org.Unit.thai_digits on the agency root), read by every document it issues. The
    whole round as the plan administrator sees it (what the worker renders ahead of time) must be asked for
    by name, so that a missing user can never widen what is read."""
    if user is None and not whole_round:
        raise ValueError("compiled_inputs needs a user, or whole_round=True")
    compiled = compile_round(round_, None if whole_round else user)
    summary = CompiledSummary.objects.filter(round=round_).select_related("round__plan").first()
    thai_digits = agency_thai_digits(round_.plan.agency)
    whole = user is None or policy.can(user, "round.dashboard", round_)
    # Indicator values: those frozen when the round was compiled, for whoever sees the whole round; a
    # narrower reader (or a round not compiled yet) gets them computed now over the reports they may view.
    if whole and summary is not None and summary.values_as_of:
        apply_frozen(compiled, summary.indicator_values)
    else:
        reader = None if whole_round else user
        apply_values(compiled, round_indicator_values(round_, reader, compiled=compiled))
    edited = summary is not None and not summary_is_generated(summary)
    if edited and whole:
        text = summary.text
    else:
        # A text nobody edited is written again from the figures the document shows.
        text = default_summary_text(round_, compiled.stats)
    return compiled, text, thai_digits


def compiled_export(round_: Round, user, fmt: str, *, pdf_budget: float | None = None) -> Export:
    """The compiled round in `fmt`, holding only the reports `user` may view. The administrator's edited
    executive summary goes only to those who may see the whole round's dashboard. For a PDF, `pdf_budget`
    bounds the rendering done here (`pdf.NotReady` past it)."""
    from reports.exports import excel, pdf, word

    compiled, text, thai_digits = compiled_inputs(round_, user)
    if fmt == "pdf":
        content = pdf.compiled_pdf(compiled, summary_text=text, thai_digits=thai_digits, budget=pdf_budget)
    else:
        writer = {"docx": word.compiled_docx, "xlsx": excel.compiled_xlsx}[fmt]
        content = writer(compiled, summary_text=text, thai_digits=thai_digits)
    name = f"compiled-round-{round_.pk}-fy{round_.fiscal_year}.{fmt}"
    return Export(content, name, CONTENT_TYPES[fmt])


def compiled_pdf_readiness(round_: Round, user):
    from reports.exports import pdf

    compiled, text, thai_digits = compiled_inputs(round_, user)
    return pdf.readiness(compiled, summary_text=text, thai_digits=thai_digits)


def report_export(report: Report, fmt: str, *, thai_digits: bool | None = None) -> Export:
    """One report as a document; `thai_digits` None follows the agency's setting."""
    from reports.exports import pdf, word

    if thai_digits is None:
        thai_digits = agency_thai_digits(report.round.plan.agency)

    entry, section = compile_report(report)
    apply_to_report(report, entry, section)
    writer = {"docx": word.report_docx, "pdf": pdf.report_pdf}[fmt]
    content = writer(entry, section, thai_digits=thai_digits)
    return Export(content, f"report-{report.pk}-{report.unit.code}.{fmt}", CONTENT_TYPES[fmt])


def memo_export(summary: CompiledSummary, fmt: str) -> Export:
    from reports.exports import memo

    content = {"docx": memo.cover_docx, "pdf": memo.cover_pdf}[fmt](summary)
    return Export(content, f"memo-round-{summary.round_id}.{fmt}", CONTENT_TYPES[fmt])
