"""Thai search over the catalogue: an inverted index of segmented words (PyThaiNLP newmm).

Thai is written without spaces between words, so neither `icontains` on a phrase nor a database's full-text
parser finds "สหกรณ์" inside "การส่งเสริมสหกรณ์การเกษตร" reliably (and not the same way on SQLite and
PostgreSQL). Each document's title and typed text are segmented once when it is saved; a query is segmented
the same way and documents are ranked by the weight of the terms they match. Only text a unit typed is
indexed: PDF text extraction is unreliable for Thai (broken vowels and tone marks), so it is never used.
"""

from __future__ import annotations

import re
from collections import Counter

from django.db import transaction
from django.db.models import Count, Q, Sum

TITLE_WEIGHT = 3
_KEEP = re.compile(r"[\w\u0E00-\u0E7F]")
# Words too common to tell documents apart; a query made only of them still searches with them.
STOP = {"การ", "ของ", "และ", "ที่", "ใน", "ให้", "เพื่อ", "ความ", "มี", "เป็น", "กับ", "จาก", "โดย", "ได้", "แห่ง"}


def tokens(text: str) -> list[str]:
    """Lower-cased words of `text`, punctuation and spaces dropped."""
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize(text or "", engine="newmm", keep_whitespace=False)
    return [w.strip().lower()[:100] for w in words if w.strip() and _KEEP.search(w)]


def terms_of(title: str, text: str) -> Counter:
    weights: Counter = Counter()
    for word in tokens(title):
        weights[word] += TITLE_WEIGHT
    for word in tokens(text):
        weights[word] += 1
    return weights


@transaction.atomic
def index_document(document) -> int:
    from infocentre.models import IndexTerm

    IndexTerm.objects.filter(document=document).delete()
    weights = terms_of(document.title, document.text)
    IndexTerm.objects.bulk_create(IndexTerm(document=document, term=t, weight=w) for t, w in weights.items())
    return len(weights)


def query_terms(query: str) -> list[str]:
    words = list(dict.fromkeys(tokens(query)))
    useful = [w for w in words if w not in STOP]
    return useful or words


def search(documents, query: str):
    """`documents` (a queryset) matching `query`, best first: most distinct terms matched, then weight."""
    words = query_terms(query)
    if not words:
        return documents.none()
    hits = Q(terms__term__in=words)
    return (documents.annotate(matched=Count("terms", filter=hits, distinct=True),
                               score=Sum("terms__weight", filter=hits))
            .filter(matched__gt=0).order_by("-matched", "-score", "-doc_date", "-id"))
