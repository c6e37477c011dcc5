import datetime
import decimal
import uuid

from django.db import models

from audit.models import AuditEvent


def _plain(value):
    """JSON-safe copy of a field value, so the trail keeps what the value was, not a live reference."""
    if isinstance(value, models.Model):
        return {"id": value.pk, "label": str(value)}
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    """The audited view of an object: named fields, with many-to-many as sorted labels."""
    data = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            data[name] = sorted(str(v) for v in getattr(obj, name).all()) if obj.pk else []
        elif field.is_relation:
            data[name] = _plain(getattr(obj, name))
        else:
            data[name] = _plain(getattr(obj, field.attname))
    return data


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    old: dict | None = None,
    new: dict | None = None,
    unit=None,
    note: str = "",
    object_type: str | None = None,
    object_id: str | None = None,
    object_label: str | None = None,
) -> AuditEvent:
    """Write one audit entry. When old and new are both given only the keys that changed are kept."""
    if old is not None and new is not None:
        changed = [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
        old = {k: old.get(k) for k in changed}
        new = {k: new.get(k) for k in changed}
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor_obj,
        actor_label=_actor_label(actor),
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=object_id or (str(obj.pk) if obj is not None else ""),
        object_label=(object_label if object_label is not None else str(obj) if obj is not None
                      else "")[:500],
        unit=unit,
        old=_plain(old) if old is not None else None,
        new=_plain(new) if new is not None else None,
        note=note,
    )


def _actor_label(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "ระบบ" if actor is None else "ผู้ใช้ทั่วไป"
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{full} ({actor.get_username()})" if full else actor.get_username()
