"""Background work of the campaigns; safe to run twice (see campaigns.reminders)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_campaign_reminders(campaign_id: int, round_no: int) -> int:
    from campaigns.reminders import run_campaign_reminders

    return run_campaign_reminders(campaign_id=campaign_id, round_no=round_no)
