"""Which of the reviewer's row comments a resubmission answers.

A comment counts as answered only when its row changed since the report was returned, or the row was
removed. A row sent back as it was keeps its comment open: the reporter still sees it in the form and the
reviewer beside the row. Comments on the report as a whole stay open until the reviewer decides.
"""

from __future__ import annotations

import datetime
import re

from django.db import transaction

from reports.models import Report, ReviewComment

ROW_LABEL_NUMBER = re.compile(r"^แถวที่ (\d+):")


def _text_when_returned(comment: ReviewComment) -> str | None:
    """The commented row's text as the reviewer read it. Rows cannot change between a submission and its
    return, so the submission's frozen copy holds that text. Copies frozen before rows were also kept by id
    are read through the row's number in the comment's label."""
    data = comment.submission.data if comment.submission else None
    if not data:
        return None
    texts = data.get("row_texts")
    if texts is not None:
        return texts.get(str(comment.row_id))
    match = ROW_LABEL_NUMBER.match(comment.row_label)
    lines = data.get("rows") or []
    if not match or not 0 < int(match.group(1)) <= len(lines):
        return None
    number = match.group(1)
    line = lines[int(number) - 1]
    return line[len(number) + 2 :] if line.startswith(f"{number}. ") else None


def _line(comment: ReviewComment) -> str:
    return f"{comment.row_label} — {comment.text}"


@transaction.atomic
def review_comments_resolve(
    *, report: Report, row_texts: dict[int, str], now: datetime.datetime
) -> tuple[list[str], list[str]]:
    """Mark the open row comments whose row changed (`row_texts`: the rows as they are now, by id) as
    answered. Returns both lists as lines for the submission's audit entry: answered, still open. When the
    text at the return cannot be known, the comment stays open: nothing the reviewer asked disappears
    unseen."""
    answered, still_open = [], []
    comments = report.comments.filter(resolved=False).exclude(row_label="").select_related("submission")
    for comment in comments:
        if comment.row_id is None or comment.row_id not in row_texts:
            changed = True  # the row was removed
        else:
            before = _text_when_returned(comment)
            changed = before is not None and before != row_texts[comment.row_id]
        (answered if changed else still_open).append(comment)
    if answered:
        ReviewComment.objects.filter(pk__in=[c.pk for c in answered]).update(resolved=True, resolved_at=now)
    return [_line(c) for c in answered], [_line(c) for c in still_open]
