"""Unsaved form input kept on the server: autosaved while typing, or posted after the session had ended."""

from __future__ import annotations

from django.utils import timezone

from reports.models import DraftStash, Report

# Only the fields of the report form are kept; anything else in a post is ignored.
STASH_PREFIXES = (
    "as_of",
    "problems",
    "suggestions",
    "version",
    "rows-",
    "ind-",
    "link_url",
    "link_title",
    "evidence_title",
    "evidence_row",
    "link_row",
)
MAX_STASH_CHARS = 500_000


def stash_fields(post) -> dict[str, list[str]]:
    data = {key: post.getlist(key) for key in post if key.startswith(STASH_PREFIXES)}
    if sum(len(v) for values in data.values() for v in values) > MAX_STASH_CHARS:
        return {}
    return data


def stash_save(*, user, report: Report, data: dict[str, list[str]], base_version: int) -> DraftStash | None:
    """Keep a user's unsaved input for a report (one stash per user and report, replaced each time)."""
    if not data:
        return None
    stash, _ = DraftStash.objects.update_or_create(
        report=report,
        user=user,
        defaults={"data": data, "base_version": base_version, "saved_at": timezone.now()},
    )
    return stash


def stash_for(*, user, report: Report) -> DraftStash | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return DraftStash.objects.filter(report=report, user=user).first()


def stash_discard(*, report: Report, user) -> None:
    if getattr(user, "is_authenticated", False):
        DraftStash.objects.filter(report=report, user=user).delete()
