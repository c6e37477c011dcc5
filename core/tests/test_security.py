import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

REPO = Path(settings.BASE_DIR)


def test_pages_carry_security_headers(client, agency):
    response = client.get("/units/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def _templates():
    for path in REPO.glob("**/templates/**/*.html"):
        if ".venv" not in path.parts:
            yield path


def test_templates_need_no_inline_script_or_style_so_csp_can_forbid_them():
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        if re.search(r'\sstyle="', text) or re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_health_endpoint(client):
    response = client.get("/healthz")  # the fields are checked in test_healthz
    assert response.status_code == 200 and response.json()["database"] == "ok"


def test_errors_are_explained_in_thai(client):
    response = client.get("/units/999999/")
    assert response.status_code == 404 and "ไม่พบหน้าที่ต้องการ" in response.content.decode()


# --- The client address behind the proxy
# -----------------------------------------------------------------------

def _request(remote, forwarded=None):
    from django.test import RequestFactory

    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(("trusted", "remote", "forwarded", "expected"), [
    # No proxy configured: the header is anyone's to write and is never read.
    ([], "127.0.0.1", "203.0.113.5", "127.0.0.1"),
    ([], "198.51.100.1", "203.0.113.5", "198.51.100.1"),
    # From the trusted proxy: the right-most address it appended.
    (["127.0.0.1"], "127.0.0.1", "203.0.113.5", "203.0.113.5"),
    (["127.0.0.1"], "127.0.0.1", "192.0.2.66, 203.0.113.5", "203.0.113.5"),
    # An untrusted peer cannot claim to be someone else.
    (["127.0.0.1"], "198.51.100.1", "203.0.113.5", "198.51.100.1"),
    # A chain of the agency's own proxies is skipped from the right.
    (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "192.0.2.66, 203.0.113.5, 10.1.2.3", "203.0.113.5"),
    (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "10.9.9.9, 10.1.2.3", "10.9.9.9"),
    # Nothing usable: the proxy's own address, never a made-up one.
    (["127.0.0.1"], "127.0.0.1", None, "127.0.0.1"),
    (["127.0.0.1"], "127.0.0.1", "not-an-address", "127.0.0.1"),
    (["::1"], "::1", "2001:db8::7", "2001:db8::7"),
    (["127.0.0.1"], "::ffff:127.0.0.1", "203.0.113.5", "203.0.113.5"),
])
def test_client_address(settings, trusted, remote, forwarded, expected):
    from core.middleware import client_address

    settings.PRONGSAI_TRUSTED_PROXIES = trusted
    assert client_address(_request(remote, forwarded)) == expected


def test_login_throttling_uses_the_same_resolver(settings):
    from axes.helpers import get_client_ip_address

    settings.PRONGSAI_TRUSTED_PROXIES = ["127.0.0.1"]
    assert get_client_ip_address(_request("127.0.0.1", "203.0.113.5")) == "203.0.113.5"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


# --- The production profile
# -----------------------------------------------------------------------------------

def _production(tmp_path, *args, **extra_env):
    import os
    import secrets
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRONGSAI_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", PRONGSAI_DATA_DIR=str(tmp_path),
               PRONGSAI_SECRET_KEY=secrets.token_urlsafe(50), PRONGSAI_IDENTITY_KEY=secrets.token_urlsafe(32),
               DATABASE_URL="", PYTHAINLP_OFFLINE="1", **extra_env)
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_the_production_profile_passes_the_deployment_check_without_a_warning(tmp_path):
    result = _production(tmp_path, "-m", "config.cli", "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert not re.search(r"\b[WE]\d{3}\b", output)


def test_the_production_profile_believes_the_https_header_only_with_a_trusted_proxy(tmp_path):
    script = ("import django; django.setup(); from django.conf import settings as s; "
              "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
              "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_PROXY_SSL_HEADER)")
    alone = _production(tmp_path, "-c", script)
    assert alone.stdout.split() == ["False", "True", "True", "True", "True", "None"], alone.stderr
    proxied = _production(tmp_path, "-c", script, PRONGSAI_TRUSTED_PROXIES="127.0.0.1")
    assert "('HTTP_X_FORWARDED_PROTO', 'https')" in proxied.stdout, proxied.stderr
