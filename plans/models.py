from django.conf import settings
from django.db import models

from core.thai import THAI_MONTHS

MONTHS = [(i, name) for i, name in enumerate(THAI_MONTHS, start=1)]


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "ร่าง"
        APPROVED = "approved", "อนุมัติแล้ว"

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="plans",
                               verbose_name="หน่วยงาน")
    title = models.TextField("ชื่อแผน")
    period_start = models.PositiveSmallIntegerField("ปีเริ่มต้น (พ.ศ.)")
    period_end = models.PositiveSmallIntegerField("ปีสิ้นสุด (พ.ศ.)")
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name="ผู้อนุมัติ")
    approved_on = models.DateField("วันที่อนุมัติ", null=True, blank=True)
    approval_memo = models.CharField("หนังสืออนุมัติ", max_length=255, blank=True)
    source = models.TextField("ที่มา", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "id"]
        verbose_name = "แผน"

    def __str__(self) -> str:
        return f"{self.title} ปี พ.ศ. {self.period_start} - {self.period_end}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def covers_fiscal_year(self, fy: int) -> bool:
        return self.period_start <= fy <= self.period_end


class Policy(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="policies")
    number = models.PositiveSmallIntegerField("ลำดับ")
    title = models.CharField("ชื่อนโยบาย", max_length=255)
    verbatim = models.TextField("ข้อความตามต้นฉบับ", blank=True)
    corrections = models.JSONField(default=list, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_policy_number")]
        verbose_name = "นโยบาย"

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Measure(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="measures")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    number = models.CharField("เลขที่", max_length=16, help_text="ตามต้นฉบับ เช่น ๑) หรือ ๑.๑)")
    code = models.CharField(max_length=16, help_text="เลขอารบิกสำหรับเรียงลำดับ เช่น 1.1")
    sort_key = models.CharField(max_length=32, db_index=True)
    text = models.TextField("มาตรการ/แนวทางปฏิบัติ")
    verbatim = models.TextField("ข้อความตามต้นฉบับ", blank=True)
    corrections = models.JSONField(default=list, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)

    class Meta:
        ordering = ["policy__number", "sort_key"]
        verbose_name = "มาตรการ"

    def __str__(self) -> str:
        return f"{self.number} {self.text[:80]}"


class Activity(models.Model):
    class ImplementingRule(models.TextChoices):
        ALL = "all", "ทุกหน่วยงาน ทั้งส่วนกลางและส่วนภูมิภาค"
        ALL_CENTRAL = "all_central", "ทุกหน่วยงานส่วนกลาง"
        ALL_REGIONAL = "all_regional", "ทุกหน่วยงานส่วนภูมิภาค"
        REGIONAL_OFFICES = "regional_offices", "สสจ. และ สสพ. ๑ - ๒"
        RELATED = "related", "หน่วยงานที่เกี่ยวข้องกับกระบวนการนั้น ๆ"
        UNITS = "units", "หน่วยงานที่ระบุ"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="activities")
    key = models.CharField(max_length=32, db_index=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField("ชื่อแผนงาน/โครงการ/กิจกรรม", max_length=500)
    text = models.TextField("รายละเอียด")
    items = models.JSONField("รายการย่อย", default=list, blank=True)
    verbatim = models.TextField("ข้อความตามต้นฉบับ", blank=True)
    corrections = models.JSONField(default=list, blank=True)
    host_units = models.ManyToManyField("org.Unit", related_name="hosted_activities", blank=True,
                                        verbose_name="หน่วยงานเจ้าภาพ")
    host_verbatim = models.TextField("หน่วยงานเจ้าภาพตามต้นฉบับ", blank=True)
    implementing_rule = models.CharField("หน่วยงานปฏิบัติ", max_length=32, choices=ImplementingRule.choices,
                                         default=ImplementingRule.ALL)
    implementing_units = models.ManyToManyField("org.Unit", related_name="implemented_activities", blank=True,
                                                verbose_name="หน่วยงานปฏิบัติที่ระบุ")
    implementing_verbatim = models.TextField("หน่วยงานปฏิบัติตามต้นฉบับ", blank=True)
    note = models.TextField("หมายเหตุ", blank=True)

    class Meta:
        ordering = ["measure__policy__number", "measure__sort_key", "sort_order"]
        verbose_name = "กิจกรรม"
        constraints = [models.UniqueConstraint(fields=["measure", "key"], name="unique_activity_key")]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    class Kind(models.TextChoices):
        PERCENT = "percent", "ร้อยละ"
        COUNT = "count", "จำนวน"
        DEADLINE = "deadline", "ภายในกำหนดเวลา"
        FREQUENCY = "frequency", "ความถี่"
        LEVEL = "level", "ระดับความสำเร็จ"
        DONE = "done", "ดำเนินการแล้ว/ยังไม่ดำเนินการ"

    class Comparison(models.TextChoices):
        GTE = ">=", "ไม่น้อยกว่า"
        LTE = "<=", "ไม่เกิน"
        EQ = "==", "เท่ากับ"

    class Period(models.TextChoices):
        FISCAL_YEAR = "fiscal_year", "ต่อปีงบประมาณ"
        HALF = "half", "ต่อครึ่งปี"
        QUARTER = "quarter", "ต่อไตรมาส"
        MONTH = "month", "ต่อเดือน"
        PLAN = "plan", "ตลอดแผน"

    class Scope(models.TextChoices):
        PER_UNIT = "per_unit", "ทุกหน่วยงาน (หน่วยงานละ)"
        DEPARTMENT = "department", "ระดับกรม"

    class UnitGroup(models.TextChoices):
        CENTRAL = "central", "เฉพาะหน่วยงานส่วนกลาง"
        REGIONAL = "regional", "เฉพาะหน่วยงานส่วนภูมิภาค"
        LISTED = "listed", "เฉพาะหน่วยงานที่ระบุ"

    class Basis(models.TextChoices):
        UNITS = "units", "ร้อยละของหน่วยงานที่ผ่านเกณฑ์"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="indicators")
    sort_order = models.PositiveSmallIntegerField(default=0)
    number = models.CharField("เลขที่", max_length=16, blank=True)
    text = models.TextField("ตัวชี้วัด")
    verbatim = models.TextField("ข้อความตามต้นฉบับ", blank=True)
    corrections = models.JSONField(default=list, blank=True)
    kind = models.CharField("ชนิดเป้าหมาย", max_length=16, choices=Kind.choices)
    comparison = models.CharField("เงื่อนไข", max_length=2, choices=Comparison.choices, blank=True)
    value = models.DecimalField("ค่าเป้าหมาย", max_digits=12, decimal_places=2, null=True, blank=True)
    unit_label = models.CharField("หน่วยนับ", max_length=64, blank=True)
    period = models.CharField("รอบเวลา", max_length=16, choices=Period.choices, blank=True)
    due_month = models.PositiveSmallIntegerField("ภายในเดือน", choices=MONTHS, null=True, blank=True)
    due_date = models.DateField("ภายในวันที่", null=True, blank=True)
    scope = models.CharField("ขอบเขต", max_length=16, choices=Scope.choices, default=Scope.DEPARTMENT)
    variants = models.JSONField("เป้าหมายรายปี", default=list, blank=True)
    # The units an indicator is judged over when its words name fewer than the activity's implementing units
    # ("ทุกหน่วยงานส่วนกลาง…" in an activity of every unit): empty = the activity's units.
    unit_group = models.CharField("หน่วยงานที่ใช้ประเมิน", max_length=16, choices=UnitGroup.choices, blank=True)
    units = models.ManyToManyField("org.Unit", related_name="narrowed_indicators", blank=True,
                                   verbose_name="หน่วยงานที่ระบุในตัวชี้วัด")
    # "ร้อยละ … ของหน่วยงาน…": the percentage is the share of units whose own result passes, not an average of
    # percentages typed by the units.
    basis = models.CharField("ฐานการคำนวณ", max_length=16, choices=Basis.choices, blank=True)
    # A level indicator whose steps are the indicators that follow it in the activity (ขั้นที่ ๑–N).
    steps = models.PositiveSmallIntegerField("จำนวนขั้นของระดับความสำเร็จ", null=True, blank=True)
    # Wording bound to one fiscal year ("ในปีงบประมาณ พ.ศ. ๒๕๖๐"): the indicator is judged in that year only.
    year = models.PositiveSmallIntegerField("ใช้เฉพาะปีงบประมาณ (พ.ศ.)", null=True, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)
    # Where the value comes from, as the plan file declares it: {} or {"kind": "reported"} = typed in the
    # reports; {"kind": "computed", "name": ..., "label": ..., "params": {...}} = read from the system's own
    # records by the computation of that name (the registry lives in reports.computed, above the domain apps).
    source = models.JSONField("แหล่งข้อมูล", default=dict, blank=True)

    class Meta:
        ordering = ["activity", "sort_order"]
        verbose_name = "ตัวชี้วัด"

    def __str__(self) -> str:
        return self.text[:120]

    @property
    def key(self) -> str:
        """The indicator's place in the plan: its activity's key and its position there (1.2-a/3)."""
        return f"{self.activity.key}/{self.sort_order + 1}"

    @property
    def is_computed(self) -> bool:
        return (self.source or {}).get("kind") == "computed"

    @property
    def source_display(self) -> str:
        if self.is_computed:
            return f"คำนวณจากระบบ: {self.source.get('label') or self.source.get('name')}"
        return "รายงานจากหน่วยงาน"

    def applies_in(self, fiscal_year: int) -> bool:
        return self.year is None or self.year == fiscal_year

    def target_for_year(self, fiscal_year: int) -> dict:
        """The structured target in force in a fiscal year: a per-year variant overrides the base target."""
        base = {"comparison": self.comparison or None, "value": float(self.value) if self.value is not None
                else None, "scope": self.scope}
        for variant in self.variants:
            if variant.get("from_year", 0) <= fiscal_year <= variant.get("to_year", 9999):
                return {**base, **{k: v for k, v in variant.items() if k not in ("from_year", "to_year")}}
        return base
