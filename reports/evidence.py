"""Evidence files (type decided by content, size-limited, hashed) and evidence links (checked, never
internal).

A file's type is what its bytes say, and its name must agree: a renamed executable stays an executable and
is refused, and so is a picture named ``.hta``.
A link is only ever fetched after its host has been resolved and every address found public, and the
connection goes to the address that was checked, so a name that later resolves elsewhere cannot steer the
check into the internal network. Redirects are followed by hand and each target is checked the same way.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from core.errors import ApplicationError
from core.uploads import KINDS, display_filename, human_size, identify

ALLOWED_KINDS = ("pdf", "jpg", "png", "gif", "webp", "docx", "xlsx", "pptx", "odt", "ods")
# extension → (mime, Thai label)
ALLOWED_TYPES = {key: (KINDS[key].mime, KINDS[key].label) for key in ALLOWED_KINDS}
CHUNK = 64 * 1024
LINK_TIMEOUT_S = 5
MAX_REDIRECTS = 3


@dataclass(frozen=True)
class SniffedFile:
    extension: str
    mime: str
    size: int
    sha256: str


def max_upload_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 20 * 1024 * 1024))


def sniff_upload(uploaded) -> SniffedFile:
    """Check an uploaded file's size and content type and hash it; raises ApplicationError in Thai."""
    limit = max_upload_bytes()
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise ApplicationError(
            f"ไฟล์ {uploaded.name} มีขนาด {human_size(size)} เกินกำหนด {human_size(limit)}",
            field="evidence_file",
        )
    uploaded.seek(0)
    head = uploaded.read(CHUNK)
    if not head:
        raise ApplicationError(f"ไฟล์ {uploaded.name} ว่างเปล่า", field="evidence_file")
    digest = hashlib.sha256(head)
    total = len(head)
    while chunk := uploaded.read(CHUNK):
        total += len(chunk)
        if total > limit:
            raise ApplicationError(
                f"ไฟล์ {uploaded.name} มีขนาดเกินกำหนด {human_size(limit)}", field="evidence_file"
            )
        digest.update(chunk)
    uploaded.seek(0)
    kind = identify(uploaded, uploaded.name, ALLOWED_KINDS, field="evidence_file")
    return SniffedFile(extension=kind.key, mime=kind.mime, size=total, sha256=digest.hexdigest())


def clean_filename(name: str) -> str:
    return display_filename(name, "ไฟล์หลักฐาน")


# --- links ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkCheck:
    status: str  # ok | broken | blocked
    http_status: int | None
    note: str


def _allow_private() -> bool:
    # Only test settings turn this on, so a live test server on loopback can stand in for a website.
    return bool(getattr(settings, "REPORTS_LINKCHECK_ALLOW_PRIVATE", False))


def validate_link_url(url: str) -> str:
    """Shape rules for an evidence link (checked in the form and again by the service)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise ApplicationError("ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://", field="link_url")
    if not parts.hostname:
        raise ApplicationError("ลิงก์ไม่มีชื่อเว็บไซต์", field="link_url")
    if parts.username or parts.password:
        raise ApplicationError("ลิงก์ต้องไม่มีชื่อผู้ใช้หรือรหัสผ่าน", field="link_url")
    if len(url) > 2000:
        raise ApplicationError("ลิงก์ยาวเกินไป", field="link_url")
    return url


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve_public(host: str, port: int) -> str:
    """The first address of `host`, provided every address it resolves to is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise LinkBlocked(f"ไม่พบชื่อเว็บไซต์ {host}", broken=True) from exc
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise LinkBlocked(f"ไม่พบชื่อเว็บไซต์ {host}", broken=True)
    if not _allow_private() and not all(_is_public(a) for a in addresses):
        raise LinkBlocked("ลิงก์ชี้ไปยังที่อยู่ภายในเครือข่าย ระบบจะไม่เปิดตรวจ")
    return addresses[0]


