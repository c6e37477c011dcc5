"""Plan against actual cumulative disbursement per month, as an SVG drawn on the server (no script).

The picture scales to its container (viewBox) and keeps its labels large enough at 390 px; the numbers it
shows are also in the table beside it, so the chart is never the only way to read them."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from budget import months
from core.thai import format_be

W, H = 360, 240
LEFT, RIGHT, TOP, BOTTOM = 34, 10, 14, 40
GRID = 'stroke="#d0d5dd" stroke-width="0.6"'
AXIS = 'font-size="10" fill="#344054"'
PLAN = 'fill="none" stroke="#98a2b3" stroke-width="2" stroke-dasharray="5 3"'
ACTUAL = 'fill="none" stroke="#1d4ed8" stroke-width="2.5"'
LEGEND = 'font-size="10" fill="#101828"'


def _x(month: int) -> float:
    return LEFT + (W - LEFT - RIGHT) * month / 12


def _y(percent: Decimal | float) -> float:
    p = max(0.0, min(float(percent), 110.0))
    return TOP + (H - TOP - BOTTOM) * (1 - p / 110)


def svg(figures, *, elapsed: int, as_of) -> str:
    fy = figures.fiscal_year
    parts = [f'<svg width="100%" viewBox="0 0 {W} {H}" role="img" aria-labelledby="bg-chart-title" '
             f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">',
             f'<title id="bg-chart-title">ผลการเบิกจ่ายสะสมเทียบเป้าหมาย ปีงบประมาณ พ.ศ. {fy} '
             f'ข้อมูล ณ {escape(format_be(as_of))}</title>']
    for p in (0, 25, 50, 75, 100):
        y = _y(p)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}" {GRID}/>')
        parts.append(f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" {AXIS}>{p}</text>')
    for m in range(1, 13):
        label = months.label(fy, m).split()[0]
        parts.append(f'<text x="{_x(m) - 0.5 * (_x(1) - _x(0)):.1f}" y="{H - BOTTOM + 14}" '
                     f'text-anchor="middle" {AXIS}>{escape(label)}</text>')
    plan = " ".join(f"{_x(m):.1f},{_y(figures.planned_percent(m)):.1f}" for m in range(0, 13))
    parts.append(f'<polyline points="{plan}" {PLAN}/>')
    if figures.allocated and elapsed:
        actual = " ".join(f"{_x(m):.1f},{_y(figures.percent(m) or 0):.1f}" for m in range(0, elapsed + 1))
        parts.append(f'<polyline points="{actual}" {ACTUAL}/>')
        for m in range(1, elapsed + 1):
            parts.append(f'<circle cx="{_x(m):.1f}" cy="{_y(figures.percent(m) or 0):.1f}" r="2.5" '
                         'fill="#1d4ed8"/>')
    legend_y = H - 8
    parts.append(f'<line x1="{LEFT}" y1="{legend_y - 4}" x2="{LEFT + 18}" y2="{legend_y - 4}" {PLAN}/>'
                 f'<text x="{LEFT + 22}" y="{legend_y}" {LEGEND}>เป้าหมายสะสม</text>')
    parts.append(f'<line x1="{LEFT + 120}" y1="{legend_y - 4}" x2="{LEFT + 138}" y2="{legend_y - 4}" '
                 f'{ACTUAL}/><text x="{LEFT + 142}" y="{legend_y}" {LEGEND}>เบิกจ่ายสะสม (%)</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text inside is escaped or a number
