"""Background work of accounts: thin tasks that carry ids only and are safe to run twice."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_custodian_notice(user_ids: list[int], subject: str, body: str) -> int:
    from accounts.notifications import emails_of

    # One message per person, so nobody sees who else was told.
    return sum(send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
               for address in emails_of(user_ids))


@task()
def send_account_invitation(user_id: int) -> bool:
    from accounts.invitations import send_invitation

    return send_invitation(user_id)
