"""Checking the links of ITA items and report evidence, keeping a dated snapshot of each answer.

Two ways to open a link:
- a page of this system (a route, or an address on this site's own host, PRONGSAI_SITE_URL) is requested
  inside the process through the full middleware stack as an anonymous visitor. That answers the question
  ITA asks — does the page open for anyone, without signing in? — without going out to the network and back
  to a loopback address, which the checker refuses by design (internal addresses are never fetched);
- any other address goes through `reports.evidence.fetch_link`: public addresses only, redirects checked
  one by one, the body capped at ITA_SNAPSHOT_MAX_BYTES.
Each check stores a LinkSnapshot (status, final URL, content type, size, SHA-256, the body itself in the
private upload storage). A dead link, or a page whose content changed, alerts the item's owner.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.thai import to_thai_digits
from ita.models import ItaItem, ItemLink, LinkAlert, LinkSnapshot
from org.selectors import unprefixed_agency
from org.serving import PUBLIC_PATHS
from portal import selectors as portal_selectors

TOKENS_RE = re.compile(rb'(csrfmiddlewaretoken" value="|nonce="|name="csrf-token" content=")[^"]*')
MAX_INTERNAL_REDIRECTS = 3


def max_bytes() -> int:
    return int(getattr(settings, "ITA_SNAPSHOT_MAX_BYTES", 2 * 1024 * 1024))


@dataclass
class Fetched:
    status: str  # ok | broken | blocked
    http_status: int | None
    note: str
    final_url: str
    content_type: str
    body: bytes
    truncated: bool
    anonymous_200: bool


def _site() -> tuple[str, str]:
    parts = urlsplit(settings.SITE_URL)
    return parts.scheme or "http", parts.netloc


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def route_path(route: str, agency=None) -> str | None:
    """The path of "app:name arg…", or None while no such page exists (the portal may add it later).

    A public page is the agency's own: under its /a/<code>/ prefix (org.serving), except for the agency the
    unprefixed pages serve, whose addresses stay as they were given to the assessors (a clarification is
    judged on the original links). Pages that exist once (staff pages, the survey) are never prefixed."""
    name, *args = route.split()
    try:
        path = reverse(name, args=args)
    except NoReverseMatch:
        return None
    if agency is None or not path.startswith(PUBLIC_PATHS):
        return path
    unprefixed = unprefixed_agency()
    return path if unprefixed is not None and agency.pk == unprefixed.pk else f"/a/{agency.code}{path}"


def _section_empty(agency, args: list[str], fiscal_year: int) -> str:
    if args and portal_selectors.section_is_empty(agency, args[0]):
        return "หน้าเปิดได้ แต่ยังไม่มีเนื้อหาเผยแพร่ในหมวดนี้"
    return ""


def _budget_empty(agency, args: list[str], fiscal_year: int) -> str:
    if args and portal_selectors.budget_kind_is_empty(agency, args[0], fiscal_year):
        return f"หน้าเปิดได้ แต่ยังไม่มีเนื้อหาเผยแพร่ของปีที่ประเมิน (ปีงบประมาณ พ.ศ. {fiscal_year})"
    return ""


# Pages that answer 200 with nothing published (the visitor reads "ยังไม่มี…"): such a page is no evidence,
# however well it opens. Route name -> the note when the agency's page is empty for the assessed year, or "".
EMPTY_PAGES = {"portal:section": _section_empty, "portal:budget": _budget_empty}


def _empty_note(route: str, agency, fiscal_year: int) -> str:
    name, *args = route.split() or [""]  # a link given by address has no route
    check = EMPTY_PAGES.get(name)
    return check(agency, args, fiscal_year) if check else ""


def internal_path(url: str) -> str | None:
    """The path of an absolute address on this site's own host, else None."""
    parts = urlsplit(url)
    if parts.netloc and parts.netloc.lower() == _site()[1].lower():
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return None


_handler: BaseHandler | None = None


def _get_handler() -> BaseHandler:
    global _handler
    if _handler is None:
        handler = BaseHandler()
        handler.load_middleware()
        _handler = handler
    return _handler


