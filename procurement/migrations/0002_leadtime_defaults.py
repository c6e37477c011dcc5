"""Default minimum announcement periods. Administrators change them as rows (the law changes); rows marked
to_verify come from secondary sources and must be checked against the regulation in force."""

import datetime
from decimal import Decimal

from django.db import migrations

ACT_2560 = datetime.date(2017, 8, 23)
REG_2560 = "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐"
REG_2535 = "ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการพัสดุ พ.ศ. ๒๕๓๕"

DEFAULTS = [
    # method, more than, up to, days, kind, basis, status, from, to
    ("e_bidding", Decimal("500000"), Decimal("5000000"), 5, "working", REG_2560 + " (เผยแพร่ประกาศและเอกสารประกวดราคา)",
     "to_verify", ACT_2560, None),
    ("e_bidding", Decimal("5000000"), Decimal("10000000"), 10, "working", REG_2560, "to_verify", ACT_2560, None),
    ("e_bidding", Decimal("10000000"), Decimal("50000000"), 12, "working", REG_2560, "to_verify", ACT_2560, None),
    ("e_bidding", Decimal("50000000"), None, 20, "working", REG_2560, "to_verify", ACT_2560, None),
    ("e_market", None, None, 3, "working", REG_2560 + " (วิธีตลาดอิเล็กทรอนิกส์)", "to_verify", ACT_2560, None),
    ("price_inquiry", None, None, 10, "calendar", REG_2535 + " (การสอบราคา)", "to_verify", datetime.date(1992, 1, 1),
     datetime.date(2017, 8, 22)),
    ("bidding", None, None, 20, "calendar", REG_2535 + " (การประกวดราคา)", "to_verify", datetime.date(1992, 1, 1),
     datetime.date(2017, 8, 22)),
]


def forwards(apps, schema_editor):
    Rule = apps.get_model("procurement", "LeadTimeRule")
    for method, low, high, days, kind, basis, status, start, end in DEFAULTS:
        Rule.objects.get_or_create(
            method=method, min_amount=low, max_amount=high, effective_from=start,
            defaults={"min_days": days, "day_kind": kind, "legal_basis": basis, "status": status, "effective_to": end,
                      "note": "ค่าเริ่มต้นจากแหล่งข้อมูลรอง ต้องตรวจสอบกับระเบียบที่ใช้บังคับ" if status == "to_verify" else ""},
        )


def backwards(apps, schema_editor):
    Rule = apps.get_model("procurement", "LeadTimeRule")
    for method, low, high, _days, _kind, _basis, _status, start, _end in DEFAULTS:
        Rule.objects.filter(method=method, min_amount=low, max_amount=high, effective_from=start).delete()


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
