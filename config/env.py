"""The one place that reads the process environment.

Settings modules call these helpers; nothing else in the project touches os.environ for configuration.
"""

import os
from pathlib import Path

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


def data_dir() -> Path:
    """Where the embedded database, uploads and generated secrets live (outside the web root)."""
    path = Path(env_str("PRONGSAI_DATA_DIR", str(BASE_DIR / "var"))).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_from_file(name: str, filename: str) -> str:
    """Read a secret from the environment, else from (or newly into) a file in the data dir.

    Keeps secrets out of the repository while letting `make run` work with no configuration.
    """
    value = os.environ.get(name)
    if value:
        return value
    path = data_dir() / filename
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def prepare_process_env() -> None:
    """Process-wide defaults for libraries that read the environment themselves (Thai NLP must never try the
    network, and keeps its cache in the data dir); called by the console command and the WSGI entry point."""
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("PYTHAINLP_DATA", str(data_dir() / "pythainlp"))
