"""Fast inserts for imports. On PostgreSQL rows go in with COPY (ids drawn from the table's sequence first, so
callers get primary keys back); elsewhere Django's bulk_create does the same job.

Why: Django's bulk_create on psycopg binds parameters client-side, and quoting large JSON texts that way costs
more than everything else an import does.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Model


def insert(model: type[Model], objs: list[Model]) -> None:
    if not objs:
        return
    if connection.vendor == "sqlite":
        _sqlite_insert(model, objs)
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=500)
        return
    meta = model._meta
    fields = list(meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [meta.db_table, meta.pk.column, len(objs)])
        ids = [row[0] for row in cursor.fetchall()]
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    raw = connection.connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
        for obj in objs:
            copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


_PLAIN = frozenset({"CharField", "TextField", "IntegerField", "PositiveIntegerField", "BigIntegerField",
                    "SmallIntegerField", "PositiveSmallIntegerField", "AutoField", "BigAutoField",
                    "ForeignKey"})


def _sqlite_insert(model: type[Model], objs: list[Model]) -> None:
    """One executemany instead of bulk_create's statement per 999 parameters: Django compiles every value of
    every row into SQL there, which costs more than SQLite's own work. Ids are given here, after the largest
    in the table: the transaction that writes holds SQLite's write lock, so no other writer can take them."""
    meta = model._meta
    fields = list(meta.concrete_fields)
    quote = connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX({pk}), 0) FROM {table}")
        next_id = cursor.fetchone()[0] + 1
        for obj in objs:
            if obj.pk is None:
                obj.pk, next_id = next_id, next_id + 1
        columns = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join("%s" for _ in fields)
        # Text, integer and foreign-key values go to SQLite as they are; only the others need preparing.
        plain = [f.get_internal_type() in _PLAIN for f in fields]
        rows = []
        for obj in objs:
            rows.append([getattr(obj, f.attname) if as_is
                         else f.get_db_prep_save(f.pre_save(obj, True), connection)
                         for f, as_is in zip(fields, plain, strict=True)])
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
