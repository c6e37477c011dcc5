"""Importing e-GP-like project lists and company-registry extracts from CSV.

Every row is checked first; if any row has a problem nothing is written and the report lists each problem by
row and column in Thai. One row per contract in the e-GP file: rows of one project must agree on the project.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record
from core.errors import ApplicationError
from org.models import Unit
from org.selectors import unit_finder
from procurement.csvfiles import RowError, Table, parse_amount, parse_date, read_table
from procurement.methods import method_from_label, ocds_method
from procurement.models import CompanyPerson, ImportRun, Project, Supplier
from procurement.names import company_key, person_key, valid_thai_id
from procurement.ocds.build import ocid_prefix
from procurement.services.parties import supplier_create, supplier_get_or_create
from procurement.services.releases import release_record

EGP_COLUMNS = {
    "project_id": ("เลขที่โครงการ", "เลขโครงการ", "projectid"),
    "project_name": ("ชื่อโครงการ",),
    "dept_name": ("หน่วยงาน", "ชื่อหน่วยงาน", "deptname"),
    "budget_year": ("ปีงบประมาณ", "budgetyear"),
    "announce_date": ("วันที่ประกาศ", "วันที่ประกาศเชิญชวน"),
    "submission_deadline": ("วันสุดท้ายยื่นข้อเสนอ", "วันยื่นข้อเสนอ"),
    "project_money": ("วงเงินงบประมาณ", "งบประมาณ"),
    "price_build": ("ราคากลาง",),
    "purchase_method_name": ("วิธีจัดซื้อจัดจ้าง", "วิธีการจัดหา"),
    "project_status": ("สถานะโครงการ", "สถานะ"),
    "contract_no": ("เลขที่สัญญา",),
    "contract_date": ("วันที่ลงนามสัญญา", "วันที่ทำสัญญา"),
    "price_agree": ("ราคาที่ตกลง", "ราคาที่ตกลงซื้อหรือจ้าง", "sumpriceagree"),
    "winner": ("ผู้ได้รับการคัดเลือก", "ผู้ชนะ", "ผู้รับจ้าง"),
    "winner_tin": ("เลขประจำตัวผู้เสียภาษีผู้ชนะ", "เลขทะเบียนผู้ชนะ"),
}
EGP_REQUIRED = {"project_id", "project_name", "budget_year", "project_money", "purchase_method_name"}
S = Project.Status
STATUS_WORDS = [("ยกเลิก", S.CANCELLED), ("แล้วเสร็จ", S.COMPLETED), ("ส่งมอบ", S.COMPLETED),
                ("สัญญา", S.CONTRACTED), ("po", S.CONTRACTED), ("ผู้ชนะ", S.AWARDED), ("ประกาศผล", S.AWARDED),
                ("ระหว่าง", S.ANNOUNCED), ("ประกาศเชิญชวน", S.ANNOUNCED), ("จัดทำ", S.DRAFT)]
TAGS = {S.DRAFT: "planning", S.ANNOUNCED: "tender", S.AWARDED: "award", S.CONTRACTED: "contract",
        S.COMPLETED: "contract", S.CANCELLED: "tenderCancellation"}


@dataclass
class EgpRow:
    number: int
    values: dict


def _status(text: str, row: dict) -> str | None:
    lowered = text.lower()
    for word, status in STATUS_WORDS:
        if word in lowered:
            return status
    if not text:
        if row.get("contract_date"):
            return S.CONTRACTED
        if row.get("winner"):
            return S.AWARDED
        return S.ANNOUNCED if row.get("announce_date") else S.DRAFT
    return None


AMOUNT_COLUMNS = (("project_money", "budget"), ("price_build", "reference_price"),
                  ("price_agree", "award_amount"))
DATE_COLUMNS = (("announce_date", "announced_on"), ("submission_deadline", "submission_deadline"),
                ("contract_date", "contract_signed_on"))


def _check_fiscal_year(raw: dict, v: dict, fail) -> None:
    if raw["budget_year"]:
        year = raw["budget_year"].translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
        if not year.isdigit() or not 2500 <= int(year) <= 2700:
            fail("budget_year", "ต้องเป็นปี พ.ศ. ๔ หลัก เช่น 2567")
        else:
            v["fiscal_year"] = int(year)


def _parse_columns(raw: dict, v: dict, fail, columns: tuple, parse) -> None:
    """v[target] = parse(raw[column]) for each (column, target); None when empty or unreadable."""
    for column, target in columns:
        v[target] = None
        if raw[column]:
            try:
                v[target] = parse(raw[column])
            except ValueError as exc:
                fail(column, str(exc))


def _check_method_and_status(raw: dict, v: dict, fail) -> None:
    method = method_from_label(raw["purchase_method_name"])
    if raw["purchase_method_name"] and method is None:
        fail("purchase_method_name", f"ไม่รู้จักวิธี \"{raw['purchase_method_name']}\" (เช่น e-bidding, e-market, "
                                     "วิธีคัดเลือก, วิธีเฉพาะเจาะจง)")
    v["method"] = method.value if method else ""
    status = _status(raw["project_status"], raw)
    if status is None:
        fail("project_status", f"ไม่รู้จักสถานะ \"{raw['project_status']}\"")
    v["status"] = status


def _check_winner(raw: dict, fail) -> None:
    if raw["winner_tin"] and not valid_thai_id(raw["winner_tin"]):
        fail("winner_tin", "เลขประจำตัวผู้เสียภาษีต้องเป็นตัวเลข ๑๓ หลักที่ถูกต้อง")
    if raw["winner_tin"] and not raw["winner"]:
        fail("winner", "มีเลขประจำตัวผู้เสียภาษีแต่ไม่มีชื่อผู้ได้รับการคัดเลือก")
    if raw["price_agree"] and not raw["winner"]:
        fail("winner", "มีราคาที่ตกลงแต่ไม่มีชื่อผู้ได้รับการคัดเลือก")


def _check_egp_row(raw: dict, fail, find_unit, agency: Unit) -> dict:
    """The row's typed values; each problem is reported through `fail(column, message)`."""
    v: dict = {}
    for column in EGP_REQUIRED:
        if not raw[column]:
            fail(column, "ต้องไม่ว่าง")
    _check_fiscal_year(raw, v, fail)
    _parse_columns(raw, v, fail, AMOUNT_COLUMNS, parse_amount)
    _parse_columns(raw, v, fail, DATE_COLUMNS, parse_date)
    _check_method_and_status(raw, v, fail)
    _check_winner(raw, fail)
    if raw["dept_name"]:
        unit = find_unit(raw["dept_name"])
        if unit is None:
            fail("dept_name", f"ไม่พบหน่วยงาน \"{raw['dept_name']}\" ในโครงสร้างของ {agency.short_name}")
        v["unit"] = unit
    if v.get("award_amount") is not None and v.get("budget") is not None and v["award_amount"] > v["budget"]:
        fail("price_agree", "ราคาที่ตกลงสูงกว่าวงเงินงบประมาณ")
    return v


