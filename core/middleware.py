"""Request plumbing every page shares: who the client is behind a proxy, when an idle session ends, and that
pages for signed-in people are never kept in a cache.

Nothing here knows a domain app; the throttles of login, complaint tracking and complaint filing all ask
`client_address` so that they agree on who is asking.
"""

from __future__ import annotations

import ipaddress
import time
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

IDLE_SESSION_KEY = "_last_seen"
# Writing the session on every request would cost a database write per page; a minute of slack is enough.
IDLE_STAMP_EVERY = 60
IDLE_MESSAGE = "ออกจากระบบอัตโนมัติแล้ว เนื่องจากไม่มีการใช้งานเกิน {minutes} นาที กรุณาเข้าสู่ระบบอีกครั้ง"


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip().strip("[]")
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is the same client.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_address(request) -> str | None:
    """The address of the client that sent the request.

    REMOTE_ADDR is the answer unless it is one of the configured trusted proxies
    (settings.PRONGSAI_TRUSTED_PROXIES: addresses or networks). Only then is X-Forwarded-For read, from the
    right: each proxy appends the peer it saw, so the right-most entry that is not itself a trusted proxy is
    the client. Entries further left were written by the client and could say anything. A header that gives
    nothing usable leaves the proxy's own address: every such client then shares one counter, which is the
    safe failure (no one can pick a fresh identity by writing a header).
    """
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = _networks(tuple(getattr(settings, "PRONGSAI_TRUSTED_PROXIES", ())))
    peer = _address(remote) if remote else None
    if peer is None or not trusted or not any(peer in net for net in trusted):
        return str(peer) if peer is not None else remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    found = None
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break
        found = address
        if not any(address in net for net in trusted):
            return str(address)
    # Every hop was a trusted proxy (a chain inside the agency): the left-most one is the nearest to the
    # client.
    return str(found) if found is not None else str(peer)


class IdleTimeoutMiddleware:
    """Ends a signed-in session after settings.PRONGSAI_SESSION_IDLE_MINUTES without a request.

    The request that arrives too late goes on as an anonymous one: staff pages then send it to the login page
    (with a message saying why) and the API answers 401, each as it already does for anyone not signed in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        minutes = getattr(settings, "PRONGSAI_SESSION_IDLE_MINUTES", 60)
        if user is not None and session is not None and minutes and user.is_authenticated:
            now = int(time.time())
            seen = session.get(IDLE_SESSION_KEY)
            if seen is not None and now - seen > minutes * 60:
                logout(request)
                messages.warning(request, IDLE_MESSAGE.format(minutes=minutes))
            elif seen is None or now - seen >= IDLE_STAMP_EVERY:
                session[IDLE_SESSION_KEY] = now
        response = self.get_response(request)
        # The request that signs in starts the clock (its session is new, and may be left idle from here on).
        user = getattr(request, "user", None)
        if (minutes and session is not None and user is not None and user.is_authenticated
                and IDLE_SESSION_KEY not in session):
            session[IDLE_SESSION_KEY] = int(time.time())
        return response


class NoStoreMiddleware:
    """Pages answered to a signed-in person are private: no browser history cache, no shared proxy cache may
    keep them (a shared office computer would otherwise show the last user's pages with the back button).
    Public pages keep whatever caching they chose."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        response = self.get_response(request)
        # Read again: the login request itself ends signed in, the logout request ends anonymous.
        user = getattr(request, "user", None)
        if signed_in or (user is not None and user.is_authenticated):
            mark_no_store(response)
        return response


def mark_no_store(response):
    """`Cache-Control: no-store, private`, keeping a stricter header a view already set."""
    current = response.get("Cache-Control", "")
    if "no-store" not in current or "private" not in current:
        response["Cache-Control"] = "no-store, private"
    response.headers.pop("Expires", None)
    return response
