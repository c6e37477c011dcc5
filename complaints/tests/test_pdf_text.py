"""The complaint reports' PDFs (report, cover memo, yearly review) extract every word of their source text."""

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from complaints import documents
from complaints.models import Channel, Rating
from complaints.services import case_answer, case_assign, case_dismiss
from core.documents.memo import memo_html
from core.tests.test_pdf_text import THAI_WORDS, missing_words, source_words
from core.thai import fiscal_quarter, fiscal_year
from org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(submit, officer):
    answered = submit(subject="ขอรับบริการล่าช้า การดำเนินงานของหน่วยงานไม่ทันกำหนด").case
    dismissed = submit(subject="ผู้อำนวยการไม่ตอบหนังสือ").case
    waiting = submit(channel=Channel.CORRUPTION).case
    case_assign(actor=officer, case=answered, lead=Unit.objects.get(code="cpd-prov-13"))
    case_answer(actor=officer, case=answered, reply="ดำเนินการแก้ไขให้เรียบร้อยแล้ว " + THAI_WORDS)
    Rating.objects.create(case=answered, score=4)
    case_dismiss(actor=officer, case=dismissed, outcome="not_ours", reason="เป็นอำนาจของกรมตรวจบัญชีสหกรณ์")
    return answered, dismissed, waiting


def _specs():
    today = timezone.localdate()
    return [
        documents.monthly(today.year + 543, today.month),
        documents.quarterly(fiscal_year(today), fiscal_quarter(today)),
        documents.ita_year(fiscal_year(today)),
    ]


@pytest.mark.parametrize("index", [0, 1, 2], ids=["monthly", "quarterly", "ita"])
def test_report_pdf_text_has_every_word(cases, officer, index):
    spec = _specs()[index]
    agency = cases[0].agency
    data = documents.collect(spec, agency=agency, user=officer)
    words = source_words(render_to_string("complaints/documents/report.html", documents._context(data)))
    assert len(words) > 30
    assert missing_words(documents.pdf_bytes(data), words) == []
    pdf, _, _ = documents.build(spec, "pdf", agency=agency, user=officer)
    assert missing_words(pdf, words) == []


def test_cover_memo_pdf_text_has_every_word(cases, officer):
    spec = _specs()[0]
    agency = cases[0].agency
    data = documents.collect(spec, agency=agency, user=officer)
    memo = documents.memo_for(data, agency_line=agency.name, signer=officer)
    words = source_words(memo_html(memo))
    assert "การดำเนินงานของกรมส่งเสริมสหกรณ์" in " ".join(words)
    pdf, _, _ = documents.build(spec, "memo.pdf", agency=agency, user=officer)
    assert missing_words(pdf, words) == []


def test_yearly_review_memo_pdf_text_has_every_word(agency, officer, monkeypatch):
    import datetime as dt

    from complaints.services import review_record, standards_ensure

    standards_ensure(agency=agency)
    record = review_record(
        actor=officer, agency=agency, fiscal_year=2568, reviewed_on=dt.date(2025, 9, 15),
        reference="การประชุมคณะทำงาน ครั้งที่ 3/2568",
        findings="ระบบเป็นไปตามคู่มือ ผู้อำนวยการสำนักงานรับทราบการดำเนินงานของหน่วยงาน", changes=THAI_WORDS,
    )
    memos = []
    render = documents.memo_pdf
    monkeypatch.setattr(documents, "memo_pdf", lambda memo: memos.append(memo) or render(memo))
    pdf, _, _ = documents.review_file(record, "pdf")
    words = source_words(memo_html(memos[0]))
    assert "ผู้อำนวยการสำนักงานรับทราบการดำเนินงานของหน่วยงาน" in words and "ปั่น" in words
    assert missing_words(pdf, words) == []
