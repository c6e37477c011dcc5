from __future__ import annotations

from django.db import models


class Unit(models.Model):
    """A unit of an agency; an agency is a root unit, so one deployment can serve several agencies.

    `path` is a materialised path ("/1/7/") kept by org.services so that "this unit and everything below it"
    is one indexed prefix query, which is how every permission in the system is scoped.
    """

    class Kind(models.TextChoices):
        AGENCY = "agency", "กรม"
        DIVISION = "division", "สำนัก/กอง/ศูนย์/สถาบัน"
        GROUP = "group", "กลุ่มงาน"
        AREA_OFFICE = "area_office", "สำนักงานส่งเสริมสหกรณ์กรุงเทพมหานคร"
        PROVINCIAL_OFFICE = "provincial_office", "สำนักงานสหกรณ์จังหวัด"
        WORKING_GROUP = "working_group", "คณะทำงาน"

    class Region(models.TextChoices):
        CENTRAL = "central", "ส่วนกลาง"
        REGIONAL = "regional", "ส่วนภูมิภาค"

    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    code = models.SlugField("รหัส", max_length=64, unique=True)
    name = models.CharField("ชื่อหน่วยงาน", max_length=255)
    abbreviation = models.CharField("ชื่อย่อ", max_length=64, blank=True)
    aliases = models.JSONField("ชื่ออื่นที่ใช้เรียก", default=list, blank=True)
    kind = models.CharField("ประเภท", max_length=32, choices=Kind.choices)
    region = models.CharField("สังกัด", max_length=16, choices=Region.choices, blank=True)
    province = models.CharField("จังหวัด", max_length=64, blank=True)
    reports_on_plan = models.BooleanField(
        "เป็นหน่วยงานปฏิบัติตามแผน", default=True, help_text="หน่วยงานที่นับรวมในกลุ่ม 'ทุกหน่วยงาน'"
    )
    is_active = models.BooleanField("ใช้งาน", default=True)
    sort_order = models.PositiveIntegerField(default=0)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    note = models.TextField("หมายเหตุ", blank=True)
    # An agency-wide setting, read from the agency's root unit only (org.selectors.agency_thai_digits). Thai
    # digits by default: the ระเบียบงานสารบรรณ memo and the department's own forms write numbers in them.
    thai_digits = models.BooleanField(
        "ใช้เลขไทยในเอกสารราชการ", default=True,
        help_text="ใช้กับเอกสารที่ระบบจัดทำทุกฉบับของกรม: บันทึกข้อความ รายงานสรุปผลรอบการรายงาน "
                  "รายงานเรื่องร้องเรียน และรายงานการวิเคราะห์ผลการจัดซื้อจัดจ้าง (ไม่เลือก = ใช้เลขอารบิก)",
    )

    class Meta:
        ordering = ["path", "sort_order"]
        verbose_name = "หน่วยงาน"
        verbose_name_plural = "หน่วยงาน"

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        return self.abbreviation or self.name

    @property
    def full_name_known(self) -> bool:
        """False while the unit's name is only its abbreviation (the source documents gave no full name)."""
        name = (self.name or "").strip()
        return bool(name) and name != (self.abbreviation or "").strip()

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2 if self.path else 0

    def agency_id_from_path(self) -> int:
        return int(self.path.strip("/").split("/")[0])


def _emblem_path(instance: AgencyProfile, filename: str) -> str:
    import uuid

    return f"emblems/{instance.agency_id}/{uuid.uuid4().hex}.{instance.emblem_extension or 'png'}"


