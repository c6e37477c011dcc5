"""The dashboard's charts, drawn here as SVG (no script, no external file, nothing a content policy would
block), each with a text alternative: submission status by unit group, indicator verdicts."""

from __future__ import annotations

from html import escape

from reports import achievement
from reports.selectors import CATEGORY_LABELS

# cell category → (Thai label, CSS class, chart colour); the categories and labels are the selectors' own, so
# the dashboard, the round page and the list filters count the same thing.
_STYLE = {
    "accepted": ("c-ok", "#1d6b34"),
    "waiting": ("c-wait", "#0b4f8a"),
    "returned": ("c-ret", "#8a4b00"),
    "draft": ("c-draft", "#7d8794"),
    "not_started": ("c-none", "#d6dbe1"),
}
CATEGORIES = {key: (label, *_STYLE[key]) for key, label in CATEGORY_LABELS.items()}
INDICATOR_COLOURS = {
    achievement.MET: "#1d6b34",
    achievement.NOT_MET: "#a1261b",
    achievement.NOT_YET_DUE: "#0b4f8a",
    achievement.NO_DATA: "#9aa3ad",
    achievement.NO_TARGET: "#c9ced6",
    achievement.PLAN_ERROR: "#8a5a00",
    achievement.NOT_JUDGED: "#e4e7eb",
}


def _svg(key: str, width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{key}-t {key}-d" class="chart-svg">'
        f'<title id="{key}-t">{escape(title)}</title><desc id="{key}-d">{escape(desc)}</desc>'
        f"{''.join(body)}</svg>"
    )


def _stacked_bars(key: str, bars: list[tuple[str, list[tuple[str, int, str]]]], title: str) -> str:
    """Horizontal 100 % bars: one per (label, [(segment label, value, colour)])."""
    width, label_w, bar_h, gap, top = 640, 130, 26, 16, 10
    plot_w = width - label_w - 20
    legend = bars[0][1] if bars else []
    height = top + len(bars) * (bar_h + gap) + 30 + 22 * ((len(legend) + 2) // 3)
    body, desc = [], []
    for i, (label, segments) in enumerate(bars):
        y = top + i * (bar_h + gap)
        total = sum(v for _, v, _ in segments) or 1
        body.append(f'<text x="0" y="{y + bar_h * 0.7:.0f}" class="chart-label">{escape(label)}</text>')
        x = float(label_w)
        for seg_label, value, colour in segments:
            w = plot_w * value / total
            if w > 0:
                body.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
                    f"<title>{escape(seg_label)} {value}</title></rect>"
                )
                if w > 28:
                    light = colour in ("#d6dbe1", "#9aa3ad")
                    body.append(
                        f'<text x="{x + w / 2:.1f}" y="{y + bar_h * 0.7:.0f}" text-anchor="middle" '
                        f'class="chart-value" fill="{"#1b1f24" if light else "#fff"}">{value}</text>'
                    )
            x += w
        desc.append(f"{label}: " + ", ".join(f"{s} {v}" for s, v, _ in segments))
    y = top + len(bars) * (bar_h + gap) + 8
    for j, (seg_label, _, colour) in enumerate(legend):
        lx, ly = label_w + (j % 3) * 170, y + (j // 3) * 22
        body.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{colour}"/>')
        body.append(f'<text x="{lx + 20}" y="{ly + 12}" class="chart-legend">{escape(seg_label)}</text>')
    return _svg(key, width, height, title, "; ".join(desc), body)


def status_chart(groups: list[dict]) -> str:
    bars = []
    for group in groups:
        if group["reports"]:
            bars.append(
                (
                    group["label"],
                    [(CATEGORIES[c][0], group["counts"][c], CATEGORIES[c][2]) for c in CATEGORIES],
                )
            )
    return _stacked_bars("chart-status", bars, "สถานะการส่งรายงานแยกตามกลุ่มหน่วยงาน")


def indicator_chart(counts: dict[str, int]) -> str:
    segments = [(achievement.LABELS[s], counts.get(s, 0), INDICATOR_COLOURS[s]) for s in achievement.ORDER]
    return _stacked_bars("chart-indicators", [("ตัวชี้วัด", segments)], "ผลตามตัวชี้วัด")
