"""The OCDS texts kept compressed on SQLite (core.compressed), and whether each compiled release uses the
bids extension kept as a column (an export asked it of the text, which compressed text cannot answer)."""

import orjson
from django.db import migrations, models

import core.compressed

CHUNK = 500
# (table, column) of the texts that are now compressed on SQLite.
TEXTS = [("procurement_release", "json_text"), ("procurement_project", "compiled_text")]


def _texts(connection, table: str, column: str):
    """(id, text) of the rows with a non-empty text, CHUNK at a time (each chunk read whole before it is
    yielded, so that the caller may write between chunks)."""
    sql = f'SELECT id, "{column}" FROM "{table}" WHERE "{column}" <> %s AND id > %s ORDER BY id LIMIT %s'
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(sql, ["", last, CHUNK])
            rows = cursor.fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]


def forwards(apps, schema_editor):
    # At 0003 every text is stored as text, on every database.
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for rows in _texts(connection, "procurement_project", "compiled_text"):
            found = [pk for pk, text in rows if "bids" in orjson.loads(text)]
            if found:
                cursor.execute(f'UPDATE procurement_project SET uses_bids = %s WHERE id IN '
                               f'({", ".join(["%s"] * len(found))})', [True, *found])
        if connection.vendor != "sqlite":
            return
        for table, column in TEXTS:
            for rows in _texts(connection, table, column):
                packed = [(core.compressed.pack(text.encode()), pk) for pk, text in rows]
                cursor.executemany(f'UPDATE "{table}" SET "{column}" = %s WHERE id = %s', packed)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table, column in TEXTS:
            for rows in _texts(connection, table, column):
                plain = [(core.compressed.unpack(text), pk) for pk, text in rows]
                cursor.executemany(f'UPDATE "{table}" SET "{column}" = %s WHERE id = %s', plain)


class Migration(migrations.Migration):

    dependencies = [
        ('procurement', '0003_review_presentation_and_channels'),
    ]

    operations = [
        migrations.AddField(
            model_name='project',
            name='uses_bids',
            field=models.BooleanField(default=False, editable=False),
        ),
        # The columns stay text (SQLite keeps a compressed value as a BLOB in them): the fields change, the
        # tables do not, so SQLite is spared copying them whole.
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='project',
                name='compiled_text',
                field=core.compressed.CompressedTextField(blank=True, verbose_name='OCDS compiled release'),
            ),
            migrations.AlterField(
                model_name='release',
                name='json_text',
                field=core.compressed.CompressedTextField(),
            ),
        ]),
        migrations.RunPython(forwards, backwards),
    ]
