"""Rows a unit's progress report may start from, read from the registers (plan activities 1.1.1-a, 5.1-a,
5.5-a and 6.1.1-a). Each row has the report form's fields (method, period_text, result, evidence_note); the
report stays the unit's to edit. Not yet called by the report form: `rows_for` is the entry point for it."""

from __future__ import annotations

from core.thai import format_be
from registers.models import IcSubmission, ManualReview, PublicityEntry, WorkplaceAssessment


def _row(method: str, day, result: str, evidence: str) -> dict:
    return {"method": method, "period_text": format_be(day), "result": result, "evidence_note": evidence}


def _manual_rows(unit, fy: int) -> list[dict]:
    reviews = (ManualReview.objects.filter(process__unit=unit, fiscal_year=fy)
               .select_related("process", "version").order_by("reviewed_on"))
    return [_row(f"ทบทวนคู่มือ/มาตรฐานกระบวนงาน{r.process.name}", r.reviewed_on,
                 f"{r.get_outcome_display()} โดย {r.reviewer}",
                 "ทะเบียนคู่มือ" + (f" ฉบับที่ {r.version.version}" if r.version else ""))
            for r in reviews]


def _control_rows(unit, fy: int) -> list[dict]:
    subs = IcSubmission.objects.filter(unit=unit, round__fiscal_year=fy).select_related("round")
    rows = [_row(f"ส่งรายงานการควบคุมภายใน{s.round.get_number_display()}", s.submitted_on,
                 "ส่งแล้ว" + (" (หลังกำหนด)" if s.is_late else ""), s.document_no or "ทะเบียนรายงานการควบคุมภายใน")
            for s in subs.order_by("round__number")]
    return rows + _manual_rows(unit, fy)


def _workplace_rows(unit, fy: int) -> list[dict]:
    a = WorkplaceAssessment.objects.filter(unit=unit, fiscal_year=fy).prefetch_related("awards").first()
    if a is None:
        return []
    rows = [_row("ประเมินสถานที่ทำงานน่าอยู่ตามเกณฑ์ระดับพื้นฐาน ๔ ด้าน", a.assessed_on,
                 "ผ่านเกณฑ์ระดับพื้นฐาน" if a.passed else "ยังไม่ผ่านเกณฑ์ระดับพื้นฐาน", f"ผลการประเมินโดย {a.assessor}")]
    rows += [_row(f"ได้รับรางวัล{w.name}", w.awarded_on, w.level or "ได้รับรางวัล", w.awarded_by or "-")
             for w in a.awards.all()]
    return rows


def _publicity_rows(unit, fy: int) -> list[dict]:
    entries = PublicityEntry.objects.filter(unit=unit, fiscal_year=fy).order_by("published_on")
    return [_row(f"เผยแพร่ทาง{e.channel_label}: {e.title}", e.published_on, "เผยแพร่แล้ว",
                 e.link or "ภาพถ่ายในทะเบียน") for e in entries]


ACTIVITIES = {"1.1.1-a": _manual_rows, "5.1-a": _control_rows, "5.5-a": _workplace_rows,
              "6.1.1-a": _publicity_rows}


def rows_for(*, unit, activity_key: str, fiscal_year: int) -> list[dict]:
    """The register rows of `unit` for the activity and fiscal year ([] for an activity the registers do
    not keep)."""
    fn = ACTIVITIES.get(activity_key)
    return fn(unit, fiscal_year) if fn else []
