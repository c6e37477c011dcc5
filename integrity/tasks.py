"""Background e-mail of the integrity registers (loaded by id, safe to run twice)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_escalation(issuance_id: int, user_ids: list[int]) -> int:
    from integrity.services.notify import deliver_escalation

    return deliver_escalation(issuance_id=issuance_id, user_ids=user_ids)