class LinkBlocked(Exception):
    def __init__(self, note: str, *, broken: bool = False):
        super().__init__(note)
        self.note = note
        self.broken = broken


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def _request(url: str) -> tuple[int, str | None]:
    parts = urlsplit(url)
    https = parts.scheme.lower() == "https"
    port = parts.port or (443 if https else 80)
    address = resolve_public(parts.hostname, port)
    connection_class = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, port, address, timeout=LINK_TIMEOUT_S)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {"User-Agent": "Prongsai-LinkCheck/1.0", "Accept": "*/*"}
    try:
        for method in ("HEAD", "GET"):
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            response.read(0 if method == "HEAD" else 1024)
            if method == "HEAD" and response.status in (403, 405, 501):
                # Some servers refuse HEAD; ask again the ordinary way before calling the link broken.
                connection.close()
                continue
            return response.status, response.getheader("Location")
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def check_link(url: str) -> LinkCheck:
    """Open a link the careful way and say whether it works. Never raises for network trouble."""
    try:
        current = validate_link_url(url)
    except ApplicationError as exc:
        return LinkCheck("blocked", None, exc.message)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location = _request(current)
            if status in (301, 302, 303, 307, 308) and location:
                current = validate_link_url(urljoin(current, location))
                continue
            if status < 400:
                return LinkCheck("ok", status, "")
            return LinkCheck("broken", status, f"เว็บไซต์ตอบกลับรหัส {status}")
        return LinkCheck("broken", None, "ลิงก์ส่งต่อหลายทอดเกินไป")
    except LinkBlocked as exc:
        return LinkCheck("broken" if exc.broken else "blocked", None, exc.note)
    except ApplicationError as exc:
        return LinkCheck("blocked", None, exc.message)
    except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
        return LinkCheck("broken", None, f"เปิดลิงก์ไม่ได้ ({type(exc).__name__})")


# --- fetching a link's body (ITA snapshots) ---------------------------------------------------------


@dataclass(frozen=True)
class LinkFetch:
    status: str  # ok | broken | blocked
    http_status: int | None
    note: str
    final_url: str
    content_type: str
    body: bytes
    truncated: bool


def _get_capped(url: str, max_bytes: int) -> tuple[int, str | None, str, bytes, bool]:
    # The same pinned connection as `_request`: the address checked is the address connected to.
    parts = urlsplit(url)
    https = parts.scheme.lower() == "https"
    port = parts.port or (443 if https else 80)
    address = resolve_public(parts.hostname, port)
    connection_class = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, port, address, timeout=LINK_TIMEOUT_S)
    path = (parts.path or "/") + (("?" + parts.query) if parts.query else "")
    try:
        connection.request("GET", path, headers={"User-Agent": "Prongsai-LinkCheck/1.0", "Accept": "*/*"})
        response = connection.getresponse()
        body = response.read(max_bytes + 1)
        return (response.status, response.getheader("Location"), response.getheader("Content-Type") or "",
                body[:max_bytes], len(body) > max_bytes)
    finally:
        connection.close()


def fetch_link(url: str, *, max_bytes: int) -> LinkFetch:
    """`check_link` that also keeps what the page answered (at most `max_bytes` of it), for a dated
    snapshot. Same safety: shape rules, public addresses only, redirects checked one by one."""
    def result(status, http_status=None, note="", final="", ctype="", body=b"", truncated=False):
        return LinkFetch(status, http_status, note, final, ctype, body, truncated)

    try:
        current = validate_link_url(url)
    except ApplicationError as exc:
        return result("blocked", note=exc.message)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location, ctype, body, truncated = _get_capped(current, max_bytes)
            if status in (301, 302, 303, 307, 308) and location:
                current = validate_link_url(urljoin(current, location))
                continue
            if status < 400:
                return result("ok", status, "", current, ctype, body, truncated)
            return result("broken", status, f"เว็บไซต์ตอบกลับรหัส {status}", current, ctype, body, truncated)
        return result("broken", note="ลิงก์ส่งต่อหลายทอดเกินไป", final=current)
    except LinkBlocked as exc:
        return result("broken" if exc.broken else "blocked", note=exc.note, final=current)
    except ApplicationError as exc:
        return result("blocked", note=exc.message)
    except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
        return result("broken", note=f"เปิดลิงก์ไม่ได้ ({type(exc).__name__})", final=current)
