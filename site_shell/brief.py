"""The one-page brief for the executive board meeting: the six policy areas, the indicators not met and the
key counts of the executive's home, on one A4 page in Thai, dates in B.E. and digits as the agency writes
them. It holds what the home page holds for the same person (the same selectors, the same policy)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from core.documents.pdf import THAI_PAGE_NUMBERS_CSS, render_pdf
from core.thai import format_be, format_be_datetime, to_thai_digits
from org.selectors import agency_thai_digits
from site_shell.executive import executive_view

# What fits one page beside the areas and the figures; the rest is counted ("และอีก N ตัวชี้วัด").
MAX_FAILING = 8
BRIEF_CSS = """
@page { margin: 1.4cm 1.5cm 1.4cm 1.8cm; }
html { font-size: 12pt; line-height: 1.3; }
h1 { font-size: 16pt; margin: 0 0 2pt; }
h2 { font-size: 13pt; margin: 6pt 0 2pt; }
td, th { padding: 1pt 3pt; }
.muted { color: #444; font-size: 10pt; }
ol { margin: 0 0 4pt 1.2em; padding: 0; }
li { margin: 0 0 1pt; }
.figs td:last-child { text-align: right; white-space: nowrap; }
"""


def brief_context(user, round_) -> dict:
    view = executive_view(user, round_)
    digits = agency_thai_digits(round_.plan.agency)

    def d(value) -> str:
        text = str(value)
        return to_thai_digits(text) if digits else text

    return {
        "round": round_, "view": view, "d": d,
        "areas": [{"number": d(a.number), "title": a.title, "met": d(a.counts["met"]),
                   "not_met": d(a.counts["not_met"]), "at_risk": d(a.counts["at_risk"]),
                   "not_yet": d(a.counts["not_yet"]), "total": d(a.total),
                   "previous": d(a.previous["met"]) if a.previous else "—"} for a in view.areas],
        "failing": [{"number": d(f.indicator.number), "text": f.indicator.text,
                     "hosts": ", ".join(h.short_name or h.name for h in f.hosts) or "ไม่ระบุ"}
                    for f in view.failing[:MAX_FAILING]],
        "more_failing": d(max(0, len(view.failing) - MAX_FAILING)) if len(view.failing) > MAX_FAILING else "",
        "figures": [{"label": d(f.label), "value": d(f.value), "note": d(f.note) if f.note else ""}
                    for f in view.figures],
        "fiscal_year": d(round_.fiscal_year),
        "due_on": format_be(round_.due_on, thai_digits=digits),
        "as_of": format_be_datetime(view.areas_as_of or timezone.now(), thai_digits=digits),
        "printed": format_be_datetime(timezone.now(), thai_digits=digits),
        "agency": round_.plan.agency.name,
        "digits": digits,
    }


def brief_pdf(user, round_) -> bytes:
    context = brief_context(user, round_)
    html = render_to_string("site_shell/executive_brief.html", context)
    css = BRIEF_CSS + (THAI_PAGE_NUMBERS_CSS + "ol { list-style-type: thai; }" if context["digits"] else "")
    return render_pdf(html, extra_css=css)
