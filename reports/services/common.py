"""Guards shared by the reporting services."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone

from accounts import policy
from core.errors import ApplicationError
from reports.models import Report, Round


def require(actor, action: str, obj=None, *, unit=None, message: str = "ท่านไม่มีสิทธิ์ดำเนินการนี้") -> None:
    """The policy's guard with a message for this service (raises policy.Denied, answered as 403)."""
    policy.require(actor, action, obj, unit=unit, message=message)


def ensure_round_accepts(round_: Round) -> None:
    """Reports can be written and sent only while the round is open and not past its closing date."""
    if round_.status != Round.Status.OPEN:
        raise ApplicationError("รอบการรายงานนี้ไม่ได้เปิดรับรายงาน")
    if round_.closes_on and timezone.localdate() > round_.closes_on:
        raise ApplicationError("เลยวันปิดรับรายงานของรอบนี้แล้ว กรุณาติดต่อผู้ดูแลแผน")


def lock_report(report: Report) -> Report:
    return (
        Report.objects.select_for_update()
        .select_related("round__plan__agency", "activity__measure__policy", "unit")
        .get(pk=report.pk)
    )


def ensure_version(report: Report, version: int | None) -> None:
    if version is not None and int(version) != report.version:
        editor = report.updated_by
        who = (editor.get_full_name() or editor.username) if editor else "ผู้อื่น"
        raise ApplicationError(
            f"รายงานนี้ถูกแก้ไขโดย {who} หลังจากที่ท่านเปิดแบบฟอร์ม ข้อมูลที่ท่านพิมพ์ยังอยู่ในแบบฟอร์ม "
            "กรุณาเปิดรายงานฉบับล่าสุดในหน้าต่างใหม่ แล้วนำข้อความของท่านไปรวมก่อนบันทึกอีกครั้ง",
            extra={"conflict": True, "current_version": report.version},
        )


def bump(report: Report, actor) -> None:
    report.version += 1
    report.updated_at = timezone.now()
    report.updated_by = actor if getattr(actor, "is_authenticated", False) else None


def after_commit(task, *args) -> None:
    """Enqueue a task once the transaction commits, so the worker never sees uncommitted rows."""
    transaction.on_commit(partial(task.enqueue, *args))
