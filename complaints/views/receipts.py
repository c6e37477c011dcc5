"""Showing a receipt after a filing without filing again on reload (post/redirect/get).

The filing POST keeps the receipt (tracking code and secret) in the visitor's own session under a random
one-time token and redirects to a page named by that token; reloading that page only reads the session. The
receipt is encrypted in the session store (the database holds sessions, and must not hold a secret in the
clear), lasts RECEIPT_MINUTES, and is readable only with the session cookie of the browser that filed: the
token in the address alone shows nothing, and the page sends no referrer, so the address leaks no code.
"""

from __future__ import annotations

import json
import secrets
import time
from importlib import import_module

from django.conf import settings

from complaints.crypto import decrypt_text, encrypt_text
from complaints.services.intake import Receipt, submit_key_hash
from core.errors import ApplicationError

SESSION_KEY = "complaint_receipts"
RECEIPT_MINUTES = 10
FORM_KEY_BYTES = 24


def new_form_key() -> str:
    """The hidden key a filing form carries, so the same form sent twice files once."""
    return secrets.token_urlsafe(FORM_KEY_BYTES)


def ensure_session(request) -> None:
    """Open the session when the form is shown, so a double submit's two requests share one session."""
    if SESSION_KEY not in request.session:
        request.session[SESSION_KEY] = {}


def _fresh(entries: dict) -> dict:
    cutoff = time.time() - RECEIPT_MINUTES * 60
    return {token: e for token, e in entries.items() if e.get("at", 0) >= cutoff}


def keep(request, receipt: Receipt, submit_key: str) -> str:
    """Put the receipt in the session; returns the token of its page."""
    token = secrets.token_urlsafe(18)
    entries = _fresh(request.session.get(SESSION_KEY, {}))
    payload = json.dumps({"code": receipt.tracking_code, "secret": receipt.secret})
    entries[token] = {"p": encrypt_text(payload), "case": receipt.case.pk, "key": submit_key_hash(submit_key),
                      "at": time.time()}
    request.session[SESSION_KEY] = entries
    return token


def read(request, token: str) -> tuple[int, str, str] | None:
    """(case id, tracking code, secret) of a receipt kept in this session, or None when gone."""
    entries = request.session.get(SESSION_KEY, {})
    fresh = _fresh(entries)
    if len(fresh) != len(entries):
        request.session[SESSION_KEY] = fresh
    entry = fresh.get(token)
    if entry is None:
        return None
    try:
        data = json.loads(decrypt_text(entry["p"]))
    except (ApplicationError, ValueError, KeyError):
        return None  # kept under a key since rotated: as good as expired
    return entry["case"], data["code"], data["secret"]


def token_for(request, submit_key: str, *, wait_seconds: float = 3.0) -> str | None:
    """The receipt token of the case this form key filed, if this browser's session holds it.

    A double click sends the second request before the first has answered; the first one's session is saved
    just after its transaction commits, so look again for a moment instead of reporting the receipt lost.
    The session is read afresh from the store and never written here, so nothing the first request saved is
    overwritten.
    """
    wanted = submit_key_hash(submit_key)
    session_key = request.session.session_key
    if not wanted or not session_key:
        return None
    engine = import_module(settings.SESSION_ENGINE)
    deadline = time.monotonic() + wait_seconds
    while True:
        store = engine.SessionStore(session_key)
        for token, entry in _fresh(store.get(SESSION_KEY, {})).items():
            if entry.get("key") == wanted:
                return token
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.1)


def no_referrer(response):
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response
