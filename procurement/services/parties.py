"""Suppliers and officials, and what officials declare about their relatives and former employers."""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction

from accounts.policy import require
from audit.services import audit_record, snapshot
from core.errors import ApplicationError
from core.thai import to_arabic_digits
from org.models import Unit
from procurement.models import Official, OfficialEmployer, OfficialRelative, Supplier
from procurement.names import company_key, person_key, valid_thai_id
from procurement.ocds.build import ocid_prefix

SUPPLIER_FIELDS = ["name", "juristic_id", "address", "phone"]
OFFICIAL_FIELDS = ["name", "position", "kind", "unit", "declared_on", "is_active"]


def clean_juristic_id(value: str, field: str = "juristic_id") -> str:
    digits = to_arabic_digits(value or "").replace("-", "").replace(" ", "").strip()
    if digits and not valid_thai_id(digits):
        raise ApplicationError("เลขทะเบียนนิติบุคคลต้องเป็นตัวเลข ๑๓ หลักที่ถูกต้อง (หลักสุดท้ายเป็นเลขตรวจสอบ)",
                               field=field)
    return digits


def find_supplier(*, name: str, juristic_id: str = "") -> Supplier | None:
    if juristic_id:
        found = Supplier.objects.filter(juristic_id=juristic_id).first()
        if found:
            return found
    key = company_key(name)
    return Supplier.objects.filter(name_key=key).order_by("id").first() if key else None


@transaction.atomic
def supplier_create(*, actor, name: str, juristic_id: str = "", address: str = "",
                    phone: str = "", unit: Unit | None = None) -> Supplier:
    """A supplier of the shared registry. One without a registration number gets an id of this system, under
    the ocid prefix of the agency recording it (`unit`; the deployment's without one)."""
    require(actor, "procurement.edit")  # the supplier registry is shared by every unit
    if not name.strip():
        raise ApplicationError("กรุณากรอกชื่อผู้ประกอบการ", field="name")
    juristic_id = clean_juristic_id(juristic_id)
    if juristic_id and Supplier.objects.filter(juristic_id=juristic_id).exists():
        raise ApplicationError("มีผู้ประกอบการที่ใช้เลขทะเบียนนี้แล้ว", field="juristic_id")
    supplier = Supplier.objects.create(
        name=" ".join(name.split()), name_key=company_key(name), juristic_id=juristic_id,
        address=address.strip(), phone=phone.strip(),
        ocds_id=f"TH-DBD-{juristic_id}" if juristic_id else f"pending-{uuid.uuid4().hex}",
    )
    if not juristic_id:
        supplier.ocds_id = f"{ocid_prefix(unit)}-supplier-{supplier.pk}"
        supplier.save(update_fields=["ocds_id"])
    audit_record(actor=actor, action="procurement.supplier_create", obj=supplier,
                 new=snapshot(supplier, SUPPLIER_FIELDS))
    return supplier


def supplier_get_or_create(*, actor, name: str, juristic_id: str = "", address: str = "",
                           phone: str = "", unit: Unit | None = None) -> Supplier:
    require(actor, "procurement.edit")
    juristic_id = clean_juristic_id(juristic_id)
    found = find_supplier(name=name, juristic_id=juristic_id)
    if found is not None:
        return found
    return supplier_create(actor=actor, name=name, juristic_id=juristic_id, address=address, phone=phone,
                           unit=unit)


@transaction.atomic
def supplier_update(*, actor, supplier: Supplier, **values) -> Supplier:
    require(actor, "procurement.edit")
    unknown = set(values) - {"name", "address", "phone"}
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    old = snapshot(supplier, SUPPLIER_FIELDS)
    for key, value in values.items():
        setattr(supplier, key, " ".join(value.split()) if key == "name" else value.strip())
    if not supplier.name:
        raise ApplicationError("กรุณากรอกชื่อผู้ประกอบการ", field="name")
    supplier.name_key = company_key(supplier.name)
    supplier.save()
    audit_record(actor=actor, action="procurement.supplier_update", obj=supplier, old=old,
                 new=snapshot(supplier, SUPPLIER_FIELDS))
    return supplier


