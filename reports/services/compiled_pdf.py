"""Keeping the compiled round's PDF ready: the worker renders the parts a change touched, shortly after the
change, so that the plan administrator's download only joins parts already made.

Changes come in bursts (most units send on the due date), so requests are coalesced: one refresh per round
waits in the queue at a time, and it runs `REFRESH_DELAY` after the first change of the burst. A download
that still finds too much missing asks the worker for that document and shows its progress.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend

from accounts import policy
from reports.exports import pdf
from reports.models import Round

REFRESH_DELAY = datetime.timedelta(seconds=30)


def round_marker(round_id: int) -> str:
    return f"round-{round_id}"


def _enqueue_refresh(round_id: int) -> None:
    from reports.tasks import prerender_compiled_pdf

    if not pdf.mark_queued(round_marker(round_id)):
        return
    task = prerender_compiled_pdf
    if getattr(default_task_backend, "supports_defer", False):
        task = task.using(run_after=timezone.now() + REFRESH_DELAY)
    task.enqueue(round_id)


def compiled_pdf_refresh(*, round_: Round) -> None:
    """Call after anything the compiled round shows has changed (a report sent, returned, accepted, locked or
    reopened; the summary edited). Runs once the transaction commits; off when `REPORTS_PDF_PRERENDER` is."""
    if getattr(settings, "REPORTS_PDF_PRERENDER", True):
        transaction.on_commit(partial(_enqueue_refresh, round_.pk))


def compiled_pdf_request(*, round_: Round, user, readiness: pdf.Readiness) -> bool:
    """Ask the worker for the document `user` tried to download; False when it was asked already."""
    from reports.tasks import render_compiled_pdf

    policy.require(user, "round.view", round_)
    if not pdf.mark_queued(readiness.document_key, list(readiness.part_keys)):
        return False
    render_compiled_pdf.enqueue(round_.pk, user.pk, readiness.document_key)
    return True


def annex_marker(version) -> str:
    """Names one refresh of a version's annex: approving the version changes its footer, so its own."""
    return f"annex-{version.pk}-{'approved' if version.approved else 'draft'}"


def _enqueue_annex(version_id: int, marker: str, part_keys: tuple[str, ...] = ()) -> bool:
    from reports.tasks import prerender_annex

    if not pdf.mark_queued(marker, list(part_keys)):
        return False
    prerender_annex.enqueue(version_id, marker)
    return True


def annex_refresh(*, version) -> None:
    """Call when a version is made or approved: the worker renders the units whose forms changed and joins
    the annex under the version's footer, so the first download after a change is a file already written
    (a department's annex is about a thousand pages). Once the transaction commits; off with
    `REPORTS_PDF_PRERENDER`."""
    if getattr(settings, "REPORTS_PDF_PRERENDER", True):
        transaction.on_commit(partial(_enqueue_annex, version.pk, annex_marker(version)))


def annex_request(*, user, version, readiness: pdf.Readiness) -> str:
    """Ask the worker for the annex a user tried to download and could not get within the request, unless
    it was asked already (by the version's refresh or an earlier download: one marker for both, so one run).
    The marker then lists the parts, for the waiting page's progress; its name is returned."""
    policy.require(user, "round.documents", version.round)
    marker = annex_marker(version)
    if not _enqueue_annex(version.pk, marker, readiness.part_keys):
        pdf.note_parts(marker, list(readiness.part_keys))
    return marker
