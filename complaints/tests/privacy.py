"""Helpers that look for a complainant's identity in every place the system writes to."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import connection


def needles(identity) -> list[bytes]:
    values = [identity.name, identity.phone, identity.email, identity.address]
    return [v.encode() for v in values if v]


def database_text() -> str:
    """Every row of every table as text (both databases), for a logical search."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                parts.append(" ".join(bytes(v).decode("utf-8", "replace") if isinstance(v, (bytes, memoryview))
                                      else str(v) for v in row))
    return "\n".join(parts)


def database_bytes() -> bytes:
    """The SQLite database image itself, free pages included (a deleted plaintext would still show)."""
    if connection.vendor != "sqlite":
        return b""
    connection.ensure_connection()
    raw = connection.connection
    name = connection.settings_dict["NAME"]
    if hasattr(raw, "serialize"):
        return raw.serialize()
    return Path(name).read_bytes()


def data_dir_bytes() -> list[tuple[Path, bytes]]:
    root = Path(settings.DATA_DIR)
    return [(p, p.read_bytes()) for p in root.rglob("*") if p.is_file()]


def leaks(identity) -> list[str]:
    """Where any identity value appears in plaintext: database rows, database file, data directory."""
    found = []
    text = database_text().encode()
    image = database_bytes()
    files = data_dir_bytes()
    for needle in needles(identity):
        if needle in text:
            found.append(f"database row contains {needle.decode()}")
        if needle in image:
            found.append(f"database file contains {needle.decode()}")
        for path, data in files:
            if needle in data:
                found.append(f"{path} contains {needle.decode()}")
    return found
