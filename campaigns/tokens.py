"""Personal acknowledgement links: a signed, expiring token naming the campaign and the person.

The token is all a person needs (no account): it is signed with the site's secret key under a salt of its
own, so it cannot be forged or reused for another campaign or person, and it expires after `max_age_days()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "campaigns.acknowledge"


def max_age_days() -> int:
    return int(getattr(settings, "PRONGSAI_CAMPAIGN_LINK_DAYS", 120))


@dataclass(frozen=True)
class Claim:
    campaign_id: int
    staff_id: int


class BadToken(Exception):
    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.message = message
        self.expired = expired


def make(campaign_id: int, staff_id: int) -> str:
    return signing.dumps([campaign_id, staff_id], salt=SALT, compress=False)


def read(token: str) -> Claim:
    try:
        campaign_id, staff_id = signing.loads(token, salt=SALT, max_age=max_age_days() * 86400)
    except signing.SignatureExpired as exc:
        raise BadToken("ลิงก์นี้หมดอายุแล้ว กรุณาขอลิงก์ใหม่จากหน่วยงานของท่าน หรือลงนามในแบบกระดาษ",
                       expired=True) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise BadToken("ลิงก์นี้ไม่ถูกต้อง อาจคัดลอกมาไม่ครบ กรุณาเปิดจากลิงก์หรือคิวอาร์โค้ดที่ได้รับอีกครั้ง"
                       ) from exc
    return Claim(int(campaign_id), int(staff_id))


def path(campaign_id: int, staff_id: int) -> str:
    return reverse("campaigns:acknowledge", args=[make(campaign_id, staff_id)])


def absolute_url(campaign_id: int, staff_id: int) -> str:
    return settings.SITE_URL.rstrip("/") + path(campaign_id, staff_id)
