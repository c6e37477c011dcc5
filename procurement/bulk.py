"""Fast inserts for imports. On PostgreSQL rows go in with COPY (ids drawn from the table's sequence first, so
callers get primary keys back); on SQLite with one executemany; elsewhere Django's bulk_create does the job.

Why: Django's bulk_create on psycopg binds parameters client-side, and quoting large JSON texts that way costs
more than everything else an import does; on SQLite it compiles every value of every row into SQL, which costs
more than SQLite's own work. Values are prepared here once per column kind, not through each field's full
save path per value: text, numbers and keys go as they are, timestamps set on add are one value per call.
A text column may be given UTF-8 bytes (JSON as serialised): SQLite takes them as text as they are, without
decoding them to a str and encoding them back (a tenth of an import's time for its two JSON columns). A
field with its own conversion to a database value (e.g. core.compressed's) gets every value through it.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import DateField, Field, JSONField, Model
from django.utils import timezone

_PLAIN = frozenset({"CharField", "TextField", "IntegerField", "PositiveIntegerField", "BigIntegerField",
                    "SmallIntegerField", "PositiveSmallIntegerField", "AutoField", "BigAutoField",
                    "ForeignKey", "BooleanField"})


def _connection():
    # The connection itself: the `connection` proxy costs a lookup per use.
    return connections[DEFAULT_DB_ALIAS]


def stamped(field: Field) -> bool:
    """Whether the field takes the time when saved (auto_now, auto_now_add): set by the inserts here."""
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _own_db_prep(field: Field) -> bool:
    """Whether the field converts its values for the database otherwise than the Django field of its kind."""
    return type(field).get_db_prep_value is not getattr(models, field.get_internal_type()).get_db_prep_value


def _own_pre_save(field: Field) -> bool:
    """Whether the field computes its value when saved (besides the date fields' auto_now, handled here)."""
    return type(field).pre_save is not Field.pre_save and not isinstance(field, DateField)


class _Columns:
    """How each column's values become database values, decided once per insert."""

    def __init__(self, fields: Sequence[Field], conn):
        self.fields = list(fields)
        self.now = timezone.now()
        self.stamp = {i: f.get_db_prep_save(self.now, conn) for i, f in enumerate(self.fields) if stamped(f)}
        self.convert = [(i, f, isinstance(f, JSONField)) for i, f in enumerate(self.fields)
                        if i not in self.stamp and (f.get_internal_type() not in _PLAIN or _own_db_prep(f))]
        self.text = [i for i, f in enumerate(self.fields)
                     if f.get_internal_type() == "TextField" and not _own_db_prep(f)]
        self.conn = conn

    def row(self, values: list) -> list:
        conn = self.conn
        for i, field, json in self.convert:
            value = values[i]
            if value is not None or json:
                values[i] = field.get_db_prep_save(value, conn)
        for i, value in self.stamp.items():
            values[i] = value
        if conn.vendor != "sqlite":
            for i in self.text:
                if type(values[i]) is bytes:
                    values[i] = values[i].decode()
        return values


def insert(model: type[Model], objs: list[Model]) -> None:
    """Insert model instances; each gets its primary key. A text field may hold UTF-8 bytes (see above)."""
    if not objs:
        return
    conn = _connection()
    if conn.vendor not in ("sqlite", "postgresql"):
        model.objects.bulk_create(objs, batch_size=500)
        return
    meta = model._meta
    fields = list(meta.concrete_fields)
    _give_ids(model, objs, conn)
    columns = _Columns(fields, conn)
    for i in columns.stamp:  # as pre_save on add: the instance holds the time it was stored with
        for obj in objs:
            setattr(obj, fields[i].attname, columns.now)
    computed = [(i, f) for i, f in enumerate(fields) if i not in columns.stamp and _own_pre_save(f)]
    get = operator.attrgetter(*(f.attname for f in fields))
    rows = []
    for obj in objs:
        values = list(get(obj))
        for i, field in computed:
            values[i] = field.pre_save(obj, True)
        rows.append(columns.row(values))
    _write(conn, meta.db_table, fields, rows, columns.text)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = conn.alias


def insert_rows(model: type[Model], names: Sequence[str], rows: list[list]) -> None:
    """Insert rows given as lists of values for the fields `names` (attnames, the primary key left out: the
    database gives it), without building model instances. Timestamps set on add are set here."""
    if not rows:
        return
    conn = _connection()
    meta = model._meta
    fields = [meta.get_field(name) for name in names]
    fields += [f for f in meta.concrete_fields if stamped(f) and f not in fields]
    columns = _Columns(fields, conn)
    extra = len(fields) - len(names)
    prepared = [columns.row([*values, *([None] * extra)]) for values in rows]
    _write(conn, meta.db_table, fields, prepared, columns.text)


def new_ids(model: type[Model], count: int) -> list[int]:
    """`count` primary keys for rows about to be inserted (with `insert_rows`, the key among the columns)."""
    if count <= 0:
        return []
    conn = _connection()
    meta = model._meta
    quote = conn.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [meta.db_table, meta.pk.column, count])
            return [pk_value for (pk_value,) in cursor.fetchall()]
        # SQLite: ids after the largest in the table. The transaction that writes holds SQLite's write lock,
        # so no other writer can take them.
        cursor.execute(f"SELECT COALESCE(MAX({pk}), 0) FROM {table}")
        next_id = cursor.fetchone()[0] + 1
    return list(range(next_id, next_id + count))


def _give_ids(model: type[Model], objs: list[Model], conn) -> None:
    if conn.vendor == "postgresql":
        for obj, pk_value in zip(objs, new_ids(model, len(objs)), strict=True):
            obj.pk = pk_value
        return
    missing = [obj for obj in objs if obj.pk is None]
    for obj, pk_value in zip(missing, new_ids(model, len(missing)), strict=True):
        obj.pk = pk_value


def _write(conn, db_table: str, fields: list[Field], rows: list[list], text: list[int]) -> None:
    quote = conn.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    if conn.vendor == "postgresql":
        conn.ensure_connection()
        raw = conn.connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {quote(db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    # CAST: bytes given for a text column are stored as text (a str value is left as it is).
    marks = ", ".join("CAST(%s AS TEXT)" if i in text else "%s" for i in range(len(fields)))
    with conn.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(db_table)} ({columns}) VALUES ({marks})", rows)
