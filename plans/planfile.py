"""The curated plan file: reading it and checking its shape.

The department's 2560–2564 plan is kept as a YAML transcription of the plan table in the seed documents
(plans/data/plan_2560_2564.yaml; format and curation rules in plans/data/README.md). This module only reads
and validates the data — it knows nothing about models; `plans.services.plan_load` turns a valid file into a
plan.
Validation is structural: required keys and their types, the allowed values, unique activity keys, measure
numbering (a sub-measure needs its parent listed before it) and per-year variants inside the plan period.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

PLANFILE_PATH = Path(__file__).resolve().parent / "data" / "plan_2560_2564.yaml"

KINDS = ("percent", "count", "deadline", "frequency", "level", "done")
COMPARISONS = (">=", "<=", "==")
PERIODS = ("fiscal_year", "half", "quarter", "month", "plan")
SCOPES = ("per_unit", "department")
RULES = ("all", "all_central", "all_regional", "regional_offices", "related", "units")
# A target of these kinds is normally a number; where the source gives none, a note must say so.
VALUE_KINDS = ("percent", "count", "frequency")

MEASURE_NUMBER = re.compile(r"^[๐-๙]+(?:\.[๐-๙]+)*\)$")
INDICATOR_NUMBER = re.compile(r"^[๐-๙]+\.$")
ACTIVITY_KEY = re.compile(r"^(\d+(?:\.\d+)*)-([a-z]+)$")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

PLAN_KEYS = {"title": True, "period_start": True, "period_end": True, "agency": True, "source": False,
             "approved_memo": False}
POLICY_KEYS = {"number": True, "title": True, "verbatim": True, "measures": True, "corrections": False,
               "note": False}
MEASURE_KEYS = {"number": True, "text": True, "verbatim": True, "activities": True, "corrections": False,
                "note": False}
ACTIVITY_KEYS = {"key": True, "title": True, "text": True, "items": True, "verbatim": True,
                 "corrections": False, "host_units": True, "host_verbatim": True, "implementing": True,
                 "indicators": True, "note": False}
IMPLEMENTING_KEYS = {"rule": True, "units": False, "verbatim": True}
INDICATOR_KEYS = {"number": True, "text": True, "verbatim": True, "corrections": False, "target": True,
                  "note": False, "source": False}
# `source: reported` (typed in the reports) or `source: {computed: NAME, label: ..., params: {...}}`.
COMPUTED_KEYS = {"computed": True, "label": True, "params": False}
COMPUTED_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
TARGET_KEYS = {"kind": True, "comparison": False, "value": False, "unit": False, "period": False,
               "due_month": False, "due_date": False, "scope": True, "variants": False, "units": False,
               "basis": False, "steps": False, "year": False}
# `units` narrows the units an indicator is judged over: central | regional | a list of unit labels.
UNIT_GROUPS = ("central", "regional")
BASES = ("units",)
# "ในปีงบประมาณ พ.ศ. ๒๕๖๐": wording bound to one year needs `year` of that year.
YEAR_BOUND = re.compile(r"ในปีงบประมาณ\s*พ\.ศ\.\s*([๐-๙0-9]{4})")
VARIANT_KEYS = {"from_year": True, "to_year": True, "comparison": False, "value": False, "scope": False}

TITLE_MAX = 500  # Activity.title length in the database


def load_planfile(path: str | Path | None = None) -> dict:
    """Read the plan file (the shipped one unless a path is given)."""
    with open(path or PLANFILE_PATH, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def measure_code(number: str) -> str:
    """'๑.๑)' -> '1.1'."""
    return number.translate(THAI_DIGITS).strip().rstrip(")").strip()


def indicator_source(indicator: dict) -> dict:
    """The declared source of an indicator in the stored form (Indicator.source)."""
    source = indicator.get("source", "reported")
    if not isinstance(source, dict):
        return {"kind": "reported"}
    return {"kind": "computed", "name": source["computed"], "label": source["label"],
            "params": dict(source.get("params") or {})}


def plan_counts(data: dict) -> dict[str, int]:
    """How many policies, measures, activities and indicators the file holds."""
    measures = [m for p in data["policies"] for m in p["measures"]]
    activities = [a for m in measures for a in m["activities"]]
    return {"policies": len(data["policies"]), "measures": len(measures), "activities": len(activities),
            "indicators": sum(len(a["indicators"]) for a in activities)}


def validate_planfile(data) -> list[str]:
    """Every structural problem, each as 'where: Thai message (English message)'; [] if the file is valid."""
    check = _Checker()
    check.file(data)
    return check.errors


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _has_text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.keys: set[str] = set()
        self.period = (0, 0)

    def error(self, where: str, thai: str, english: str) -> None:
        self.errors.append(f"{where}: {thai} ({english})")

    def shape(self, where: str, obj, allowed: dict[str, bool]) -> bool:
        if not isinstance(obj, dict):
            self.error(where, "ต้องเป็นชุดข้อมูลแบบ key: value", "must be a mapping")
            return False
        for key, required in allowed.items():
            if required and key not in obj:
                self.error(where, f"ขาดข้อมูล '{key}'", f"missing key '{key}'")
        for key in obj:
            if key not in allowed:
                self.error(where, f"ไม่รู้จักข้อมูล '{key}'", f"unknown key '{key}'")
        return True

    def text(self, where: str, obj: dict, key: str, *, required: bool = True) -> None:
        value = obj.get(key)
        if required and not _has_text(value):
            self.error(f"{where}.{key}", "ต้องเป็นข้อความที่ไม่ว่าง", "must be a non-empty string")
        elif not required and value is not None and not isinstance(value, str):
            self.error(f"{where}.{key}", "ต้องเป็นข้อความหรือ null", "must be a string or null")

    def choice(self, where: str, value, allowed: tuple, *, nullable: bool = False) -> None:
        if value is None and nullable:
            return
        if value not in allowed:
            self.error(where, f"ค่า '{value}' ไม่อยู่ในค่าที่อนุญาต {', '.join(allowed)}",
                       f"'{value}' is not one of {', '.join(allowed)}")

    def corrections(self, where: str, obj: dict) -> None:
        items = obj.get("corrections")
        if items is None:
            return
        if not isinstance(items, list):
            self.error(f"{where}.corrections", "ต้องเป็นรายการ", "must be a list")
            return
        for i, item in enumerate(items):
            spot = f"{where}.corrections[{i}]"
            if not isinstance(item, dict) or set(item) != {"from", "to"}:
                self.error(spot, "ต้องมีเฉพาะ from และ to", "must have exactly 'from' and 'to'")
            elif not _has_text(item["from"]) or not isinstance(item["to"], str):
                self.error(spot, "from ต้องไม่ว่างและ to ต้องเป็นข้อความ",
                           "'from' must be non-empty, 'to' a string")
            elif item["from"] == item["to"]:
                self.error(spot, "from และ to เหมือนกัน", "'from' equals 'to'")

    def file(self, data) -> None:
        if not self.shape("file", data, {"plan": True, "policies": True}):
            return
        self.plan(data.get("plan"))
        policies = data.get("policies")
        if not isinstance(policies, list) or not policies:
            self.error("policies", "ต้องมีนโยบายอย่างน้อยหนึ่งข้อ", "must be a non-empty list")
            return
        seen: set = set()
        for i, policy in enumerate(policies):
            where = f"policies[{i}]"
            if not self.shape(where, policy, POLICY_KEYS):
                continue
            number = policy.get("number")
            if not _is_int(number) or number < 1:
                self.error(f"{where}.number", "ต้องเป็นจำนวนเต็มบวก", "must be a positive integer")
            elif number in seen:
                self.error(f"{where}.number", f"ลำดับนโยบาย {number} ซ้ำ", f"duplicate policy number {number}")
            seen.add(number)
            self.text(where, policy, "title")
            self.text(where, policy, "verbatim")
            self.text(where, policy, "note", required=False)
            self.corrections(where, policy)
            self.measures(where, number, policy.get("measures"))

    def plan(self, plan) -> None:
        if not self.shape("plan", plan, PLAN_KEYS):
            return
        self.text("plan", plan, "title")
        self.text("plan", plan, "agency")
        self.text("plan", plan, "source", required=False)
        self.text("plan", plan, "approved_memo", required=False)
        start, end = plan.get("period_start"), plan.get("period_end")
        if not (_is_int(start) and _is_int(end) and 2400 < start <= end):
            self.error("plan.period_start", "ปีเริ่มต้นและปีสิ้นสุดต้องเป็นปี พ.ศ. และเริ่มไม่หลังสิ้นสุด",
                       "period_start/period_end must be B.E. years with start <= end")
        else:
            self.period = (start, end)

    def measures(self, where: str, policy_number, measures) -> None:
        if not isinstance(measures, list):
            self.error(f"{where}.measures", "ต้องเป็นรายการ", "must be a list")
            return
        codes: set[str] = set()
        for i, measure in enumerate(measures):
            spot = f"{where}.measures[{i}]"
            if not self.shape(spot, measure, MEASURE_KEYS):
                continue
            number = measure.get("number")
            if not isinstance(number, str) or not MEASURE_NUMBER.match(number):
                self.error(f"{spot}.number", f"เลขมาตรการ '{number}' ต้องเป็นเลขไทยแบบ ๑) หรือ ๑.๑)",
                           f"measure number '{number}' must look like ๑) or ๑.๑)")
                continue
            code = measure_code(number)
            if code in codes:
                self.error(f"{spot}.number", f"เลขมาตรการ {number} ซ้ำ", f"duplicate measure number {number}")
            if "." in code and code.rsplit(".", 1)[0] not in codes:
                self.error(f"{spot}.number", f"มาตรการ {number} ไม่มีมาตรการแม่อยู่ก่อนหน้า",
                           f"measure {number} has no parent listed before it")
            codes.add(code)
            self.text(spot, measure, "text")
            self.text(spot, measure, "verbatim")
            self.text(spot, measure, "note", required=False)
            self.corrections(spot, measure)
            activities = measure.get("activities")
            if not isinstance(activities, list):
                self.error(f"{spot}.activities", "ต้องเป็นรายการ (ว่างได้)", "must be a list (may be empty)")
                continue
            for j, activity in enumerate(activities):
                self.activity(f"{spot}.activities[{j}]", f"{policy_number}.{code}", activity)

    def activity(self, where: str, path: str, activity) -> None:
        if not self.shape(where, activity, ACTIVITY_KEYS):
            return
        self.activity_key(where, path, activity.get("key"))
        self.text(where, activity, "title")
        if len(activity.get("title") or "") > TITLE_MAX:
            self.error(f"{where}.title", f"ยาวเกิน {TITLE_MAX} ตัวอักษร", f"longer than {TITLE_MAX} characters")
        self.text(where, activity, "text")
        self.text(where, activity, "verbatim")
        self.text(where, activity, "note", required=False)
        self.corrections(where, activity)
        items = activity.get("items")
        if not isinstance(items, list) or not items or not all(_has_text(i) for i in items):
            self.error(f"{where}.items", "ต้องเป็นรายการข้อความที่ไม่ว่างอย่างน้อยหนึ่งข้อ",
                       "must be a non-empty list of non-empty strings")
        self.hosts(where, activity)
        self.implementing(where, activity)
        self.activity_indicators(where, activity)

    def activity_key(self, where: str, path: str, key) -> None:
        match = ACTIVITY_KEY.match(key) if isinstance(key, str) else None
        if match is None:
            self.error(f"{where}.key", f"รหัสกิจกรรม '{key}' ต้องอยู่ในรูป 1.1.1-a",
                       f"key '{key}' must look like 1.1.1-a")
        elif match.group(1) != path:
            self.error(f"{where}.key", f"รหัสกิจกรรม '{key}' ต้องขึ้นต้นด้วย {path} ตามนโยบายและมาตรการ",
                       f"key '{key}' must start with {path} (policy.measure)")
        if key in self.keys:
            self.error(f"{where}.key", f"รหัสกิจกรรม '{key}' ซ้ำ", f"duplicate activity key '{key}'")
        self.keys.add(key)

    def hosts(self, where: str, activity: dict) -> None:
        hosts = activity.get("host_units")
        if not isinstance(hosts, list) or not all(_has_text(h) for h in hosts):
            self.error(f"{where}.host_units", "ต้องเป็นรายการชื่อหน่วยงาน (ว่างได้)",
                       "must be a list of unit labels (may be empty)")
        elif not hosts and not _has_text(activity.get("note")):
            self.error(f"{where}.note", "ไม่มีหน่วยงานเจ้าภาพ ต้องอธิบายในหมายเหตุ",
                       "no host unit: the note must explain why")
        if not isinstance(activity.get("host_verbatim"), str):
            self.error(f"{where}.host_verbatim", "ต้องเป็นข้อความ (ว่างได้)", "must be a string (may be empty)")

    def activity_indicators(self, where: str, activity: dict) -> None:
        indicators = activity.get("indicators")
        if not isinstance(indicators, list):
            self.error(f"{where}.indicators", "ต้องเป็นรายการ (ว่างได้)", "must be a list (may be empty)")
            return
        if not indicators and not _has_text(activity.get("note")):
            self.error(f"{where}.note", "ไม่มีตัวชี้วัด ต้องอธิบายในหมายเหตุ",
                       "no indicator: the note must explain why")
        for k, indicator in enumerate(indicators):
            self.indicator(f"{where}.indicators[{k}]", indicator)
            steps = indicator.get("target", {}).get("steps") if isinstance(indicator, dict) and isinstance(
                indicator.get("target"), dict) else None
            if _is_int(steps) and k + steps >= len(indicators):
                self.error(f"{where}.indicators[{k}].target.steps",
                           f"ระดับความสำเร็จมี {steps} ขั้น แต่มีตัวชี้วัดต่อจากนี้ไม่ถึง {steps} ข้อ",
                           f"{steps} steps but fewer indicators follow")

    def implementing(self, where: str, activity: dict) -> None:
        impl = activity.get("implementing")
        spot = f"{where}.implementing"
        if not self.shape(spot, impl, IMPLEMENTING_KEYS):
            return
        rule = impl.get("rule")
        self.choice(f"{spot}.rule", rule, RULES)
        units = impl.get("units") or []
        if not isinstance(units, list) or not all(_has_text(u) for u in units):
            self.error(f"{spot}.units", "ต้องเป็นรายการชื่อหน่วยงาน", "must be a list of unit labels")
        elif rule == "units" and not units:
            self.error(f"{spot}.units", "กฎ units ต้องระบุหน่วยงาน", "rule 'units' needs at least one unit")
        elif rule != "units" and units:
            self.error(f"{spot}.units", "ระบุหน่วยงานได้เฉพาะกฎ units",
                       "units are only allowed with rule 'units'")
        verbatim = impl.get("verbatim")
        if not isinstance(verbatim, str):
            self.error(f"{spot}.verbatim", "ต้องเป็นข้อความ (ว่างได้)", "must be a string (may be empty)")
        elif not verbatim and not _has_text(activity.get("note")):
            self.error(f"{where}.note", "ช่องหน่วยงานปฏิบัติว่าง ต้องอธิบายการเลือกกฎในหมายเหตุ",
                       "empty implementing cell: the note must explain the chosen rule")

    def indicator(self, where: str, indicator) -> None:
        if not self.shape(where, indicator, INDICATOR_KEYS):
            return
        number = indicator.get("number")
        if number is not None and (not isinstance(number, str) or not INDICATOR_NUMBER.match(number)):
            self.error(f"{where}.number", f"เลขตัวชี้วัด '{number}' ต้องเป็นเลขไทยแบบ ๑. หรือ null",
                       f"indicator number '{number}' must look like ๑. or be null")
        self.text(where, indicator, "text")
        self.text(where, indicator, "verbatim")
        self.text(where, indicator, "note", required=False)
        self.corrections(where, indicator)
        self.source(f"{where}.source", indicator.get("source", "reported"))
        target = indicator.get("target")
        spot = f"{where}.target"
        if not self.shape(spot, target, TARGET_KEYS):
            return
        kind = target.get("kind")
        self.choice(f"{spot}.kind", kind, KINDS)
        self.choice(f"{spot}.comparison", target.get("comparison"), COMPARISONS, nullable=True)
        self.choice(f"{spot}.period", target.get("period"), PERIODS, nullable=True)
        self.choice(f"{spot}.scope", target.get("scope"), SCOPES)
        self.value(spot, kind, target.get("comparison"), target.get("value"))
        if kind in VALUE_KINDS and target.get("value") is None and not _has_text(indicator.get("note")):
            self.error(f"{where}.note", "เป้าหมายไม่มีค่า ต้องอธิบายในหมายเหตุ",
                       "target without a value: explain in note")
        if target.get("unit") is not None and not _has_text(target.get("unit")):
            self.error(f"{spot}.unit", "ต้องเป็นข้อความหรือ null", "must be a non-empty string or null")
        month = target.get("due_month")
        if month is not None and not (_is_int(month) and 1 <= month <= 12):
            self.error(f"{spot}.due_month", "เดือนต้องเป็น 1–12 หรือ null", "must be 1-12 or null")
        self.due_date(spot, target.get("due_date"))
        self.variants(spot, target.get("variants"))
        self.narrowing(spot, target)
        self.year_bound(where, indicator, target)

    def narrowing(self, spot: str, target: dict) -> None:
        units = target.get("units")
        if units is not None and units not in UNIT_GROUPS and not (
            isinstance(units, list) and units and all(_has_text(u) for u in units)
        ):
            self.error(f"{spot}.units", "ต้องเป็น central, regional หรือรายการชื่อหน่วยงาน",
                       "must be central, regional or a non-empty list of unit labels")
        basis = target.get("basis")
        if basis is not None:
            self.choice(f"{spot}.basis", basis, BASES)
            if target.get("kind") != "percent":
                self.error(f"{spot}.basis", "ฐานร้อยละของหน่วยงานใช้ได้เฉพาะตัวชี้วัดชนิด percent",
                           "basis 'units' is only for percent targets")
        steps = target.get("steps")
        if steps is not None:
            if not (_is_int(steps) and steps >= 1):
                self.error(f"{spot}.steps", "จำนวนขั้นต้องเป็นจำนวนเต็มบวก", "steps must be a positive integer")
            elif target.get("kind") != "level":
                self.error(f"{spot}.steps", "จำนวนขั้นใช้ได้เฉพาะตัวชี้วัดระดับความสำเร็จ (level)",
                           "steps are only for level targets")

    def year_bound(self, where: str, indicator: dict, target: dict) -> None:
        year = target.get("year")
        start, end = self.period
        if year is not None and not (_is_int(year) and (not start or start <= year <= end)):
            self.error(f"{where}.target.year", f"ปี {year} ต้องเป็นปี พ.ศ. ในช่วงแผน {start}–{end}",
                       f"year {year} must be a B.E. year inside the plan period")
        match = YEAR_BOUND.search(indicator.get("text") or "")
        if match:
            named = int(match.group(1).translate(THAI_DIGITS))
            if year != named:
                self.error(f"{where}.target.year",
                           f"ข้อความระบุปีงบประมาณ พ.ศ. {named} ต้องกำหนด year: {named}",
                           f"the wording names fiscal year {named}: target.year must be {named}")

    def source(self, spot: str, source) -> None:
        if source == "reported":
            return
        if not isinstance(source, dict):
            self.error(spot, "ต้องเป็น reported หรือ computed: ชื่อการคำนวณ", "must be 'reported' or a mapping")
            return
        self.shape(spot, source, COMPUTED_KEYS)
        if not isinstance(source.get("computed"), str) or not COMPUTED_NAME.match(source["computed"]):
            self.error(f"{spot}.computed", "ชื่อการคำนวณต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และ _",
                       "computation name must be snake_case")
        self.text(spot, source, "label")
        if not isinstance(source.get("params", {}), dict):
            self.error(f"{spot}.params", "ต้องเป็นชุดข้อมูลแบบ key: value", "must be a mapping")

    def value(self, spot: str, kind, comparison, value) -> None:
        if value is not None and not _is_number(value):
            self.error(f"{spot}.value", "ค่าเป้าหมายต้องเป็นตัวเลขหรือ null", "value must be a number or null")
            return
        if comparison is not None and value is None:
            self.error(f"{spot}.value", "มีเงื่อนไขเปรียบเทียบแต่ไม่มีค่าเป้าหมาย", "comparison given without a value")
        if value is not None and comparison is None:
            self.error(f"{spot}.comparison", "มีค่าเป้าหมายแต่ไม่มีเงื่อนไขเปรียบเทียบ",
                       "value given without a comparison")
        if value is not None and value < 0:
            self.error(f"{spot}.value", "ค่าเป้าหมายต้องไม่ติดลบ", "value must not be negative")
        if kind == "percent" and value is not None and value > 100:
            self.error(f"{spot}.value", "ค่าร้อยละต้องไม่เกิน 100", "a percentage must not exceed 100")

    def due_date(self, spot: str, value) -> None:
        if value is None or isinstance(value, datetime.date):
            return
        try:
            datetime.date.fromisoformat(str(value))
        except ValueError:
            self.error(f"{spot}.due_date", "วันที่ต้องอยู่ในรูป YYYY-MM-DD (ค.ศ.)",
                       "must be an ISO date (YYYY-MM-DD)")

    def variants(self, spot: str, variants) -> None:
        if variants is None:
            return
        if not isinstance(variants, list):
            self.error(f"{spot}.variants", "ต้องเป็นรายการ", "must be a list")
            return
        start, end = self.period
        spans = []
        for i, variant in enumerate(variants):
            where = f"{spot}.variants[{i}]"
            if not self.shape(where, variant, VARIANT_KEYS):
                continue
            low, high = variant.get("from_year"), variant.get("to_year")
            if not (_is_int(low) and _is_int(high) and low <= high):
                self.error(where, "from_year และ to_year ต้องเป็นปี พ.ศ. และเริ่มไม่หลังสิ้นสุด",
                           "from_year/to_year must be B.E. years with from <= to")
                continue
            if start and not (start <= low and high <= end):
                self.error(where, f"ปี {low}–{high} อยู่นอกช่วงแผน {start}–{end}",
                           f"years {low}-{high} fall outside the plan period {start}-{end}")
            if any(low <= other_high and other_low <= high for other_low, other_high in spans):
                self.error(where, f"ช่วงปี {low}–{high} ซ้อนกับเป้าหมายรายปีอื่น",
                           f"years {low}-{high} overlap another variant")
            spans.append((low, high))
            self.choice(f"{where}.comparison", variant.get("comparison"), COMPARISONS, nullable=True)
            if "scope" in variant:
                self.choice(f"{where}.scope", variant.get("scope"), SCOPES)
            if variant.get("value") is not None and not _is_number(variant["value"]):
                self.error(f"{where}.value", "ค่าเป้าหมายต้องเป็นตัวเลขหรือ null", "value must be a number or null")
