import pytest

from audit.models import AuditEvent
from core.errors import ApplicationError
from procurement.models import CompanyPerson, ImportRun, Project, Relationship, Supplier
from procurement.services import parties
from procurement.services.csv_import import egp_csv_import, registry_csv_import

pytestmark = pytest.mark.django_db

HEADER = ("project_id,project_name,dept_name,budget_year,announce_date,project_money,price_build,"
          "purchase_method_name,project_status,contract_no,contract_date,price_agree,winner,winner_tin")
GOOD = [
    "67019001,ซื้อวัสดุสำนักงาน,กองคลัง,2567,15/11/2566,\"250,000.00\",248000,วิธีเฉพาะเจาะจง,"
    "จัดทำสัญญา/PO แล้ว,12/2567,01/12/2566,245000,บริษัท ออฟฟิศ จำกัด,0105555012348",
    "67019002,จ้างก่อสร้างอาคาร,กค.,2567,2024-01-10,4500000,4450000,e-bidding,ระหว่างดำเนินการ,,,,,",
    "67019002,จ้างก่อสร้างอาคาร,กค.,2567,2024-01-10,4500000,4450000,e-bidding,ระหว่างดำเนินการ,,,,,",
]


@pytest.fixture
def hq_officer(make_user):
    """Importing for the whole department needs the role at the department's root unit."""
    from accounts.models import Role

    return make_user("buyer.hq", "cpd-finance", (Role.PROCUREMENT_OFFICER, None))


def _csv(*rows, header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def test_egp_rows_become_projects_with_releases(agency, hq_officer):
    run = egp_csv_import(actor=hq_officer, data=_csv(*GOOD), filename="egp.csv", unit=agency)
    assert run.ok and run.counts == {"created": 2, "updated": 0, "rows": 3}
    office = Project.objects.get(external_id="67019001")
    assert office.unit.code == "cpd-finance" and office.method == "specific"
    assert office.status == Project.Status.CONTRACTED and office.winner.juristic_id == "0105555012348"
    assert str(office.budget) == "250000.00" and office.announced_on.isoformat() == "2023-11-15"
    assert office.is_public and office.compiled["awards"][0]["value"]["amount"] == 245000
    assert AuditEvent.objects.filter(action="procurement.egp_import").count() == 1
    again = egp_csv_import(actor=hq_officer, data=_csv(*GOOD), filename="egp.csv", unit=agency)
    assert again.counts["updated"] == 2 and Project.objects.count() == 2


def test_any_bad_row_stops_the_import_and_each_problem_is_reported(agency, hq_officer):
    bad = [
        GOOD[0],
        "67019003,,กองคลัง,2567,31/02/2567,abc,,วิธีพิเศษสุด,,,,,,",
        "67019004,ซื้อรถ,กองที่ไม่มี,67,01/01/2567,100,,e-market,,,,,,1234567890123",
        "67019002,จ้างก่อสร้างอาคาร,กค.,2567,2024-01-10,4500000,4450000,e-bidding,ระหว่างดำเนินการ,,,,,",
        "67019002,จ้างก่อสร้างอาคารใหม่,กค.,2567,2024-01-10,4500000,4450000,e-bidding,ระหว่างดำเนินการ,,,,,",
    ]
    with pytest.raises(ApplicationError) as caught:
        egp_csv_import(actor=hq_officer, data=_csv(*bad), filename="bad.csv", unit=agency)
    problems = {(e.row, e.column) for e in caught.value.extra["errors"]}
    assert {(3, "project_name"), (3, "announce_date"), (3, "project_money"), (3, "purchase_method_name"),
            (4, "dept_name"), (4, "budget_year"), (4, "winner_tin"), (6, "project_name")} <= problems
    messages = {str(e) for e in caught.value.extra["errors"]}
    assert "แถวที่ 3 คอลัมน์ announce_date: ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ พ.ศ. 2567 กรุณาตรวจสอบวันที่อีกครั้ง" in messages
    assert "แถวที่ 4 คอลัมน์ budget_year: ต้องเป็นปี พ.ศ. ๔ หลัก เช่น 2567" in messages
    assert Project.objects.count() == 0 and Supplier.objects.count() == 0
    run = ImportRun.objects.get()
    assert not run.ok and len(run.errors) == len(caught.value.extra["errors"])


def test_missing_columns_and_thai_headers_and_windows_encoding(agency, hq_officer):
    with pytest.raises(ApplicationError) as caught:
        egp_csv_import(actor=hq_officer, data=b"project_id,project_name\n1,x\n", filename="x.csv",
                       unit=agency)
    assert "ไม่พบคอลัมน์ที่ต้องมี" in str(caught.value.extra["errors"][0])
    thai = ("เลขที่โครงการ,ชื่อโครงการ,ปีงบประมาณ,วงเงินงบประมาณ,วิธีจัดซื้อจัดจ้าง\n"
            "68000001,จ้างซ่อมหลังคา,2568,90000,เฉพาะเจาะจง\n")
    run = egp_csv_import(actor=hq_officer, data=thai.encode("cp874"), filename="tis.csv", unit=agency)
    assert run.ok and Project.objects.get().title == "จ้างซ่อมหลังคา"


def test_a_units_officer_cannot_import_for_the_whole_department(agency, officer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        egp_csv_import(actor=officer, data=_csv(*GOOD), filename="egp.csv", unit=agency)
    assert not Project.objects.exists() and not ImportRun.objects.exists()


def test_registry_import_adds_people_and_finds_ties(finance, officer):
    official = parties.official_create(actor=officer, unit=finance, name="นายวิชัย รักงาน")
    parties.official_declare(actor=officer, official=official, employers=[],
                             relatives=[{"name": "นางสมศรี รักงาน", "relation": "spouse"}])
    data = ("เลขทะเบียนนิติบุคคล,ชื่อนิติบุคคล,ชื่อ-สกุล,ฐานะ\n"
            "0105555012348,บริษัท ก้าวหน้าก่อสร้าง จำกัด,นางสมศรี  รักงาน,กรรมการ\n"
            "0105555012348,บริษัท ก้าวหน้าก่อสร้าง จำกัด,นายประยูร ก้าวหน้า,ผู้ถือหุ้น\n").encode()
    run = registry_csv_import(actor=officer, data=data, filename="dbd.csv")
    assert run.counts["people_added"] == 2 and run.counts["relationships"]["found"] == 1
    assert CompanyPerson.objects.filter(role="shareholder").get().name == "นายประยูร ก้าวหน้า"
    assert Relationship.objects.get().status == Relationship.Status.EXACT
    bad = ("เลขทะเบียนนิติบุคคล,ชื่อนิติบุคคล,ชื่อ-สกุล,ฐานะ\n"
           "0105555012349,บริษัท ก จำกัด,นายเอ บี,กรรมการ\n0105555012348,บริษัท ข จำกัด,น,ประธาน\n").encode()
    with pytest.raises(ApplicationError) as caught:
        registry_csv_import(actor=officer, data=bad, filename="bad.csv")
    assert {(e.row, e.column) for e in caught.value.extra["errors"]} == {
        (2, "juristic_id"), (3, "person_name"), (3, "role")}
    assert CompanyPerson.objects.count() == 2
