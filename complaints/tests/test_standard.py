"""The on-time rate counts an overdue unanswered case as a miss; every dashboard count opens the list of
exactly the cases it counts; the staff list filters by unit, status, channel and lateness and searches."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import Case, Channel, Status
from complaints.selectors import ita_statistics, period_stats
from core.thai import fiscal_year
from org.models import Unit

pytestmark = pytest.mark.django_db


def unit(code):
    return Unit.objects.get(code=code)


@pytest.fixture
def two_cases(submit, officer):
    """One answered within its deadline, one past its deadline and not answered."""
    answered, late = submit(subject="ตอบทันเวลา").case, submit(subject="ค้างเกินกำหนด").case
    services.case_assign(actor=officer, case=answered, lead=unit("cpd-prov-13"))
    services.case_answer(actor=officer, case=answered, reply="ดำเนินการแก้ไขให้เรียบร้อยแล้วครับ")
    services.case_assign(actor=officer, case=late, lead=unit("cpd-prov-12"))
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Case.objects.filter(pk=late.pk).update(answer_due=yesterday, acknowledge_due=yesterday)
    return answered, late


def test_an_overdue_open_case_counts_against_the_on_time_rate(two_cases, agency):
    stats = ita_statistics(agency=agency, fiscal_year=fiscal_year(timezone.localdate()))
    assert (stats.replied, stats.replied_in_time, stats.late_unanswered, stats.in_time_base) == (1, 1, 1, 2)
    assert str(stats.in_time_percent) == "50.00"


def test_a_case_answered_late_after_the_period_still_missed_it(two_cases, agency):
    _, late = two_cases
    today = timezone.localdate()
    # A period that ended yesterday: the late case had no answer by then.
    stats = period_stats(agency=agency, start=today - dt.timedelta(days=30), end=today - dt.timedelta(days=1))
    assert stats.late_unanswered == 0  # due yesterday is not yet "past" at the end of yesterday
    stats = period_stats(agency=agency, start=today - dt.timedelta(days=30), end=today)
    assert stats.late_unanswered == 1
    # Open cases not yet due are not judged at all.
    Case.objects.filter(pk=late.pk).update(answer_due=today + dt.timedelta(days=5))
    stats = period_stats(agency=agency, start=today - dt.timedelta(days=30), end=today)
    assert (stats.in_time_base, str(stats.in_time_percent)) == (1, "100.00")


def test_the_report_page_shows_the_rate_with_its_basis_and_links_the_misses(client, two_cases, officer):
    _, late = two_cases
    client.force_login(officer)
    page = client.get(reverse("complaints:reports")).content.decode()
    assert re.search(r'id="stat-in-time">50.00%<', page)
    basis = re.search(r'id="stat-in-time-basis">(.*?)</p>', page, re.S).group(1)
    assert "1 จาก 2 เรื่อง" in basis
    late_url = unescape(re.search(r'href="([^"]*queue=late_unanswered[^"]*)"', basis).group(1))
    listed = client.get(late_url).content.decode()
    assert late.number in listed and "1 เรื่อง" in listed


def links_in(page: str) -> dict[str, str]:
    return {m.group(1): unescape(m.group(2))
            for m in re.finditer(r'id="([a-z-]+)"><a href="([^"]+)">\d+</a>', page)}


def numbers_on(client, url: str) -> set[str]:
    page = client.get(url).content.decode()
    return set(re.findall(r'<td data-label="เลขที่"><a href="[^"]+">([^<]+)</a>', page))


def test_every_count_on_the_overdue_board_opens_the_cases_it_counts(client, two_cases, submit, officer):
    _, late = two_cases
    soon = submit(subject="ใกล้ครบกำหนด").case
    Case.objects.filter(pk=soon.pk).update(answer_due=timezone.localdate() + dt.timedelta(days=2))
    client.force_login(officer)
    page = client.get(reverse("complaints:overdue")).content.decode()
    links = links_in(page)
    assert numbers_on(client, links["late-answer"]) == {late.number}
    assert numbers_on(client, links["due-soon"]) == {soon.number}
    assert numbers_on(client, links["late-ack"]) == set()
    # The per-unit row opens the late cases of that unit.
    row = re.search(r'<th scope="row">[^<]+</th><td class="cx-num"><a href="([^"]+)">1</a>', page)
    assert numbers_on(client, unescape(row.group(1))) == {late.number}


def test_every_count_of_the_report_opens_the_cases_it_counts(client, two_cases, officer):
    answered, late = two_cases
    client.force_login(officer)
    page = client.get(reverse("complaints:reports")).content.decode()
    links = links_in(page)
    assert numbers_on(client, links["stat-received"]) == {answered.number, late.number}
    assert numbers_on(client, links["stat-replied"]) == {answered.number}
    status_link = re.search(r'<th scope="row">แจ้งผลแล้ว</th><td class="cx-num"><a href="([^"]+)">1</a>', page)
    assert numbers_on(client, unescape(status_link.group(1))) == {answered.number}
    channel_link = re.search(
        r'<th scope="row">ร้องเรียนการให้บริการ</th><td class="cx-num"><a href="([^"]+)">2</a>', page)
    assert numbers_on(client, unescape(channel_link.group(1))) == {answered.number, late.number}
    # The public statistics page shows the same figures without links into the staff list.
    public = client.get(reverse("complaints:public_stats")).content.decode()
    assert reverse("complaints:list") + "?" not in public


def test_the_list_filters_by_unit_status_channel_lateness_and_searches(client, two_cases, submit, officer):
    answered, late = two_cases
    report = submit(channel=Channel.CORRUPTION, subject="เรียกรับเงินค่าตรวจ").case
    client.force_login(officer)
    base = reverse("complaints:list")
    assert numbers_on(client, f"{base}?queue=&unit={unit('cpd-prov-12').pk}") == {late.number}
    assert numbers_on(client, f"{base}?queue=&status={Status.ANSWERED}") == {answered.number}
    assert numbers_on(client, f"{base}?queue=&channel={Channel.CORRUPTION}") == {report.number}
    assert numbers_on(client, f"{base}?queue=overdue") == {late.number}
    assert numbers_on(client, f"{base}?queue=&q=ค้างเกิน") == {late.number}
    assert numbers_on(client, f"{base}?queue=&q={answered.number}") == {answered.number}
    # A malformed filter says so and keeps the default list rather than failing.
    page = client.get(f"{base}?received_from=31/13/2568").content.decode()
    assert "ตัวกรองบางช่องไม่ถูกต้อง" in page


def test_the_memo_and_summary_give_the_rate_with_its_base_and_the_unanswered_misses(
        two_cases, agency, officer):
    """The memo said "ทันตามมาตรฐาน 1 เรื่อง คิดเป็นร้อยละ 50" without saying what the 50 % is of."""
    from complaints.documents import collect, memo_for, monthly, summary_rows
    from core.thai import be_year

    today = timezone.localdate()
    data = collect(monthly(be_year(today.year), today.month), agency=agency, user=officer)
    text = " ".join(memo_for(data, agency_line="กรมส่งเสริมสหกรณ์").paragraphs)
    assert "ยังไม่แจ้งผลทั้งที่พ้นกำหนดแล้ว 1 เรื่อง" in text
    assert "คิดเป็นร้อยละ 50.00 ของ 2 เรื่องที่ถึงกำหนดแจ้งผล" in text
    rows = dict(summary_rows(data.stats))
    assert rows["ยังไม่แจ้งผลทั้งที่พ้นกำหนด"] == "1" and rows["แจ้งผลทันตามมาตรฐาน"].startswith("1 จาก 2 เรื่อง")
