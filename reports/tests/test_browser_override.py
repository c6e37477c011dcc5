"""A computed indicator in a real browser: the host unit's reporter sees the value the system computed with
its records, replaces it only once a reason is written (a value without one is refused and kept), and the
plan administrator reviewing the summary sees the value, the computed one and the reason."""

import pytest
from playwright.sync_api import expect

from plans.models import Indicator
from reports.models import Report
from reports.tests.conftest import report_of
from reports.tests.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "แผนฉบับที่อนุมัติในระบบยังไม่ใช่ฉบับที่อธิบดีลงนาม"


@pytest.fixture
def computed(open_round):
    activity = report_of(open_round, "cpd-prov-13", "t-2").activity
    return Indicator.objects.create(
        activity=activity,
        sort_order=5,
        number="๓.",
        text="แผนปฏิบัติการได้รับอนุมัติ",
        kind=Indicator.Kind.DONE,
        scope=Indicator.Scope.DEPARTMENT,
        source={"kind": "computed", "name": "integrity_plan_approved", "label": "แผนที่อนุมัติในระบบ"},
    )


def test_a_reporter_overrides_a_computed_value_with_a_reason_and_the_reviewer_sees_it(
    live_server, page, open_round, people, computed
):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())  # the "submit?" confirmation
    summary = report_of(open_round, "cpd-hr", "t-2", kind="host_summary")
    login(page, base, "rep.hr")
    page.goto(f"{base}/reports/{summary.pk}/edit/")

    block = page.locator(f"#ind-{computed.pk}")
    expect(block.locator(".badge", has_text="คำนวณจากระบบ")).to_be_visible()
    expect(block.locator("[data-computed-value]")).to_have_text("ดำเนินการแล้ว")
    record = block.locator(".rep-computed-records a")
    expect(record).to_have_count(1)
    expect(record).to_have_attribute("href", f"/plans/{open_round.plan_id}/")
    done = block.locator(f"select[name=ind-{computed.pk}-done]")
    expect(done).to_be_hidden()  # read-only until the reporter asks to change it

    page.get_by_label("ข้อมูล ณ วันที่").fill("31/03/2560")
    page.fill("textarea[name=rows-0-method]", "เสนอแผนปฏิบัติการต่ออธิบดี")
    page.fill("textarea[name=rows-0-result]", "รอการลงนาม")
    block.get_by_text("แก้ไขค่า (ระบุเหตุผล)").click()
    done.select_option("false")
    page.get_by_role("button", name="บันทึกและส่งรายงาน").click()

    # No reason: refused, with the message beside the reason and everything typed still there.
    expect(page.locator("#error-summary")).to_contain_text("กรุณาระบุเหตุผลที่แก้ไขค่าที่คำนวณจากระบบ")
    block = page.locator(f"#ind-{computed.pk}")
    expect(block.locator(f"select[name=ind-{computed.pk}-done]")).to_have_value("false")
    assert page.input_value("textarea[name=rows-0-method]") == "เสนอแผนปฏิบัติการต่ออธิบดี"
    summary.refresh_from_db()
    assert summary.status == Report.Status.DRAFT

    block.locator(f"textarea[name=ind-{computed.pk}-override_reason]").fill(REASON)
    page.get_by_role("button", name="บันทึกและส่งรายงาน").click()
    page.wait_for_url(f"**/reports/{summary.pk}/")
    summary.refresh_from_db()
    assert summary.status == Report.Status.SUBMITTED

    login(page, base, "planadmin")  # host summaries are reviewed by the plan administrator
    page.goto(f"{base}/reports/{summary.pk}/")
    line = page.locator(f"#ind-{computed.pk}")
    expect(line.locator(".badge", has_text="แก้ไขค่าที่คำนวณจากระบบ")).to_be_visible()
    expect(line.locator("[data-override-value]")).to_have_text("ยังไม่ได้ดำเนินการ")
    expect(line.locator("[data-override-reason]")).to_have_text(REASON)
    expect(line).to_contain_text("ค่าที่ระบบคำนวณได้เมื่อแก้ไข ดำเนินการแล้ว")
    expect(line.locator(".rep-computed-records a")).to_have_count(1)
    expect(page.get_by_role("heading", name="ตรวจรายงาน")).to_be_visible()
