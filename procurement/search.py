"""Thai full-text search that works the same on SQLite and PostgreSQL.

Thai is written without spaces, so both the indexed text and the query are segmented into words with
PyThaiNLP's `newmm` tokenizer. newmm keeps dictionary compounds whole (กรมส่งเสริมสหกรณ์), so the dictionary
words found inside long tokens are indexed too; otherwise a search for สหกรณ์ would miss it. The index is a
space-separated word list with a space at each end, so a word matches as ` word `, never as a fragment.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.db.models import Q, QuerySet

from core.thai import to_arabic_digits

_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
_THAI_DIGIT = re.compile(r"[\u0e50-\u0e59]")
_OTHER_WORD = re.compile(r"[0-9a-zà-ÿ\u0100-\u024f]+", re.IGNORECASE)
MIN_PART = 3
COMPOUND_LENGTH = 6


@lru_cache(maxsize=1)
def _trie():
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(thai_words())


def _thai_words(run: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(run, engine="newmm", keep_whitespace=False) if w.strip()]


def _parts(word: str) -> list[str]:
    """Dictionary words of at least MIN_PART characters inside a long token, read as chains of dictionary
    words from its start (so ทำความสะอาด gives ความ and สะอาด, not the accidental วาม or อาด)."""
    trie = _trie()
    found = []
    starts, seen = [0], {0}
    while starts:
        start = starts.pop()
        for prefix in trie.prefixes(word[start:]):
            end = start + len(prefix)
            if MIN_PART <= len(prefix) < len(word):
                found.append(prefix)
            if end < len(word) and end not in seen:
                seen.add(end)
                starts.append(end)
    return found


def words(text: str, *, expand: bool = False) -> list[str]:
    """Words of `text`: Thai runs segmented with newmm, other scripts split at non-letters, lower-cased."""
    text = unicodedata.normalize("NFC", text or "")
    if _THAI_DIGIT.search(text):  # translating costs more than finding there is nothing to translate
        text = to_arabic_digits(text)
    text = text.lower()
    out: list[str] = []
    position = 0
    for match in _THAI_RUN.finditer(text):
        out += _OTHER_WORD.findall(text[position:match.start()])
        for word in _thai_words(match.group()):
            out.append(word)
            if expand and len(word) >= COMPOUND_LENGTH:
                out += _parts(word)
        position = match.end()
    out += _OTHER_WORD.findall(text[position:])
    return out


def index_text(*texts: str) -> str:
    unique = dict.fromkeys(w for t in texts if t for w in words(t, expand=True))
    return f" {' '.join(unique)} " if unique else ""


def query_words(query: str) -> list[str]:
    return list(dict.fromkeys(words(query)))


def filter_queryset(qs: QuerySet, query: str, field: str = "search_text") -> QuerySet:
    """Rows whose index holds every word of the query."""
    terms = query_words(query)
    if not terms:
        return qs
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__contains": f" {term} "})
    return qs.filter(condition)
