"""Load an agency's unit tree from a data file (org/data/*.yaml). Loading twice changes nothing."""

from pathlib import Path

import yaml
from django.db import transaction

from org.models import Unit
from org.services import unit_create

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_org_file(name: str = "cpd.yaml") -> dict:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


@transaction.atomic
def agency_load(*, actor, data: dict | None = None) -> Unit:
    data = data or read_org_file()
    head = data["agency"]
    agency = Unit.objects.filter(code=head["code"]).first() or unit_create(
        actor=actor, parent=None, code=head["code"], name=head["name"], kind=Unit.Kind.AGENCY,
        abbreviation=head.get("abbreviation", ""), aliases=head.get("aliases", []), reports_on_plan=False,
    )
    for order, row in enumerate(data.get("central", []), start=1):
        if Unit.objects.filter(code=row["code"]).exists():
            continue
        parent = Unit.objects.get(code=row["parent"]) if row.get("parent") else agency
        note = row.get("note", "")
        if row.get("verify"):
            note = ("[ต้องตรวจสอบชื่อเต็ม] " + note).strip()
        unit_create(
            actor=actor, parent=parent, code=row["code"], name=row["name"], kind=row["kind"],
            abbreviation=row.get("abbreviation", ""), aliases=row.get("aliases", []),
            region=Unit.Region.CENTRAL,
            province=row.get("province", ""), reports_on_plan=row.get("reports_on_plan", True),
            sort_order=order, note=note,
        )
    for order, province in enumerate(data.get("provinces", []), start=1):
        code = f"{head['code']}-prov-{order:02d}"
        if Unit.objects.filter(code=code).exists():
            continue
        unit_create(
            actor=actor, parent=agency, code=code, name=f"สำนักงานสหกรณ์จังหวัด{province}",
            abbreviation=f"สสจ.{province}", kind=Unit.Kind.PROVINCIAL_OFFICE, region=Unit.Region.REGIONAL,
            province=province, sort_order=100 + order,
        )
    return agency
