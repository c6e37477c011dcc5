"""Bar charts drawn on the server: SVG for pages (presentation attributes only, so the strict CSP holds) and
PNG for Word documents (Pillow with complex-script layout, so Thai marks sit where they belong)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

COLOURS = ["#0b4f8a", "#8a5a00", "#1d6b34", "#a1261b", "#5b3a8a", "#00707a", "#4a5361", "#b0428a", "#6b6b00",
           "#2f6fbf"]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int = 760
    row: int = 34
    label_width: int = 230
    value_width: int = 230

    @property
    def height(self) -> int:
        return 48 + self.row * max(len(self.bars), 1) + 12

    def _max(self) -> float:
        return max([b.value for b in self.bars] + [0.0]) or 1.0

    def svg(self) -> str:
        plot = self.width - self.label_width - self.value_width
        top = 48
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" '
            f'width="{self.width}" height="{self.height}" role="img" aria-labelledby="t">',
            f'<title id="t">{escape(self.title)}</title>',
            '<rect width="100%" height="100%" fill="#ffffff"/>',
            f'<text x="12" y="28" font-family="Sarabun, sans-serif" font-size="18" font-weight="700" '
            f'fill="#1b1f24">{escape(self.title)}</text>',
        ]
        if not self.bars:
            parts.append(f'<text x="12" y="{top + 20}" font-family="Sarabun, sans-serif" font-size="15" '
                         'fill="#4a5361">ไม่มีข้อมูล</text>')
        for i, bar in enumerate(self.bars):
            y = top + i * self.row
            length = 0 if bar.value <= 0 else max(2.0, plot * bar.value / self._max())
            colour = COLOURS[i % len(COLOURS)]
            parts += [
                f'<text x="{self.label_width - 8}" y="{y + 21}" text-anchor="end" '
                f'font-family="Sarabun, sans-serif" font-size="14" fill="#1b1f24">'
                f'{escape(_shorten(bar.label, 34))}</text>',
                f'<rect x="{self.label_width}" y="{y + 6}" width="{length:.1f}" height="{self.row - 12}" '
                f'fill="{colour}"><title>{escape(bar.label)}: {escape(bar.text)}</title></rect>',
                f'<text x="{self.label_width + length + 6:.1f}" y="{y + 21}" '
                f'font-family="Sarabun, sans-serif" font-size="14" fill="#1b1f24">{escape(bar.text)}</text>',
            ]
        parts.append("</svg>")
        return "\n".join(parts)

    def png(self, scale: int = 2) -> bytes:
        from PIL import Image, ImageDraw, ImageFont

        from core.documents.fonts import sarabun_files

        fonts = sarabun_files()
        layout = ImageFont.Layout.RAQM

        def font(size, bold=False):
            return ImageFont.truetype(str(fonts.bold if bold else fonts.regular), size * scale,
                                      layout_engine=layout)

        image = Image.new("RGB", (self.width * scale, self.height * scale), "white")
        draw = ImageDraw.Draw(image)
        draw.text((12 * scale, 10 * scale), self.title, font=font(18, True), fill="#1b1f24")
        body = font(14)
        plot = self.width - self.label_width - self.value_width
        top = 48
        for i, bar in enumerate(self.bars):
            y = (top + i * self.row) * scale
            label = _shorten(bar.label, 34)
            width = draw.textlength(label, font=body)
            draw.text((self.label_width * scale - 8 * scale - width, y + 6 * scale), label, font=body,
                      fill="#1b1f24")
            length = 0 if bar.value <= 0 else max(2.0, plot * bar.value / self._max())
            x0 = self.label_width * scale
            draw.rectangle([x0, y + 6 * scale, x0 + length * scale, y + (self.row - 6) * scale],
                           fill=COLOURS[i % len(COLOURS)])
            draw.text((x0 + (length + 6) * scale, y + 6 * scale), bar.text, font=body, fill="#1b1f24")
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def money(value: Decimal | float | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def short_label(label: str) -> str:
    """ "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)" → "e-bidding": chart labels must stay on one line."""
    if label.endswith(")") and "(" in label:
        return label[label.rindex("(") + 1:-1]
    return label


def figures_charts(figures) -> dict[str, BarChart]:
    """The analysis charts: share of projects and of budget by method, and savings by method."""
    done = [r for r in figures.rows if r.done]
    return {
        "count": BarChart("ร้อยละของจำนวนโครงการที่ดำเนินการแล้วเสร็จ จำแนกตามวิธี",
                          [Bar(short_label(r.label), float(r.count_share or 0),
                               f"{r.count_share or 0}% ({r.done} โครงการ)")
                           for r in done]),
        "budget": BarChart("ร้อยละของวงเงินงบประมาณที่ดำเนินการแล้วเสร็จ จำแนกตามวิธี",
                           [Bar(short_label(r.label), float(r.budget_share or 0),
                                f"{r.budget_share or 0}% ({money(r.done_budget)} บาท)")
                            for r in done]),
        "savings": BarChart("งบประมาณที่ประหยัดได้เทียบกับวงเงินงบประมาณ (บาท)",
                            [Bar(short_label(r.label), float(r.saving_budget),
                                 f"{money(r.saving_budget)} ({r.saving_budget_pct or 0}%)")
                             for r in done]),
    }
