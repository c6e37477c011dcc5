"""Published keys are refused, new ones are private, a wrong or missing identity key stops the start, and
rotate_keys re-encrypts everything under a new key."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command

from accounts.models import ApiToken
from audit.models import AuditEvent
from complaints.crypto import decrypt_identity
from complaints.files import open_attachment
from complaints.keys import JOURNAL, check_identity_key
from complaints.models import Attachment, Case, Channel, ThrottleCounter
from complaints.services import rotation
from complaints.services.intake import attach_files
from complaints.tests.keyfixtures import PDF, PNG, file_sums, incoming, mode
from config import env
from config.env import StartRefused
from core.errors import ApplicationError

PRONGSAI = Path(sys.executable).with_name("prongsai")
REPO = Path(__file__).resolve().parents[2]


def run(data: Path, *args, **extra_env):
    environment = {"PATH": "/usr/bin:/bin", "PRONGSAI_DATA_DIR": str(data), "PYTHAINLP_OFFLINE": "1",
                   "DJANGO_SETTINGS_MODULE": "config.settings.dev", **extra_env}
    return subprocess.run([str(PRONGSAI), *args], check=False, capture_output=True, text=True, timeout=240,
                          env=environment, cwd=REPO)


# --- published values ------------------------------------------------------------------------------------


def test_the_two_published_keys_are_known_by_fingerprint_only():
    assert env.PUBLISHED_FINGERPRINTS == {
        "15c93e716f2e15618217d5b3d9197c7e88358421692ea175db0fb58f3e98c355",
        "cdec4377d6276138ca9d6ab0280221d5b838e105b592570cf29fd706eb0ac21e",
    }
    source = (REPO / "config" / "env.py").read_text()
    assert "identity.key" in source and not (REPO / "var" / "identity.key").is_relative_to(REPO / "config")


def test_a_key_file_holding_a_published_value_is_refused_with_the_way_out(tmp_path, monkeypatch):
    value = "a-value-everybody-has-seen-" * 2
    (tmp_path / "identity.key").write_text(value + "\n")  # the reader strips: the stripped value is compared
    monkeypatch.setenv("PRONGSAI_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PRONGSAI_IDENTITY_KEY", raising=False)
    monkeypatch.setattr(env, "PUBLISHED_FINGERPRINTS", frozenset({env.fingerprint(value)}))
    monkeypatch.setattr(env._KeyState, "allow_published", False)
    with pytest.raises(StartRefused) as refused:
        env.secret_from_file("PRONGSAI_IDENTITY_KEY", "identity.key")
    message = str(refused.value)
    assert "ระบบไม่เริ่มทำงาน" in message and "Refusing to start" in message
    assert "prongsai rotate_keys" in message and str(tmp_path / "identity.key") in message
    assert value not in message
    # rotate_keys, backup and restore may load it: they are what replaces it.
    monkeypatch.setattr(env._KeyState, "allow_published", True)
    assert env.secret_from_file("PRONGSAI_IDENTITY_KEY", "identity.key") == value


def test_a_published_value_in_the_environment_is_refused_too(monkeypatch):
    monkeypatch.setenv("PRONGSAI_SECRET_KEY", "x" * 60)
    monkeypatch.setattr(env, "PUBLISHED_FINGERPRINTS", frozenset({env.fingerprint("x" * 60)}))
    monkeypatch.setattr(env._KeyState, "allow_published", False)
    with pytest.raises(StartRefused, match="PRONGSAI_SECRET_KEY"):
        env.secret_from_file("PRONGSAI_SECRET_KEY", "secret_key")


# --- first run and permissions ---------------------------------------------------------------------------


def test_first_run_makes_private_keys_database_uploads_and_mail(tmp_path):
    data = tmp_path / "data"
    result = run(data, "migrate", "-v0")
    assert result.returncode == 0, result.stderr
    script = ("from django.core.files.base import ContentFile; from django.core.files.storage import "
              "default_storage;"
              "from django.core.mail import send_mail;"
              "default_storage.save('complaints/x.bin', ContentFile(b'x'));"
              "send_mail('s', 'b', 'a@example.test', ['b@example.test'])")
    result = run(data, "shell", "-c", script,
                 PRONGSAI_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend")
    assert result.returncode == 0, result.stderr
    assert mode(data) == 0o700
    keys = {p.name: p.read_text() for p in (data / "identity.key", data / "secret_key")}
    assert len(set(keys.values())) == 2 and all(len(v) >= 60 for v in keys.values())
    assert not [v for v in keys.values() if env.is_published(v)]
    for name in ("identity.key", "secret_key", "prongsai.sqlite3"):
        assert mode(data / name) == 0o600, name
    for name in ("uploads", "uploads/complaints", "mail", "tmp-uploads"):
        assert mode(data / name) == 0o700, name
    assert {mode(p) for p in (data / "uploads").rglob("*") if p.is_file()} == {0o600}
    assert {mode(p) for p in (data / "mail").iterdir()} == {0o600}
    # A second start keeps the keys it made.
    assert run(data, "migrate", "-v0").returncode == 0
    assert {p.name: p.read_text() for p in (data / "identity.key", data / "secret_key")} == keys


def test_an_open_data_dir_from_an_earlier_version_is_closed_at_start(tmp_path):
    data = tmp_path / "data"
    assert run(data, "migrate", "-v0").returncode == 0
    data.chmod(0o755)
    (data / "prongsai.sqlite3").chmod(0o644)
    (data / "identity.key").chmod(0o644)
    (data / "tmp-uploads").chmod(0o755)
    assert run(data, "showmigrations", "core").returncode == 0
    assert (mode(data), mode(data / "prongsai.sqlite3"), mode(data / "identity.key"),
            mode(data / "tmp-uploads")) \
        == (0o700, 0o600, 0o600, 0o700)


def test_a_missing_identity_key_is_not_replaced_while_identities_exist(tmp_path):
    data = tmp_path / "data"
    assert run(data, "migrate", "-v0").returncode == 0
    script = ("from org.loaders import agency_load; from complaints.services import case_submit;"
              "from complaints.crypto import Identity;"
              "case_submit(agency=agency_load(actor=None), channel='corruption', subject='ทุจริตการจัดซื้อ',"
              " details='มีการแบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงวิธีประกวดราคา', identity=Identity(name='นายลับ'))")
    result = run(data, "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    original = (data / "identity.key").read_text()
    (data / "identity.key").unlink()
    result = run(data, "showmigrations", "core")
    assert result.returncode == 2
    assert "identity.key" in result.stderr and "ไม่พบไฟล์กุญแจ" in result.stderr
    assert "is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (data / "identity.key").exists()  # nothing generated in its place
    # Another key in its place is refused as well; the right one starts.
    (data / "identity.key").write_text("not-the-key-that-encrypted-these-identities" * 2)
    result = run(data, "showmigrations", "core")
    assert result.returncode == 2 and "ไม่ใช่กุญแจที่เข้ารหัสข้อมูลเหล่านี้" in result.stderr
    (data / "identity.key").write_text(original)
    assert run(data, "showmigrations", "core").returncode == 0


@pytest.mark.django_db
def test_start_check_reads_the_oldest_and_newest_with_the_given_key(submit, settings, private_data_dir):
    assert "0/0" in check_identity_key("any key will do while nothing is stored")
    for i in range(3):
        submit(subject=f"เรื่องที่ {i}")
    assert "3" not in check_identity_key() and "2/2" in check_identity_key()
    with pytest.raises(StartRefused, match="0 of 2 identities"):
        check_identity_key("some other key entirely")
    assert "3/3" in check_identity_key(full=True)


# --- rotation --------------------------------------------------------------------------------------------


@pytest.fixture
def stored(submit, client, make_user, private_data_dir, identity):
    """Cases with identities and files, a session, an API token and throttle counters, as a running site
    has."""
    receipts = [submit(channel=Channel.CORRUPTION, files=[incoming("หลักฐาน.pdf", PDF)]), submit(),
                submit(identity=type(identity)())]
    attach_files(case=receipts[1].case, incoming=[incoming("รูป.png", PNG, "image/png", "png")],
                 kind="evidence")
    user = make_user("api.user")
    from accounts.services import api_token_create

    api_token_create(actor=user, user=user, name="ระบบเชื่อมต่อ")
    client.force_login(user)
    ThrottleCounter.objects.create(scope="code", key="k" * 64, window_start="2026-01-01T00:00Z", failures=2)
    return receipts


def _identities():
    return {c.pk: decrypt_identity(c.identity_token) for c in Case.objects.exclude(identity_token="")}


def _files():
    return {a.pk: open_attachment(a) for a in Attachment.objects.all()}


@pytest.mark.django_db
def test_rotation_reencrypts_everything_and_ends_sessions_and_tokens(stored, settings, private_data_dir):
    identities, files = _identities(), _files()
    old_key, old_secret = settings.PRONGSAI_IDENTITY_KEY, settings.SECRET_KEY
    old_names = set(Attachment.objects.values_list("storage_name", flat=True))
    assert len(identities) == 2 and len(files) == 2 and Session.objects.exists()

    result = rotation.rotate_keys()

    new_key = (private_data_dir / "identity.key").read_text()
    assert new_key != old_key and (private_data_dir / "secret_key").read_text() != old_secret
    assert mode(private_data_dir / "identity.key") == mode(private_data_dir / "secret_key") == 0o600
    assert (result.identities, result.attachments, result.tokens_revoked) == (2, 2, 1)
    settings.PRONGSAI_IDENTITY_KEY = new_key
    assert _identities() == identities and _files() == files
    new_names = set(Attachment.objects.values_list("storage_name", flat=True))
    assert not new_names & old_names
    # Old ciphertexts gone, nothing else left.
    assert set(file_sums(private_data_dir / "uploads")) == new_names
    assert {mode(private_data_dir / "uploads" / n) for n in new_names} == {0o600}
    settings.PRONGSAI_IDENTITY_KEY = old_key
    with pytest.raises(ApplicationError):
        decrypt_identity(Case.objects.exclude(identity_token="").first().identity_token)
    assert not Session.objects.exists() and not ThrottleCounter.objects.exists()
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()
    event = AuditEvent.objects.get(action="complaint.keys_rotate")
    assert event.new["identities"] == 2 and event.new["new_fingerprint"] == env.fingerprint(new_key)[:16]
    assert not list(private_data_dir.glob("*.new")) and not (private_data_dir / JOURNAL).exists()


@pytest.mark.django_db
def test_rotation_that_meets_an_unreadable_file_changes_nothing(stored, settings, private_data_dir):
    identities = _identities()
    tokens = dict(Case.objects.values_list("pk", "identity_token"))
    before = file_sums(private_data_dir / "uploads")
    victim = Attachment.objects.order_by("pk").last()
    (private_data_dir / "uploads" / victim.storage_name).write_bytes(b"gAAAA-not-a-token")
    before[victim.storage_name] = file_sums(private_data_dir / "uploads")[victim.storage_name]
    key = (private_data_dir / "identity.key").read_text()
    with pytest.raises(ApplicationError, match="ไม่ได้เปลี่ยนกุญแจ"):
        rotation.rotate_keys()
    assert (private_data_dir / "identity.key").read_text() == key
    assert dict(Case.objects.values_list("pk", "identity_token")) == tokens and _identities() == identities
    assert file_sums(private_data_dir / "uploads") == before
    assert not list(private_data_dir.glob("*.new")) and not (private_data_dir / JOURNAL).exists()
    assert not AuditEvent.objects.filter(action="complaint.keys_rotate").exists()


@pytest.mark.django_db
def test_a_rotation_stopped_after_its_commit_is_finished_by_the_next_run(stored, settings, private_data_dir,
                                                                         monkeypatch):
    identities, files = _identities(), _files()
    old_names = set(Attachment.objects.values_list("storage_name", flat=True))

    def crash():
        raise SystemExit("power cut")

    monkeypatch.setattr(rotation, "_install_pending_keys", crash)
    with pytest.raises(SystemExit):
        rotation.rotate_keys()
    monkeypatch.undo()
    assert (private_data_dir / JOURNAL).exists() and (private_data_dir / "identity.key.new").exists()
    with pytest.raises(StartRefused, match="rotate_keys"):
        check_identity_key()
    assert rotation.recover() == "committed"
    settings.PRONGSAI_IDENTITY_KEY = (private_data_dir / "identity.key").read_text()
    assert _identities() == identities and _files() == files
    assert not set(file_sums(private_data_dir / "uploads")) & old_names


@pytest.mark.django_db
def test_a_rotation_stopped_before_its_commit_is_undone(stored, settings, private_data_dir):
    key = (private_data_dir / "identity.key").read_text()
    sums = file_sums(private_data_dir / "uploads")
    leftover = "complaints/0123456789abcdef0123456789abcdef.bin"
    (private_data_dir / "uploads" / leftover).write_bytes(b"half-written")
    env.write_secret(private_data_dir / "identity.key.new", "never committed")
    (private_data_dir / JOURNAL).write_text(json.dumps({"id": "abc", "old_files": list(sums),
                                                        "new_files": [leftover]}))
    assert rotation.recover() == "rolled back"
    assert (private_data_dir / "identity.key").read_text() == key
    assert file_sums(private_data_dir / "uploads") == sums
    assert not (private_data_dir / "identity.key.new").exists() and not (private_data_dir / JOURNAL).exists()


@pytest.mark.django_db
def test_rotation_refuses_keys_set_in_the_environment(private_data_dir, monkeypatch):
    monkeypatch.setenv("PRONGSAI_IDENTITY_KEY", "from-the-environment")
    with pytest.raises(ApplicationError, match="PRONGSAI_IDENTITY_KEY"):
        rotation.rotate_keys()


@pytest.mark.django_db
def test_if_published_does_nothing_to_fresh_keys(stored, private_data_dir, capsys):
    key = (private_data_dir / "identity.key").read_text()
    call_command("rotate_keys", "--if-published")
    assert (private_data_dir / "identity.key").read_text() == key and Session.objects.exists()
    call_command("rotate_keys")
    assert (private_data_dir / "identity.key").read_text() != key
    assert "เปลี่ยนกุญแจแล้ว" in capsys.readouterr().out
    assert os.stat(private_data_dir).st_mode & 0o777 == 0o700


@pytest.mark.django_db
def test_if_published_rotates_a_data_dir_still_on_a_published_key(stored, settings, private_data_dir,
                                                                  monkeypatch, capsys):
    """What `make run` does for the demo data dir: the key is replaced and the data still reads."""
    identities = _identities()
    key = (private_data_dir / "identity.key").read_text()
    monkeypatch.setattr(env._KeyState, "published", {"PRONGSAI_IDENTITY_KEY"})
    call_command("rotate_keys", "--if-published")
    assert "เปลี่ยนกุญแจแล้ว" in capsys.readouterr().out
    settings.PRONGSAI_IDENTITY_KEY = (private_data_dir / "identity.key").read_text()
    assert settings.PRONGSAI_IDENTITY_KEY != key and _identities() == identities
