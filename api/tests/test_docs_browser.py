"""The API documentation works in a real browser under the site's own CSP, with its scripts served from this
site (an installed package's static files), never from a CDN."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_every_operation_from_local_assets(live_server, page):
    outside, blocked = [], []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) or r.url.startswith("data:")
            else outside.append(r.url))
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(f"{live_server.url}/api/docs")
    assert response.status == 200 and "content-security-policy" in response.headers
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=15000)
    spec = page.request.get(f"{live_server.url}/api/openapi.json").json()
    operations = sum(len(methods) for methods in spec["paths"].values())
    assert page.locator(".swagger-ui .opblock").count() == operations
    assert outside == [] and blocked == []
