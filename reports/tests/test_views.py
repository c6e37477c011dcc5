import re

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from reports import services
from reports.forms import form_key
from reports.models import DraftStash, Report
from reports.tests.conftest import PDF_BYTES, fill, pdf_upload, report_of

pytestmark = pytest.mark.django_db


def form_data(report, user, rows, **extra) -> dict:
    data = {
        "form_key": form_key(report, user),
        "version": report.version,
        "as_of": "31/03/2560",
        "problems": "",
        "suggestions": "",
        "rows-TOTAL_FORMS": len(rows),
        "rows-INITIAL_FORMS": 0,
        "action": "save",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"rows-{i}-{key}"] = value
    data.update(extra)
    return data


ROW = {
    "order": 1,
    "method": "จัดประชุมทบทวนกระบวนงานบริการ",
    "period_text": "ม.ค. 2560",
    "result": "ทบทวนแล้ว ๓ กระบวนงาน",
    "evidence_note": "รายงานการประชุม",
}


def test_home_lists_the_units_own_reports_with_due_dates(client, open_round, people):
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:home")).content.decode()
    assert "ทุกหน่วยงานทบทวนกระบวนการงาน" in page and "4 เมษายน 2560" in page
    assert page.count(reverse("reports:edit", args=[report_of(open_round, "cpd-prov-13").pk])) == 1
    assert reverse("reports:edit", args=[report_of(open_round, "cpd-prov-01").pk]) not in page


