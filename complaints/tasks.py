"""Background work: thin tasks that load by id and call a service; safe to run twice."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def timer_fire(timer_id: int) -> str:
    from complaints.services.timers import timer_fire as fire

    return fire(timer_id=timer_id)


@task()
def send_staff_mail(user_ids: list[int], subject: str, body: str) -> int:
    from complaints.services.notify import emails_of

    recipients = emails_of(user_ids)
    if not recipients:
        return 0
    # One message per person: staff of different units must not see each other's addresses.
    sent = 0
    for address in recipients:
        sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return sent


@task()
def send_complainant_mail(case_id: int, event: str) -> int:
    from complaints.crypto import decrypt_identity
    from complaints.models import Case
    from complaints.services.notify import complainant_message

    case = Case.objects.filter(pk=case_id).first()
    if case is None or not case.identity_token:
        return 0
    address = decrypt_identity(case.identity_token).email
    if not address:
        return 0
    subject, body = complainant_message(case, event)
    # The address is personal data: a failure is logged with the case number only.
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception as exc:  # noqa: BLE001 - the worker records the failure without the address
        logger.warning("complainant mail for case %s failed: %s", case.number, type(exc).__name__)
        return 0
