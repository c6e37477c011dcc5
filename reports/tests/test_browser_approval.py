"""The executive's approval loop in a real browser, end to end: an executive signs in at the agency root,
sees the plan's six policy areas with their figures, opens a failing indicator's units, approves the
compiled round on its approval page and downloads the letter to ป.ป.ท., the package and the summary; the
approved version's hash is on every page of the summary and the package's manifest matches its files."""

import datetime
import hashlib
import io
import json
import subprocess
import zipfile

import pytest
from playwright.sync_api import expect

from plans.models import Activity, Indicator, Measure, Policy
from reports import services
from reports.approval_models import CompiledVersion
from reports.tests.conftest import unit
from reports.tests.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The real plan's four other areas, so the home page has the six of the department's plan.
OTHER_AREAS = (
    "นโยบายด้านความพร้อมรับผิด",
    "นโยบายด้านความปลอดจากการทุจริตในการปฏิบัติงาน",
    "นโยบายด้านคุณธรรมการทำงานในหน่วยงาน",
    "นโยบายด้านการสื่อสารภายในหน่วยงานและการประเมิน",
)


@pytest.fixture
def small_plan(small_plan):
    """The small plan with four more areas, each one department activity to be done by the end of March
    (Chiang Mai implements it)."""
    for number, title in enumerate(OTHER_AREAS, start=3):
        policy = Policy.objects.create(plan=small_plan, number=number, title=title)
        measure = Measure.objects.create(
            policy=policy, number="๑)", code="1", sort_key="001", text=f"มาตรการของ{title}"
        )
        activity = Activity.objects.create(
            measure=measure,
            key=f"t-{number}",
            sort_order=0,
            title=f"กิจกรรมของ{title}",
            text=f"กิจกรรมของ{title}",
            implementing_rule=Activity.ImplementingRule.UNITS,
        )
        activity.host_units.set([unit("cpd-psdg")])
        activity.implementing_units.set([unit("cpd-prov-13")])
        Indicator.objects.create(
            activity=activity,
            sort_order=0,
            number="๑.",
            text=f"ดำเนินการแล้วเสร็จภายในเดือนมีนาคม ({title})",
            kind=Indicator.Kind.DEADLINE,
            due_month=3,
            scope=Indicator.Scope.DEPARTMENT,
        )
    return small_plan