def _check_project_rows_agree(projects: dict[str, list[EgpRow]], errors: list[RowError]) -> None:
    """Rows of one project (one per contract) must repeat the project's own columns unchanged."""
    for project_id, rows in projects.items():
        first = rows[0].values
        for row in rows[1:]:
            for column in ("project_name", "budget_year", "project_money", "purchase_method_name"):
                if row.values[column] != first[column]:
                    errors.append(RowError(row.number, column,
                                           f"ไม่ตรงกับแถวที่ {rows[0].number} ของโครงการเลขที่ {project_id}"))


def _check_egp(table: Table, agency: Unit) -> dict[str, list[EgpRow]]:
    projects: dict[str, list[EgpRow]] = {}
    errors = table.errors
    find_unit = unit_finder(agency)
    for number, raw in table.rows:

        def fail(column: str, message: str, number=number) -> None:
            errors.append(RowError(number, column, message))

        v = _check_egp_row(raw, fail, find_unit, agency)
        projects.setdefault(raw["project_id"], []).append(EgpRow(number, {**raw, **v}))
    _check_project_rows_agree(projects, errors)
    clash = Project.objects.filter(external_id__in=list(projects)).exclude(source=Project.Source.CSV)
    for project in clash:
        rows = projects[project.external_id]
        errors.append(RowError(rows[0].number, "project_id",
                               "เลขที่โครงการนี้เป็นโครงการที่บันทึกด้วยวิธีอื่นในระบบแล้ว"))
    return projects


