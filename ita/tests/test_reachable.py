"""Issue 13's test of the public face: an anonymous visitor who starts at the public home reaches, by
following the site's own links, every OIT item's public page that the system answers."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from ita import selectors

pytestmark = pytest.mark.django_db
HREF = re.compile(r'href="([^"#]+)')
MAX_PAGES = 400


def _crawl(client, start: str) -> set[str]:
    seen, queue = {start}, deque([start])
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            target = urlsplit(urljoin(path, href))
            if target.scheme not in ("", "http") or target.netloc not in ("", "testserver"):
                continue
            if target.path.startswith(("/static/", "/accounts/", "/api/")) or "/manage/" in target.path:
                continue
            link = target.path + (f"?{target.query}" if target.query else "")
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return seen


def test_every_answered_oit_item_is_reachable_from_the_public_home(client, agency, plan):
    from accounts.models import User
    from ita import demo
    from site_shell.demo import load_demo_accounts

    load_demo_accounts(agency)
    demo.load(agency=agency, plan=plan)
    reader = client.__class__()
    reader.force_login(User.objects.get(username="planadmin"))
    fy = selectors.current_fiscal_year()
    items = [i for i in reader.get(f"/api/ita/{fy}/items").json()["items"] if i["kind"] == "oit"]
    answered = {i["code"]: urlsplit(i["public_url"]) for i in items if i["public_url"]}
    assert len(answered) >= 0.8 * len(items) == 0.8 * 43
    reached = _crawl(client, "/public/")
    paths = {urlsplit(link).path for link in reached}
    missing = {code: u.path for code, u in answered.items()
               if (u.path + (f"?{u.query}" if u.query else "")) not in reached and u.path not in paths}
    assert not missing, f"not reachable from /public/: {missing}"
