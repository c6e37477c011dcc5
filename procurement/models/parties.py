"""Bidders and the people behind them, the agency's officials and what they declared, and the matches found
between the two (the plan's "list showing relationships between officials and bidders")."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Supplier(models.Model):
    """A bidder, document buyer or supplier. `ocds_id` is the party id used in published releases."""

    name = models.CharField("ชื่อผู้ประกอบการ", max_length=500)
    name_key = models.CharField(max_length=500, db_index=True, editable=False)
    juristic_id = models.CharField("เลขทะเบียนนิติบุคคล/เลขประจำตัวผู้เสียภาษี", max_length=13, blank=True)
    ocds_id = models.CharField(max_length=255, unique=True)
    address = models.TextField("ที่อยู่", blank=True)
    phone = models.CharField("โทรศัพท์", max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["juristic_id"], condition=~models.Q(juristic_id=""),
                                               name="unique_supplier_juristic_id")]
        verbose_name = "ผู้ประกอบการ"

    def __str__(self) -> str:
        return self.name


class CompanyPerson(models.Model):
    """A director, shareholder or contact person of a supplier, as the company registry lists them."""

    class Role(models.TextChoices):
        DIRECTOR = "director", "กรรมการ"
        SHAREHOLDER = "shareholder", "ผู้ถือหุ้น/หุ้นส่วน"
        CONTACT = "contact", "ผู้ติดต่อ"

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="people")
    name = models.CharField("ชื่อ-สกุล", max_length=255)
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    role = models.CharField("ฐานะ", max_length=16, choices=Role.choices)

    class Meta:
        ordering = ["supplier", "role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "role", "name_key"], name="unique_company_person"),
        ]
        verbose_name = "บุคคลของนิติบุคคล"

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()} {self.supplier})"


class Official(models.Model):
    """Someone whose ties to bidders matter: staff, committee members, executives."""

    class Kind(models.TextChoices):
        STAFF = "staff", "เจ้าหน้าที่"
        EXECUTIVE = "executive", "ผู้บริหาร"
        COMMITTEE = "committee", "กรรมการ (บุคคลภายนอก)"

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="procurement_officials",
                             verbose_name="สังกัด")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="procurement_official")
    name = models.CharField("ชื่อ-สกุล", max_length=255)
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    position = models.CharField("ตำแหน่ง", max_length=255, blank=True)
    kind = models.CharField("ประเภท", max_length=16, choices=Kind.choices, default=Kind.STAFF)
    declared_on = models.DateField("วันที่แจ้งข้อมูล", null=True, blank=True)
    is_active = models.BooleanField("ยังปฏิบัติงาน", default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "เจ้าหน้าที่ที่เกี่ยวข้อง"

    def __str__(self) -> str:
        return self.name


class OfficialRelative(models.Model):
    class Relation(models.TextChoices):
        SPOUSE = "spouse", "คู่สมรส"
        CHILD = "child", "บุตร"
        PARENT = "parent", "บิดามารดา"
        SIBLING = "sibling", "พี่น้อง"
        OTHER = "other", "ญาติอื่น"

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="relatives")
    name = models.CharField("ชื่อ-สกุล", max_length=255)
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    relation = models.CharField("ความสัมพันธ์", max_length=16, choices=Relation.choices)

    class Meta:
        ordering = ["official", "id"]
        verbose_name = "ญาติที่แจ้งไว้"

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()}ของ {self.official})"


class OfficialEmployer(models.Model):
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="employers")
    name = models.CharField("ชื่อนายจ้างเดิม", max_length=500)
    name_key = models.CharField(max_length=500, db_index=True, editable=False)
    juristic_id = models.CharField("เลขทะเบียนนิติบุคคล", max_length=13, blank=True)
    period = models.CharField("ช่วงเวลา", max_length=64, blank=True)

    class Meta:
        ordering = ["official", "id"]
        verbose_name = "นายจ้างเดิม"

    def __str__(self) -> str:
        return self.name


class Relationship(models.Model):
    """A possible tie between an official and a bidder, with its path and how sure the match is.

    Exact name (or registration number) matches are listed as found; near matches stay pending until a person
    accepts or rejects them, and that decision is audited.
    """

    class Status(models.TextChoices):
        EXACT = "exact", "ตรงกัน"
        PENDING = "pending", "รอการพิจารณา"
        ACCEPTED = "accepted", "ยืนยันว่าเป็นบุคคลเดียวกัน"
        REJECTED = "rejected", "ไม่ใช่บุคคลเดียวกัน"

    class Method(models.TextChoices):
        EXACT = "exact", "ชื่อตรงกันหลังปรับรูปแบบ"
        RATIO = "ratio", "ชื่อคล้ายกัน"
        TOKEN_SORT = "token_sort", "ชื่อคล้ายกันเมื่อสลับลำดับชื่อ-สกุล"
        JURISTIC_ID = "juristic_id", "เลขทะเบียนนิติบุคคลตรงกัน"

    pair_key = models.CharField(max_length=128, unique=True, editable=False)
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="relationships")
    relative = models.ForeignKey(OfficialRelative, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    employer = models.ForeignKey(OfficialEmployer, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    person = models.ForeignKey(CompanyPerson, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="relationships")
    score = models.FloatField("ความเชื่อมั่น (ร้อยละ)")
    method = models.CharField("วิธีจับคู่", max_length=16, choices=Method.choices)
    reason = models.TextField("เหตุผล", blank=True)
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField("หมายเหตุการพิจารณา", blank=True)
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = "ความสัมพันธ์ระหว่างเจ้าหน้าที่กับผู้เสนองาน"

    def __str__(self) -> str:
        return " → ".join(step["label"] for step in self.path())

    def path(self) -> list[dict]:
        """official → (relative) → (director/shareholder/contact | former employer) → bidder."""
        position = self.official.position or "เจ้าหน้าที่"
        steps = [{"kind": "official", "label": f"{self.official.name} ({position})"}]
        if self.relative_id:
            steps.append({"kind": "relative",
                          "label": f"{self.relative.name} ({self.relative.get_relation_display()})"})
        if self.employer_id:
            steps.append({"kind": "employer", "label": f"เคยทำงานที่ {self.employer.name}"})
        if self.person_id:
            steps.append({"kind": "person",
                          "label": f"{self.person.name} ({self.person.get_role_display()})"})
        steps.append({"kind": "supplier", "label": self.supplier.name})
        return steps