def pdf_pages(data: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout
    return [page for page in text.decode().split("\f") if page.strip()]


def download(page, link) -> tuple[str, bytes]:
    """Click a document link and keep what the browser saved."""
    with page.expect_download() as info:
        link.click()
    saved = info.value
    with open(saved.path(), "rb") as handle:
        return saved.suggested_filename, handle.read()


@pytest.fixture
def compiled_with_a_failing_indicator(reported_round, people):
    """The reported round plus Chiang Mai's report that area 3's activity was done on 2 April, after its
    end-of-March deadline (so that indicator is not met), compiled by the plan administrator."""
    from reports.tests.conftest import fill, report_of

    report = report_of(reported_round, "cpd-prov-13", "t-3")
    indicator = report.activity.indicators.get()
    report = fill(
        report,
        people["reporter"],
        indicator_results={indicator.pk: {"done": True, "event_date": datetime.date(2017, 4, 2)}},
    )
    services.report_submit(actor=people["reporter"], report=report)
    services.round_compile(actor=people["admin"], round_=reported_round)
    return reported_round


def test_the_executive_approves_the_round_and_downloads_what_goes_to_pacc(
    live_server, page, compiled_with_a_failing_indicator, people
):
    round_ = compiled_with_a_failing_indicator
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "exec")

    # The home page: the six areas with their figures, and the late indicator among the failing ones.
    page.goto(base + "/")
    areas = page.locator("[data-areas] tbody tr")
    expect(areas).to_have_count(6)
    for number, title in enumerate(OTHER_AREAS, start=3):
        expect(page.locator(f"[data-areas] tr[data-area='{number}'] th")).to_contain_text(title)
    area3 = page.locator("[data-areas] tr[data-area='3']")
    expect(area3.locator("td[data-label='ไม่บรรลุ']")).to_have_text("1")
    expect(area3.locator("td[data-label='ตัวชี้วัดทั้งหมด']")).to_have_text("1")
    assert page.locator("[data-areas] svg").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Its units: the round's report list of that activity, with Chiang Mai's report.
    failing = page.locator("[data-failing-link]", has_text=OTHER_AREAS[0])
    expect(failing).to_have_count(1)
    failing.click()
    activity = Activity.objects.get(key="t-3")
    assert f"activity={activity.pk}" in page.url
    units = page.locator("#list-h").locator("xpath=following::table[1]")
    expect(units).to_contain_text("เชียงใหม่")
    expect(units).not_to_contain_text("กระบี่")

    # The approval page: fill the signer's position and a comment, approve.
    page.goto(f"{base}/reports/rounds/{round_.pk}/approval/")
    version = CompiledVersion.objects.get(round=round_)
    assert not version.approved
    form = page.locator("#approve-form")
    form.get_by_label("ตำแหน่งผู้ให้ความเห็นชอบ").fill("อธิบดีกรมส่งเสริมสหกรณ์")
    form.locator("[name=comment]").fill("เห็นชอบให้ส่งสำนักงาน ป.ป.ท.")
    form.get_by_role("button", name="เห็นชอบ").click()
    expect(page.locator(".messages")).to_contain_text(f"ให้ความเห็นชอบฉบับที่ {version.number} แล้ว")
    expect(page.locator("#approved")).to_contain_text("อธิบดีกรมส่งเสริมสหกรณ์")
    expect(page.locator("#approved")).to_contain_text("เห็นชอบให้ส่งสำนักงาน ป.ป.ท.")
    expect(page.locator("#approve-form")).to_have_count(0)
    version.refresh_from_db()
    assert version.approved and version.approver_position == "อธิบดีกรมส่งเสริมสหกรณ์"
    shown = page.locator("#history tbody tr").first.locator("code").inner_text()
    short_hash = shown.rstrip("…").strip()
    assert short_hash and version.sha256.startswith(short_hash)
    assert version.sha256 in page.locator("#version-box").inner_text()
    docs = page.locator("#version-box .actions")

    # The letter to ป.ป.ท.
    name, letter = download(page, docs.get_by_role("link", name="หนังสือถึง ป.ป.ท. (PDF)"))
    assert name.endswith(".pdf") and letter.startswith(b"%PDF")
    letter_text = "".join(pdf_pages(letter))
    assert "เลขาธิการคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ" in letter_text

    # The package: its manifest lists each file with the SHA-256 of what the archive holds.
    name, package = download(page, docs.get_by_role("link", name="ชุดเอกสารส่ง ป.ป.ท. (ZIP)"))
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["content_sha256"] == version.sha256 and manifest["version"] == version.number
        assert manifest["approval"]["position"] == "อธิบดีกรมส่งเสริมสหกรณ์"
        assert manifest["files"]
        for item in manifest["files"]:
            data = archive.read(item["name"])
            assert hashlib.sha256(data).hexdigest() == item["sha256"], item["name"]
            assert len(data) == item["bytes"]
        assert set(archive.namelist()) == {i["name"] for i in manifest["files"]} | {
            "manifest.json",
            "manifest.txt",
        }

    # The summary: the approved version's hash, as the page shows it, on every page.
    name, summary = download(page, docs.get_by_role("link", name="รายงานสรุป (PDF)"))
    pages = pdf_pages(summary)
    assert pages
    for number, text in enumerate(pages, start=1):
        assert short_hash in text, f"page {number} lacks the version's hash"
        assert "เห็นชอบโดย" in text and "ยังไม่ได้รับความเห็นชอบ" not in text
    assert "ไม่บรรลุ" in "".join(pages)  # the late indicator's verdict


def test_an_annex_not_ready_shows_its_progress_then_starts_the_download_at_a_phones_width(
    live_server, page, compiled_with_a_failing_indicator, people, settings, tmp_path
):
    """Past the request's budget the annex's download is a waiting page (the worker renders it; the test
    backend runs the task at once), which polls and then starts the download itself."""
    settings.DATA_DIR = tmp_path
    settings.REPORTS_PDF_SYNC_SECONDS = 0
    round_ = compiled_with_a_failing_indicator
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, people["executive"].username)
    page.goto(f"{base}/reports/rounds/{round_.pk}/approval/")
    with page.expect_download(timeout=30_000) as info:
        page.goto(f"{base}/reports/rounds/{round_.pk}/annex.pdf")
        expect(page.locator("h1")).to_have_text("ภาคผนวก (PDF)")
        expect(page.locator("#pdf-progress[aria-live=polite]")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(tmp_path / "annex-pending-390.png"), full_page=True)
    download = info.value
    assert download.suggested_filename.startswith(f"annex-round{round_.pk}-v1")
    assert open(download.path(), "rb").read(5) == b"%PDF-"
    expect(page.locator("#pdf-progress")).to_contain_text("ไฟล์พร้อมแล้ว")
    page.screenshot(path=str(tmp_path / "annex-ready-390.png"), full_page=True)
