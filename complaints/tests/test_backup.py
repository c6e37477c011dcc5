"""prongsai backup / restore: a round trip loses no row, no file and no identity, on whichever database the
suite runs (SQLite here, PostgreSQL under `make test`); an archive without its identity key is refused."""

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from audit.models import AuditEvent
from complaints.crypto import decrypt_identity
from complaints.files import open_attachment
from complaints.models import Attachment, Case, Channel
from complaints.services.intake import attach_files
from complaints.tests.keyfixtures import PDF, PNG, file_sums, incoming, mode
from config import env
from core.errors import ApplicationError
from site_shell.backup import _counts_live, backup, restore

PRONGSAI = Path(sys.executable).with_name("prongsai")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(transactional_db, submit, identity, private_data_dir):
    """Committed data (a backup reads what other connections see): 3 identities, 3 files, audit rows."""
    receipts = [submit(channel=Channel.CORRUPTION, files=[incoming("หลักฐาน ลับ.pdf", PDF)]),
                submit(files=[incoming("ใบเสร็จ.png", PNG, "image/png", "png")]),
                submit(subject="ไม่ประสงค์ออกนาม", identity=type(identity)()),
                submit(subject="อีกเรื่อง")]
    attach_files(case=receipts[3].case, incoming=[incoming("เพิ่มเติม.pdf", PDF + b"% more\n")],
                 kind="additional")
    return receipts


def _state():
    return {
        "counts": _counts_live(),
        "files": file_sums(Path(settings.MEDIA_ROOT)),
        "identities": {c.number: decrypt_identity(c.identity_token)
                       for c in Case.objects.exclude(identity_token="")},
        "attachments": {a.sha256: open_attachment(a) for a in Attachment.objects.all()},
    }


def _lose_everything(settings, data: Path):
    """A new machine: empty database, no uploads, no keys, a throwaway key in memory."""
    import shutil

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(data / "uploads")
    (data / "identity.key").unlink()
    (data / "secret_key").unlink()
    settings.PRONGSAI_IDENTITY_KEY = env.new_secret()


def test_round_trip_loses_no_row_file_or_identity(site, settings, private_data_dir, tmp_path):
    before = _state()
    key = settings.PRONGSAI_IDENTITY_KEY
    assert len(before["identities"]) == 3 and len(before["attachments"]) == 3
    (tmp_path / "backups").mkdir()
    result = backup(tmp_path / "backups")
    assert result.path.parent == tmp_path / "backups" and mode(result.path) == 0o600
    assert any("3/3" in line for line in result.checks)
    with tarfile.open(result.path) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[-1] == "manifest.json" and "keys/identity.key" in names
    assert set(manifest["files"]) == set(names) - {"manifest.json"}
    assert manifest["row_counts"] == before["counts"]

    _lose_everything(settings, private_data_dir)
    assert not Case.objects.exists()
    restored = restore(result.path)

    assert (private_data_dir / "identity.key").read_text() == key
    settings.PRONGSAI_IDENTITY_KEY = (private_data_dir / "identity.key").read_text()
    after = _state()
    # Everything as it was, plus the one audit entry that says a restore happened.
    audit_table = AuditEvent._meta.db_table
    assert after["counts"][audit_table] == before["counts"][audit_table] + 1
    assert {**after["counts"], audit_table: before["counts"][audit_table]} == before["counts"]
    assert AuditEvent.objects.order_by("-pk").first().action == "system.restore"
    assert after["files"] == before["files"]
    assert after["identities"] == before["identities"] and after["attachments"] == before["attachments"]
    assert any("3/3" in line for line in restored.checks)
    assert mode(private_data_dir / "identity.key") == mode(private_data_dir / "secret_key") == 0o600
    assert mode(private_data_dir / "uploads") == 0o700
    assert not list(private_data_dir.glob(".restore-*")) and not list(private_data_dir.glob(".backup-*"))


