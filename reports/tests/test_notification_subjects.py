"""E-mail subjects name the activity cut between Thai words, never in the middle of one."""

import pytest
from pythainlp.tokenize import word_tokenize

from reports import services
from reports.tests.conftest import fill, report_of

pytestmark = pytest.mark.django_db

LONG_TITLE = ("กิจกรรมที่ ๑ รณรงค์ ปลูกฝังจิตสำนึก สร้างการรับรู้เรื่องผลประโยชน์ทับซ้อนแก่บุคลากรทุกระดับ"
              "ผ่านช่องทางการสื่อสารภายในองค์กรอย่างต่อเนื่อง")


def _word_prefixes(text: str) -> set[str]:
    prefixes, built = set(), ""
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        built += token
        prefixes.add(built.rstrip())
    return prefixes


def test_a_long_activity_title_is_cut_between_words_in_the_subject(
    open_round, people, mailoutbox, django_capture_on_commit_callbacks
):
    report = report_of(open_round, "cpd-prov-13", "t-2")
    report.activity.title = LONG_TITLE
    report.activity.save(update_fields=["title"])
    assert LONG_TITLE[:60] not in _word_prefixes(LONG_TITLE)  # a cut by count would end inside a word
    fill(report, people["reporter"])
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(actor=people["reporter"], report=report)
    assert mailoutbox
    subject = mailoutbox[0].subject
    title_part = subject.split(" — ", 1)[1]
    assert title_part.endswith("…")
    assert len(title_part) <= 60
    assert title_part[:-1] in _word_prefixes(LONG_TITLE)
