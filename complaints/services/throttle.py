"""Counting what one client does on the public pages without recording who the client is.

A client address reaches the database only as an HMAC (under the site's secret key) of the address and a
random salt that serves one period (an hour). The salt is kept in the counter table itself, so that every web
worker uses the same one, and is deleted once its period is over: after that nobody, not even someone holding
the secret key and the database, can tell which address a counter belonged to or link counters of two periods.
Counters are fixed windows of one period, so a client may do up to twice the limit across a period boundary.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from complaints.crypto import keyed_hash
from complaints.models import ThrottleCounter
from core.errors import ApplicationError

PERIOD = dt.timedelta(hours=1)
SALT_SCOPE = "salt"
FILING_SCOPE = "filing"


def period_start(now: dt.datetime) -> dt.datetime:
    return now.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def _current_salt(start: dt.datetime) -> str | None:
    # Two workers starting a period together may each add a salt; all of them then use the smallest.
    return (ThrottleCounter.objects.filter(scope=SALT_SCOPE, window_start=start)
            .order_by("key").values_list("key", flat=True).first())


def period_salt(now: dt.datetime) -> str:
    start = period_start(now)
    salt = _current_salt(start)
    if salt is None:
        ThrottleCounter.objects.create(scope=SALT_SCOPE, key=secrets.token_hex(32), window_start=start)
        ThrottleCounter.objects.filter(scope=SALT_SCOPE, window_start__lt=start).delete()
        salt = _current_salt(start)
    return salt


def client_key(purpose: str, client_address: str | None, now: dt.datetime) -> str:
    """The pseudonym of a client for this period; a different one in the next."""
    return keyed_hash(f"{purpose}:{period_salt(now)}", client_address or "unknown")


class TooManyFilings(ApplicationError):
    def __init__(self, retry_after: int, limit: int):
        minutes = max(1, round(retry_after / 60))
        super().__init__(f"มีการยื่นเรื่องจากเครื่องนี้ครบ {limit} เรื่องในหนึ่งชั่วโมงแล้ว "
                         f"กรุณาลองใหม่ในอีกประมาณ {minutes} นาที (ข้อความที่กรอกไว้ยังอยู่ครบ)")
        self.retry_after = retry_after


def filing_check(client_address: str | None, now: dt.datetime | None = None) -> str:
    """Refuse (TooManyFilings) a client that already filed the hour's limit; otherwise its key, for
    `filing_count` once the complaint is stored."""
    now = now or timezone.now()
    limit = settings.PRONGSAI_FILING_LIMIT_PER_HOUR
    key = client_key("file-client", client_address, now)
    counter = ThrottleCounter.objects.filter(scope=FILING_SCOPE, key=key).first()
    if limit and counter is not None and counter.failures >= limit:
        retry_after = int((period_start(now) + PERIOD - now).total_seconds()) + 1
        raise TooManyFilings(retry_after, limit)
    return key


def filing_count(key: str, now: dt.datetime | None = None) -> None:
    """One more complaint filed by the client behind `key` (the `failures` column holds the count)."""
    now = now or timezone.now()
    with transaction.atomic():
        counter, created = ThrottleCounter.objects.get_or_create(
            scope=FILING_SCOPE, key=key, defaults={"window_start": period_start(now), "failures": 1})
        if not created:
            ThrottleCounter.objects.filter(pk=counter.pk).update(failures=F("failures") + 1)
        ThrottleCounter.objects.filter(scope=FILING_SCOPE, window_start__lt=period_start(now)).delete()
