import datetime
from decimal import Decimal

import orjson
import pytest

from audit.models import AuditEvent
from core.errors import ApplicationError
from procurement.models import Bid, Project, Release
from procurement.ocds import schema
from procurement.services import parties, projects, tendering

pytestmark = pytest.mark.django_db
D = Decimal


def test_whole_life_is_recorded_published_and_audited(recorded, officer):
    project, bids = recorded("award")
    project = tendering.project_contract(actor=officer, project=project, contract_no="5/2568",
                                         signed_on=datetime.date(2024, 12, 10), amount=D("1850000"))
    project = tendering.project_complete(actor=officer, project=project,
                                         completed_on=datetime.date(2025, 3, 1))
    assert project.status == Project.Status.COMPLETED and project.is_public
    assert project.winner.name == "บริษัท หนึ่ง จำกัด" and project.award_amount == D("1850000")
    actions = list(AuditEvent.objects.filter(object_type="procurement.Project", object_id=str(project.pk))
                   .values_list("action", flat=True))
    for action in ("procurement.create", "procurement.reference", "procurement.announce",
                   "procurement.qualified", "procurement.award", "procurement.contract",
                   "procurement.complete"):
        assert action in actions
    award_event = AuditEvent.objects.get(action="procurement.award", object_id=str(project.pk))
    assert award_event.old["status"] == "qualified" and award_event.new["status"] == "awarded"
    # every step is an OCDS release; each and the compiled release validate against the 1.1.5 schema
    tags = [r.tag[0] for r in Release.objects.filter(project=project).order_by("seq")]
    assert tags[0] == "planning" and "tender" in tags and "award" in tags and tags[-1] == "contractUpdate"
    for release in project.releases.all():
        assert schema.errors(release.data, "release") == []
    compiled = project.compiled
    assert schema.errors(compiled, "release") == []
    assert compiled["tender"]["value"]["amount"] == 1900000
    assert compiled["tender"]["procurementMethodDetails"] == "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
    assert len(compiled["tender"]["documentBuyers"]) == 2
    assert {b["status"] for b in compiled["bids"]["details"]} == {"valid"}
    assert compiled["awards"][0]["suppliers"][0]["name"] == "บริษัท หนึ่ง จำกัด"
    assert compiled["contracts"][0]["status"] == "terminated"
    reference_doc = next(d for d in compiled["tender"]["documents"] if d["id"] == "reference-price")
    assert "สืบราคาจากท้องตลาด" in reference_doc["description"]


def test_a_recorded_project_uses_the_bids_extension_once_its_bids_are_published(recorded):
    project, _ = recorded("announced")  # bids received, not yet published
    project.refresh_from_db()
    assert "bids" not in project.compiled and not project.uses_bids
    project, _ = recorded("qualified")
    project.refresh_from_db()
    assert "bids" in project.compiled and project.uses_bids


def test_draft_is_not_public_until_announced(recorded):
    project, _ = recorded("reference")
    assert not project.is_public and project.status == Project.Status.DRAFT
    assert Project.objects.public().count() == 0


def test_announcing_needs_a_reference_price(recorded, officer):
    project, _ = recorded("draft")
    with pytest.raises(ApplicationError, match="ราคากลาง"):
        projects.project_announce(actor=officer, project=project, announced_on=datetime.date(2024, 11, 1),
                                  submission_deadline=datetime.date(2024, 11, 20), criteria="price")


def test_steps_out_of_order_are_refused(recorded, officer, supplier_factory):
    project, bids = recorded("announced")
    with pytest.raises(ApplicationError, match="สถานะ"):
        tendering.project_award(actor=officer, project=project, bid=next(iter(bids.values())),
                                awarded_on=datetime.date(2024, 12, 1), amount=D("1"), reason="x")
    with pytest.raises(ApplicationError, match="ยังไม่ได้พิจารณาคุณสมบัติ"):
        tendering.project_publish_qualified(actor=officer, project=project,
                                            qualified_on=datetime.date(2024, 11, 21))
    with pytest.raises(ApplicationError, match="ยื่นข้อเสนอในโครงการนี้แล้ว"):
        tendering.bid_add(actor=officer, project=project, supplier=supplier_factory("บริษัท หนึ่ง จำกัด"),
                          amount=D("5"))


