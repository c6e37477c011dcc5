import re

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


PROFILE_FIELDS = ["official_name", "name_en", "ministry", "address", "phone", "email", "website",
                  "book_prefix", "head_title", "head_name", "pacc_addressee", "pacc_address", "facebook",
                  "line", "youtube", "memo_addressee", "committee_addressee", "memo_signer_position",
                  "memo_unit", "ocid_prefix", "ocds_license", "ocds_publication_policy"]
# The two addresses named in the agency's OCDS packages, with the Thai name each refusal gives.
OPEN_DATA_LINKS = {"ocds_license": "ที่อยู่สัญญาอนุญาตข้อมูลเปิด",
                   "ocds_publication_policy": "ที่อยู่นโยบายการเผยแพร่ข้อมูล"}
# OCDS prefixes are "ocds-" and six letters or digits, given by the Open Contracting Partnership.
OCID_PREFIX_RE = re.compile(r"^ocds-[a-z0-9]{6}$")
EMBLEM_KINDS = ("png", "jpg")
EMBLEM_MAX_BYTES = 2 * 1024 * 1024


def _store_emblem(profile, emblem) -> None:
    import hashlib

    from core.uploads import display_filename, human_size, identify

    if emblem.size > EMBLEM_MAX_BYTES:
        raise ApplicationError(f"ไฟล์ตราสัญลักษณ์ {display_filename(emblem.name)} มีขนาด "
                               f"{human_size(emblem.size)} เกินกำหนด {human_size(EMBLEM_MAX_BYTES)}",
                               field="emblem")
    kind = identify(emblem, emblem.name, EMBLEM_KINDS, field="emblem", accepted="ภาพ PNG หรือ JPEG")
    emblem.seek(0)
    profile.emblem_sha256 = hashlib.sha256(emblem.read()).hexdigest()
    emblem.seek(0)
    profile.emblem_extension = kind.key
    profile.emblem.save("emblem", emblem, save=False)


def _profile_snapshot(profile) -> dict:
    return {**snapshot(profile, PROFILE_FIELDS), "emblem_sha256": profile.emblem_sha256}


def _clean_ocid_prefix(value: str, agency: Unit) -> str:
    from org.models import AgencyProfile

    prefix = (value or "").strip().lower()
    if not prefix:
        return ""
    if not OCID_PREFIX_RE.match(prefix):
        raise ApplicationError("คำนำหน้าเลข ocid ต้องอยู่ในรูป ocds- ตามด้วยอักษรอังกฤษหรือตัวเลข ๖ ตัว "
                               "เช่น ocds-th0cpd", field="ocid_prefix")
    # A prefix names one publisher: two agencies sharing one would publish each other's processes.
    if AgencyProfile.objects.filter(ocid_prefix=prefix).exclude(agency=agency).exists():
        raise ApplicationError(f"คำนำหน้าเลข ocid '{prefix}' เป็นของส่วนราชการอื่นแล้ว", field="ocid_prefix")
    return prefix


def _clean_web_address(value: str, field: str) -> str:
    """A blank (the deployment's default) or an http(s) address with a host: OCDS readers follow it."""
    from urllib.parse import urlsplit

    address = (value or "").strip()
    if not address:
        return ""
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in address:
        raise ApplicationError(f"{OPEN_DATA_LINKS[field]}ต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย http:// หรือ https:// "
                               "เช่น https://data.go.th/pages/dga-open-government-license", field=field)
    return address


@transaction.atomic
def agency_profile_update(*, actor, agency: Unit, emblem=None, remove_emblem: bool = False, **values):
    """Change what the agency says about itself (public pages, letters, memos); audited old → new."""
    from org.models import AgencyProfile

    if agency.parent_id is not None:
        raise ApplicationError("ข้อมูลส่วนราชการตั้งได้ที่ระดับกรมเท่านั้น")
    require(actor, "agency.settings", agency, message="เฉพาะผู้ดูแลระบบระดับกรมจึงจะแก้ไขข้อมูลส่วนราชการได้")
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    if "official_name" in values and not (values["official_name"] or "").strip():
        raise ApplicationError("กรุณากรอกชื่อส่วนราชการ", field="official_name")
    if "ocid_prefix" in values:
        values["ocid_prefix"] = _clean_ocid_prefix(values["ocid_prefix"], agency)
    for field in OPEN_DATA_LINKS.keys() & values.keys():
        values[field] = _clean_web_address(values[field], field)
    profile = AgencyProfile.objects.select_for_update().filter(agency=agency).first()
    if profile is None:
        profile = AgencyProfile(agency=agency, official_name=agency.name)
    old = _profile_snapshot(profile) if profile.pk else None
    for name, value in values.items():
        setattr(profile, name, value)
    if remove_emblem:
        profile.emblem, profile.emblem_extension, profile.emblem_sha256 = "", "", ""
    if emblem is not None:
        _store_emblem(profile, emblem)
    profile.save()
    audit_record(actor=actor, action="agency.settings", obj=profile, old=old,
                 new=_profile_snapshot(profile), unit=agency)
    return profile
