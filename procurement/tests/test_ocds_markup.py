"""The text fields of imported releases lose their markup exactly as Django's `strip_tags` removes it: the
fast path (`strip_markup`) is taken only where it gives the same text."""

import json
from pathlib import Path

import pytest
from django.utils.html import strip_tags

from procurement.ocds.extract import _PLAIN_MARKUP, strip_markup

REAL = Path(__file__).resolve().parent / "data" / "ocds" / "real"


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _real_texts() -> list[str]:
    texts = []
    for path in sorted(REAL.glob("*.json")):
        texts += _strings(json.loads(path.read_text(encoding="utf-8")))
    return texts


def test_every_text_of_the_real_samples_strips_as_django_does():
    texts = _real_texts()
    marked = [t for t in texts if "<" in t]
    assert len(marked) > 30
    # As the import calls it: line breaks and paragraph ends first get a space before them.
    spaced = [t.replace("<br", " <br").replace("</p>", " </p>") for t in marked]
    for text in texts + spaced:
        assert strip_markup(text) == strip_tags(text), text
    # The publishers' markup all takes the fast path, so the equality above is the fast path's.
    assert all(_PLAIN_MARKUP.fullmatch(t) for t in marked + spaced)


@pytest.mark.parametrize(
    "text",
    [
        "<p>a</p><br /><p>b &amp; c&nbsp;</p>",
        "<a href=\"https://x.test/?a=1&b=2\">link</a> and <span class='k'>more</span>",
        '<a title="1 > 0">quoted ></a>',
        "<P ALIGN=center>upper</P>",
        "<br/>tight<br>loose< br>",
        "AT&T <b>bold</b>",  # an entity without its `;`: the parser adds one
        "a < b <i>c</i>",
        "x <!-- a comment --> y",
        "<script>if (a < b) x()</script> after",
        "<style>p > a {}</style><p>after</p>",
        "<title>a <b>title</b></title>",
        "<textarea><p>kept</p></textarea>",
        "&#39;<em>&#x27;</em>&#12a;",
        "</ p>broken end</p >",
        "<p",
        '<p>unclosed <a href="x',
        "<![CDATA[x]]> <?pi?> <!doctype html>",
        '<a b="1"c=2>no space between attributes</a>',
        "<p>\xa0<span>\u0e01\u0e02</span></p>",
        "<a href=x/>slash in a bare value</a>",
        "&",
        "&amp",
        "& <p>bare ampersand</p>",
    ],
)
def test_markup_around_each_limit_strips_as_django_does(text):
    assert strip_markup(text) == strip_tags(text)
