"""Checks that run before any command or web worker starts (see config.cli and config.wsgi).

The checks themselves belong to the apps that own the data (settings.PRONGSAI_KEY_CHECKS names them), so the
kernel knows nothing of complaints: each is called with the identity key to test and raises
config.env.StartRefused with a message for the operator.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string


def key_checks():
    return [import_string(path) for path in getattr(settings, "PRONGSAI_KEY_CHECKS", [])]


def run_key_checks(identity_key: str | None = None, *, full: bool = False) -> list[str]:
    """Every check, in order; returns what each verified (for backup and restore to print)."""
    key = settings.PRONGSAI_IDENTITY_KEY if identity_key is None else identity_key
    return [line for check in key_checks() if (line := check(key, full=full))]
