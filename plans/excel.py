"""Plan ↔ Excel round trip.

Export writes one row per indicator and one per activity, keyed by id. Import reads the same sheets back,
checks every row first and applies nothing unless all rows are valid; each changed row goes through the
ordinary services, so it is validated and audited exactly like an edit in the web form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from audit.services import audit_record
from core.documents.xlsx import new_workbook, workbook_bytes, write_table
from core.errors import ApplicationError
from org.selectors import unit_finder
from plans import services
from plans.models import Activity, Indicator, Plan

INDICATOR_SHEET = "ตัวชี้วัด"
ACTIVITY_SHEET = "กิจกรรม"
INDICATOR_HEADERS = ["รหัสตัวชี้วัด", "รหัสกิจกรรม", "นโยบาย", "มาตรการ", "กิจกรรม", "เลขที่", "ตัวชี้วัด",
                     "ชนิดเป้าหมาย", "เงื่อนไข", "ค่าเป้าหมาย", "หน่วยนับ", "รอบเวลา", "ภายในเดือน (1-12)", "ขอบเขต",
                     "เป้าหมายรายปี (JSON)", "หมายเหตุ"]
ACTIVITY_HEADERS = ["รหัสกิจกรรม", "นโยบาย", "มาตรการ", "ชื่อแผนงาน/โครงการ/กิจกรรม", "หน่วยงานเจ้าภาพ",
                    "หน่วยงานปฏิบัติ", "หน่วยงานปฏิบัติที่ระบุ", "หมายเหตุ"]

CHOICE_COLUMNS = {
    "kind": Indicator.Kind, "comparison": Indicator.Comparison, "period": Indicator.Period,
    "scope": Indicator.Scope,
}


def _label(choices, value) -> str:
    return choices(value).label if value else ""


def plan_to_xlsx(plan: Plan) -> bytes:
    wb = new_workbook(INDICATOR_SHEET)
    ws = wb.active
    ind_rows, act_rows = [], []
    for pol in plan.policies.all():
        for measure in pol.measures.all():
            for activity in measure.activities.all():
                act_rows.append([
                    activity.pk, pol.number, measure.number, activity.title,
                    ", ".join(u.short_name for u in activity.host_units.all()),
                    activity.get_implementing_rule_display(),
                    ", ".join(u.short_name for u in activity.implementing_units.all()), activity.note,
                ])
                for ind in activity.indicators.all():
                    ind_rows.append([
                        ind.pk, activity.pk, pol.number, measure.number, activity.title, ind.number, ind.text,
                        _label(Indicator.Kind, ind.kind), _label(Indicator.Comparison, ind.comparison),
                        ind.value, ind.unit_label, _label(Indicator.Period, ind.period), ind.due_month,
                        _label(Indicator.Scope, ind.scope),
                        json.dumps(ind.variants, ensure_ascii=False) if ind.variants else "", ind.note,
                    ])
    last = write_table(ws, INDICATOR_HEADERS, ind_rows,
                       [10, 10, 8, 9, 40, 7, 60, 18, 12, 12, 12, 16, 10, 22, 40, 30])
    ws.page_setup.orientation = "landscape"
    _choice_validation(ws, last, {"H": Indicator.Kind, "I": Indicator.Comparison, "L": Indicator.Period,
                                  "N": Indicator.Scope})
    ws2 = wb.create_sheet(ACTIVITY_SHEET)
    last2 = write_table(ws2, ACTIVITY_HEADERS, act_rows, [10, 8, 9, 60, 30, 30, 30, 30])
    ws2.page_setup.orientation = "landscape"
    _choice_validation(ws2, last2, {"F": Activity.ImplementingRule})
    wb.create_sheet("คำอธิบาย").append(["แก้ไขได้ทุกช่อง ยกเว้นรหัส นโยบาย และมาตรการ; เพิ่มตัวชี้วัดใหม่โดยเว้นรหัสตัวชี้วัดว่าง"
                                        " และใส่รหัสกิจกรรม; ระบบจะตรวจทุกแถวก่อน หากมีข้อผิดพลาดจะไม่บันทึกแถวใดเลย"])
    wb.properties.title = plan.title[:200]
    return workbook_bytes(wb)


def _choice_validation(ws, last_row: int, columns: dict) -> None:
    for letter, choices in columns.items():
        labels = ",".join(label for label in choices.labels)
        if len(labels) > 250:  # Excel's limit for an inline list
            continue
        dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True,
                            error="กรุณาเลือกจากรายการ", errorTitle="ค่าไม่ถูกต้อง", showErrorMessage=True)
        dv.add(f"{letter}2:{letter}{max(last_row, 2) + 200}")
        ws.add_data_validation(dv)


@dataclass
class ImportResult:
    errors: list[tuple[str, int, str]] = field(default_factory=list)  # (sheet, row, message)
    changed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _choice_value(choices, text, sheet, row, column, result) -> str:
    text = (str(text).strip() if text is not None else "")
    if not text:
        return ""
    for value, label in choices.choices:
        if text in (value, label):
            return value
    result.errors.append((sheet, row, f"{column}: ไม่รู้จักค่า '{text}'"))
    return ""


def _rows(wb, sheet: str, headers: list[str], result: ImportResult):
    if sheet not in wb.sheetnames:
        result.errors.append((sheet, 0, f"ไม่พบแผ่นงาน '{sheet}'"))
        return []
    ws = wb[sheet]
    found = [c.value for c in ws[1]][: len(headers)]
    if found != headers:
        result.errors.append((sheet, 1, "หัวตารางไม่ตรงกับแบบที่ส่งออกจากระบบ กรุณาใช้ไฟล์ที่ส่งออกจากระบบ"))
        return []
    return [(i, row) for i, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2)
            if any(v not in (None, "") for v in row)]


def _parse_indicator_row(row, number, plan_activities, plan_indicators, result):
    sheet = INDICATOR_SHEET
    ind_id, act_id = row[0], row[1]
    values = {"number": str(row[5] or "").strip(), "text": str(row[6] or "").strip(),
              "unit_label": str(row[10] or "").strip(), "note": str(row[15] or "").strip()}
    if not values["text"]:
        result.errors.append((sheet, number, "ตัวชี้วัด: ต้องกรอกข้อความ"))
    for key, col, name in (("kind", 7, "ชนิดเป้าหมาย"), ("comparison", 8, "เงื่อนไข"), ("period", 11, "รอบเวลา"),
                           ("scope", 13, "ขอบเขต")):
        values[key] = _choice_value(CHOICE_COLUMNS[key], row[col], sheet, number, name, result)
    _parse_indicator_numbers(row, sheet, number, values, result)
    if not values.get("scope"):
        values["scope"] = Indicator.Scope.DEPARTMENT
    if not any(e[1] == number and e[0] == sheet for e in result.errors):
        try:
            services.validate_indicator_values(values)
        except ApplicationError as exc:
            result.errors.append((sheet, number, exc.message))
    return _indicator_row_target(ind_id, act_id, number, plan_activities, plan_indicators, values, result)


def _parse_indicator_numbers(row, sheet, number, values, result):
    """Target value, due month and yearly variants into `values`; a cell that does not parse is an error."""
    try:
        values["value"] = Decimal(str(row[9]).replace(",", "")) if row[9] not in (None, "") else None
    except InvalidOperation:
        result.errors.append((sheet, number, f"ค่าเป้าหมาย: '{row[9]}' ไม่ใช่ตัวเลข"))
    try:
        values["due_month"] = int(row[12]) if row[12] not in (None, "") else None
    except (TypeError, ValueError):
        result.errors.append((sheet, number, f"ภายในเดือน: '{row[12]}' ต้องเป็นเลข 1-12"))
    try:
        values["variants"] = json.loads(row[14]) if row[14] else []
    except (TypeError, json.JSONDecodeError):
        result.errors.append((sheet, number, "เป้าหมายรายปี: รูปแบบ JSON ไม่ถูกต้อง"))


def _indicator_row_target(ind_id, act_id, number, plan_activities, plan_indicators, values, result):
    """("update", indicator, values) for a row with an indicator id, else ("create", activity, values)."""
    sheet = INDICATOR_SHEET
    if ind_id not in (None, ""):
        indicator = plan_indicators.get(_int(ind_id))
        if indicator is None:
            result.errors.append((sheet, number, f"ไม่พบตัวชี้วัดรหัส {ind_id} ในแผนนี้"))
        return ("update", indicator, values)
    activity = plan_activities.get(_int(act_id))
    if activity is None:
        result.errors.append((sheet, number, f"แถวใหม่ต้องมีรหัสกิจกรรมที่มีอยู่ในแผนนี้ (พบ '{act_id}')"))
    return ("create", activity, values)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _parse_activity_row(row, number, find_unit, plan_activities, result):
    sheet = ACTIVITY_SHEET
    activity = plan_activities.get(_int(row[0]))
    if activity is None:
        result.errors.append((sheet, number, f"ไม่พบกิจกรรมรหัส {row[0]} ในแผนนี้"))
    values = {"title": str(row[3] or "").strip(), "note": str(row[7] or "").strip()}
    if not values["title"]:
        result.errors.append((sheet, number, "ชื่อกิจกรรม: ต้องกรอก"))
    values["implementing_rule"] = _choice_value(Activity.ImplementingRule, row[5], sheet, number,
                                                "หน่วยงานปฏิบัติ", result) or Activity.ImplementingRule.ALL
    for key, col, name in (("host_units", 4, "หน่วยงานเจ้าภาพ"), ("implementing_units", 6, "หน่วยงานปฏิบัติที่ระบุ")):
        units = []
        for label in [x.strip() for x in str(row[col] or "").split(",") if x.strip()]:
            unit = find_unit(label)
            if unit is None:
                result.errors.append((sheet, number, f"{name}: ไม่พบหน่วยงาน '{label}'"))
            else:
                units.append(unit)
        values[key] = units
    return activity, values


def plan_import_xlsx(*, actor, plan: Plan, fileobj) -> ImportResult:
    result = ImportResult()
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a damaged file; the user only needs to know it is one
        result.errors.append(("", 0, "เปิดไฟล์ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ .xlsx"))
        return result
    if plan.is_approved:
        result.errors.append(("", 0, "แผนนี้อนุมัติแล้ว ต้องเปิดเป็นฉบับร่างก่อนจึงจะนำเข้าการแก้ไขได้"))
        return result
    activities = {a.pk: a for a in Activity.objects.filter(measure__policy__plan=plan).prefetch_related(
        "host_units", "implementing_units")}
    indicators = {i.pk: i for i in Indicator.objects.filter(activity__measure__policy__plan=plan)}
    ind_ops = [_parse_indicator_row(r, n, activities, indicators, result)
               for n, r in _rows(wb, INDICATOR_SHEET, INDICATOR_HEADERS, result)]
    find_unit = unit_finder(plan.agency)
    act_ops = [_parse_activity_row(r, n, find_unit, activities, result)
               for n, r in _rows(wb, ACTIVITY_SHEET, ACTIVITY_HEADERS, result)]
    if result.errors:
        return result
    with transaction.atomic():
        for activity, values in act_ops:
            current = {"title": activity.title, "note": activity.note,
                       "implementing_rule": activity.implementing_rule,
                       "host_units": set(activity.host_units.all()),
                       "implementing_units": set(activity.implementing_units.all())}
            if current != {**values, "host_units": set(values["host_units"]),
                           "implementing_units": set(values["implementing_units"])}:
                services.activity_update(actor=actor, activity=activity, **values)
                result.changed += 1
        for op, target, values in ind_ops:
            if op == "create":
                services.indicator_create(actor=actor, activity=target, **values)
                result.changed += 1
            elif any(_differs(getattr(target, k), v) for k, v in values.items()):
                services.indicator_update(actor=actor, indicator=target, **values)
                result.changed += 1
        audit_record(actor=actor, action="plan.import", obj=plan, unit=plan.agency,
                     note=f"นำเข้าจากไฟล์ Excel แก้ไข {result.changed} รายการ")
    return result


def _differs(current, new) -> bool:
    if isinstance(current, Decimal) or isinstance(new, Decimal):
        return (Decimal(current) if current is not None else None) != (Decimal(new) if new is not None
                                                                       else None)
    return (current or None) != (new or None)