def test_the_form_saves_rows_indicators_and_a_file_in_one_post(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    indicator = report.activity.indicators.get()
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    for label in (
        "หน่วยงาน",
        "ข้อมูล ณ วันที่",
        "นโยบายด้าน",
        "ชื่อแผนงาน/โครงการ/กิจกรรม",
        "วิธีดำเนินการ",
        "ช่วงเวลาดำเนินการ",
        "ผลการดำเนินงาน",
        "คำอธิบายรายละเอียดเอกสาร/หลักฐาน",
    ):
        assert label in page
    assert not re.search(r"\sstyle=", page) and "<script>" not in page  # nothing the CSP would block
    data = form_data(
        report,
        people["reporter"],
        [ROW],
        **{
            f"ind-{indicator.pk}-count": "3",
            "evidence_title": "รายงานการประชุม",
            "evidence_row": "1",
            "evidence_file": pdf_upload(),
        },
    )
    response = client.post(reverse("reports:edit", args=[report.pk]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.rows.get().method == ROW["method"] and str(report.as_of) == "2017-03-31"
    assert report.indicator_results.get().count == 3
    assert report.evidence.get().row == report.rows.get()


def test_validation_errors_keep_everything_typed(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    client.force_login(people["reporter"])
    data = form_data(
        report,
        people["reporter"],
        [ROW],
        as_of="31/13/2560",
        evidence_file=pdf_upload("x.pdf", b"not really a pdf"),
    )
    response = client.post(reverse("reports:edit", args=[report.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert ROW["method"] in page and ROW["result"] in page and "31/13/2560" in page
    assert not report.rows.exists()
    assert DraftStash.objects.get(report=report).data["rows-0-method"] == [ROW["method"]]


def test_a_bad_file_is_refused_and_the_text_stays(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    client.force_login(people["reporter"])
    response = client.post(
        reverse("reports:edit", args=[report.pk]),
        form_data(
            report, people["reporter"], [ROW], evidence_file=pdf_upload("virus.pdf", b"MZ" + b"\0" * 100)
        ),
    )
    assert response.status_code == 400
    assert "ไม่ใช่ชนิดที่รับได้" in response.content.decode() and ROW["method"] in response.content.decode()
    assert not report.rows.exists() and not report.evidence.exists()


def test_concurrent_edit_is_reported_and_nothing_is_overwritten(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    stale = form_data(report, people["head"], [{**ROW, "method": "ฉบับของหัวหน้า"}])
    fill(report, people["reporter"], rows=[{"method": "ฉบับของผู้รายงาน", "result": "x"}])
    client.force_login(people["head"])
    response = client.post(reverse("reports:edit", args=[report.pk]), stale)
    assert response.status_code == 409
    assert "แก้ไขรายงานนี้พร้อมกัน" in response.content.decode() and "ฉบับของหัวหน้า" in response.content.decode()
    assert [r.method for r in report.rows.all()] == ["ฉบับของผู้รายงาน"]


def test_an_expired_session_keeps_the_post_and_restores_it_after_login(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    data = form_data(report, people["reporter"], [ROW])
    response = client.post(reverse("reports:edit", args=[report.pk]), data)  # not logged in any more
    assert response.status_code == 401
    page = response.content.decode()
    assert "ระบบเก็บข้อมูลที่ท่านพิมพ์ไว้เรียบร้อยแล้ว" in page and ROW["method"] in page
    assert "/accounts/login/?next=" in page
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "กู้คืนข้อมูลที่ท่านพิมพ์ไว้" in page and ROW["method"] in page
    assert not report.rows.exists()  # restored into the form, saved only when the user says so


def test_a_forged_form_key_stores_nothing(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    data = form_data(
        report,
        people["reporter"],
        [ROW],
        form_key=form_key(report_of(open_round, "cpd-prov-01"), people["reporter"]),
    )
    assert client.post(reverse("reports:edit", args=[report.pk]), data).status_code == 401
    assert not DraftStash.objects.exists()


def test_autosave_stashes_without_validating(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    url = reverse("reports:autosave", args=[report.pk])
    assert client.post(url, {"rows-0-method": "x"}).status_code == 401
    client.force_login(people["reporter"])
    response = client.post(url, form_data(report, people["reporter"], [ROW], as_of="ไม่ใช่วันที่"))
    assert response.status_code == 200 and "saved_at" in response.json()
    assert DraftStash.objects.get(report=report, user=people["reporter"]).data["as_of"] == ["ไม่ใช่วันที่"]
    client.force_login(people["other"])
    assert client.post(url, {"rows-0-method": "x"}).status_code == 404


def test_submit_from_the_form_and_review_with_row_comments(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13", "t-2")
    client.force_login(people["reporter"])
    response = client.post(
        reverse("reports:edit", args=[report.pk]),
        form_data(report, people["reporter"], [ROW], action="submit"),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    row = report.rows.get()
    client.force_login(people["coordinator"])
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert "ตรวจรายงาน" in page and f'name="row-{row.pk}-comment"' in page
    response = client.post(
        reverse("reports:review", args=[report.pk]),
        {"decision": "return", "comment": "", f"row-{row.pk}-comment": "ระบุวันที่ประชุม"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "ความเห็นของผู้ตรวจต่อแถวนี้" in page and "ระบุวันที่ประชุม" in page


def test_pages_of_another_unit_are_not_found(client, open_round, people):
    report = report_of(open_round, "cpd-prov-01")
    client.force_login(people["reporter"])
    for name in ("reports:report", "reports:edit", "reports:report_docx", "reports:report_pdf"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404, name
    assert (
        client.post(
            reverse("reports:edit", args=[report.pk]), form_data(report, people["reporter"], [ROW])
        ).status_code
        == 404
    )
    assert client.post(reverse("reports:submit", args=[report.pk])).status_code == 404
    assert not report.rows.exists()


def test_round_management_pages(client, small_plan, people):
    client.force_login(people["admin"])
    response = client.post(
        reverse("reports:round_create"),
        {
            "plan": small_plan.pk,
            "name": "รอบ ๖ เดือน (ITA)",
            "kind": "other",
            "fiscal_year": 2561,
            "opens_on": "01/03/2561",
            "due_on": "31/03/2561",
            "closes_on": "",
            "requires_endorsement": "",
        },
    )
    assert response.status_code == 302
    round_ = small_plan.rounds.get(name="รอบ ๖ เดือน (ITA)")
    assert str(round_.due_on) == "2018-03-31"
    client.post(reverse("reports:round_open", args=[round_.pk]))
    assert round_.reports.count() == 7
    page = client.get(reverse("reports:round", args=[round_.pk])).content.decode()
    assert "31 มีนาคม 2561" in page and "เปิดรับรายงาน" in page
    client.force_login(people["reporter"])
    assert client.get(reverse("reports:round_edit", args=[round_.pk])).status_code == 403


def test_dashboard_is_for_administrators_and_executives(client, open_round, people):
    services.report_submit(
        actor=people["reporter"], report=fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    )
    url = reverse("reports:dashboard", args=[open_round.pk])
    client.force_login(people["reporter"])
    assert client.get(url).status_code == 403
    client.force_login(people["executive"])
    page = client.get(url).content.decode()
    assert "<svg" in page and "สถานะการส่งรายงานแยกตามกลุ่มหน่วยงาน" in page
    assert "สสจ.เชียงใหม่" in page and "ส่วนภูมิภาค" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


def test_compile_page_and_downloads(client, open_round, people):
    services.report_submit(
        actor=people["reporter"], report=fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    )
    client.force_login(people["admin"])
    assert client.post(reverse("reports:compile_run", args=[open_round.pk])).status_code == 302
    page = client.get(reverse("reports:compile", args=[open_round.pk])).content.decode()
    assert "บทสรุปสำหรับผู้บริหาร" in page and "บันทึกข้อความนำส่ง" in page
    for name in ("compiled_docx", "compiled_pdf", "compiled_xlsx", "memo_docx", "memo_pdf"):
        response = client.get(reverse(f"reports:{name}", args=[open_round.pk]))
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment"), name
    client.force_login(people["coordinator"])
    assert client.get(reverse("reports:compile", args=[open_round.pk])).status_code == 403
    assert client.get(reverse("reports:memo_docx", args=[open_round.pk])).status_code == 403


def test_evidence_download_link_on_the_report_page(client, open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    revision = services.evidence_add(actor=people["reporter"], report=report, uploaded=pdf_upload()).current
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    link = reverse("reports:evidence", args=[revision.pk])
    assert link in page
    assert b"".join(client.get(link).streaming_content) == PDF_BYTES


def test_submit_from_the_report_page_and_a_stale_version_is_refused(client, open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert reverse("reports:submit", args=[report.pk]) in page
    response = client.post(
        reverse("reports:submit", args=[report.pk]), {"version": report.version - 1}, follow=True
    )
    assert "ถูกแก้ไขโดย" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    client.post(reverse("reports:submit", args=[report.pk]), {"version": report.version})
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


def test_locking_notifies_the_unit(open_round, people, mailoutbox, django_capture_on_commit_callbacks):
    report = services.report_submit(
        actor=people["reporter"], report=fill(report_of(open_round, "cpd-prov-13", "t-2"), people["reporter"])
    )
    report = services.report_accept(actor=people["coordinator"], report=report)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_lock(actor=people["admin"], report=report)
    assert any(
        m.subject.startswith("[โปร่งใส] ปิดรายงาน") and m.to == [people["reporter"].email] for m in mailoutbox
    )


def test_an_overlong_cell_gets_a_thai_message_and_nothing_typed_is_lost(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    client.force_login(people["reporter"])
    long_result = ("ผลการดำเนินงานละเอียดมาก " * 200).strip()  # 4,999 characters
    response = client.post(
        reverse("reports:edit", args=[report.pk]),
        form_data(report, people["reporter"], [{**ROW, "result": long_result}]),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ยาวได้ไม่เกิน 3000 ตัวอักษร (ขณะนี้มี 4999 ตัวอักษร)" in page
    assert long_result in page, "the whole text comes back to be shortened, not cut"
    assert 'maxlength="3000"' not in page, "a browser would cut pasted text without a word"
    assert not report.rows.exists()


def test_the_service_bounds_each_cell_and_the_whole_report(open_round, people):
    from core.errors import ApplicationError

    report = report_of(open_round, "cpd-prov-13")
    with pytest.raises(ApplicationError, match="“ปัญหาอุปสรรค” ยาวได้ไม่เกิน 3,000 ตัวอักษร"):
        fill(report, people["reporter"], problems="ก" * 3001)
    rows = [{"method": "ก" * 2900, "result": "ข" * 2900} for _ in range(11)]  # 63,800 characters in all
    with pytest.raises(ApplicationError, match="รวม 63,800 ตัวอักษร เกินกำหนด 60,000 ตัวอักษร"):
        fill(report, people["reporter"], rows=rows)
    assert not report.rows.exists()
    fill(report, people["reporter"], rows=rows[:10])  # 58,000: accepted
    assert report.rows.count() == 10


def test_the_review_queue_counts_everything_and_pages_through_it(client, reported_round, people, monkeypatch):
    monkeypatch.setattr("reports.views.rounds.REVIEW_PAGE_SIZE", 1)
    client.force_login(people["admin"])
    first = client.get(reverse("reports:home")).content.decode()
    assert "รอการตรวจของท่าน (2 รายการ)" in re.sub(r"<[^>]+>", "", first) and "หน้า 1 จาก 2" in first
    second = client.get(reverse("reports:home") + "?review_page=2").content.decode()
    assert "หน้า 2 จาก 2" in second
    shown = [
        re.search(r"รอการตรวจของท่าน.*?<tbody>(.*?)</tbody>", page, re.S).group(1) for page in (first, second)
    ]
    assert shown[0] != shown[1], "each page lists different reports"
    home = client.get("/").content.decode()
    assert "รอการตรวจของท่าน 2 รายการ" in home


def test_a_row_sent_back_unchanged_keeps_its_comment_open_for_both_sides(client, open_round, people):
    report = fill(
        report_of(open_round, "cpd-prov-13", "t-2"),
        people["reporter"],
        rows=[{"method": "ประชุมชี้แจง", "result": "จัดแล้ว"}, {"method": "ติดประกาศ", "result": "ติดแล้ว"}],
    )
    report = services.report_submit(actor=people["reporter"], report=report)
    first, second = report.rows.order_by("order")
    report = services.report_return(
        actor=people["coordinator"],
        report=report,
        row_comments={first.pk: "ระบุจำนวนผู้เข้าร่วม", second.pk: "ระบุสถานที่ติดประกาศ"},
    )
    report = fill(
        report,
        people["reporter"],
        rows=[
            {"id": first.pk, "method": first.method, "result": "จัดแล้ว ๔๕ คน"},
            {"id": second.pk, "method": second.method, "result": second.result},
        ],
    )
    services.report_submit(actor=people["reporter"], report=report)
    client.force_login(people["coordinator"])
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    row_two = page[page.index(f'id="row-{second.pk}"') :]
    assert "ความเห็นที่ยังไม่ได้แก้ไข:</strong> ระบุสถานที่ติดประกาศ" in row_two[: row_two.index("</tr>")]
    history = page[page.index("ประวัติการส่งและการตรวจ") :]
    assert re.search(r"ระบุจำนวนผู้เข้าร่วม\s*<span class=\"badge badge-ok\">แก้ไขแล้ว", history)
    assert re.search(r"ระบุสถานที่ติดประกาศ\s*<span class=\"badge badge-warn\">ยังไม่ได้แก้ไข", history)


def _form_version(page: str) -> int:
    return int(re.search(r'name="version" value="(\d+)"', page).group(1))


def test_two_tabs_a_conflict_then_a_reload_restores_warns_and_lets_the_merged_text_save(
    client, open_round, people
):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"], rows=[ROW])
    row = report.rows.get()
    url = reverse("reports:edit", args=[report.pk])
    client.force_login(people["reporter"])
    opened = report.version
    # Both tabs show the saved row as an initial form of the formset, as the page renders it.
    tab_a = form_data(
        report,
        people["reporter"],
        [{**ROW, "id": row.pk}],
        problems="งบประมาณไม่พอ",
        **{"rows-INITIAL_FORMS": 1},
    )
    tab_b = form_data(
        report,
        people["reporter"],
        [{**ROW, "id": row.pk, "result": "ทบทวนแล้ว ๕ กระบวนงาน"}],
        **{"rows-INITIAL_FORMS": 1},
    )
    assert client.post(url, tab_a).status_code == 302

    response = client.post(url, tab_b)
    assert response.status_code == 409
    page = response.content.decode()
    assert page.count("แก้ไขรายงานนี้พร้อมกัน") == 1 and "ท่านเอง (จากหน้าต่างหรือแท็บอื่น)" in page
    assert "กรุณาเปิดรายงานฉบับล่าสุดในหน้าต่างใหม่" not in page  # said once, not twice in two ways
    assert "ทบทวนแล้ว ๕ กระบวนงาน" in page and _form_version(page) == opened + 1
    assert "<dt>ปัญหาอุปสรรค</dt><dd>งบประมาณไม่พอ</dd>" in page  # what the other tab saved

    page = client.get(url).content.decode()  # the user reloads as the page allows
    assert "กู้คืนข้อมูลที่ท่านพิมพ์ไว้" in page and "รายงานถูกแก้ไขหลังจากนั้น" in page
    assert "ทบทวนแล้ว ๕ กระบวนงาน" in page and "<dt>ปัญหาอุปสรรค</dt><dd>งบประมาณไม่พอ</dd>" in page
    assert _form_version(page) == opened + 1

    merged = {**tab_b, "version": _form_version(page), "problems": "งบประมาณไม่พอ"}
    assert client.post(url, merged).status_code == 302
    report.refresh_from_db()
    assert report.problems == "งบประมาณไม่พอ" and report.rows.get().result == "ทบทวนแล้ว ๕ กระบวนงาน"
    assert not DraftStash.objects.filter(report=report).exists()
    event = AuditEvent.objects.filter(action="report.save", object_id=str(report.pk)).latest("id")
    assert "ทบทวนแล้ว ๓ กระบวนงาน" in event.old["rows"][0] and "๕ กระบวนงาน" in event.new["rows"][0]


def test_a_stash_from_a_form_older_than_its_label_is_still_restored_as_stale(client, open_round, people):
    """Input kept by the earlier conflict handler is labelled with the current version while its form holds
    an older one; it must not keep the user in the conflict loop."""
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"], rows=[ROW])
    typed = form_data(report, people["reporter"], [{**ROW, "method": "ข้อความที่พิมพ์ค้างไว้"}])
    typed["version"] = str(report.version - 1)
    services.stash_save(
        user=people["reporter"],
        report=report,
        data={k: [str(v)] for k, v in typed.items() if k != "form_key"},
        base_version=report.version,
    )
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "รายงานถูกแก้ไขหลังจากนั้น" in page and "ข้อความที่พิมพ์ค้างไว้" in page
    assert _form_version(page) == report.version
    assert "แถวที่ 1 ไม่มีในแบบฟอร์มของท่าน (จะถูกลบเมื่อบันทึก)" in page


def test_input_kept_when_the_session_ended_remembers_the_version_it_started_from(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    typed = form_data(report, people["reporter"], [ROW])
    fill(report, people["head"], rows=[{"method": "ฉบับของหัวหน้า", "result": "x"}])
    assert client.post(reverse("reports:edit", args=[report.pk]), typed).status_code == 401
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "รายงานถูกแก้ไขหลังจากนั้น" in page and ROW["method"] in page and "ฉบับของหัวหน้า" in page
