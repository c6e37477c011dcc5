"""The public home in a browser at a phone's width and a desktop's: the identity shows, nothing overflows,
and the basic accessibility checks (lang, alt text, heading order, labelled fields) hold."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from org.services import agency_profile_update
from portal import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

BASIC_CHECKS = """() => {
  const problems = [];
  if (document.documentElement.lang !== 'th') problems.push('lang=' + document.documentElement.lang);
  document.querySelectorAll('img').forEach(i => {
    if (!i.hasAttribute('alt')) problems.push('img without alt');
  });
  let last = 0;
  document.querySelectorAll('main h1, main h2, main h3, main h4').forEach(h => {
    const level = +h.tagName[1];
    if (level > last + 1) problems.push('heading jumps to ' + h.tagName + ': ' + h.textContent.trim());
    last = level;
  });
  document.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(f => {
    const labelled = (f.id && document.querySelector('label[for="' + f.id + '"]')) || f.closest('label')
      || f.getAttribute('aria-label') || f.getAttribute('aria-labelledby') || f.type === 'submit';
    if (!labelled) problems.push('field without label: ' + (f.name || f.id));
  });
  return problems;
}"""


def test_public_home_at_phone_and_desktop_width(live_server, page, agency, plan, tmp_path):
    demo.load(agency=agency, plan=plan)
    emblem = SimpleUploadedFile("emblem.png", PNG, "image/png")
    agency_profile_update(actor=None, agency=agency, emblem=emblem, official_name="กรมส่งเสริมสหกรณ์",
                          phone="0 2628 5143")
    shots = os.environ.get("PORTAL_SHOTS") or str(tmp_path)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("/public/", "/public/s/contact/", "/public/s/structure/", "/public/p/duties/",
                     "/complaints/public/"):
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, path)
            assert page.locator(".agency-id").get_by_text("กรมส่งเสริมสหกรณ์").first.is_visible(), path
            assert page.evaluate(BASIC_CHECKS) == [], (width, path)
            page.screenshot(path=f"{shots}/portal-{width}-{path.strip('/').replace('/', '-')}.png",
                            full_page=True)
        page.goto(live_server.url + "/public/")
        emblem_img = page.locator(".agency-id img")
        assert emblem_img.get_attribute("alt").startswith("ตราสัญลักษณ์")
        assert page.evaluate("document.querySelector('.agency-id img').naturalWidth") == 1
