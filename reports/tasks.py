"""Background work of the reporting loop. Each task loads by id and calls the code that does the work, and
is safe to run twice."""

from __future__ import annotations

import datetime
import json

from django.utils import timezone
from django_tasks import default_task_backend, task

from core.thai import BANGKOK
from reports.reminders import reminder_dates

REMINDER_HOUR = 8


@task()
def send_report_notice(report_id: int, event: str, actor_id: int | None, note: str = "") -> int:
    from reports.notifications import deliver_report_notice

    return deliver_report_notice(report_id=report_id, event=event, actor_id=actor_id, note=note)


@task()
def send_round_opened(round_id: int) -> int:
    from reports.notifications import deliver_round_opened

    return deliver_round_opened(round_id=round_id)


@task()
def send_due_reminders(round_id: int | None = None) -> int:
    from reports.reminders import run_reminders

    return run_reminders(round_id=round_id)


@task()
def check_evidence_link(link_id: int) -> str:
    from reports.evidence_models import EvidenceLink
    from reports.services import link_check

    link = EvidenceLink.objects.filter(pk=link_id, removed_at__isnull=True).first()
    return link_check(link=link).status if link else "gone"


@task()
def prerender_compiled_pdf(round_id: int) -> int:
    """Render the parts of the round's compiled PDF that changed, so the next download only joins parts.
    Returns how many parts were missing."""
    from reports.exports import compiled_inputs, official, official_content, pdf
    from reports.models import Round
    from reports.services.compiled_pdf import round_marker

    # Cleared first: a change made while this runs queues the next refresh.
    pdf.clear_queued(round_marker(round_id))
    round_ = Round.objects.select_related("plan__agency").filter(pk=round_id).first()
    if round_ is None:
        return 0
    compiled, text, thai_digits = compiled_inputs(round_, None, whole_round=True)
    before = pdf.prerender(compiled, summary_text=text, thai_digits=thai_digits)
    # The annex's unit parts too: a version compiled from this content then renders only its footer.
    content = json.loads(official_content.canonical_json(official_content.build(compiled, text, thai_digits)))
    annex = official.prerender_annex_parts(content)
    pdf.prune_cache()
    return before.total - before.ready + annex.total - annex.ready


@task()
def prerender_annex(version_id: int, marker: str = "") -> int:
    """Render and join the annex of a compiled version, so that its download (and the package's) is a file
    already written. Only the round's latest version: an older one is never offered for download any more.
    Returns 1 when the annex was made ready, 0 when there was nothing to do."""
    from reports.approval_models import CompiledVersion
    from reports.exports import official, pdf
    from reports.services.approval import latest_version

    version = CompiledVersion.objects.select_related("round__plan__agency").filter(pk=version_id).first()
    done = 0
    if version is not None and latest_version(version.round).pk == version.pk:
        official.annex_file(version)
        pdf.prune_cache()
        done = 1
    # Cleared when done (not when started, as for the compiled PDF): the version is frozen, so nothing asked
    # meanwhile needs a second run, and the waiting page shows progress until the file is joined. A run that
    # failed leaves it, so waiting pages do not queue the same failure every few seconds; it goes stale
    # (`QUEUED_FRESH_SECONDS`) and the next request asks again.
    if marker:
        pdf.clear_queued(marker)
    return done


@task()
def render_compiled_pdf(round_id: int, user_id: int, document_key: str) -> int:
    """Render the compiled PDF a user asked for and could not get within a request (the whole department
    after a bulk import, or after the Thai-digits option changed). Returns how many parts were missing."""
    from accounts.models import User
    from reports.exports import compiled_inputs, pdf
    from reports.models import Round

    try:
        round_ = Round.objects.select_related("plan__agency").filter(pk=round_id).first()
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if round_ is None or user is None:
            return 0
        compiled, text, thai_digits = compiled_inputs(round_, user)
        before = pdf.prerender(compiled, summary_text=text, thai_digits=thai_digits)
        return before.total - before.ready
    finally:
        # Cleared last: the page polling for this document must not queue it again while it renders.
        pdf.clear_queued(document_key)


def schedule_reminders(round_) -> int:
    """Queue the reminder runs of a round at 08:00 on each reminder date still ahead. Backends that cannot
    delay a task (the immediate one used in tests) get nothing queued; `prongsai reports_reminders` run daily
    does the same job."""
    if not getattr(default_task_backend, "supports_defer", False):
        return 0
    now = timezone.now()
    queued = 0
    for day in reminder_dates(round_.due_on):
        at = datetime.datetime.combine(day, datetime.time(REMINDER_HOUR), tzinfo=BANGKOK)
        if at > now:
            send_due_reminders.using(run_after=at).enqueue(round_.pk)
            queued += 1
    return queued


@task()
def refresh_round_indicators(round_id: int) -> int:
    """Compute and keep the round's computed indicators (reports.indicator_cache), then, while the round is
    open, queue the next refresh one interval later. Returns how many indicators were computed."""
    from reports.indicator_cache import REFRESH_INTERVAL, refresh_round
    from reports.models import Round

    round_ = Round.objects.select_related("plan__agency").filter(pk=round_id).first()
    if round_ is None:
        return 0
    computed = refresh_round(round_)
    if round_.is_open:
        queue_indicator_refresh(round_id, delay=REFRESH_INTERVAL)
    return computed


def _refresh_waiting(round_id: int) -> bool:
    """Whether a refresh of this round already waits in the database queue (one chain per round)."""
    if not type(default_task_backend).__module__.startswith("django_tasks_db"):
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=refresh_round_indicators.module_path, status="READY"
    ).values_list("args_kwargs", flat=True)
    return any((args or {}).get("args", [None])[:1] == [round_id] for args in waiting)


def queue_indicator_refresh(round_id: int, *, delay: datetime.timedelta | None = None) -> bool:
    """Queue `refresh_round_indicators` for the round, now or after `delay`, unless one already waits.
    A delayed run needs a backend that can defer (the immediate one used in tests runs nothing later, so a
    refresh never queues itself there). Returns whether a run was queued."""
    if delay and not getattr(default_task_backend, "supports_defer", False):
        return False
    if _refresh_waiting(round_id):
        return False
    task_ = refresh_round_indicators
    if delay:
        task_ = task_.using(run_after=timezone.now() + delay)
    task_.enqueue(round_id)
    return True

