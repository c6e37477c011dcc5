"""Writing rows with PostgreSQL's COPY for the national data set (`site_shell.national`): a model's rows with
its defaults filled in, and ids taken ahead of the sequences."""

from __future__ import annotations

import json

from django.db import models

# --- COPY -------------------------------------------------------------------------------------------------


class Table:
    """COPY rows of one model (or an auto-created M2M table): every concrete column, with the model's
    defaults for those the row does not give (COPY does not know Django's defaults)."""

    def __init__(self, model, now):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        self.index = {f.attname: i for i, f in enumerate(self.fields)}
        self.template = [self._default(f, now) for f in self.fields]
        self.rows: list[list] = []

    @staticmethod
    def _default(field, now):
        if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
            return now
        value = field.get_default() if field.has_default() or not field.null else None
        if isinstance(field, models.JSONField):
            return json.dumps(value if value is not None else None)
        return value

    def add(self, **values) -> None:
        row = list(self.template)
        for name, value in values.items():
            i = self.index[name]
            if isinstance(self.fields[i], models.JSONField):
                value = json.dumps(value, ensure_ascii=False, default=str)
            row[i] = value
        self.rows.append(row)

    def flush(self, cursor) -> int:
        if not self.rows:
            return 0
        cols = ", ".join(f'"{c}"' for c in self.columns)
        with cursor.copy(f'COPY "{self.model._meta.db_table}" ({cols}) FROM STDIN') as copy:
            for row in self.rows:
                copy.write_row(row)
        n, self.rows = len(self.rows), []
        return n


def m2m(model, name):
    return model._meta.get_field(name).remote_field.through


class Ids:
    def __init__(self):
        self.next: dict[type, int] = {}

    def start(self, model):
        self.next[model] = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1

    def take(self, model) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value
