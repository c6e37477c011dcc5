"""The compiled round's cover memo and single report files follow the agency's Thai-digits setting."""

import io
import re

import pytest
from docx import Document

from reports import exports, services
from reports.tests.conftest import report_of, set_agency_digits

pytestmark = pytest.mark.django_db
THAI, ARABIC = re.compile("[๐-๙]"), re.compile("[0-9]")


def _lines(content: bytes) -> list[str]:
    doc = Document(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    lines += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return [x for x in lines if x.strip()]


@pytest.mark.parametrize("thai", [True, False])
def test_memo_and_report_follow_the_agency_setting(reported_round, people, thai):
    summary = services.round_compile(actor=people["admin"], round_=reported_round)
    services.summary_update(actor=people["admin"], summary=summary, memo_ref_no="กษ 1113/123")
    set_agency_digits(thai)
    want, other = (THAI, ARABIC) if thai else (ARABIC, THAI)
    memo = _lines(exports.memo_export(summary, "docx").content)
    assert [x for x in memo if want.search(x)] and not [x for x in memo if other.search(x)]
    report = _lines(exports.report_export(report_of(reported_round, "cpd-prov-13"), "docx").content)
    assert [x for x in report if want.search(x)]
