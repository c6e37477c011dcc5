"""The one place that reads the process environment.

Settings modules call these helpers; nothing else in the project touches os.environ for configuration.
"""

import hashlib
import os
import secrets
from pathlib import Path
from typing import ClassVar

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    """An unset or empty variable takes the default (`DATABASE_URL= make …` means "the embedded database")."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


# SHA-256 fingerprints of the two keys that were once committed to the repository (var/identity.key and
# var/secret_key). Anyone with a clone holds those values, so a data dir or an environment still using one of
# them must not start. Only the fingerprints are kept here, never the values.
PUBLISHED_FINGERPRINTS = frozenset({
    "15c93e716f2e15618217d5b3d9197c7e88358421692ea175db0fb58f3e98c355",
    "cdec4377d6276138ca9d6ab0280221d5b838e105b592570cf29fd706eb0ac21e",
})
SECRET_FILES = {"PRONGSAI_SECRET_KEY": "secret_key", "PRONGSAI_IDENTITY_KEY": "identity.key"}


class StartRefused(Exception):
    """A reason not to start, said in Thai and then in English; the console command prints it without a
    traceback and exits."""


class _KeyState:
    """What this process did with its secrets: maintenance commands may load a published key (to replace it),
    and restore must not create keys that the archive is about to bring."""

    allow_published = False
    generate = True
    generated: ClassVar[set[Path]] = set()
    published: ClassVar[set[str]] = set()


def key_maintenance(*, generate: bool = True) -> None:
    """Called by the console command before settings load, for rotate_keys, backup and restore."""
    _KeyState.allow_published = True
    _KeyState.generate = generate


def published_in_use() -> set[str]:
    """Names of the settings (PRONGSAI_SECRET_KEY, PRONGSAI_IDENTITY_KEY) that hold a published value."""
    return set(_KeyState.published)


def secret_in_environment(name: str) -> bool:
    return bool(os.environ.get(name))


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def is_published(value: str) -> bool:
    return fingerprint(value.strip()) in PUBLISHED_FINGERPRINTS


def data_dir() -> Path:
    """Where the embedded database, uploads and generated secrets live (outside the web root). Only the
    owner may enter it: it holds the identity key and every complainant's evidence."""
    path = Path(env_str("PRONGSAI_DATA_DIR", str(BASE_DIR / "var"))).resolve()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _tighten(path, 0o700)
    return path


def _tighten(path: Path, mode: int) -> None:
    """Take group and other permissions away (never add any); a path owned by someone else is left alone."""
    try:
        current = path.stat().st_mode & 0o777
        if current & ~mode:
            path.chmod(current & mode)
    except OSError:
        pass


