import pytest

from reports import services
from reports.tests.conftest import fill, report_of

pytestmark = pytest.mark.django_db


def test_the_return_mail_carries_the_row_comments(
    open_round, people, mailoutbox, django_capture_on_commit_callbacks
):
    report = fill(report_of(open_round, "cpd-prov-13", "t-2"), people["reporter"])
    services.report_submit(actor=people["reporter"], report=report)
    row = report.rows.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(
            actor=people["coordinator"],
            report=report,
            comment="โปรดตรวจทานทั้งฉบับ",
            row_comments={row.pk: "ระบุจำนวนผู้เข้าร่วม"},
        )
    body = mailoutbox[0].body
    assert "ความเห็น: โปรดตรวจทานทั้งฉบับ" in body
    assert "ความเห็นรายแถว:\n- แถวที่ 1: ประชุมชี้แจงแนวทางการทบทวนกระบวนงาน: ระบุจำนวนผู้เข้าร่วม" in body