def _internal_get(path: str):
    scheme, netloc = _site()
    host, _, port = netloc.partition(":")
    path_only, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path_only, "QUERY_STRING": query, "SCRIPT_NAME": "",
        "SERVER_NAME": host, "SERVER_PORT": port or ("443" if scheme == "https" else "80"),
        "HTTP_HOST": netloc, "REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": "Prongsai-LinkCheck/1.0",
        "wsgi.input": io.BytesIO(b""), "wsgi.url_scheme": scheme, "SERVER_PROTOCOL": "HTTP/1.1",
    }
    return _get_handler().get_response(WSGIRequest(environ))


def _release(response) -> None:
    """Close the response's files without HttpResponse.close(): that also sends request_finished, whose
    receiver closes the database connection, and a check runs inside a task's (or a test's) transaction."""
    for closer in getattr(response, "_resource_closers", []):
        closer()
    response._resource_closers = []


def fetch_internal(path: str) -> Fetched:
    """This system's page `path` as an anonymous visitor sees it (a sign-in redirect is not public)."""
    login = reverse(settings.LOGIN_URL)
    current = path
    for _ in range(MAX_INTERNAL_REDIRECTS + 1):
        response = _internal_get(current)
        location = response.get("Location", "")
        if response.status_code in (301, 302, 303, 307, 308) and location:
            target = internal_path(location) or (location if location.startswith("/") else None)
            if target is None or target.split("?")[0] == login:
                note = "ต้องเข้าสู่ระบบก่อน" if target else "ส่งต่อไปเว็บไซต์อื่น"
                return Fetched("broken", response.status_code, note, absolute(current), "", b"", False, False)
            current = urljoin(current, target)
            continue
        limit = max_bytes()
        chunks, total = [], 0
        content = response.streaming_content if response.streaming else [response.content]
        for chunk in content:
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                break
        _release(response)
        body = b"".join(chunks)
        status = response.status_code
        ok = status < 400
        return Fetched("ok" if ok else "broken", status, "" if ok else f"หน้าตอบกลับรหัส {status}",
                       absolute(current), response.get("Content-Type", ""), body[:limit], len(body) > limit,
                       status == 200)
    return Fetched("broken", None, "ส่งต่อหลายทอดเกินไป", absolute(current), "", b"", False, False)


def fetch(url: str) -> Fetched:
    path = internal_path(url)
    if path is not None:
        return fetch_internal(path)
    from reports.evidence import fetch_link

    r = fetch_link(url, max_bytes=max_bytes())
    return Fetched(r.status, r.http_status, r.note, r.final_url, r.content_type, r.body, r.truncated,
                   r.status == "ok" and r.http_status == 200)


def years_in(body: bytes, content_type: str, fiscal_year: int) -> bool | None:
    """Whether the page names the fiscal year (or the year before, for annual reports), in either kind of
    digits; None when the content is not text and cannot be read for it."""
    if content_type and not content_type.startswith(("text/", "application/json", "application/xhtml")):
        return None
    text = body.decode("utf-8", errors="ignore")
    for year in (fiscal_year, fiscal_year - 1):
        if str(year) in text or to_thai_digits(str(year)) in text:
            return True
    return False


def store_snapshot(*, agency, url: str, fetched: Fetched, item_link=None, evidence_link=None) -> LinkSnapshot:
    """Save the answer as a snapshot and compare it with the link's previous one."""
    previous_qs = LinkSnapshot.objects.filter(item_link=item_link, evidence_link=evidence_link)
    previous = previous_qs.order_by("-checked_at", "-id").first()
    body = fetched.body
    snapshot = LinkSnapshot(
        agency=agency, item_link=item_link, evidence_link=evidence_link, url=url[:2000],
        checked_at=timezone.now(), status=fetched.status, http_status=fetched.http_status,
        final_url=fetched.final_url[:2000], content_type=fetched.content_type[:200], size=len(body),
        truncated=fetched.truncated, note=fetched.note[:255],
        sha256=hashlib.sha256(body).hexdigest() if body else "",
        fingerprint=hashlib.sha256(TOKENS_RE.sub(rb"\1", body)).hexdigest() if body else "",
    )
    if body:
        snapshot.file.save("snapshot", ContentFile(body), save=False)
    snapshot.changed = bool(previous and previous.status == "ok" and fetched.status == "ok"
                            and previous.fingerprint != snapshot.fingerprint)
    snapshot.save()
    now_dead = fetched.status != "ok" and (previous is None or previous.status == "ok")
    owner = None
    if item_link is not None:
        owner = item_link.item.owner
    elif evidence_link is not None:
        owner = evidence_link.created_by
    if now_dead or snapshot.changed:
        _alert(snapshot, LinkAlert.Kind.DEAD if now_dead else LinkAlert.Kind.CHANGED, owner,
               item=item_link.item if item_link else None)
    return snapshot


