"""Which agency the current public request is for.

Public pages, forms and the public API are served per agency under /a/<agency-code>/… (site_shell's
AgencyPrefixMiddleware sets this for the request); without a prefix they serve the first agency, as they
always have. The selectors that pick "the public agency" (complaints.selectors.default_agency,
portal.selectors.public_agency) read it first, so every view below them follows without being changed.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

# The addresses each agency serves for itself under its prefix; every other page exists once, unprefixed.
PUBLIC_PATHS = ("/public/", "/complaints/public/", "/procurement/public/", "/api/complaints", "/units/")

_served = ContextVar("served_agency", default=None)


def served_agency():
    """The agency named by the request's /a/<code>/ prefix, or None."""
    return _served.get()


@contextmanager
def serving(agency):
    token = _served.set(agency)
    try:
        yield agency
    finally:
        _served.reset(token)
