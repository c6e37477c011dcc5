from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One change to something that matters: who, when, what, old → new.

    Written only by services (audit.services.audit_record). The object's type, id and label are copied so the
    trail survives deletion of the object and of the actor.
    """

    at = models.DateTimeField("เวลา", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField("ผู้ดำเนินการ", max_length=255, blank=True)
    action = models.CharField("การดำเนินการ", max_length=64, db_index=True)
    object_type = models.CharField("ประเภทข้อมูล", max_length=64, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    object_label = models.CharField("รายการ", max_length=500, blank=True)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    old = models.JSONField("ค่าเดิม", null=True, blank=True)
    new = models.JSONField("ค่าใหม่", null=True, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "บันทึกการเปลี่ยนแปลง"
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"

    def changes(self) -> list[tuple[str, object, object]]:
        old, new = self.old or {}, self.new or {}
        keys = list(dict.fromkeys([*old.keys(), *new.keys()]))
        return [(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]
