"""A national administrator creates an agency: its root unit, its unit tree from a spreadsheet, its plan
from the plan file format, its administrators. All or nothing, audited.

The national administrator is a Django superuser (`is_superuser`): the policy's "agency.create" grants no
role, so only the superuser flag (and the system itself) passes it. This orchestration crosses org, plans
and accounts, which is why it lives in site_shell (see .importlinter).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.db import transaction

from accounts.models import Role
from accounts.policy import require
from accounts.services import role_assign, user_create
from audit.services import audit_record
from complaints.services.config import standards_ensure
from core.errors import ApplicationError
from org.models import AgencyProfile, Unit
from org.services import unit_create
from org.unit_import import CODE_RE, create_units, read_rows, validate_rows

ADMIN_ROLES = (Role.SYSADMIN, Role.PLAN_ADMIN)


@dataclass
class AgencyCreated:
    agency: Unit
    units: list[Unit]
    plan: object | None
    # (username, one-time password): shown once to the national administrator, never stored in clear
    admins: list[tuple[str, str]] = field(default_factory=list)


def parse_admin(spec: str) -> tuple[str, str]:
    """'username:email' → (username, email), refused in Thai when malformed."""
    username, sep, email = (spec or "").strip().partition(":")
    if not sep or not username.strip() or "@" not in email:
        raise ApplicationError(f"ผู้ดูแล '{spec}' ต้องอยู่ในรูป ชื่อผู้ใช้:อีเมล", field="admins")
    return username.strip(), email.strip()


@transaction.atomic
def agency_create(*, actor, code: str, name: str, units_file: bytes, units_filename: str,
                  abbreviation: str = "", plan_data: dict | None = None,
                  admins: list[tuple[str, str]] = (), thai_digits: bool = True) -> AgencyCreated:
    """Create the agency and everything given with it; any error (a bad row, an unknown unit in the plan,
    a username already taken) leaves nothing written."""
    require(actor, "agency.create", message="เฉพาะผู้ดูแลระบบระดับประเทศจึงจะสร้างส่วนราชการได้")
    code = (code or "").strip().lower()
    name = (name or "").strip()
    if not CODE_RE.match(code):
        raise ApplicationError("รหัสส่วนราชการใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และขีด (-)", field="code")
    if Unit.objects.filter(code=code).exists():
        raise ApplicationError(f"รหัส '{code}' ถูกใช้แล้ว", field="code")
    if not name:
        raise ApplicationError("กรุณากรอกชื่อส่วนราชการ", field="name")
    rows = validate_rows(read_rows(units_file, units_filename), agency_code=code)
    if plan_data is not None:
        from plans.planfile import validate_planfile

        errors = validate_planfile(plan_data)
        if errors:
            raise ApplicationError("ไฟล์แผนไม่ถูกต้อง: " + "; ".join(errors[:10]), field="plan")
    agency = unit_create(actor=actor, parent=None, code=code, name=name, kind=Unit.Kind.AGENCY,
                         abbreviation=abbreviation.strip(), reports_on_plan=False)
    if not thai_digits:
        Unit.objects.filter(pk=agency.pk).update(thai_digits=False)
        agency.thai_digits = False
    AgencyProfile.objects.create(agency=agency, official_name=name)
    units = create_units(actor=actor, agency=agency, rows=rows)
    # The complaint system's defaults (service standards, progress stages) become the agency's own copy now,
    # its receiving units found in the tree just made; its administrator reviews them from day one.
    standards_ensure(agency=agency)
    plan = None
    if plan_data is not None:
        from plans.services import plan_load

        plan = plan_load(actor=actor, agency=agency, data=plan_data)
    created = []
    for username, email in admins:
        password = secrets.token_urlsafe(12)
        user = user_create(actor=actor, username=username, password=password, unit=agency, email=email)
        for role in ADMIN_ROLES:
            role_assign(actor=actor, user=user, role=role, unit=agency)
        created.append((username, password))
    audit_record(actor=actor, action="agency.create", obj=agency, unit=agency, new={
        "code": code, "name": name, "units": len(units), "plan": getattr(plan, "title", None),
        "admins": [u for u, _ in created]})
    return AgencyCreated(agency=agency, units=units, plan=plan, admins=created)
