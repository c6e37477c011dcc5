"""Encryption at rest for who filed a complaint and for the files they sent.

The key comes from settings.PRONGSAI_IDENTITY_KEY, which lives in a file beside (never inside) the database:
a copy of the database alone reveals no complainant. Fernet gives authenticated encryption, so a tampered
token fails loudly instead of decrypting to something else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from typing import ClassVar

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from core.errors import ApplicationError


@dataclass(frozen=True)
class Identity:
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""

    LABELS: ClassVar[dict[str, str]] = {"name": "ชื่อ-นามสกุล", "phone": "โทรศัพท์", "email": "ไปรษณีย์อิเล็กทรอนิกส์",
                                        "address": "ที่อยู่"}

    @classmethod
    def build(cls, **values) -> Identity:
        known = {f.name for f in fields(cls)}
        return cls(**{k: (v or "").strip() for k, v in values.items() if k in known})

    def is_empty(self) -> bool:
        return not any(asdict(self).values())

    def items(self) -> list[tuple[str, str]]:
        return [(self.LABELS[k], v) for k, v in asdict(self).items() if v]


@lru_cache(maxsize=4)
def fernet_for(key: str) -> Fernet:
    """The cipher of one identity key (any string: it is hashed into a Fernet key). Key rotation and the
    start check name the key explicitly; everything else uses the configured one."""
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()))


def _fernet() -> Fernet:
    return fernet_for(settings.PRONGSAI_IDENTITY_KEY)


def encrypt_identity(identity: Identity) -> str:
    if identity.is_empty():
        return ""
    return _fernet().encrypt(json.dumps(asdict(identity), ensure_ascii=False).encode()).decode()


def decrypt_identity(token: str) -> Identity:
    if not token:
        return Identity()
    try:
        data = json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken:
        raise ApplicationError("ถอดรหัสข้อมูลผู้ร้องไม่ได้ กุญแจเข้ารหัสของระบบไม่ตรงกับข้อมูล") from None
    return Identity.build(**data)


def encrypt_text(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt_text(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ApplicationError("ถอดรหัสข้อมูลไม่ได้ กุญแจเข้ารหัสของระบบไม่ตรงกับข้อมูล") from None


def encrypt_bytes(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(token)
    except InvalidToken:
        raise ApplicationError("ถอดรหัสไฟล์ไม่ได้ ไฟล์อาจถูกแก้ไขหรือกุญแจไม่ตรงกัน") from None


def keyed_hash(purpose: str, value: str) -> str:
    """A stable pseudonym for a value that must never be stored itself (a client address, a tracking code)."""
    return hmac.new(settings.SECRET_KEY.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()
