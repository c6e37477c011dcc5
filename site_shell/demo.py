"""The department and demo accounts that `make run` loads. Loading again keeps existing data."""

from __future__ import annotations

import datetime
import importlib
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from accounts.models import Role, User
from accounts.services import role_assign, user_create
from org.loaders import agency_load
from org.models import Unit
from plans.models import Plan
from plans.planfile import load_planfile
from plans.services import plan_approve, plan_load

DEMO_APPS = [
    "reports", "procurement", "complaints", "campaigns", "integrity", "registers", "budget", "surveys",
    "hr", "ita", "infocentre", "portal",
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    position: str
    unit_code: str
    role: str
    scope_code: str | None = None  # unit over which the role is held; default: the agency


DEMO_ACCOUNTS = [
    DemoAccount("admin", "ผู้ดูแล", "ระบบ", "นักวิชาการคอมพิวเตอร์", "cpd-ict", Role.SYSADMIN),
    DemoAccount("planadmin", "วันดา", "ทดลองใช้", "ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร", "cpd-psdg", Role.PLAN_ADMIN),
    DemoAccount("executive", "วิชัย", "ทดลองใช้", "รองอธิบดี", "cpd", Role.EXECUTIVE),
    DemoAccount("auditor", "สุภาพร", "ทดลองใช้", "ผู้ตรวจสอบภายใน", "cpd-ia", Role.AUDITOR),
    DemoAccount("coordinator", "ประเสริฐ", "ทดลองใช้", "นักทรัพยากรบุคคล", "cpd-hr", Role.COORDINATOR, "cpd-hr"),
    DemoAccount("head.cm", "สมศักดิ์", "ทดลองใช้", "สหกรณ์จังหวัดเชียงใหม่", "cpd-prov-13", Role.UNIT_HEAD,
                "cpd-prov-13"),
    DemoAccount("reporter.cm", "มาลี", "ทดลองใช้", "นักวิชาการสหกรณ์", "cpd-prov-13", Role.REPORTER,
                "cpd-prov-13"),
    DemoAccount("procurement", "จันทร์เพ็ญ", "ทดลองใช้", "นักวิชาการพัสดุ", "cpd-finance", Role.PROCUREMENT_OFFICER),
    DemoAccount("complaints", "ชัยวัฒน์", "ทดลองใช้", "เจ้าหน้าที่รับเรื่องร้องเรียน", "cpd-slk", Role.COMPLAINT_OFFICER),
    DemoAccount("custodian", "นภา", "ทดลองใช้", "ผู้รักษาข้อมูลผู้ร้องเรียน", "cpd-slk", Role.IDENTITY_CUSTODIAN),
    # The demo assigns cases to Chiang Mai: someone there handles them, as the assigned unit's officer.
    DemoAccount("complaints.cm", "ปรีชา", "ทดลองใช้", "เจ้าหน้าที่เรื่องร้องเรียนจังหวัด", "cpd-prov-13",
                Role.COMPLAINT_OFFICER, "cpd-prov-13"),
    # budget monitoring and surveys
    DemoAccount("finance", "สมพร", "ทดลองใช้", "นักวิชาการเงินและบัญชี", "cpd-finance", Role.FINANCE_OFFICER),
    DemoAccount("ict", "ธนากร", "ทดลองใช้", "นักวิชาการคอมพิวเตอร์ (เว็บไซต์)", "cpd-ict", Role.ICT_OFFICER),
    # Keeps the manuals, internal control, healthy-workplace and publicity registers for the department.
    DemoAccount("registers", "กมลวรรณ", "ทดลองใช้", "นักวิเคราะห์นโยบายและแผน", "cpd-psdg",
                Role.REGISTER_OFFICER),
    DemoAccount("hr", "อารีรัตน์", "ทดลองใช้", "นักทรัพยากรบุคคล", "cpd-hr", Role.HR_OFFICER),
    # integrity registers: CoI campaigns, gifts, declarations and issuances for the department; the
    # confidential discipline register at กองการเจ้าหน้าที่
    DemoAccount("coi", "ศิริพร", "ทดลองใช้", "นิติกร (งานป้องกันผลประโยชน์ทับซ้อน)", "cpd-hr", Role.COI_OFFICER),
    DemoAccount("discipline", "ธีรวัฒน์", "ทดลองใช้", "นิติกร (งานวินัย)", "cpd-hr", Role.DISCIPLINE_OFFICER,
                "cpd-hr"),
]


def logins_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-logins.txt"


@transaction.atomic
def load_department() -> tuple[Unit, Plan]:
    agency = agency_load(actor=None)
    plan = Plan.objects.filter(agency=agency).order_by("id").first()
    if plan is None:
        data = load_planfile()
        plan = plan_load(actor=None, agency=agency, data=data)
        # The department approved this plan on paper (memo ที่ กษ ๑๑๑๓/๖๑, 30 Jan 2017); record that approval.
        plan = plan_approve(actor=None, plan=plan, approved_on=datetime.date(2017, 1, 30),
                     approval_memo=data["plan"].get("approved_memo") or "",
                     note="อธิบดีกรมส่งเสริมสหกรณ์ให้ความเห็นชอบตามบันทึกข้อความ")
    _profile(agency)
    return agency, plan


def _profile(agency: Unit) -> None:
    """The department's own particulars as its memos print them (ส่วนราชการ, ที่ กษ ๑๑๑๓, the plan group's
    telephone) and the licence of its open data; an administrator completes the rest (address, emblem) on
    the agency settings page."""
    from org.models import AgencyProfile

    AgencyProfile.objects.get_or_create(agency=agency, defaults={
        "official_name": agency.name, "ministry": "กระทรวงเกษตรและสหกรณ์", "book_prefix": "กษ ๑๑๑๓",
        "phone": "๐ ๒๖๒๘ ๕๑๔๓", "email": "cpd_psdg@cpd.go.th", "head_title": f"อธิบดี{agency.name}",
        "memo_unit": "กลุ่มพัฒนาระบบบริหาร",
        # The terms of data.go.th, where government agencies publish their open data; the second demo agency
        # sets none and so names the deployment's default.
        "ocds_license": "https://data.go.th/pages/dga-open-government-license",
    })


def load_demo_accounts(agency: Unit) -> list[tuple[str, str, str]]:
    """Create missing demo accounts; returns (username, password or '', role label) for accounts created
    now."""
    created = []
    for acc in DEMO_ACCOUNTS:
        if User.objects.filter(username=acc.username).exists():
            continue
        password = secrets.token_urlsafe(9)
        unit = Unit.objects.get(code=acc.unit_code)
        user = user_create(actor=None, username=acc.username, password=password, unit=unit,
                           first_name=acc.first_name, last_name=acc.last_name, position=acc.position,
                           email=f"{acc.username}@demo.invalid")
        scope = Unit.objects.get(code=acc.scope_code) if acc.scope_code else agency
        role_assign(actor=None, user=user, role=acc.role, unit=scope)
        created.append((acc.username, password, f"{Role(acc.role).label} ({scope.short_name})"))
    _write_logins(created)
    return created


def _write_logins(created: list[tuple[str, str, str]]) -> None:
    if created:
        path = logins_file()
        with path.open("a", encoding="utf-8") as fh:
            for username, password, label in created:
                fh.write(f"{username}\t{password}\t{label}\n")
        path.chmod(0o600)


def load_demo_data(agency: Unit, plan: Plan) -> list[str]:
    """Each app may ship a `demo.load(agency=, plan=)` that adds its own demo records (idempotently)."""
    done = []
    for app in DEMO_APPS:
        try:
            module = importlib.import_module(f"{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.demo":
                raise
            continue
        message = module.load(agency=agency, plan=plan)
        if message:
            done.append(message)
    return done


# A second, small agency beside the department, so that `make run` shows two agencies side by side (each
# with its own public pages under /a/<code>/ and its own complaint form). Created the way a national
# administrator would, through site_shell.agencies.agency_create.
SECOND_AGENCY = {"code": "cad", "name": "กรมตรวจบัญชีสหกรณ์", "abbreviation": "ตส."}
SECOND_AGENCY_DATA = Path(__file__).resolve().parent / "data"


@transaction.atomic
def load_second_agency() -> tuple[Unit, Plan | None, list[tuple[str, str, str]]]:
    """The second demo agency (5 units, a two-activity plan, its administrator and complaint officer);
    returns it, its plan and the (username, password, role label) of accounts created now."""
    from org.models import AgencyProfile
    from site_shell.agencies import agency_create

    agency = Unit.objects.filter(code=SECOND_AGENCY["code"], parent__isnull=True).first()
    created: list[tuple[str, str, str]] = []
    if agency is None:
        result = agency_create(
            actor=None, **SECOND_AGENCY,
            units_file=(SECOND_AGENCY_DATA / "demo_cad_units.csv").read_bytes(), units_filename="units.csv",
            plan_data=load_planfile(SECOND_AGENCY_DATA / "demo_cad_plan.yaml"),
            admins=[("admin.cad", "admin.cad@demo.invalid")])
        agency = result.agency
        AgencyProfile.objects.filter(agency=agency).update(
            ministry="กระทรวงเกษตรและสหกรณ์", phone="๐ ๒๒๘๑ ๖๔๘๗", email="saraban@cad.go.th",
            head_title=f"อธิบดี{agency.name}")
        created += [(u, p, "ผู้ดูแลระบบ และผู้ดูแลแผน (ตส.)") for u, p in result.admins]
    if not User.objects.filter(username="complaints.cad").exists():
        password = secrets.token_urlsafe(9)
        user = user_create(actor=None, username="complaints.cad", password=password, unit=agency,
                           first_name="สุนทร", last_name="ทดลองใช้", position="เจ้าหน้าที่รับเรื่องร้องเรียน",
                           email="complaints.cad@demo.invalid")
        role_assign(actor=None, user=user, role=Role.COMPLAINT_OFFICER, unit=agency)
        created.append(("complaints.cad", password, f"{Role.COMPLAINT_OFFICER.label} (ตส.)"))
    _write_logins(created)
    plan = Plan.objects.filter(agency=agency).order_by("id").first()
    return agency, plan, created


# The supervising bodies above the agencies (read-only): ป.ป.ท. over every agency served here, and the
# ministry over its own (both demo agencies are the Ministry of Agriculture's).
DEMO_SUPERVISORS = [
    ("pacc", "ปกรณ์", "ผู้ตรวจติดตาม", "สำนักงาน ป.ป.ท.", ""),
    ("moac", "อรุณี", "ผู้ตรวจติดตาม", "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์", "กระทรวงเกษตรและสหกรณ์"),
]


@transaction.atomic
def load_supervisors() -> list[tuple[str, str, str]]:
    """The demo's supervising bodies; returns (username, password, role label) of accounts created now."""
    from accounts.services import supervision_grant

    created = []
    for username, first_name, position, body, ministry in DEMO_SUPERVISORS:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(9)
        user = user_create(actor=None, username=username, password=password, unit=None, first_name=first_name,
                           last_name="ทดลองใช้", position=f"{position} {body}",
                           email=f"{username}@demo.invalid")
        supervision = supervision_grant(actor=None, user=user, ministry=ministry, body=body)
        created.append((username, password, f"{Role.SUPERVISOR.label} — {supervision.scope_label}"))
    _write_logins(created)
    return created