def secure_data_dir() -> None:
    """Close what earlier versions left open: the data dir 0700, its files (database, keys, lists) 0600, its
    directories (uploads, mail, caches) 0700. Only the top level is visited; nothing below is reachable by
    others once the data dir itself is closed."""
    root = data_dir()
    for entry in root.iterdir():
        if entry.is_symlink():
            continue
        _tighten(entry, 0o700 if entry.is_dir() else 0o600)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_secret(path: Path, value: str, *, replace: bool = True) -> bool:
    """Write a key file atomically with mode 0600: a reader sees the old file or the whole new one, never a
    part. With replace=False an existing file wins (two processes starting at once agree on one key);
    returns whether this call's value was written."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(value)
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                return False
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)
    return True


def new_secret() -> str:
    return secrets.token_urlsafe(50)


def secret_from_file(name: str, filename: str) -> str:
    """Read a secret from the environment, else from (or, on first run, newly into) a file in the data dir.

    Keeps secrets out of the repository while letting `make run` work with no configuration. A published
    value is refused (StartRefused) unless a maintenance command is about to replace it.
    """
    value = os.environ.get(name)
    path = None
    if not value:
        path = data_dir() / filename
        if not path.exists():
            if not _KeyState.generate:
                # restore brings the real keys; until then this process runs on a throwaway value.
                return new_secret()
            if write_secret(path, new_secret(), replace=False):
                _KeyState.generated.add(path)
        _tighten(path, 0o600)
        value = path.read_text().strip()
        if not value:
            raise StartRefused(f"ไฟล์กุญแจ {path} ว่างเปล่า ระบบจึงไม่เริ่มทำงาน กรุณานำไฟล์กุญแจเดิมจากสำรองข้อมูลกลับมา\n"
                               f"The key file {path} is empty; restore it from a backup.")
    if is_published(value):
        _KeyState.published.add(name)
        if not _KeyState.allow_published:
            raise StartRefused("\n\n".join(_published_message(n, p) for n, p in _all_published()))
    return value


def _all_published() -> list[tuple[str, Path | None]]:
    """Every secret that holds a published value, so one refusal names them all."""
    found = []
    for name, filename in SECRET_FILES.items():
        value, path = os.environ.get(name), None
        if not value:
            path = data_dir() / filename
            value = path.read_text() if path.exists() else ""
        if value and is_published(value):
            found.append((name, path))
    return found


def _published_message(name: str, path: Path | None) -> str:
    identity = name == "PRONGSAI_IDENTITY_KEY"
    what_th = "กุญแจเข้ารหัสข้อมูลผู้ร้อง (identity key)" if identity else "SECRET_KEY ของ Django"
    what_en = "identity key" if identity else "Django SECRET_KEY"
    where_th = f"ไฟล์ {path}" if path else f"ตัวแปรสภาพแวดล้อม {name}"
    where_en = f"the file {path}" if path else f"the environment variable {name}"
    if path:
        fix_th = ("หยุดระบบ สำรองข้อมูล (`prongsai backup PATH`) แล้วสั่ง `prongsai rotate_keys` เพื่อเข้ารหัสข้อมูลใหม่"
                  "ด้วยกุญแจใหม่ (ถ้าเป็นเพียงข้อมูลทดลองจะลบโฟลเดอร์ข้อมูลแล้วเริ่มใหม่ก็ได้)")
        fix_en = ("stop the server, take a backup (`prongsai backup PATH`), then run `prongsai rotate_keys` "
                  "to "
                  "re-encrypt the data under new keys (for demo data you may instead delete the data dir).")
    elif identity:
        fix_th = (f"เอา {name} ออกจากสภาพแวดล้อม สั่ง `prongsai rotate_keys` (ใช้ไฟล์กุญแจในโฟลเดอร์ข้อมูล) "
                  f"แล้วใช้ไฟล์กุญแจใหม่นั้นต่อ หรือคัดลอกค่าใหม่ไปตั้งใน {name}")
        fix_en = (f"unset {name}, run `prongsai rotate_keys` (it works on the key files in the data dir), "
                  "then keep "
                  f"the new key file or copy its value into {name}.")
    else:
        fix_th = f"ตั้ง {name} เป็นค่าสุ่มใหม่ (ผู้ใช้ทุกคนจะต้องเข้าสู่ระบบใหม่)"
        fix_en = f"set {name} to a new random value (everyone signs in again)."
    return (f"ระบบไม่เริ่มทำงาน: {what_th} ใน{where_th} เป็นค่าที่เคยเผยแพร่ในที่เก็บซอร์สโค้ด "
            f"ผู้ที่มีสำเนาโค้ดรู้ค่านี้ทุกคน\nวิธีแก้: {fix_th}\n\n"
            f"Refusing to start: the {what_en} in {where_en} is a value that was published in the "
            "repository.\n"
            f"Fix: {fix_en}")


def forget_generated_secrets() -> list[Path]:
    """Remove the key files this process created: a start that was refused leaves the data dir as it found it
    (a new identity key beside data encrypted under another one would only hide the problem)."""
    removed = []
    for path in sorted(_KeyState.generated):
        path.unlink(missing_ok=True)
        removed.append(path)
    _KeyState.generated.clear()
    return removed


def generated_secrets() -> set[Path]:
    return set(_KeyState.generated)


def prepare_process_env() -> None:
    """Process-wide defaults for libraries that read the environment themselves (Thai NLP must never try the
    network, and keeps its cache in the data dir); called by the console command and the WSGI entry point."""
    # Everything the process writes (database, WAL, mail, caches, backups) is for its owner alone.
    os.umask(0o077)
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("PYTHAINLP_DATA", str(data_dir() / "pythainlp"))
    secure_data_dir()


def use_fresh_data_dir(prefix: str) -> Path:
    """Test runs: a new private data dir for this process (its keys included), never a developer's."""
    import tempfile

    path = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["PRONGSAI_DATA_DIR"] = str(path)
    return path
