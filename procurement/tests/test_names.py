import pytest

from audit.models import AuditEvent
from core.errors import ApplicationError
from procurement.models import CompanyPerson, Relationship
from procurement.names import company_key, compare, person_key, valid_thai_id
from procurement.services import parties
from procurement.services.relationships import relationship_decide, relationships_refresh


@pytest.mark.parametrize(("raw", "key"), [
    ("นายสมชาย ใจดี", "สมชาย ใจดี"),
    ("ว่าที่ ร.ต. ดร. สมชาย  ใจดี", "สมชาย ใจดี"),
    ("นางสาวิตรี ศรีสุข", "สาวิตรี ศรีสุข"),  # นางสาว would leave a dangling vowel: the title is นาง
    ("น.ส.มาลี\u200b มีสุข", "มาลี มีสุข"),
    ("นายิกา ทองดี", "นายิกา ทองดี"),  # not a title at all
    ("Mr. John  Smith", "john smith"),
    ("นาย\u0e2a\u0e21\u0e0a\u0e32\u0e22 \u0e43\u0e08\u0e14\u0e35", "สมชาย ใจดี"),
])
def test_person_names_are_normalised(raw, key):
    assert person_key(raw) == key


def test_decomposed_and_reordered_marks_normalise_alike():
    # sara am written as nikhahit + sara aa, and tone mark typed after the vowel, still match
    assert person_key("นายสมชาย ทำดี") == person_key("นายสมชาย ท\u0e4d\u0e32ดี")
    assert person_key("น้ำใจ ดี") == person_key("น\u0e49\u0e4d\u0e32ใจ ดี")


@pytest.mark.parametrize(("raw", "key"), [
    ("บริษัท ก้าวหน้า ก่อสร้าง จำกัด", "ก้าวหน้า ก่อสร้าง"),
    ("ห้างหุ้นส่วนจำกัด ก้าวหน้าก่อสร้าง", "ก้าวหน้าก่อสร้าง"),
    ("บมจ. ไทยพาณิชย์ (มหาชน)", "ไทยพาณิชย์"),
    ("ABC Co., Ltd.", "abc"),
    ("Cocoa Trading Co.,Ltd.", "cocoa trading"),
])
def test_company_names_lose_their_legal_forms(raw, key):
    assert company_key(raw) == key


def test_near_names_are_not_exact_and_say_why():
    near = compare(person_key("นายสมชัย ใจดี"), person_key("สมชาย ใจดี"))
    assert near is not None and not near.exact and near.score == pytest.approx(88.9, abs=0.05)
    assert "'ั' ↔ 'า'" in near.reason
    assert compare(person_key("สมชาย ใจดี"), person_key("สมชาย ใจงาม")) is None
    swapped = compare(person_key("ใจดี สมชาย"), person_key("นายสมชาย ใจดี"))
    assert swapped.exact and swapped.method == "token_sort"


def test_thai_id_check_digit():
    assert valid_thai_id("0105555012348") and valid_thai_id("๐๑๐๕๕๕๕๐๑๒๓๔๘")
    assert not valid_thai_id("0105555012349") and not valid_thai_id("12345")


@pytest.mark.django_db
def test_somchai_somchay_waits_for_a_person_whose_decision_is_audited(finance, officer, supplier_factory):
    official = parties.official_create(actor=officer, unit=finance, name="นายสมชาย ใจดี",
                                       position="ผู้อำนวยการกองคลัง")
    spouse_of = parties.official_create(actor=officer, unit=finance, name="นายวิชัย รักงาน")
    parties.official_declare(actor=officer, official=spouse_of, employers=[],
                             relatives=[{"name": "นางสมศรี รักงาน", "relation": "spouse"}])
    mankhong = supplier_factory("ห้างหุ้นส่วนจำกัด มั่นคงการช่าง", "0105555012348")
    kaona = supplier_factory("บริษัท ก้าวหน้าก่อสร้าง จำกัด")
    CompanyPerson.objects.create(supplier=mankhong, name="นายสมชัย ใจดี", name_key=person_key("นายสมชัย ใจดี"),
                                 role="shareholder")
    CompanyPerson.objects.create(supplier=kaona, name="นางสมศรี รักงาน", name_key=person_key("นางสมศรี รักงาน"),
                                 role="director")
    counts = relationships_refresh(actor=officer)
    assert counts["found"] == 2 and counts["pending"] == 1
    near = Relationship.objects.get(official=official)
    assert near.status == Relationship.Status.PENDING and "88.9" in near.reason
    assert [s["kind"] for s in near.path()] == ["official", "person", "supplier"]
    exact = Relationship.objects.get(official=spouse_of)
    assert exact.status == Relationship.Status.EXACT
    assert [s["label"] for s in exact.path()][1:] == ["นางสมศรี รักงาน (คู่สมรส)", "นางสมศรี รักงาน (กรรมการ)",
                                                      "บริษัท ก้าวหน้าก่อสร้าง จำกัด"]
    with pytest.raises(ApplicationError, match="เหตุผล"):
        relationship_decide(actor=officer, relationship=near, same_person=False, note="")
    relationship_decide(actor=officer, relationship=near, same_person=False, note="เลขบัตรประชาชนไม่ตรงกัน")
    event = AuditEvent.objects.get(action="procurement.relationship_decide")
    assert event.new["status"] == "ไม่ใช่บุคคลเดียวกัน" and event.actor == officer
    # running the matching again keeps the decision
    relationships_refresh(actor=officer)
    assert Relationship.objects.get(pk=near.pk).status == Relationship.Status.REJECTED
