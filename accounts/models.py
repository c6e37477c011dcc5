import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    REPORTER = "reporter", "ผู้รายงานของหน่วยงาน"
    UNIT_HEAD = "unit_head", "หัวหน้าหน่วยงาน"
    COORDINATOR = "coordinator", "ผู้ประสานงานหน่วยงานเจ้าภาพ"
    PLAN_ADMIN = "plan_admin", "ผู้ดูแลแผน (กลุ่มพัฒนาระบบบริหาร)"
    EXECUTIVE = "executive", "ผู้บริหาร"
    AUDITOR = "auditor", "ผู้ตรวจสอบ"
    SYSADMIN = "sysadmin", "ผู้ดูแลระบบ"
    PROCUREMENT_OFFICER = "procurement_officer", "เจ้าหน้าที่พัสดุ"
    COMPLAINT_OFFICER = "complaint_officer", "เจ้าหน้าที่จัดการเรื่องร้องเรียน"
    IDENTITY_CUSTODIAN = "identity_custodian", "ผู้รักษาข้อมูลผู้ร้องเรียน"
    # Owners of the plan's registers (the host units the plan names keep them).
    HR_OFFICER = "hr_officer", "เจ้าหน้าที่บริหารทรัพยากรบุคคล"
    COI_OFFICER = "coi_officer", "เจ้าหน้าที่ผลประโยชน์ทับซ้อน"
    DISCIPLINE_OFFICER = "discipline_officer", "เจ้าหน้าที่วินัยและการสอบสวน"
    FINANCE_OFFICER = "finance_officer", "เจ้าหน้าที่การเงินและงบประมาณ"
    REGISTER_OFFICER = "register_officer", "เจ้าหน้าที่บันทึกทะเบียนคุณธรรม"
    ICT_OFFICER = "ict_officer", "เจ้าหน้าที่ศูนย์สารสนเทศ (เว็บไซต์และข้อมูลข่าวสาร)"
    # A supervising body (ป.ป.ท., a ministry): reads submission status and indicator results, writes nothing.
    # Held at a unit it covers that subtree; above the agencies it is held through a Supervision.
    SUPERVISOR = "supervisor", "หน่วยงานกำกับ (อ่านอย่างเดียว)"


class User(AbstractUser):
    title = models.CharField("คำนำหน้า", max_length=64, blank=True)
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="staff", verbose_name="สังกัด"
    )
    position = models.CharField("ตำแหน่ง", max_length=255, blank=True)
    phone = models.CharField("โทรศัพท์", max_length=64, blank=True)

    class Meta:
        verbose_name = "ผู้ใช้"
        verbose_name_plural = "ผู้ใช้"

    def get_full_name(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        return f"{self.title}{name}" if name else ""

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignment(models.Model):
    """A role held over a unit and everything below it (the agency root for department-wide roles)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("บทบาท", max_length=32, choices=Role.choices)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="role_assignments")
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit"],
                                               name="unique_role_assignment")]
        verbose_name = "การมอบบทบาท"

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.unit.short_name}"


class Supervision(models.Model):
    """Role.SUPERVISOR held above the agencies: over every agency served here (`ministry` blank, the national
    level, e.g. ป.ป.ท.) or over the agencies of one ministry (those whose AgencyProfile.ministry is this
    name). Agencies are the roots of the unit tree, so there is no unit above them to hold a RoleAssignment
    at; the policy reads these rows as the same role (accounts.policy._roots)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="supervisions")
    ministry = models.CharField("กระทรวง", max_length=255, blank=True,
                                help_text="ว่าง = ทุกส่วนราชการ (ระดับประเทศ)")
    body = models.CharField("หน่วยงานกำกับ", max_length=255, blank=True,
                            help_text="เช่น สำนักงาน ป.ป.ท. หรือสำนักงานปลัดกระทรวง")
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "ministry"], name="unique_supervision")]
        verbose_name = "การมอบหน้าที่หน่วยงานกำกับ"

    @property
    def scope_label(self) -> str:
        return self.ministry or "ทุกส่วนราชการ (ระดับประเทศ)"

    def __str__(self) -> str:
        return f"{Role.SUPERVISOR.label} — {self.scope_label}"


class RoleProposal(models.Model):
    """A role that takes effect only when a second person confirms it (see accounts.grants)."""

    class Status(models.TextChoices):
        PENDING = "pending", "รอยืนยัน"
        CONFIRMED = "confirmed", "ยืนยันแล้ว"
        REJECTED = "rejected", "ไม่ยืนยัน"
        WITHDRAWN = "withdrawn", "ผู้เสนอถอนข้อเสนอ"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_proposals",
                             verbose_name="ผู้ได้รับการเสนอ")
    role = models.CharField("บทบาท", max_length=32, choices=Role.choices)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name="ขอบเขตหน่วยงาน")
    reason = models.TextField("เหตุผลที่เสนอ")
    proposed_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name="ผู้เสนอ")
    proposed_at = models.DateTimeField("เสนอเมื่อ", auto_now_add=True)
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name="ผู้พิจารณา")
    decided_at = models.DateTimeField("พิจารณาเมื่อ", null=True, blank=True)
    decision_note = models.TextField("หมายเหตุการพิจารณา", blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit"],
                                               name="one_pending_role_proposal",
                                               condition=models.Q(status="pending"))]
        verbose_name = "ข้อเสนอมอบบทบาท"

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.user} ({self.unit.short_name})"


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored, the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("ชื่อโทเค็น", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField("หมดอายุ")
    # A digest of the owner's password hash when the token was made: any change of password, by whatever path
    # (reset by e-mail, an administrator, the console), makes it differ, and the token stops working.
    password_stamp = models.CharField(max_length=64)

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def stamp_for(user) -> str:
        return hashlib.sha256(f"api-token:{user.password}".encode()).hexdigest()

    @property
    def unusable_reason(self) -> str:
        """Why the token no longer works, in the words of the token page ("" while it works)."""
        if self.revoked_at:
            return "ยกเลิกแล้ว"
        if self.password_stamp != self.stamp_for(self.user):
            return "ใช้ไม่ได้แล้ว (มีการเปลี่ยนรหัสผ่าน)"
        if self.expires_at <= timezone.now():
            return "หมดอายุแล้ว"
        return ""

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
