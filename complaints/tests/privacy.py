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
                parts.append(" ".join(bytes(v).decode("utf-8", "replace")
                                      if isinstance(v, (bytes, memoryview))
                                      else str(v) for v in row))
    return "\n".join(parts)


def database_files() -> list[tuple[str, bytes]]:
    """The stored bytes of the database, deleted rows and free pages included: the SQLite image, or for
    PostgreSQL (when the test connects as a superuser that can CHECKPOINT) the database's heap files and
    WAL."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        raw = connection.connection
        image = (raw.serialize() if hasattr(raw, "serialize")
                 else Path(connection.settings_dict["NAME"]).read_bytes())
        return [("sqlite database", image)]
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser')")
        if cursor.fetchone()[0] != "on":
            return []
        cursor.execute("CHECKPOINT")
        cursor.execute("SELECT current_setting('data_directory'), "
                       "(SELECT oid FROM pg_database WHERE datname = current_database())")
        root, oid = cursor.fetchone()
    found = []
    for folder in (Path(root) / "base" / str(oid), Path(root) / "pg_wal"):
        try:
            found += [(str(p), p.read_bytes()) for p in folder.rglob("*") if p.is_file()]
        except PermissionError:
            continue
    return found


def data_dir_bytes() -> list[tuple[Path, bytes]]:
    root = Path(settings.DATA_DIR)
    return [(p, p.read_bytes()) for p in root.rglob("*") if p.is_file()]


def leaks(identity) -> list[str]:
    """Where any identity value appears in plaintext: database rows, database file, data directory."""
    found = []
    text = database_text().encode()
    stored = database_files() + [(str(p), data) for p, data in data_dir_bytes()]
    for needle in needles(identity):
        if needle in text:
            found.append(f"database row contains {needle.decode()}")
        found += [f"{label} contains {needle.decode()}" for label, data in stored if needle in data]
    return found