@transaction.atomic
def official_create(*, actor, unit: Unit, name: str, position: str = "", kind: str = Official.Kind.STAFF,
                    user=None, declared_on: datetime.date | None = None) -> Official:
    require(actor, "procurement.edit", unit=unit)
    if len(person_key(name).replace(" ", "")) < 2:
        raise ApplicationError("กรุณากรอกชื่อ-สกุล", field="name")
    if kind not in Official.Kind.values:
        raise ApplicationError("กรุณาเลือกประเภท", field="kind")
    official = Official.objects.create(unit=unit, name=" ".join(name.split()), name_key=person_key(name),
                                       position=position.strip(), kind=kind, user=user,
                                       declared_on=declared_on)
    audit_record(actor=actor, action="procurement.official_create", obj=official, unit=unit,
                 new=snapshot(official, OFFICIAL_FIELDS))
    return official


@transaction.atomic
def official_update(*, actor, official: Official, **values) -> Official:
    require(actor, "procurement.edit", official)
    unknown = set(values) - set(OFFICIAL_FIELDS)
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    old = snapshot(official, OFFICIAL_FIELDS)
    for key, value in values.items():
        setattr(official, key, value)
    official.name = " ".join(official.name.split())
    official.name_key = person_key(official.name)
    if len(official.name_key.replace(" ", "")) < 2:
        raise ApplicationError("กรุณากรอกชื่อ-สกุล", field="name")
    official.save()
    audit_record(actor=actor, action="procurement.official_update", obj=official, unit=official.unit, old=old,
                 new=snapshot(official, OFFICIAL_FIELDS))
    return official


def _declared(official: Official) -> dict:
    return {
        "relatives": [f"{r.name} ({r.get_relation_display()})" for r in official.relatives.all()],
        "employers": [f"{e.name} {e.juristic_id} {e.period}".strip() for e in official.employers.all()],
    }


@transaction.atomic
def official_declare(*, actor, official: Official, relatives: list[dict], employers: list[dict],
                     declared_on: datetime.date | None = None) -> Official:
    """Replace what the official declared.

    relatives: [{name, relation}]; employers: [{name, juristic_id, period}]."""
    require(actor, "procurement.edit", official)
    official = Official.objects.select_for_update().get(pk=official.pk)
    for row in relatives:
        if len(person_key(row.get("name", "")).replace(" ", "")) < 2:
            raise ApplicationError("ชื่อญาติต้องไม่ว่าง", field="relatives")
        if row.get("relation") not in OfficialRelative.Relation.values:
            raise ApplicationError(f"ความสัมพันธ์ของ {row.get('name')} ไม่ถูกต้อง", field="relatives")
    for row in employers:
        if not company_key(row.get("name", "")):
            raise ApplicationError("ชื่อนายจ้างเดิมต้องไม่ว่าง", field="employers")
        row["juristic_id"] = clean_juristic_id(row.get("juristic_id", ""), field="employers")
    old = _declared(official)
    official.relatives.all().delete()
    official.employers.all().delete()
    OfficialRelative.objects.bulk_create([
        OfficialRelative(official=official, name=" ".join(r["name"].split()), name_key=person_key(r["name"]),
                         relation=r["relation"]) for r in relatives])
    OfficialEmployer.objects.bulk_create([
        OfficialEmployer(official=official, name=" ".join(e["name"].split()), name_key=company_key(e["name"]),
                         juristic_id=e.get("juristic_id", ""), period=(e.get("period") or "").strip())
        for e in employers])
    if declared_on is not None:
        official.declared_on = declared_on
        official.save(update_fields=["declared_on"])
    audit_record(actor=actor, action="procurement.official_declare", obj=official, unit=official.unit,
                 old=old, new=_declared(official))
    return official
