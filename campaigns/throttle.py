"""How many requests one client sends to the public acknowledgement page in an hour.

The address reaches the database only as an HMAC (site secret key) of the address and the hour, so a counter
names no one and counters of two hours cannot be linked. The limit is generous: a provincial office may have
all its staff acknowledge from one shared connection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from campaigns.models import PublicCounter

PERIOD = dt.timedelta(hours=1)


def limit() -> int:
    return int(getattr(settings, "PRONGSAI_CAMPAIGN_PUBLIC_LIMIT_PER_HOUR", 300))


def _start(now: dt.datetime) -> dt.datetime:
    return now.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def _key(client: str | None, start: dt.datetime) -> str:
    message = f"{start.isoformat()}|{client or 'unknown'}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"campaigns:" + message, hashlib.sha256).hexdigest()


def hit(client: str | None, now: dt.datetime | None = None) -> int | None:
    """Count one request; the seconds to wait when the client is over the hour's limit, else None."""
    now = now or timezone.now()
    start = _start(now)
    key = _key(client, start)
    with transaction.atomic():
        PublicCounter.objects.filter(window_start__lt=start).delete()
        counter, created = PublicCounter.objects.get_or_create(key=key, defaults={"window_start": start,
                                                                                  "count": 1})
        if not created:
            PublicCounter.objects.filter(pk=counter.pk).update(count=F("count") + 1)
            counter.count += 1
    if limit() and counter.count > limit():
        return int((start + PERIOD - now).total_seconds()) + 1
    return None
