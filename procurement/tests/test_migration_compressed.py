"""Migration 0004: texts written before it are compressed (SQLite) and read back the same; whether each
compiled release uses bids is read from the texts; going back leaves them as text again."""

import orjson
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("procurement", "0003_review_presentation_and_channels")]
AFTER = [("procurement", "0004_compressed_texts")]
WITH_BIDS = {"ocid": "ocds-m-1", "id": "1", "tag": ["compiled"], "tender": {"title": "จ้างเหมาทำความสะอาด"},
             "bids": {"details": [{"id": "b1", "status": "valid"}]}}
WITHOUT = {"ocid": "ocds-m-2", "id": "1", "tag": ["compiled"], "tender": {"description": "bids"}}


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def _kinds():
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT typeof(json_text) FROM procurement_release")
        releases = cursor.fetchall()
        cursor.execute("SELECT DISTINCT typeof(compiled_text) FROM procurement_project "
                       "WHERE compiled_text <> ''")
        return releases + cursor.fetchall()


@pytest.mark.django_db(transaction=True)
def test_texts_written_before_are_compressed_and_their_bids_read():
    apps = _migrate(BEFORE)
    Project = apps.get_model("procurement", "Project")
    Release = apps.get_model("procurement", "Release")
    # org's tables stay at their latest state: the unit is made with the current model
    from org.models import Unit

    unit_id = Unit.objects.create(code="mig", name="กรมทดสอบ", kind="agency", path="/000001/").pk
    texts = {}
    for compiled in (WITH_BIDS, WITHOUT):
        texts[compiled["ocid"]] = orjson.dumps(compiled).decode()
        project = Project.objects.create(unit_id=unit_id, ocid=compiled["ocid"], title="t", source="ocds",
                                         compiled_text=texts[compiled["ocid"]])
        Release.objects.create(project=project, release_id="1", json_text=texts[compiled["ocid"]], sha256="x")
    Project.objects.create(unit_id=unit_id, ocid="ocds-m-3", title="recorded here, not yet compiled")
    if connection.vendor == "sqlite":
        assert set(_kinds()) == {("text",)}

    _migrate(AFTER)
    from procurement.models import Project as Current

    got = {p.ocid: p for p in Current.objects.all()}
    assert {ocid for ocid, p in got.items() if p.uses_bids} == {"ocds-m-1"}
    for ocid, text in texts.items():
        assert got[ocid].compiled_text == text and got[ocid].releases.get().json_text == text
    assert got["ocds-m-3"].compiled_text == ""
    if connection.vendor == "sqlite":
        assert set(_kinds()) == {("blob",)}
        _migrate(BEFORE)
        assert set(_kinds()) == {("text",)}
        with connection.cursor() as cursor:
            cursor.execute("SELECT compiled_text FROM procurement_project WHERE ocid = 'ocds-m-1'")
            assert cursor.fetchone()[0] == texts["ocds-m-1"]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
