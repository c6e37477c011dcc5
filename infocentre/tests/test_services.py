"""The information centre's rules: segmented Thai search, the request lifecycle (receipt, due date, reply,
refusal with a ground, monthly statistics), moderation with a reason, no client address stored, and the
computed indicators on the real plan."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import Role
from accounts.policy import Denied
from core.errors import ApplicationError
from infocentre import participation, selectors, services
from infocentre.models import Comment, Document, InfoRequest, InfoSettings
from org.models import Unit

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def ict(make_user):
    return make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))


def _doc(ict, agency, title, text="", unit="cpd-ict", publish=True, category="s9"):
    doc = services.document_submit(actor=ict, agency=agency, unit=Unit.objects.get(code=unit),
                                   category=category, title=title, text=text, doc_date=D(2017, 1, 5))
    return services.document_publish(actor=ict, document=doc) if publish else doc


def test_search_finds_a_thai_word_inside_a_compound_sentence(agency, ict):
    hit = _doc(ict, agency, "แผนงานประจำปี", "โครงการการส่งเสริมสหกรณ์การเกษตรในพื้นที่")
    title_hit = _doc(ict, agency, "คู่มือสหกรณ์ออมทรัพย์")
    _doc(ict, agency, "ประกาศการรับสมัครงาน", "ตำแหน่งนักวิชาการคอมพิวเตอร์")
    unpublished = _doc(ict, agency, "ร่างสหกรณ์", publish=False)
    found = list(selectors.search("สหกรณ์"))
    assert found == [title_hit, hit]  # title words weigh more
    assert unpublished not in found
    assert list(selectors.search("การเกษตร")) == [hit]
    # A naive substring search would also find "งาน" in "แผนงาน" words it should not mix up; the index
    # keeps whole words: "สหกรณ์การเกษตร" typed as one run is segmented the same way as the text.
    assert hit in list(selectors.search("สหกรณ์การเกษตร"))


def test_a_reporter_submits_for_their_unit_only_and_ict_publishes(agency, ict, make_user):
    reporter = make_user("rep", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13"))
    doc = _doc(reporter, agency, "สรุปผลการดำเนินงาน", unit="cpd-prov-13", publish=False)
    assert doc.status == Document.Status.SUBMITTED
    with pytest.raises(Denied):
        _doc(reporter, agency, "ของหน่วยอื่น", unit="cpd-hr", publish=False)
    with pytest.raises(Denied):
        services.document_publish(actor=reporter, document=doc)
    services.document_publish(actor=ict, document=doc)
    assert selectors.published().filter(pk=doc.pk).exists()


def test_request_lifecycle_due_date_reply_refusal_and_statistics(agency, ict):
    receipt = services.request_receive(agency=agency, name="นาย ก", contact="a@example.test",
                                       subject="สำเนาสัญญาจ้าง", received_on=D(2017, 1, 10), submit_key="k1")
    request = receipt.request
    assert receipt.code.startswith("IR60-") and len(receipt.secret) == 8
    assert request.due_on == D(2017, 1, 25)  # 15 days, the default
    again = services.request_receive(agency=agency, name="นาย ก", contact="a@example.test",
                                     subject="สำเนาสัญญาจ้าง", submit_key="k1")
    assert again.request == request and again.secret == ""  # the same form twice files once
    assert services.request_find(code=receipt.code.lower(), secret=receipt.secret) == request
    with pytest.raises(ApplicationError):
        services.request_find(code=receipt.code, secret="WRONG")

    InfoSettings.objects.create(agency=agency, reply_days=10, working_days=True)
    second = services.request_receive(agency=agency, name="นาง ข", contact="0812345678",
                                      subject="งบประมาณปี 2560",
                                      received_on=D(2017, 2, 3)).request
    # ten working days after Friday 3 Feb; Monday 13 Feb was the substitute day for มาฆบูชา (Sat 11 Feb)
    assert second.due_on == D(2017, 2, 20)

    with pytest.raises(ApplicationError) as err:
        services.request_refuse(actor=ict, request=request, ground="", reason="ข้อมูลส่วนบุคคลของผู้อื่น")
    assert err.value.field == "ground"
    services.request_refuse(actor=ict, request=request, ground="s15_5", reason="ข้อมูลส่วนบุคคลของผู้อื่น",
                            on=D(2017, 1, 30))
    request.refresh_from_db()
    assert request.status == InfoRequest.Status.REFUSED and "(๕)" in request.get_refusal_ground_display()
    with pytest.raises(ApplicationError):
        services.request_reply(actor=ict, request=request, reply="ตอบซ้ำ")
    services.request_extend(actor=ict, request=second, days=10, reason="ต้องรวบรวมจากหลายหน่วยงาน")
    services.request_reply(actor=ict, request=second, reply="ส่งสำเนาทางอีเมลแล้ว", on=D(2017, 2, 20))
    stats = {row["month"]: row for row in selectors.monthly_statistics(agency, 2560)}
    assert stats[D(2017, 1, 1)] == {"month": D(2017, 1, 1), "received": 1, "replied": 0, "refused": 1,
                                    "open": 0, "late": 1}
    assert stats[D(2017, 2, 1)]["replied"] == 1 and stats[D(2017, 2, 1)]["late"] == 0
    assert sum(r["received"] for r in stats.values()) == 2


def test_moderation_needs_a_reason_to_hold_back_and_nothing_about_the_client_is_stored(agency, ict):
    today = timezone.localdate()
    item = participation.consultation_save(actor=ict, unit=Unit.objects.get(code="cpd-ict"),
                                           title="ร่างแผนดิจิทัล", summary="สาระ",
                                           opens_on=today, closes_on=today)
    comment = participation.comment_submit(consultation=item, text="ควรเพิ่มช่องทางออนไลน์",
                                           client_address="203.0.113.77")
    services.request_receive(agency=agency, name="ค", contact="c@example.test", subject="ข้อมูลโครงการ",
                             client_address="203.0.113.77")
    with pytest.raises(ApplicationError):
        participation.comment_moderate(actor=ict, comment=comment, publish=False)
    participation.comment_moderate(actor=ict, comment=comment, publish=False, reason="มีข้อมูลส่วนบุคคล")
    comment.refresh_from_db()
    assert comment.state == Comment.State.REJECTED and comment.moderation_reason == "มีข้อมูลส่วนบุคคล"
    assert not selectors.published_comments(item).exists()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith(("infocentre_", "audit_")):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')
            assert "203.0.113.77" not in repr(cursor.fetchall()), table


def test_indicators_are_computed_on_the_real_plan(make_user):
    from reports.indicator_values import COMPUTED, round_indicator_values
    from reports.services import round_create, round_open
    from site_shell.demo import load_department

    agency, plan = load_department()
    admin = make_user("planadmin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd"))
    ict = make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))

    rounds = {}

    def values(fy):
        if fy not in rounds:  # values are computed afresh on every call
            rounds[fy] = round_open(actor=admin, round_=round_create(
                actor=admin, plan=plan, fiscal_year=fy, name=f"รอบ {fy}", kind="annual",
                opens_on=D(fy - 543, 10, 1), due_on=D(fy - 543, 10, 31)))
        return {v.indicator.key: v for v in round_indicator_values(rounds[fy])}

    before = values(2560)
    assert all(before[k].source == COMPUTED for k in ("1.1.2-a/1", "1.3.2-a/1", "1.3.2-a/2", "1.3.2-a/3"))
    assert before["1.3.2-a/2"].done is False and before["1.3.2-a/3"].value == Decimal("0.00")

    _doc(ict, agency, "ข้อมูลใหม่", publish=False)
    Document.objects.update(submitted_on=D(2017, 3, 1))
    from infocentre.models import LinkBack
    units = list(Unit.objects.filter(parent__isnull=False, is_active=True))
    for unit in units:
        LinkBack.objects.create(unit=unit, url="https://example.org/", recorded_on=D(2017, 3, 1),
                                check_status="ok")
    for unit in Unit.objects.filter(code__in=["cpd-hr", "cpd-finance"]):
        services.analysis_save(actor=None, unit=unit, fiscal_year=2560, summary="วิเคราะห์ข้อมูลที่ต้องเปิดเผยแล้ว")
    participation.consultation_save(actor=ict, unit=Unit.objects.get(code="cpd-ict"), title="ร่างแผน",
                                    summary="สาระ", opens_on=D(2017, 5, 1), closes_on=D(2017, 5, 15))
    now = values(2560)
    assert now["1.3.2-a/2"].done is True and "1 รายการ" in now["1.3.2-a/2"].explanation
    assert now["1.3.2-a/1"].done is False and "ยังไม่บันทึก" in now["1.3.2-a/1"].explanation
    assert now["1.1.2-a/1"].value == 1 and now["1.1.2-a/1"].verdict.status == "met"
    assert now["1.3.2-a/3"].value is not None and now["1.3.2-a/3"].value > 0
    # 2561: the target is one per unit; one unit with one process is not every unit
    later = values(2561)
    assert later["1.1.2-a/1"].value == 0 and "ยังไม่มี" in later["1.1.2-a/1"].explanation