class AgencyProfile(models.Model):
    """What an agency says about itself on its public pages and on every document it sends: the official
    name and address (ส่วนราชการเจ้าของหนังสือ), contact, the book-number prefix (ที่ …), the emblem image the
    administrator uploads (the Garuda or the agency's own; never shipped), its head and the addressees of
    the documents the system prepares. One per agency root; agencies without one read defaults made from
    the unit (org.selectors.agency_profile)."""

    agency = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="profile",
                                  limit_choices_to={"parent__isnull": True})
    official_name = models.CharField("ชื่อส่วนราชการ", max_length=255)
    name_en = models.CharField("ชื่อภาษาอังกฤษ", max_length=255, blank=True)
    ministry = models.CharField("สังกัดกระทรวง", max_length=255, blank=True)
    address = models.TextField("ที่ตั้ง (ที่อยู่สำหรับหนังสือภายนอก)", blank=True)
    phone = models.CharField("โทรศัพท์", max_length=100, blank=True)
    email = models.EmailField("ไปรษณีย์อิเล็กทรอนิกส์", blank=True)
    website = models.URLField("เว็บไซต์", blank=True)
    book_prefix = models.CharField("รหัสหนังสือ (ที่ …)", max_length=64, blank=True,
                                   help_text="เช่น กษ ๑๑๑๓ ระบบเติมเลขทะเบียนหนังสือต่อท้าย")
    head_title = models.CharField("ตำแหน่งหัวหน้าส่วนราชการ", max_length=255, blank=True)
    head_name = models.CharField("ชื่อหัวหน้าส่วนราชการ", max_length=255, blank=True)
    pacc_addressee = models.CharField(
        "ผู้รับหนังสือรายงานผล (เรียน)", max_length=255,
        default="เลขาธิการคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ")
    pacc_address = models.TextField(
        "ที่อยู่ผู้รับหนังสือรายงานผล", blank=True,
        default="สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ")
    # The addressees and signer of the internal memos the system prepares (complaint reports, the yearly
    # complaint review, a round's cover memo). Blank means the wording every agency had before these were
    # settings: the head's title (อธิบดี + the agency's name), its executive committee, the signer's own
    # position and the compiling person's unit (org.selectors.agency_memo).
    memo_addressee = models.CharField(
        "ผู้รับบันทึกรายงานภายใน (เรียน)", max_length=255, blank=True,
        help_text="ใช้กับรายงานเรื่องร้องเรียนรายเดือน ผลการทบทวนระบบร้องเรียน และบันทึกนำส่งผลรอบการรายงาน "
                  "ว่าง = ตำแหน่งหัวหน้าส่วนราชการ (อธิบดี…)")
    committee_addressee = models.CharField(
        "ผู้รับสรุปผลรายไตรมาส (เรียน)", max_length=255, blank=True,
        help_text="ใช้กับสรุปผลการจัดการเรื่องร้องเรียนรายไตรมาส ว่าง = ประธานคณะกรรมการบริหาร…")
    memo_signer_position = models.CharField(
        "ตำแหน่งผู้ลงนามบันทึกรายงาน", max_length=255, blank=True,
        help_text="ว่าง = ตำแหน่งของผู้จัดทำตามข้อมูลผู้ใช้")
    memo_unit = models.CharField(
        "หน่วยงานที่จัดทำบันทึกนำส่งผลรอบการรายงาน", max_length=255, blank=True,
        help_text="เช่น กลุ่มพัฒนาระบบบริหาร ว่าง = หน่วยงานของผู้รวบรวมผล")
    # OCDS: every process this agency publishes is identified "<prefix>-…"; blank = the deployment's
    # PRONGSAI_OCID_PREFIX. Kept on projects when they are created, so a change reaches new ones only.
    ocid_prefix = models.CharField(
        "คำนำหน้าเลข ocid (มาตรฐาน OCDS)", max_length=32, blank=True,
        help_text="รูปแบบ ocds-xxxxxx ที่ลงทะเบียนกับ Open Contracting Partnership ใช้กับโครงการที่สร้างใหม่ "
                  "โครงการเดิมคงเลข ocid เดิม ว่าง = ค่าของระบบ")
    # OCDS: the licence the agency publishes its procurement data under and its publication policy, named in
    # every package it publishes; blank = the deployment's (PRONGSAI_OCDS_LICENSE, ..._PUBLICATION_POLICY).
    ocds_license = models.URLField(
        "สัญญาอนุญาตข้อมูลเปิด (ที่อยู่ URL)", max_length=500, blank=True,
        help_text="ข้อกำหนดการนำข้อมูลจัดซื้อจัดจ้าง (OCDS) ไปใช้ เช่น "
                  "https://data.go.th/pages/dga-open-government-license ว่าง = ค่าของระบบ")
    ocds_publication_policy = models.URLField(
        "นโยบายการเผยแพร่ข้อมูลจัดซื้อจัดจ้าง (ที่อยู่ URL)", max_length=500, blank=True,
        help_text="หน้าที่อธิบายว่าเผยแพร่ข้อมูลใด เมื่อใด และติดต่อใครได้ ว่าง = ค่าของระบบ")
    facebook = models.URLField("เฟซบุ๊ก", blank=True)
    line = models.CharField("ไลน์ (LINE Official)", max_length=255, blank=True)
    youtube = models.URLField("ยูทูบ", blank=True)
    emblem = models.FileField(upload_to=_emblem_path, max_length=255, blank=True)
    emblem_extension = models.CharField(max_length=8, blank=True)
    emblem_sha256 = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ข้อมูลส่วนราชการ"

    def __str__(self) -> str:
        return self.official_name

    @property
    def has_emblem(self) -> bool:
        return bool(self.emblem)
