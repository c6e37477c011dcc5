"""A text column for long machine-written texts (JSON of 10-30 KB a row, hundreds of MB an import), kept
compressed in the embedded database.

SQLite stores such a text as it is: an OCDS import of 10,000 releases made a 248 MB database, and writing it
twice (to the write-ahead log, then into the database) was two fifths of the import's time. Compressed with
LZ4 (a fifth of the size, about 2 GB/s each way) the same import writes 56 MB. The compressed value is a
BLOB in the column (SQLite keeps a BLOB as it is given, whatever the column's declared type), so the schema
does not change and a row written before is still read: a value read as text is returned as it is.
PostgreSQL compresses long texts itself (TOAST), so there the value stays text.

The value in Python is always str; a write may give the UTF-8 bytes instead (JSON as serialised), which
saves decoding them. Only equality, `in` and `isnull` can be asked of the column: the compressed bytes
cannot be searched for a piece of the text, and a query that would silently find nothing is refused."""

from __future__ import annotations

import lz4.block
from django.db import models

# The first byte of a stored value says how the rest is written, so that another format can follow.
_LZ4 = b"\x01"  # an LZ4 block, the text's size in front (lz4.block's own framing)
_LOOKUPS = frozenset({"exact", "in", "isnull"})


def pack(data: bytes) -> bytes:
    return _LZ4 + lz4.block.compress(data)


def unpack(value: bytes) -> str:
    if value[:1] != _LZ4:
        raise ValueError(f"compressed text in an unknown format ({value[:1]!r})")
    return lz4.block.decompress(value[1:]).decode()


class CompressedTextField(models.TextField):
    description = "Text, compressed where the database does not do it"

    def from_db_value(self, value, expression, connection):
        return unpack(value) if type(value) is bytes else value

    def to_python(self, value):
        if type(value) is bytes:
            return value.decode()
        return super().to_python(value)

    def get_prep_value(self, value):
        # bytes are left as given (TextField would make "b'...'" of them); get_db_prep_value takes them
        return value if type(value) is bytes else super().get_prep_value(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if value is None:
            return None
        if connection.vendor != "sqlite":
            return value.decode() if type(value) is bytes else value
        if not value:
            return ""  # empty stays text, so that `exclude(field="")` reads as it always has
        return pack(value if type(value) is bytes else value.encode())

    def get_lookup(self, lookup_name):
        return super().get_lookup(lookup_name) if lookup_name in _LOOKUPS else None
