"""Serving the public over HTTPS: `DJANGO_SETTINGS_MODULE=config.settings.production`.

Everything the base settings hold, plus what a site on the internet needs: HTTP is redirected to HTTPS,
browsers are told (HSTS) to use nothing else, and cookies never travel unencrypted. With it,
`prongsai check --deploy` reports no issue.
"""

from config.env import env_bool, env_int

from .base import *  # noqa: F403 (a settings profile extends the base settings)
from .base import PRONGSAI_TRUSTED_PROXIES

DEBUG = False

SECURE_SSL_REDIRECT = env_bool("PRONGSAI_SSL_REDIRECT", True)
# A year, covering subdomains. Preload only marks the header as eligible: the domain joins the browsers' list
# when its owner submits it, after which HTTPS cannot be undone quickly; set PRONGSAI_HSTS_PRELOAD=0 if the
# agency's domain has subdomains that are not yet on HTTPS.
SECURE_HSTS_SECONDS = env_int("PRONGSAI_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("PRONGSAI_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("PRONGSAI_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The proxy that ends TLS says so in X-Forwarded-Proto. Believed only when a trusted proxy is configured: that
# proxy sets the header on every request, so a client cannot fake it; without one nothing may claim HTTPS.
# (gunicorn also reads the header itself, from the addresses in its --forwarded-allow-ips.)
if PRONGSAI_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