def _rewrite(source: Path, target: Path, *, drop: str, from_manifest: bool = False, tamper: str = ""):
    with tarfile.open(source) as tar, tarfile.open(target, "w") as out:
        for info in tar.getmembers():
            data = tar.extractfile(info).read()
            if info.name == drop:
                continue
            if info.name == "manifest.json" and from_manifest:
                manifest = json.loads(data)
                del manifest["files"][drop]
                data = json.dumps(manifest).encode()
            if info.name == tamper:
                data = data[:-1] + bytes([data[-1] ^ 1])
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize("from_manifest", [False, True], ids=["member-missing", "key-left-out-entirely"])
def test_an_archive_without_its_identity_key_is_refused(site, settings, private_data_dir, tmp_path,
                                                        from_manifest):
    archive = backup(tmp_path / "full.tar").path
    broken = tmp_path / "nokey.tar"
    _rewrite(archive, broken, drop="keys/identity.key", from_manifest=from_manifest)
    _lose_everything(settings, private_data_dir)
    with pytest.raises(ApplicationError) as refused:
        restore(broken)
    assert "identity.key" in refused.value.message and "ไม่ได้เปลี่ยนแปลงข้อมูลใด" in refused.value.message
    assert not (private_data_dir / "identity.key").exists() and not Case.objects.exists()


def test_a_damaged_member_is_refused_before_anything_changes(site, settings, private_data_dir, tmp_path):
    archive = backup(tmp_path / "full.tar").path
    broken = tmp_path / "damaged.tar"
    with tarfile.open(archive) as tar:
        upload = next(n for n in tar.getnames() if n.startswith("uploads/"))
    _rewrite(archive, broken, drop="", tamper=upload)
    counts = _counts_live()
    with pytest.raises(ApplicationError, match="checksum differs"):
        restore(broken, force=True)
    assert _counts_live() == counts


def test_restore_over_existing_data_needs_force_and_keeps_a_copy_first(site, settings, private_data_dir,
                                                                       tmp_path):
    archive = backup(tmp_path / "full.tar").path
    with pytest.raises(ApplicationError, match="--force"):
        restore(archive)
    result = restore(archive, force=True)
    assert result.safety_backup and result.safety_backup.parent == private_data_dir
    assert mode(result.safety_backup) == 0o600


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="the WAL belongs to SQLite")
def test_rows_still_in_the_sqlite_wal_are_in_the_backup(tmp_path):
    """A plain copy of the database file misses what is still in the WAL; the online backup does not."""
    source, target = tmp_path / "source", tmp_path / "target"

    def run(data, *args):
        result = subprocess.run([str(PRONGSAI), *args], check=False, capture_output=True, text=True,
                                timeout=240,
                                cwd=REPO, env={"PATH": "/usr/bin:/bin", "PRONGSAI_DATA_DIR": str(data),
                                               "PYTHAINLP_OFFLINE": "1", "DATABASE_URL": ""})
        assert result.returncode == 0, result.stderr
        return result

    run(source, "migrate", "-v0")
    # Another connection stays open, as a running server's does, so closing the writer does not checkpoint.
    holder = sqlite3.connect(source / "prongsai.sqlite3")
    holder.execute("SELECT COUNT(*) FROM audit_auditevent").fetchone()
    run(source, "shell", "-c", "from audit.services import audit_record\n"
                               "for i in range(23): audit_record(actor=None, action='test.row', note=str(i))")
    assert (source / "prongsai.sqlite3-wal").stat().st_size > 0
    plain_copy = tmp_path / "copy.sqlite3"
    plain_copy.write_bytes((source / "prongsai.sqlite3").read_bytes())
    lost = sqlite3.connect(plain_copy).execute("SELECT COUNT(*) FROM audit_auditevent").fetchone()[0]
    assert lost < 23  # the failure the issue saw
    run(source, "backup", str(tmp_path / "b.tar.gz"))
    holder.close()
    run(target, "restore", str(tmp_path / "b.tar.gz"))
    restored = sqlite3.connect(target / "prongsai.sqlite3")
    assert restored.execute(
        "SELECT COUNT(*) FROM audit_auditevent WHERE action = 'test.row'").fetchone()[0] == 23
    assert (target / "identity.key").read_text() == (source / "identity.key").read_text()
    assert mode(target / "prongsai.sqlite3") == 0o600 and mode(target) == 0o700
