"""The six policy areas as one SVG drawn on the server: a 100 % bar per area (met / not met / at risk / not
yet due), numbers on the bars and the area's number as its label. Its viewBox is 360 wide, so at 390 px it
is drawn at about its own size and the 12-13 px text stays readable; the same figures are in the table beside
it, so the chart is never the only way to read them."""

from __future__ import annotations

from html import escape

from django.utils.safestring import mark_safe

from core.thai import format_be_datetime
from site_shell.executive import AREA_COLOURS, AREA_COLUMNS

W, LABEL_W, BAR_H, GAP, TOP = 360, 44, 24, 10, 8
LIGHT_TEXT = "#ffffff"


def areas_svg(areas, as_of) -> str:
    plot_w = W - LABEL_W - 6
    legend_rows = (len(AREA_COLUMNS) + 1) // 2
    height = TOP + len(areas) * (BAR_H + GAP) + 8 + legend_rows * 20 + 18
    when = f"ข้อมูล ณ {format_be_datetime(as_of)}" if as_of else ""
    desc = "; ".join(
        f"นโยบายที่ {a.number}: " + ", ".join(f"{label} {a.counts[key]}" for key, label in AREA_COLUMNS.items())
        for a in areas)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" width="100%" role="img" '
             f'aria-labelledby="exec-areas-t exec-areas-d" class="exec-chart">',
             f'<title id="exec-areas-t">ผลตามตัวชี้วัดแยกตามนโยบาย {escape(when)}</title>',
             f'<desc id="exec-areas-d">{escape(desc)}</desc>']
    for i, area in enumerate(areas):
        y = TOP + i * (BAR_H + GAP)
        parts.append(f'<text x="0" y="{y + BAR_H * 0.7:.0f}" font-size="13" fill="#1b1f24">'
                     f'นโยบาย {area.number}</text>')
        judged = sum(area.counts[k] for k in AREA_COLUMNS)
        if not judged:
            parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{plot_w}" height="{BAR_H}" fill="#e4e7eb"/>'
                         f'<text x="{LABEL_W + 6}" y="{y + BAR_H * 0.7:.0f}" font-size="12" fill="#1b1f24">'
                         'ยังไม่มีผล</text>')
            continue
        x = float(LABEL_W)
        for key, label in AREA_COLUMNS.items():
            value = area.counts[key]
            w = plot_w * value / judged
            if w <= 0:
                continue
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_H}" '
                         f'fill="{AREA_COLOURS[key]}">'
                         f'<title>{escape(label)} {value}</title></rect>')
            if w >= 16:
                parts.append(f'<text x="{x + w / 2:.1f}" y="{y + BAR_H * 0.7:.0f}" text-anchor="middle" '
                             f'font-size="13" font-weight="700" fill="{LIGHT_TEXT}">{value}</text>')
            x += w
    y = TOP + len(areas) * (BAR_H + GAP) + 4
    for j, (key, label) in enumerate(AREA_COLUMNS.items()):
        lx, ly = (j % 2) * 170, y + (j // 2) * 20
        parts.append(f'<rect x="{lx}" y="{ly}" width="13" height="13" '
                     f'fill="{AREA_COLOURS[key]}"/>'
                     f'<text x="{lx + 18}" y="{ly + 11}" font-size="12" fill="#1b1f24">'
                     f'{escape(label)}</text>')
    if when:
        parts.append(f'<text x="0" y="{height - 4}" font-size="11" fill="#4b5563">{escape(when)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text inside is escaped or a number
