"""Campaigns on conflict of interest (plan 3.1-a, 4.1-a, 4.3-a) and executives' reminders at the executive
meeting (4.1-a ๒). The indicators are judged on the dates kept here: "ภายในเดือนมีนาคม" on the event's date,
"ไตรมาสละ ๑ ครั้ง" on the meeting's date."""

from django.conf import settings
from django.db import models

from core.record_files import RecordFile


class CampaignEvent(models.Model):
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงานที่จัด"
    )
    held_on = models.DateField("วันที่จัด")
    title = models.CharField("ชื่อกิจกรรม", max_length=300)
    audience = models.CharField("กลุ่มเป้าหมาย", max_length=300)
    attendance = models.PositiveIntegerField("จำนวนผู้เข้าร่วม (คน)")
    material = models.TextField("สื่อหรือเอกสารที่ใช้", blank=True)
    note = models.TextField("หมายเหตุ", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "กิจกรรมรณรงค์ผลประโยชน์ทับซ้อน"

    def __str__(self) -> str:
        return self.title


class CampaignEventFile(RecordFile):
    event = models.ForeignKey(CampaignEvent, on_delete=models.CASCADE, related_name="files")


class ExecutiveReminder(models.Model):
    """An executive's reminder to the executive meeting to follow the CoI manual and regulation."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงาน")
    meeting = models.CharField("การประชุม", max_length=300, help_text="เช่น การประชุมผู้บริหารกรม ครั้งที่ ๓/๒๕๖๐")
    met_on = models.DateField("วันที่ประชุม")
    agenda_item = models.CharField("วาระที่", max_length=200)
    executive = models.CharField("ผู้บริหารที่กำชับ", max_length=200)
    minutes = models.TextField("สาระสำคัญในรายงานการประชุม")
    minutes_ref = models.CharField("อ้างอิงรายงานการประชุม", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-met_on", "-id"]
        verbose_name = "การกำชับในที่ประชุมผู้บริหาร"

    def __str__(self) -> str:
        return f"{self.meeting} วาระที่ {self.agenda_item}"


class ReminderFile(RecordFile):
    reminder = models.ForeignKey(ExecutiveReminder, on_delete=models.CASCADE, related_name="files")
