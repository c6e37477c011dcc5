"""The page body's few marks, rendered after escaping everything (a page can never carry raw HTML).

    ## หัวข้อ          a heading (h2; the page title is the h1)
    - รายการ          a bulleted list
    **ตัวหนา**        bold
    [ข้อความ](https://…) or a bare https://… address: a link (http, https and mailto only)
    a blank line      a new paragraph; a single line break stays a line break
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:|/)[^\s)]+)\)")
BARE = re.compile(r"(?<![\"'=/>])\b(https?://[^\s<]+[^\s<.,;:)])")
BOLD = re.compile(r"\*\*([^*\n]+)\*\*")


def _inline(text: str) -> str:
    html = escape(text)
    html = LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', html)
    html = BARE.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', html)
    return BOLD.sub(r"<strong>\1</strong>", html)


def render(body: str) -> SafeString:
    out: list[str] = []
    for block in re.split(r"\n\s*\n", (body or "").replace("\r\n", "\n").strip()):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1 and lines[0].startswith("## "):
            out.append(f"<h2>{_inline(lines[0][3:].strip())}</h2>")
        elif all(line.lstrip().startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line.lstrip()[2:])}</li>" for line in lines)
            out.append(f"<ul>{items}</ul>")
        else:
            if lines[0].startswith("## "):
                out.append(f"<h2>{_inline(lines.pop(0)[3:].strip())}</h2>")
            out.append("<p>" + "<br>".join(_inline(line) for line in lines) + "</p>")
    return mark_safe("\n".join(out))  # noqa: S308 — every piece above was escaped first