def _write_egp(actor, unit: Unit, projects: dict[str, list[EgpRow]], publish: bool, counts: dict) -> None:
    now = timezone.now()
    existing = {p.external_id: p for p in Project.objects.filter(source=Project.Source.CSV,
                                                                  external_id__in=list(projects))}
    for project_id, rows in projects.items():
        v = rows[0].values
        project = existing.get(project_id) or Project(source=Project.Source.CSV, external_id=project_id,
                                                      ocid=f"{ocid_prefix(unit)}-egp-{project_id}")
        counts["updated" if project.pk else "created"] += 1
        project.unit = v.get("unit") or unit
        project.title = v["project_name"]
        project.fiscal_year = v["fiscal_year"]
        project.method = v["method"]
        project.ocds_method = ocds_method(v["method"])
        project.budget = v.get("budget")
        project.reference_price = v.get("reference_price")
        project.announced_on = v.get("announced_on")
        project.submission_deadline = v.get("submission_deadline")
        project.status = v["status"]
        winners = [r.values for r in rows if r.values.get("winner")]
        suppliers = [
            supplier_get_or_create(actor=actor, name=w["winner"], juristic_id=w.get("winner_tin", ""),
                                   unit=unit)
            for w in winners
        ]
        project.winner = suppliers[0] if suppliers else None
        project.winner_names = ", ".join(dict.fromkeys(s.name for s in suppliers))
        amounts = [r.values["award_amount"] for r in rows if r.values.get("award_amount") is not None]
        project.award_amount = sum(amounts) if amounts else None
        has_contract = any(r.values.get("contract_no") for r in rows)
        project.contract_amount = project.award_amount if has_contract else None
        numbers = [r.values["contract_no"] for r in rows if r.values.get("contract_no")]
        project.contract_no = ", ".join(numbers)[:128]
        signed = [r.values["contract_signed_on"] for r in rows if r.values.get("contract_signed_on")]
        project.contract_signed_on = min(signed) if signed else None
        project.awarded_on = project.awarded_on or project.contract_signed_on
        if publish and project.published_at is None and project.status != S.DRAFT:
            project.published_at = now
        project.save()
        release_record(project, tag=TAGS.get(project.status, "tenderUpdate"))


def _record_failure(run: ImportRun, errors: list[RowError], actor, action: str) -> None:
    run.pk = None
    run.ok = False
    run.errors = [e.as_dict() for e in errors[:500]]
    run.save()
    audit_record(actor=actor, action=action, obj=run, unit=run.unit, new={"errors": len(errors)},
                 note=run.filenames)


def egp_csv_import(*, actor, data: bytes, filename: str, unit: Unit, publish: bool = True) -> ImportRun:
    """Import projects from an e-GP-like CSV. Raises ApplicationError (extra: errors, run) on any problem."""
    import hashlib
    require(actor, "procurement.edit", unit=unit)

    run = ImportRun(kind=ImportRun.Kind.EGP_CSV,
                    actor=actor if getattr(actor, "is_authenticated", False) else None,
                    unit=unit, filenames=filename[:2000], sha256=hashlib.sha256(data).hexdigest())
    table = read_table(data, EGP_COLUMNS, EGP_REQUIRED)
    from org.selectors import agency_of

    projects = _check_egp(table, agency_of(unit)) if not table.errors else {}
    if table.errors:
        _record_failure(run, table.errors, actor, "procurement.egp_import_failed")
        raise ApplicationError(f"พบข้อผิดพลาด {len(table.errors)} รายการ ไม่มีข้อมูลใดถูกนำเข้า",
                               extra={"errors": table.errors, "run": run})
    counts = {"created": 0, "updated": 0, "rows": len(table.rows)}
    with transaction.atomic():
        run.save()
        _write_egp(actor, unit, projects, publish, counts)
        run.ok = True
        run.counts = counts
        run.save()
        audit_record(actor=actor, action="procurement.egp_import", obj=run, unit=unit, new=counts,
                     note=filename)
    return run


REGISTRY_COLUMNS = {
    "juristic_id": ("เลขทะเบียนนิติบุคคล", "เลขประจำตัวผู้เสียภาษี", "tin"),
    "company_name": ("ชื่อนิติบุคคล", "ชื่อบริษัท", "ชื่อผู้ประกอบการ"),
    "address": ("ที่อยู่", "ที่ตั้งสำนักงานใหญ่"),
    "phone": ("โทรศัพท์", "เบอร์โทรศัพท์"),
    "person_name": ("ชื่อ-สกุล", "ชื่อบุคคล", "ชื่อกรรมการ"),
    "role": ("ฐานะ", "ตำแหน่ง", "บทบาท"),
}
REGISTRY_REQUIRED = {"juristic_id", "company_name", "person_name", "role"}
ROLE_WORDS = {"กรรมการ": "director", "director": "director", "หุ้นส่วน": "shareholder",
              "ผู้ถือหุ้น": "shareholder", "shareholder": "shareholder", "partner": "shareholder",
              "ผู้ติดต่อ": "contact", "contact": "contact", "ผู้ประสานงาน": "contact"}


def _role(text: str) -> str | None:
    lowered = text.strip().lower()
    for word, role in ROLE_WORDS.items():
        if word in lowered:
            return role
    return None


