"""Many agencies: a national administrator creates one (spreadsheet tree, plan, administrators), the demo
serves two side by side, and each has its own public pages under /a/<code>/."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Role, RoleAssignment, User
from accounts.policy import Denied
from audit.models import AuditEvent
from complaints.models import Case
from complaints.services.tracking import WRONG as TRACK_WRONG
from core.errors import ApplicationError
from org.models import Unit
from org.unit_import import UnitImportError, read_rows, unit_template_xlsx, validate_rows
from plans.models import Plan
from site_shell.agencies import agency_create
from site_shell.demo import SECOND_AGENCY_DATA, load_second_agency

pytestmark = pytest.mark.django_db

UNITS_CSV = (SECOND_AGENCY_DATA / "demo_cad_units.csv").read_bytes()
PLAN = str(SECOND_AGENCY_DATA / "demo_cad_plan.yaml")

BAD_CSV = """code,parent code,name,abbreviation,kind,region,province
xx-a,,กองคลัง,กค.,division,central,
XX B,,กองการเจ้าหน้าที่,กจ.,division,central,
xx-c,xx-zz,กลุ่มงาน,,group,,
xx-a,,ซ้ำ,,planet,ต่างประเทศ,
cpd-hr,,ชื่อซ้ำในระบบ,,division,,
""".encode()


def test_a_bad_file_names_every_bad_row_in_thai_and_writes_nothing(agency):
    before = Unit.objects.count()
    with pytest.raises(UnitImportError) as caught:
        agency_create(actor=None, code="xx", name="กรมทดสอบ", units_file=BAD_CSV, units_filename="u.csv")
    errors = caught.value.errors
    assert any(e.startswith("แถวที่ 3: รหัส 'xx b' ใช้ได้เฉพาะ") for e in errors), errors
    assert any(e.startswith("แถวที่ 5: รหัส 'xx-a' ซ้ำกับแถวที่ 2") and "ประเภท 'planet'" in e
               and "สังกัด 'ต่างประเทศ'" in e for e in errors), errors
    assert any(e.startswith("แถวที่ 6: รหัส 'cpd-hr' ถูกใช้แล้ว") for e in errors), errors
    assert not any(e.startswith("แถวที่ 2") for e in errors)
    assert Unit.objects.count() == before and not Unit.objects.filter(code="xx").exists()


def test_a_plan_naming_an_unknown_unit_rolls_the_whole_agency_back(agency):
    from plans.planfile import load_planfile

    csv = b"code,parent code,name,abbreviation,kind\nyy-a,,\xe0\xb8\x81\xe0\xb8\xad\xe0\xb8\x87,yy,division\n"
    with pytest.raises(ApplicationError):
        agency_create(actor=None, code="yy", name="กรมทดสอบ", units_file=csv, units_filename="u.csv",
                      plan_data=load_planfile(PLAN))
    assert not Unit.objects.filter(code__in=["yy", "yy-a"]).exists() and not Plan.objects.exists()


def test_the_template_reads_back_through_the_importer():
    rows = read_rows(unit_template_xlsx(), "template.xlsx")
    checked = validate_rows(rows, agency_code="xyz")
    assert [(r.code, r.name, r.kind, r.region) for r in checked] == [
        ("xyz-finance", "กองคลัง", Unit.Kind.DIVISION, Unit.Region.CENTRAL)]


def test_the_command_creates_the_tree_the_plan_and_the_administrators(agency, tmp_path):
    units = tmp_path / "units.csv"
    units.write_bytes(UNITS_CSV.replace(b"cad-", b"zz-"))
    plan = (SECOND_AGENCY_DATA / "demo_cad_plan.yaml").read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    out = io.StringIO()
    call_command("agency_create", "--code", "zz", "--name", "กรมตรวจบัญชีสหกรณ์", "--units", str(units),
                 "--plan", str(tmp_path / "plan.yaml"), "--admin", "boss.zz:boss@zz.example", stdout=out)
    root = Unit.objects.get(code="zz")
    assert root.parent_id is None and root.kind == Unit.Kind.AGENCY
    assert sorted(u.code for u in Unit.objects.filter(path__startswith=root.path).exclude(pk=root.pk)) == [
        "zz-finance", "zz-hr", "zz-prov-01", "zz-prov-02", "zz-psdg"]
    assert Plan.objects.filter(agency=root).count() == 1
    boss = User.objects.get(username="boss.zz")
    assert set(RoleAssignment.objects.filter(user=boss, unit=root).values_list("role", flat=True)) == {
        Role.SYSADMIN, Role.PLAN_ADMIN}
    password = re.search(r"รหัสผ่านครั้งเดียว (\S+)", out.getvalue()).group(1)
    assert boss.check_password(password)
    event = AuditEvent.objects.get(action="agency.create")
    assert event.new["units"] == 5 and event.new["admins"] == ["boss.zz"]
    with pytest.raises(CommandError, match="แถวที่ 2"):
        call_command("agency_create", "--code", "zz2", "--name", "กรม", "--units", str(units))


def test_only_a_national_administrator_opens_the_page(client, agency, make_user):
    admin = make_user("sys", "cpd-ict", (Role.SYSADMIN, "cpd"))
    client.force_login(admin)
    assert client.get(reverse("site_shell:agency_new")).status_code == 403
    assert client.get(reverse("site_shell:agency_units_template")).status_code == 403
    with pytest.raises(Denied):
        agency_create(actor=admin, code="q", name="กรม", units_file=UNITS_CSV, units_filename="u.csv")


def test_the_page_creates_an_agency_and_shows_row_errors_keeping_the_form(client, agency):
    root = User.objects.create_superuser("national", "n@example.test", "Pr0ngsai-test-pw")
    client.force_login(root)
    template = client.get(reverse("site_shell:agency_units_template"))
    assert template.status_code == 200 and template.content[:2] == b"PK"
    bad = client.post(reverse("site_shell:agency_new"), {
        "code": "xx", "name": "กรมทดสอบ", "units": SimpleUploadedFile("u.csv", BAD_CSV), "thai_digits": "on"})
    page = bad.content.decode()
    assert bad.status_code == 400 and "แถวที่ 3:" in page and 'value="กรมทดสอบ"' in page
    assert not Unit.objects.filter(code="xx").exists()
    good = client.post(reverse("site_shell:agency_new"), {
        "code": "cad", "name": "กรมตรวจบัญชีสหกรณ์", "units": SimpleUploadedFile("u.csv", UNITS_CSV),
        "plan": SimpleUploadedFile("p.yaml", open(PLAN, "rb").read()),  # noqa: SIM115
        "admins": "admin.x:admin.x@example.test"})
    assert good.status_code == 200, good.content.decode()[:2000]
    assert "admin.x" in good.content.decode()
    cad = Unit.objects.get(code="cad")
    assert Plan.objects.filter(agency=cad).exists() and not cad.thai_digits
    assert AuditEvent.objects.get(action="agency.create").actor == root


def _file(client, prefix: str, subject: str) -> str:
    response = client.post(f"{prefix}/complaints/public/new/service/", {
        "subject": subject, "details": "รายละเอียดเรื่องร้องเรียนทดสอบ", "confirm": "on"}, follow=True)
    assert response.status_code == 200
    return re.search(r'id="tracking-code">([A-Z2-9-]+)<', response.content.decode()).group(1), response


def test_two_agencies_side_by_side_each_with_its_own_public_pages(client, agency):
    cad, plan, created = load_second_agency()
    assert load_second_agency()[2] == []  # loading again creates nothing
    assert {u for u, _, _ in created} == {"admin.cad", "complaints.cad"} and plan is not None
    index = client.get("/a/").content.decode()
    assert "/a/cpd/public/" in index and "/a/cad/public/" in index
    assert client.get("/a/cad/").headers["Location"] == "/a/cad/public/"
    home = client.get("/a/cad/public/").content.decode()
    assert "กรมตรวจบัญชีสหกรณ์" in home and "กรมส่งเสริมสหกรณ์" not in home
    assert "/a/cad/public/s/" in home  # its links stay on its own pages
    assert "กรมส่งเสริมสหกรณ์" in client.get("/public/").content.decode()  # the old address: the first agency
    assert client.get("/a/nope/public/").status_code == 404
    assert client.get("/a/cad/accounts/login/").headers["Location"] == "/accounts/login/"
    code, receipt = _file(client, "/a/cad", "เรื่องของกรมที่สอง")
    case = Case.objects.get(tracking_code=code)
    assert case.agency == cad and case.unit.path.startswith(cad.path)
    assert "/a/cad/complaints/public/track/" in receipt.content.decode()
    secret = re.search(r'id="tracking-secret">([A-Z2-9-]+)<', receipt.content.decode()).group(1)
    # The first agency's tracking page does not open it; the second agency's does.
    assert client.post("/complaints/public/track/", {"code": code, "secret": secret}).status_code == 404
    mine = client.post("/a/cad/complaints/public/track/", {"code": code, "secret": secret})
    shown = mine.content.decode()
    assert mine.status_code == 200 and code in shown and TRACK_WRONG not in shown
    code1, _ = _file(client, "", "เรื่องของกรมแรก")
    assert Case.objects.get(tracking_code=code1).agency == agency
