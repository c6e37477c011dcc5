"""Uploaded files through the storage switch (config/storage.py, PRONGSAI_STORAGE): evidence is saved to and
streamed back from whatever backend the switch configures, and an S3 configuration keeps files private."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config.storage import default_storage
from reports import services
from reports.tests.conftest import PDF_BYTES, fill, pdf_upload, report_of

ROOT = Path(__file__).resolve().parents[2]


def test_evidence_upload_and_download_through_the_switch(client, open_round, people, settings, tmp_path,
                                                         monkeypatch):
    monkeypatch.setenv("PRONGSAI_STORAGE", "filesystem")
    settings.STORAGES = {**settings.STORAGES, "default": default_storage(tmp_path / "objects")}
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    revision = services.evidence_add(actor=people["reporter"], report=report, uploaded=pdf_upload()).current
    from django.core.files.storage import storages

    assert storages["default"].exists(revision.file.name)
    assert (tmp_path / "objects" / revision.file.name).read_bytes() == PDF_BYTES
    client.force_login(people["reporter"])
    response = client.get(f"/reports/evidence/{revision.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(people["other"])
    assert client.get(f"/reports/evidence/{revision.pk}/download/").status_code == 404


def test_s3_is_private_and_needs_a_bucket(monkeypatch, tmp_path):
    monkeypatch.setenv("PRONGSAI_STORAGE", "s3")
    with pytest.raises(ValueError, match="PRONGSAI_S3_BUCKET"):
        default_storage(tmp_path)
    monkeypatch.setenv("PRONGSAI_S3_BUCKET", "prongsai-evidence")
    monkeypatch.setenv("PRONGSAI_S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    config = default_storage(tmp_path)
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    options = config["OPTIONS"]
    assert options["bucket_name"] == "prongsai-evidence"
    assert options["endpoint_url"] == "http://127.0.0.1:9000"
    assert options["default_acl"] is None  # never public-read
    assert options["querystring_auth"] is True and options["file_overwrite"] is False
    monkeypatch.setenv("PRONGSAI_STORAGE", "ftp")
    with pytest.raises(ValueError):
        default_storage(tmp_path)


# Files stored by these modules are read only through the storage API (open/save/delete), never by a local
# path; key rotation and backup/restore work on the filesystem backend only (docs/production.md says so).
FILESYSTEM_ONLY = {"complaints/services/rotation.py", "site_shell/backup.py"}


def test_no_stored_file_is_read_by_its_local_path():
    pattern = re.compile(r"(\.file|default_storage|storages\[\"default\"\]|emblem)\.path\b")
    found = []
    for path in ROOT.glob("*/**/*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith((".venv/", "bench/")) or "/tests/" in rel or "/migrations/" in rel:
            continue
        if rel not in FILESYSTEM_ONLY and pattern.search(path.read_text(encoding="utf-8")):
            found.append(rel)
    assert found == []
