"""Several independent reads in one round trip to the database.

A page that needs four small reads (a dashboard: the round's slots, their units, the kept indicator values,
the sent results) spends as much time waiting on the network and the server's per-statement work as on the
reads themselves. On PostgreSQL, Django's default cursor binds parameters on the client, so the statements of
several querysets can be sent as one text and their results read in turn (`nextset`); each result then goes
through the same conversions Django applies to that queryset (`from_db_value` of JSON fields and the like)
and comes back as the queryset itself would give it. Elsewhere (SQLite, in the same process, no round trip)
each queryset is simply evaluated.

Building and compiling a queryset costs about as much as the small read itself (a third of a millisecond
each): a `Statement` is a queryset's shape, compiled once per process and number of values, its values
(ids, lists of ids) bound at each call by position. The positions are found by compiling the shape once with
values no row can have (negative ids) and looking for them among the statement's parameters.

Only what the conversion below reproduces exactly is accepted: `values_list()` querysets (not flat, not
named) and plain model querysets (no `select_related`, `prefetch_related`, `extra`, `only`/`defer`, nor a
related manager's queryset).
Anything else raises, rather than returning rows different from the queryset's own.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import ModelIterable, QuerySet, ValuesListIterable


def _check(qs: QuerySet) -> None:
    query = qs.query
    if qs._iterable_class not in (ModelIterable, ValuesListIterable):
        raise ValueError("fetch_together: values_list() (not flat or named) or model querysets only")
    if (query.select_related or qs._prefetch_related_lookups or query.extra or query.deferred_loading[0]
            or qs._known_related_objects):
        raise ValueError("fetch_together: no select_related, prefetch_related, extra, only, defer or a "
                         "related manager's queryset")


def _rows(qs: QuerySet, compiler, rows: list[tuple]) -> list:
    """The rows of one statement as `list(qs)` gives them: Django's own conversion of a result (the
    converters of its columns), then the row shape of the queryset's iterable."""
    rows = list(compiler.results_iter(results=[rows], tuple_expected=True))
    if qs._iterable_class is ValuesListIterable:
        return rows
    klass_info = compiler.klass_info
    model = klass_info["model"]
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    init_list = [f[0].target.attname for f in compiler.select[start:end]]
    annotations = list(compiler.annotation_col_map.items())
    objects = []
    for row in rows:
        obj = model.from_db(qs.db, init_list, row[start:end])
        for name, pos in annotations:
            setattr(obj, name, row[pos])
        objects.append(obj)
    return objects


class _Compiled:
    """One read ready to send: its statement and parameters and what reading its rows needs (`sql` None:
    Django runs no statement for it, e.g. `pk__in=[]`, and it has no rows)."""

    __slots__ = ("qs", "compiler", "sql", "params")

    def __init__(self, qs: QuerySet, compiler, sql: str | None, params):
        self.qs, self.compiler, self.sql, self.params = qs, compiler, sql, params

    @classmethod
    def of(cls, qs: QuerySet) -> _Compiled:
        _check(qs)
        compiler = qs.query.get_compiler(using=qs.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            sql, params = None, ()
        return cls(qs, compiler, sql, params)


class Statement:
    """A queryset's shape: `build(*values)` gives the queryset, each value an id or a list of ids. On
    PostgreSQL `bind(*values)` reuses the statement compiled for the same number of values (kept per
    process and shape); elsewhere it builds the queryset."""

    def __init__(self, build):
        self.build = build
        # Shared by the process's threads: a kept compiler is only read after it has compiled (its select
        # list and the converters of its columns, which need nothing of the connection it was compiled on
        # but the backend's static operations); two threads compiling the same shape at once keep one.
        self._kept: dict[tuple, tuple[_Compiled, list[tuple[int, int, int]]]] = {}

    def bind(self, *values):
        if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
            return self.build(*values)
        shape = tuple(len(v) if isinstance(v, list | tuple) else None for v in values)
        kept = self._kept.get(shape)
        if kept is None:
            kept = self._kept[shape] = self._template(values, shape)
        template, slots = kept
        if template.sql is None:  # no statement, hence no rows, for this shape (e.g. an empty list of ids)
            return template
        params = list(template.params)
        for position, value_index, item in slots:
            value = values[value_index]
            params[position] = value if item < 0 else value[item]
        return _Compiled(template.qs, template.compiler, template.sql, params)

    def _template(self, values, shape) -> tuple[_Compiled, list[tuple[int, int, int]]]:
        marks, where = [], {}
        mark = -1_000_000_007
        for i, size in enumerate(shape):
            if size is None:
                marks.append(mark)
                where[mark] = (i, -1)
                mark -= 1
            else:
                marks.append([mark - k for k in range(size)])
                where.update({mark - k: (i, k) for k in range(size)})
                mark -= size
        compiled = _Compiled.of(self.build(*marks))
        if compiled.sql is None:
            return compiled, []
        slots = [(pos, *where[p]) for pos, p in enumerate(compiled.params) if type(p) is int and p in where]
        if {(i, k) for _, i, k in slots} != set(where.values()):
            # A value turned into something else (a string, an expression): it cannot be bound by position.
            raise ValueError("Statement: every value must appear as such among the statement's parameters")
        return compiled, slots


def fetch_together(*reads) -> list[list]:
    """Each read's rows (a list per read, in order): querysets, or `Statement.bind(...)`, read in one round
    trip on PostgreSQL. The reads must use the default database and must not depend on one another's
    results."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        for read in reads:
            if isinstance(read, QuerySet):
                _check(read)  # refused here too: what runs here must run on PostgreSQL as well
        return [list(read) for read in reads]
    compiled = []
    for read in reads:
        if isinstance(read, QuerySet):
            if read.db != DEFAULT_DB_ALIAS:
                raise ValueError("fetch_together: the default database only")
            read = _Compiled.of(read)
        compiled.append(read)
    sent = [c for c in compiled if c.sql is not None]
    with connection.cursor() as cursor:
        if sent:
            cursor.execute(";\n".join(c.sql for c in sent), [p for c in sent for p in c.params])
        rows = {}
        for i, c in enumerate(sent):
            if i:
                cursor.cursor.nextset()
            rows[id(c)] = _rows(c.qs, c.compiler, cursor.fetchall())
    return [rows.get(id(c), []) for c in compiled]