def test_award_rules(recorded, officer):
    project, bids = recorded("qualified")
    one, two = bids["บริษัท หนึ่ง จำกัด"], bids["บริษัท สอง จำกัด"]
    with pytest.raises(ApplicationError, match="ไม่สูงกว่าราคาที่เสนอ"):
        tendering.project_award(actor=officer, project=project, bid=one,
                                awarded_on=datetime.date(2024, 11, 25), amount=D("1850001"), reason="ต่ำสุด")
    with pytest.raises(ApplicationError, match="เหตุผล"):
        tendering.project_award(actor=officer, project=project, bid=one,
                                awarded_on=datetime.date(2024, 11, 25), amount=D("1800000"), reason=" ")
    # the valid second bid may win when its reasons are stated
    project = tendering.project_award(actor=officer, project=project, bid=two,
                                      awarded_on=datetime.date(2024, 11, 25), amount=D("1870000"),
                                      reason="คะแนนคุณภาพสูงกว่า")
    assert project.winner == two.supplier


def test_disqualification_needs_a_reason_that_is_published(recorded, officer):
    project, bids = recorded("announced")
    bid = bids["บริษัท สอง จำกัด"]
    with pytest.raises(ApplicationError, match="เหตุผล"):
        tendering.bid_evaluate(actor=officer, bid=bid, status=Bid.Status.DISQUALIFIED)
    tendering.bid_evaluate(actor=officer, bid=bid, status=Bid.Status.DISQUALIFIED, reason="ไม่แนบหนังสือรับรอง")
    project.refresh_from_db()
    assert "bids" not in project.compiled  # not published while the qualification is not announced
    tendering.bid_evaluate(actor=officer, bid=bids["บริษัท หนึ่ง จำกัด"], status=Bid.Status.VALID)
    project = tendering.project_publish_qualified(actor=officer, project=project,
                                                  qualified_on=datetime.date(2024, 11, 21))
    detail = next(b for b in project.compiled["bids"]["details"] if b["id"] == bid.ocds_id)
    assert detail["status"] == "disqualified"


def test_cancel_is_final(recorded, officer):
    project, _ = recorded("announced")
    project = projects.project_cancel(actor=officer, project=project, reason="ไม่มีผู้ยื่นข้อเสนอที่เหมาะสม")
    assert project.compiled["tender"]["status"] == "cancelled"
    with pytest.raises(ApplicationError):
        projects.project_update(actor=officer, project=project, title="ใหม่")


def test_imported_projects_are_read_only(agency, make_user):
    import io

    from accounts.models import Role

    officer = make_user("buyer.hq", "cpd-finance", (Role.PROCUREMENT_OFFICER, None))  # may edit the agency's

    from procurement.services.ocds_import import ocds_import

    release = {"ocid": "ocds-abc-1", "id": "r1", "date": "2024-01-01T00:00:00Z", "tag": ["tender"],
               "initiationType": "tender", "tender": {"id": "t", "title": "นำเข้า"}}
    ocds_import(actor=None, sources=[("r.json", io.BytesIO(orjson.dumps(release)))], unit=agency)
    project = Project.objects.get(ocid="ocds-abc-1")
    with pytest.raises(ApplicationError, match="นำเข้าจากข้อมูล OCDS"):
        projects.project_update(actor=officer, project=project, title="แก้")


def test_supplier_identity_by_registration_number(officer):
    first = parties.supplier_get_or_create(actor=officer, name="บริษัท ก้าวหน้า จำกัด",
                                           juristic_id="0105555012348")
    same = parties.supplier_get_or_create(actor=officer, name="บจก. ก้าวหน้า", juristic_id="")
    assert same == first  # name without legal form matches
    with pytest.raises(ApplicationError, match="๑๓ หลัก"):
        parties.supplier_create(actor=officer, name="บริษัท ผิด จำกัด", juristic_id="0105555012349")
    assert first.ocds_id == "TH-DBD-0105555012348"
