"""The monthly disbursement spreadsheet finance already exports: one row per unit, budget line and month.

Columns (Thai headers, as in the template): หน่วยงาน (code, name or abbreviation), รหัสงบ, เดือน (Thai month
name or calendar month number), จำนวนเงิน. The resource checks each row; budget.services wraps it so that an
import is all-or-nothing and replaces the months it carries.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from accounts import policy
from budget import months
from budget.models import BudgetLine, Disbursement
from org.models import Unit

COLUMNS = ("หน่วยงาน", "รหัสงบ", "เดือน", "จำนวนเงิน")


def _text(value) -> str:
    return "" if value is None else str(value).strip()


class UnitWidget(widgets.Widget):
    def __init__(self, agency, actor):
        super().__init__()
        self.actor = actor
        self.units = {}
        for unit in Unit.objects.filter(path__startswith=agency.path, is_active=True):
            for key in (unit.code, unit.name, unit.abbreviation, *(unit.aliases or [])):
                if key:
                    self.units.setdefault(key.strip().casefold(), unit)

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            raise ValueError("ไม่ได้ระบุหน่วยงาน")
        unit = self.units.get(text.casefold())
        if unit is None:
            raise ValueError(f"ไม่พบหน่วยงาน “{text}” (ใช้รหัส ชื่อ หรือชื่อย่อของหน่วยงาน)")
        if self.actor is not None and not policy.can(self.actor, "budget.manage", unit=unit):
            raise ValueError(f"ท่านไม่มีสิทธิ์นำเข้าข้อมูลของ{unit.name}")
        return unit


class LineWidget(widgets.Widget):
    def __init__(self, agency, fiscal_year):
        super().__init__()
        self.fiscal_year = fiscal_year
        self.lines = {line.code.strip().casefold(): line
                      for line in BudgetLine.objects.filter(agency=agency, fiscal_year=fiscal_year)}

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if not text:
            raise ValueError("ไม่ได้ระบุรหัสงบ")
        line = self.lines.get(text.casefold())
        if line is None:
            raise ValueError(f"ไม่พบรหัสงบ “{text}” ในปีงบประมาณ พ.ศ. {self.fiscal_year} "
                             "(เพิ่มรายการงบประมาณก่อนนำเข้า)")
        return line


class MonthWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        month = months.parse(value)
        if month is None:
            raise ValueError(f"เดือน “{_text(value)}” ไม่ถูกต้อง (เขียนชื่อเดือน เช่น ต.ค. หรือเลขเดือน 1–12)")
        return month


class AmountWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = _text(value).replace(",", "").replace("บาท", "").strip()
        if not text:
            raise ValueError("ไม่ได้ระบุจำนวนเงิน")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"จำนวนเงิน “{_text(value)}” ไม่ใช่ตัวเลข") from None
        if not amount.is_finite() or amount < 0:
            raise ValueError("จำนวนเงินต้องเป็นตัวเลขไม่ติดลบ")
        if amount >= Decimal("1e14"):
            raise ValueError("จำนวนเงินสูงเกินกว่าที่ระบบรับได้")
        return amount.quantize(Decimal("0.01"))


class DisbursementResource(resources.ModelResource):
    def __init__(self, *, agency, fiscal_year: int, actor):
        super().__init__()
        self.fiscal_year = fiscal_year
        self.seen: dict[tuple, int] = {}
        self.fields["unit"] = fields.Field(column_name="หน่วยงาน", attribute="unit",
                                           widget=UnitWidget(agency, actor))
        self.fields["line"] = fields.Field(column_name="รหัสงบ", attribute="line",
                                           widget=LineWidget(agency, fiscal_year))
        self.fields["month"] = fields.Field(column_name="เดือน", attribute="month", widget=MonthWidget())
        self.fields["amount"] = fields.Field(column_name="จำนวนเงิน", attribute="amount",
                                             widget=AmountWidget())

    class Meta:
        model = Disbursement
        fields = ("unit", "line", "month", "amount")
        import_id_fields = ()
        skip_diff = True
        use_transactions = False

    def get_instance(self, instance_loader, row):
        return None  # every row is new: the months it carries were cleared first (budget.services)

    def import_instance(self, instance, row, **kwargs):
        instance.fiscal_year = self.fiscal_year
        super().import_instance(instance, row, **kwargs)
        key = (instance.unit_id, instance.line_id, instance.month)
        number = kwargs.get("row_number")
        if key in self.seen:
            raise ValidationError(f"ซ้ำกับแถวที่ {self.seen[key] + 1} (หน่วยงาน รหัสงบ และเดือนเดียวกัน)")
        self.seen[key] = number
