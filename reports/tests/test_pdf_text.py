"""The compiled round's PDF, assembled from cached parts, keeps a text layer that reads as the source."""

import pytest

from core.tests.test_pdf_text import THAI_WORDS, missing_words, pdftotext, source_words
from reports.compile import compile_round
from reports.exports import pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("arabic_documents")]


@pytest.fixture(autouse=True)
def own_cache(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.mark.parametrize("thai_digits", [False, True])
def test_compiled_round_pdf_text_has_every_word(reported_round, thai_digits):
    summary = "ผู้อำนวยการสำนักงานได้ติดตามการดำเนินงานของหน่วยงานในสังกัด " + THAI_WORDS
    compiled = compile_round(reported_round)
    parts = pdf.compiled_parts(compiled, summary, thai_digits)
    document = pdf.compiled_pdf(compiled, summary_text=summary, thai_digits=thai_digits)
    assert len(parts) == 3  # the front matter and two activities, merged from the cache
    words = [word for part in parts for word in source_words(part)]
    assert "การดำเนินงาน" in " ".join(words) and len(words) > 100
    assert missing_words(document, words) == []
    # The page numbers stamped by the merge read as printed too.
    stamp = "หน้า ๑ / " if thai_digits else "หน้า 1 / "
    assert stamp in pdftotext(document, "-f", "1", "-l", "1")


def test_single_report_pdf_text_has_every_word(reported_round):
    from reports import exports
    from reports.compile import compile_report
    from reports.exports import html
    from reports.exports.common import Writer
    from reports.tests.conftest import report_of

    report = report_of(reported_round, "cpd-prov-13")
    entry, section = compile_report(report)
    words = source_words(html.report_html(entry, section, Writer(False)))
    assert "หน่วยงาน" in words
    assert missing_words(exports.report_export(report, "pdf").content, words) == []


def test_cover_memo_pdf_text_has_every_word(reported_round, people):
    from core.documents.memo import memo_html
    from reports import exports, services
    from reports.exports.memo import memo_for
    from reports.models import CompiledSummary

    summary = services.round_compile(actor=people["admin"], round_=reported_round)
    services.summary_update(
        actor=people["admin"],
        summary=summary,
        memo_ref_no="กษ 1113/250",
        memo_signer_name="นางวันดา ทดลองใช้",
        memo_signer_position="ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร",
        memo_body=summary.memo_body + "\n" + THAI_WORDS,
    )
    summary = CompiledSummary.objects.get(pk=summary.pk)
    words = source_words(memo_html(memo_for(summary)))
    assert "ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร" in words
    assert missing_words(exports.memo_export(summary, "pdf").content, words) == []
