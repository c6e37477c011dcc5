"""core.compressed: texts kept compressed on SQLite, as text elsewhere, always read back as the same str."""

import pytest
from django.db import connection

from core.compressed import CompressedTextField, pack, unpack

pytestmark = pytest.mark.django_db

TEXT = '{"title": "จ้างเหมาบริการทำความสะอาด สำนักงานสหกรณ์จังหวัดเชียงใหม่", "amount": 120000}' * 40


@pytest.fixture
def column():
    """A real table with one text column, the way a model's TextField declares it."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE compressed_probe (id integer PRIMARY KEY, body text NULL)")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE compressed_probe")


def _store_and_read(value):
    field = CompressedTextField(null=True)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM compressed_probe")
        cursor.execute("INSERT INTO compressed_probe (id, body) VALUES (1, %s)",
                       [field.get_db_prep_save(value, connection)])
        cursor.execute("SELECT body FROM compressed_probe")
        stored = cursor.fetchone()[0]
    return stored, field.from_db_value(stored, None, connection)


def test_pack_and_unpack_give_back_the_same_thai_text():
    packed = pack(TEXT.encode())
    assert unpack(packed) == TEXT
    assert len(packed) < len(TEXT.encode()) / 5  # repeated JSON: far smaller


def test_a_value_in_an_unknown_format_is_refused_not_misread():
    with pytest.raises(ValueError, match="unknown format"):
        unpack(b"\x07" + pack(b"x")[1:])


@pytest.mark.parametrize("given", [TEXT, TEXT.encode()], ids=["str", "utf8-bytes"])
def test_a_text_goes_in_compressed_on_sqlite_as_text_elsewhere_and_comes_back_as_str(column, given):
    stored, read = _store_and_read(given)
    assert read == TEXT and type(read) is str
    if connection.vendor == "sqlite":
        assert type(stored) is bytes and len(stored) < len(TEXT.encode()) / 5
    else:
        assert stored == TEXT


def test_empty_and_missing_values_stay_as_they_are(column):
    assert _store_and_read("") == ("", "")
    assert _store_and_read(b"") == ("", "")
    assert _store_and_read(None) == (None, None)


def test_a_row_written_as_text_before_is_read_as_it_is(column):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO compressed_probe (id, body) VALUES (1, %s)", [TEXT])
        cursor.execute("SELECT body FROM compressed_probe")
        stored = cursor.fetchone()[0]
    assert CompressedTextField().from_db_value(stored, None, connection) == TEXT


def test_only_lookups_the_stored_value_can_answer_are_offered():
    field = CompressedTextField()
    assert field.get_lookup("exact") is not None
    assert field.get_lookup("in") is not None
    assert field.get_lookup("isnull") is not None
    for name in ("contains", "icontains", "startswith", "regex", "gt"):
        assert field.get_lookup(name) is None


def test_the_python_value_of_bytes_is_their_text():
    assert CompressedTextField().to_python("ก".encode()) == "ก"
    assert CompressedTextField().to_python("ก") == "ก"
