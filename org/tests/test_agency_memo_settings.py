"""Per-agency settings edited on the agency settings page (policy "agency.settings"), audited old → new, each
showing in agency B's documents and never in agency A's: the memo addressees, the signer's position, the
unit preparing the round memo, the agency's name, and the ocid prefix."""

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent
from complaints import documents
from org.forms import AgencyProfileForm
from org.selectors import agency_memo, agency_ocid_prefix, agency_profile
from plans.models import Plan
from reports.models import Round
from reports.services.summary import _memo_defaults
from site_shell.demo import load_second_agency

pytestmark = pytest.mark.django_db

B = {
    "official_name": "กรมตรวจบัญชีสหกรณ์ (ชื่อทางการ)",
    "memo_addressee": "รองอธิบดีฝ่ายบริหาร กรมตรวจบัญชีสหกรณ์",
    "committee_addressee": "ประธานคณะกรรมการบริหารความเสี่ยง กรมตรวจบัญชีสหกรณ์",
    "memo_signer_position": "เลขานุการกรมตรวจบัญชีสหกรณ์",
    "memo_unit": "กลุ่มพัฒนาระบบบริหาร ตส.",
    "ocid_prefix": "ocds-th0cad",
}


@pytest.fixture
def cad(agency, client):
    """Agency B (the demo's second agency), its settings changed on its own page by its administrator."""
    cad, _, _ = load_second_agency()
    admin = User.objects.get(username="admin.cad")
    client.force_login(admin)
    url = reverse("org:agency_settings", args=[cad.pk])
    assert client.get(url).status_code == 200
    form = AgencyProfileForm(instance=agency_profile(cad))
    data = {name: form[name].value() or "" for name in form.fields
            if name not in ("emblem_file", "remove_emblem")}
    data.update(B)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return cad


def test_each_setting_is_saved_and_audited_old_to_new(cad):
    event = AuditEvent.objects.filter(action="agency.settings", unit=cad).order_by("id").last()
    for name, value in B.items():
        assert event.new[name] == value, name
        if name != "official_name":
            assert event.old[name] == "", name
    assert event.actor.username == "admin.cad"


def test_the_page_is_refused_to_an_administrator_of_another_agency(cad, make_user, client):
    from accounts.models import Role

    client.force_login(make_user("root.cpd", "cpd-ict", (Role.SYSADMIN, "cpd")))
    assert client.get(reverse("org:agency_settings", args=[cad.pk])).status_code == 403


def _complaint_memo(agency, kind, signer=None):
    spec = documents.monthly(2569, 1) if kind == "monthly" else documents.quarterly(2569, 1)
    data = documents.collect(spec, agency=agency, user=None)
    memo = documents.memo_for(data, agency_line=data.memo.agency_name, signer=signer)
    return memo, " ".join([memo.agency, memo.addressee, memo.signer_position, *memo.paragraphs])


def _everything(memo) -> str:
    return " ".join(str(v) for v in vars(memo).values())


def test_b_memo_wording_is_in_b_complaint_memos_never_in_a(cad, agency, make_user):
    signer = make_user("writer", "cpd-slk")
    signer.position = "นักจัดการงานทั่วไป"
    b_month, b_text = _complaint_memo(cad, "monthly", signer)
    b_quarter, _ = _complaint_memo(cad, "quarterly", signer)
    assert b_month.addressee == B["memo_addressee"] and b_quarter.addressee == B["committee_addressee"]
    assert b_month.signer_position == B["memo_signer_position"]
    assert b_month.agency == B["official_name"] and f"ของ{B['official_name']}" in b_text
    a_month, _ = _complaint_memo(agency, "monthly", signer)
    a_quarter, _ = _complaint_memo(agency, "quarterly", signer)
    # A keeps the wording it always had.
    assert a_month.addressee == "อธิบดีกรมส่งเสริมสหกรณ์"
    assert a_quarter.addressee == "ประธานคณะกรรมการบริหารกรมส่งเสริมสหกรณ์"
    assert a_month.signer_position == "นักจัดการงานทั่วไป"
    for memo in (a_month, a_quarter):
        text = _everything(memo)
        assert not any(value in text for value in B.values()), text


def _review_text(agency) -> str:
    import datetime
    import io

    from docx import Document

    from complaints.services import review_record

    record = review_record(actor=None, agency=agency, fiscal_year=2569,
                           reviewed_on=datetime.date(2026, 10, 5), findings="ทบทวนระบบแล้ว")
    data, _, _ = documents.review_file(record, "docx")
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_b_recipients_and_review_memo_follow_b_profile(cad, agency):
    from complaints.views.reports import _recipient

    b_review, a_review = _review_text(cad), _review_text(agency)
    assert B["memo_addressee"] in b_review and B["official_name"] in b_review
    assert "อธิบดีกรมส่งเสริมสหกรณ์" in a_review
    assert not any(value in a_review for value in B.values())

    assert _recipient("monthly", cad) == B["memo_addressee"]
    assert _recipient("quarterly", cad) == B["committee_addressee"]
    assert _recipient("monthly", agency) == "อธิบดีกรมส่งเสริมสหกรณ์"
    assert _recipient("quarterly", agency) == "คณะกรรมการบริหารกรมส่งเสริมสหกรณ์"


def test_b_round_memo_defaults_come_from_b_profile_never_a(cad, agency, make_user):
    b_round = Round(plan=Plan(agency=cad, title="แผนปฏิบัติการด้านคุณธรรม"), name="รอบ ๖ เดือน", fiscal_year=2569)
    a_round = Round(plan=Plan(agency=agency, title="แผนปฏิบัติการด้านคุณธรรม"), name="รอบ ๖ เดือน",
                    fiscal_year=2569)
    compiler = make_user("pa", "cpd-psdg")
    compiler.position = "ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร"
    b = _memo_defaults(b_round, None)
    assert b["memo_addressee"] == B["memo_addressee"]
    assert b["memo_signer_position"] == B["memo_signer_position"]
    assert b["memo_agency"] == f"{B['official_name']} {B['memo_unit']}"
    assert f"{B['memo_unit']}ได้รวบรวม" in b["memo_body"]
    a = _memo_defaults(a_round, compiler)
    assert a["memo_addressee"] == "อธิบดีกรมส่งเสริมสหกรณ์"
    assert a["memo_agency"] == "กรมส่งเสริมสหกรณ์ กลุ่มพัฒนาระบบบริหาร"  # the compiler's unit, as before
    assert a["memo_signer_position"] == "ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร"
    assert "กลุ่มพัฒนาระบบบริหารได้รวบรวม" in a["memo_body"]
    assert not any(value in " ".join(a.values()) for value in B.values())


def test_the_settings_resolve_per_agency(cad, agency):
    assert agency_ocid_prefix(cad) == B["ocid_prefix"] and agency_ocid_prefix(agency) == "ocds-th0cpd"
    assert agency_memo(agency).addressee == "อธิบดีกรมส่งเสริมสหกรณ์"
