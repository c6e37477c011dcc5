"""Work queues and lists that run past one page: filters by unit (typed, with suggestions), status, kind,
activity, lateness and free text, kept across pages; every count on the dashboard, the round page and the
home pages links to the list it counts."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from core.thai import BANGKOK
from reports import services
from reports.models import Report
from reports.tests.conftest import fill, report_of, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue_round(open_round, people):
    """Chiang Mai and Krabi sent both activities, Krabi after the due date. กองการเจ้าหน้าที่'s coordinator
    (host of t-2) has two to review; the plan administrator has all four."""
    for code, actor in (("cpd-prov-13", people["reporter"]), ("cpd-prov-01", people["other"])):
        for key in ("t-1", "t-2"):
            services.report_submit(actor=actor, report=fill(report_of(open_round, code, key), actor))
    Report.objects.filter(round=open_round, unit__code="cpd-prov-13").update(
        first_submitted_at=datetime.datetime(2017, 4, 1, 9, tzinfo=BANGKOK)
    )
    Report.objects.filter(round=open_round, unit__code="cpd-prov-01").update(
        first_submitted_at=datetime.datetime(2017, 4, 6, 9, tzinfo=BANGKOK)
    )
    return open_round


def _rows(html: str) -> list[str]:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [re.sub(r"<[^>]+>", " ", row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def _count(html: str) -> int:
    return int(re.search(r"<strong data-count>(\d+)</strong>", html).group(1))


def _units(html: str) -> int:
    found = re.search(r"<span data-units>(\d+)</span>", html)
    return int(found.group(1)) if found else 0


def test_the_queue_filters_by_unit_status_activity_lateness_and_text(client, queue_round, people):
    client.force_login(people["coordinator"])
    url = reverse("reports:queue")
    page = client.get(url).content.decode()
    assert _count(page) == 2
    # every filter has a visible label; the unit box suggests the queue's units
    for name in ("unit", "status", "kind", "activity", "late", "region", "q"):
        field = re.search(rf'<(?:input|select)[^>]*\bid="(f-[a-z]+)"[^>]*\bname="{name}"', page)
        assert field and f'<label for="{field.group(1)}">' in page, name
    assert 'list="f-unit-list"' in page and '<datalist id="f-unit-list">' in page
    assert '<option value="สำนักงานสหกรณ์จังหวัดเชียงใหม่">สสจ.เชียงใหม่</option>' in page

    by_name = client.get(url, {"unit": "สำนักงานสหกรณ์จังหวัดเชียงใหม่"}).content.decode()
    by_abbr = client.get(url, {"unit": "สสจ.เชียงใหม่"}).content.decode()
    by_part = client.get(url, {"unit": "เชียงใหม่"}).content.decode()
    by_id = client.get(url, {"unit": unit("cpd-prov-13").pk}).content.decode()
    for html in (by_name, by_abbr, by_part, by_id):
        assert _count(html) == 1 and "สสจ.เชียงใหม่" in _rows(html)[0]
    assert 'value="สำนักงานสหกรณ์จังหวัดเชียงใหม่"' in by_id.split("<datalist")[0], "the box shows the name"

    late = client.get(url, {"late": "1"}).content.decode()
    assert _count(late) == 1 and "สสจ.กระบี่" in _rows(late)[0]
    assert _count(client.get(url, {"late": "0"}).content.decode()) == 1
    assert _count(client.get(url, {"status": "endorsed"}).content.decode()) == 0
    assert _count(client.get(url, {"status": "submitted"}).content.decode()) == 2
    t2 = report_of(queue_round, "cpd-prov-13", "t-2").activity
    assert _count(client.get(url, {"activity": t2.pk}).content.decode()) == 2
    assert _count(client.get(url, {"activity": t2.pk + 1000}).content.decode()) == 0
    assert _count(client.get(url, {"q": "รณรงค์"}).content.decode()) == 2
    none = client.get(url, {"q": "ไม่มีคำนี้"}).content.decode()
    assert _count(none) == 0 and "ไม่มีรายการที่ตรงกับตัวกรอง" in none
    assert 'value="ไม่มีคำนี้"' in none, "what was typed stays in the box"


def test_pages_keep_the_filters(client, queue_round, people, monkeypatch):
    monkeypatch.setattr("reports.views.listing.PAGE_SIZE", 1)
    client.force_login(people["admin"])
    url = reverse("reports:queue")
    first = client.get(url, {"kind": "unit", "q": "ทบทวน"}).content.decode()
    assert _count(first) == 2 and "หน้า 1 จาก 2" in first
    next_link = unescape(re.search(r'<a href="\?([^"]*)">ถัดไป', first).group(1))
    assert "kind=unit" in next_link and "page=2" in next_link and "q=" in next_link
    second = client.get(f"{url}?{next_link}").content.decode()
    assert "หน้า 2 จาก 2" in second and _rows(first) != _rows(second)
    assert 'value="ทบทวน"' in second


def test_the_endorsement_queue_is_filtered_the_same_way(client, open_round, people):
    open_round.requires_endorsement = True
    open_round.save()
    for key in ("t-1", "t-2"):
        services.report_submit(
            actor=people["reporter"],
            report=fill(report_of(open_round, "cpd-prov-13", key), people["reporter"]),
        )
    client.force_login(people["head"])
    home = client.get(reverse("reports:home")).content.decode()
    assert f'href="{reverse("reports:queue")}?list=endorse"' in home
    url = reverse("reports:queue")
    page = client.get(url, {"list": "endorse"}).content.decode()
    assert _count(page) == 2 and 'name="list" value="endorse"' in page
    t1 = report_of(open_round, "cpd-prov-13", "t-1").activity
    assert _count(client.get(url, {"list": "endorse", "activity": t1.pk}).content.decode()) == 1


def _count_links(html: str) -> list[tuple[str, str, int]]:
    links = []
    pattern = r'<a[^>]*data-counts="(\w+)"[^>]*href="([^"]+)"[^>]*>(.*?)</a>'
    for kind, href, text in re.findall(pattern, html, re.S):
        number = re.search(r"\d+", re.sub(r"<[^>]+>", "", text).replace(",", ""))
        links.append((kind, unescape(href), int(number.group())))
    return links


def _follow(client, base: str, href: str) -> str:
    return client.get(href if href.startswith("/") else base + href).content.decode()


def test_every_count_on_the_dashboard_and_the_round_page_opens_a_list_of_that_many(
    client, queue_round, people
):
    late_unsent = report_of(queue_round, "cpd-hr")  # not sent, and the due date of 2560 has passed
    assert late_unsent.is_late()
    client.force_login(people["admin"])
    for page_url in (
        reverse("reports:dashboard", args=[queue_round.pk]),
        reverse("reports:round", args=[queue_round.pk]),
    ):
        links = _count_links(client.get(page_url).content.decode())
        assert len(links) >= 6, page_url
        for kind, href, shown in links:
            listed = _follow(client, page_url, href)
            assert (_units(listed) if kind == "units" else _count(listed)) == shown, (page_url, href)


def test_the_rest_of_the_late_units_is_a_link_to_the_late_list(client, open_round, people):
    activity = report_of(open_round, "cpd-prov-13").activity
    activity.implementing_units.add(*[unit(f"cpd-prov-{n:02d}") for n in range(20, 65)])
    services.round_sync_slots(open_round)
    client.force_login(people["executive"])
    page = client.get(reverse("reports:dashboard", args=[open_round.pk])).content.decode()
    rest = re.search(r'<a href="([^"]+)">และอีก (\d+) หน่วยงาน', page)
    assert rest, "the remaining late units are a link"
    listed = _follow(client, "", unescape(rest.group(1)))
    late_units = int(re.search(r"เมื่อเลยกำหนด \(<a[^>]*>(\d+)</a>\)", page).group(1))
    assert _units(listed) == late_units == 40 + int(rest.group(2))


def test_home_counts_link_to_the_queue(client, queue_round, people):
    client.force_login(people["coordinator"])
    for url in (reverse("reports:home"), "/"):
        links = [link for link in _count_links(client.get(url).content.decode())]
        assert links, url
        for _, href, shown in links:
            assert _count(_follow(client, url, href)) == shown
