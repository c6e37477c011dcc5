"""The link checker in the task worker (loaded by id; a second enqueue while a run is going adds nothing)."""

from __future__ import annotations

from django_tasks import task


@task()
def recheck_links(run_id: int) -> int:
    from ita.models import CheckRun
    from ita.selectors import current_fiscal_year
    from ita.services import run_links

    run = CheckRun.objects.filter(pk=run_id, finished_at__isnull=True).first()
    if run is None:
        return 0
    return run_links(run, min_fiscal_year=current_fiscal_year() - 1).checked