def _check_registry_rows(table: Table) -> list[tuple[str, dict, str | None]]:
    """(registration number, row, role) per row; problems are added to table.errors."""
    rows = []
    names: dict[str, tuple[int, str]] = {}
    for number, raw in table.rows:
        jid = raw["juristic_id"].translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")).replace("-", "").strip()
        if not valid_thai_id(jid):
            table.errors.append(RowError(number, "juristic_id",
                                         "ต้องเป็นเลข ๑๓ หลักที่ถูกต้อง (หลักสุดท้ายเป็นเลขตรวจสอบ)"))
        if not company_key(raw["company_name"]):
            table.errors.append(RowError(number, "company_name", "ต้องไม่ว่าง"))
        if len(person_key(raw["person_name"]).replace(" ", "")) < 2:
            table.errors.append(RowError(number, "person_name", "ต้องเป็นชื่อ-สกุลของบุคคล"))
        role = _role(raw["role"])
        if role is None:
            table.errors.append(RowError(number, "role",
                                         f"ไม่รู้จักฐานะ \"{raw['role']}\" (กรรมการ, ผู้ถือหุ้น, ผู้ติดต่อ)"))
        if jid in names and company_key(names[jid][1]) != company_key(raw["company_name"]):
            table.errors.append(RowError(number, "company_name",
                                         f"ชื่อไม่ตรงกับแถวที่ {names[jid][0]} ที่ใช้เลขทะเบียนเดียวกัน"))
        names.setdefault(jid, (number, raw["company_name"]))
        rows.append((jid, raw, role))
    return rows


def _registry_supplier(actor, jid: str, raw: dict, counts: dict) -> Supplier:
    """The company of a registry row: by registration number, else by name without one, else a new one."""
    supplier = Supplier.objects.filter(juristic_id=jid).first()
    if supplier is None:
        # A company entered earlier by name only gets its registration number now.
        supplier = Supplier.objects.filter(name_key=company_key(raw["company_name"]), juristic_id="").first()
        if supplier is not None:
            supplier.juristic_id = jid
            supplier.save(update_fields=["juristic_id"])
    if supplier is None:
        supplier = supplier_create(actor=actor, name=raw["company_name"], juristic_id=jid,
                                   address=raw["address"], phone=raw["phone"])
        counts["new_companies"] += 1
    return supplier


def _update_company_contact(supplier: Supplier, raw: dict) -> None:
    """The address and phone given in the row replace the company's; empty cells keep what it has."""
    changed = False
    for field_name in ("address", "phone"):
        if raw[field_name] and getattr(supplier, field_name) != raw[field_name]:
            setattr(supplier, field_name, raw[field_name])
            changed = True
    if changed:
        supplier.save(update_fields=["address", "phone"])


def registry_csv_import(*, actor, data: bytes, filename: str) -> ImportRun:
    """Directors, shareholders and contact persons of companies; new people are added, nobody is removed."""
    import hashlib

    from procurement.services.relationships import relationships_refresh
    require(actor, "procurement.edit")  # companies and their people are shared records

    run = ImportRun(kind=ImportRun.Kind.REGISTRY_CSV, actor=actor if getattr(actor, "is_authenticated", False)
                    else None, filenames=filename[:2000], sha256=hashlib.sha256(data).hexdigest())
    table = read_table(data, REGISTRY_COLUMNS, REGISTRY_REQUIRED)
    rows = _check_registry_rows(table)
    if table.errors:
        _record_failure(run, table.errors, actor, "procurement.registry_import_failed")
        raise ApplicationError(f"พบข้อผิดพลาด {len(table.errors)} รายการ ไม่มีข้อมูลใดถูกนำเข้า",
                               extra={"errors": table.errors, "run": run})
    counts = {"companies": 0, "new_companies": 0, "people_added": 0, "rows": len(rows)}
    with transaction.atomic():
        run.save()
        seen: set[str] = set()
        for jid, raw, role in rows:
            supplier = _registry_supplier(actor, jid, raw, counts)
            if jid not in seen:
                seen.add(jid)
                counts["companies"] += 1
                _update_company_contact(supplier, raw)
            key = person_key(raw["person_name"])
            _, created = CompanyPerson.objects.get_or_create(
                supplier=supplier, role=role, name_key=key,
                defaults={"name": " ".join(raw["person_name"].split())})
            counts["people_added"] += created
        run.ok = True
        run.counts = counts
        run.save()
        audit_record(actor=actor, action="procurement.registry_import", obj=run, new=counts, note=filename)
        counts["relationships"] = relationships_refresh(actor=actor)
        run.counts = counts
        run.save(update_fields=["counts"])
    return run