def _alert(snapshot: LinkSnapshot, kind: str, owner, *, item: ItaItem | None) -> LinkAlert:
    from django.core.mail import send_mail

    alert = LinkAlert.objects.create(snapshot=snapshot, kind=kind, recipient=owner)
    if owner is not None and owner.email:
        about = f"ข้อ {item.code} {item.text} (ITA {item.year.fiscal_year})" if item else "หลักฐานในรายงานผล"
        if kind == LinkAlert.Kind.DEAD:
            subject = f"ลิงก์เปิดไม่ได้: {about}"
            lead = f"ลิงก์ {snapshot.url} เปิดไม่ได้ ({snapshot.note or snapshot.http_status})"
        else:
            subject = f"เนื้อหาของลิงก์เปลี่ยน: {about}"
            lead = f"เนื้อหาที่ลิงก์ {snapshot.url} เปลี่ยนจากการตรวจครั้งก่อน"
        where = absolute(reverse("ita:item", args=[item.pk])) if item else ""
        body = (f"{lead}\nรายการ: {about}\nตรวจเมื่อ {timezone.localtime(snapshot.checked_at):%Y-%m-%d %H:%M}\n"
                f"{where}\n\n—\nอีเมลฉบับนี้ส่งจากระบบโปร่งใสโดยอัตโนมัติ กรุณาอย่าตอบกลับ")
        try:
            send_mail(subject, body, None, [owner.email])
            alert.mailed = True
            alert.save(update_fields=["mailed"])
        except OSError:
            pass  # the notice record stays; the board shows it
    return alert


def check_item_link(link: ItemLink) -> LinkSnapshot | None:
    """Check one item link, record its colour and keep a snapshot (None when the route has no page)."""
    item = link.item
    year = item.year
    now = timezone.now()
    if link.route:
        path = route_path(link.route, year.agency)
        if path is None:
            link.status, link.http_status, link.public_ok = ItemLink.Status.RED, None, False
            link.resolved_url, link.checked_at = "", now
            link.check_note = "ยังไม่มีหน้านี้ในระบบ"
            link.save()
            return None
        url = absolute(path)
    else:
        url = link.url
    fetched = fetch(url)
    snapshot = store_snapshot(agency=year.agency, url=url, fetched=fetched, item_link=link)
    if fetched.status != "ok":
        status, note = ItemLink.Status.RED, fetched.note
    elif not fetched.anonymous_200:
        status, note = ItemLink.Status.AMBER, f"หน้าตอบกลับรหัส {fetched.http_status}"
    elif empty := _empty_note(link.route, year.agency, year.fiscal_year):
        status, note = ItemLink.Status.AMBER, empty
    elif not item.yearly:
        status, note = ItemLink.Status.GREEN, ""
    else:
        found = years_in(fetched.body, fetched.content_type, year.fiscal_year)
        if found:
            status, note = ItemLink.Status.GREEN, ""
        elif found is None:
            status, note = ItemLink.Status.AMBER, "ตรวจปีของข้อมูลจากเนื้อหาไม่ได้ (ไม่ใช่หน้าเว็บ)"
        else:
            status = ItemLink.Status.AMBER
            note = f"ไม่พบข้อมูลของปี {year.fiscal_year} หรือ {year.fiscal_year - 1}"
    link.status, link.http_status, link.public_ok = status, fetched.http_status, fetched.anonymous_200
    link.resolved_url, link.checked_at, link.check_note = url, now, note[:255]
    link.save()
    return snapshot


def check_evidence_link(evidence_link) -> LinkSnapshot:
    """Re-check a report's evidence link (its status fields are the reports app's check result)."""
    fetched = fetch(evidence_link.url)
    agency = evidence_link.report.round.plan.agency
    snapshot = store_snapshot(agency=agency, url=evidence_link.url, fetched=fetched,
                              evidence_link=evidence_link)
    evidence_link.status = fetched.status
    evidence_link.http_status = fetched.http_status
    evidence_link.checked_at = snapshot.checked_at
    evidence_link.check_note = fetched.note[:255]
    evidence_link.save(update_fields=["status", "http_status", "checked_at", "check_note"])
    return snapshot
