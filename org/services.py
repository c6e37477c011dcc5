from django.db import transaction

from accounts.policy import require
from audit.services import audit_record, snapshot
from core.errors import ApplicationError
from org.models import Unit

AUDITED_FIELDS = ["parent", "code", "name", "abbreviation", "aliases", "kind", "region", "province",
                  "reports_on_plan", "is_active", "note", "thai_digits"]


def _path_for(unit: Unit) -> str:
    own = f"{unit.pk:06d}/"
    return f"{unit.parent.path}{own}" if unit.parent_id else f"/{own}"


@transaction.atomic
def unit_create(*, actor, parent: Unit | None, code: str, name: str, kind: str, abbreviation: str = "",
                aliases: list[str] | None = None, region: str = "", province: str = "",
                reports_on_plan: bool = True, sort_order: int = 0, note: str = "") -> Unit:
    # A unit inside an agency is created by a sysadmin over its parent; a new agency only by the system.
    if parent is None:
        require(actor, "agency.create")
    else:
        require(actor, "unit.manage", parent)
    if Unit.objects.filter(code=code).exists():
        raise ApplicationError(f"รหัสหน่วยงาน '{code}' ถูกใช้แล้ว", field="code")
    if parent is None and kind != Unit.Kind.AGENCY:
        raise ApplicationError("หน่วยงานระดับบนสุดต้องเป็นกรม", field="parent")
    unit = Unit.objects.create(
        parent=parent, code=code, name=name, kind=kind, abbreviation=abbreviation, aliases=aliases or [],
        region=region, province=province, reports_on_plan=reports_on_plan, sort_order=sort_order, note=note,
    )
    unit.path = _path_for(unit)
    unit.save(update_fields=["path"])
    audit_record(actor=actor, action="unit.create", obj=unit, new=snapshot(unit, AUDITED_FIELDS), unit=unit)
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, **changes) -> Unit:
    require(actor, "unit.manage", unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    old = snapshot(unit, AUDITED_FIELDS)
    unknown = set(changes) - set(AUDITED_FIELDS) - {"sort_order"}
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    if unit.parent_id is not None and changes.get("thai_digits", unit.thai_digits) != unit.thai_digits:
        # One setting per agency: a unit below the root would only seem to change its own documents.
        raise ApplicationError("ตั้งค่าการใช้เลขไทยได้ที่ระดับกรมเท่านั้น", field="thai_digits")
    new_parent = changes.get("parent", unit.parent)
    if "parent" in changes and new_parent is not None and new_parent.pk != unit.parent_id:
        require(actor, "unit.manage", new_parent)  # moving a unit needs power over where it goes too
    if "parent" in changes and new_parent is not None and new_parent.path.startswith(unit.path):
        raise ApplicationError("ย้ายหน่วยงานไปอยู่ใต้หน่วยงานย่อยของตัวเองไม่ได้", field="parent")
    for name, value in changes.items():
        setattr(unit, name, value)
    old_path = unit.path
    unit.path = _path_for(unit)
    unit.save()
    if old_path != unit.path:
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path):]
            child.save(update_fields=["path"])
    audit_record(actor=actor, action="unit.update", obj=unit, old=old, new=snapshot(unit, AUDITED_FIELDS),
                 unit=unit)
    return unit
