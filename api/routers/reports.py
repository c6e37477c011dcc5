"""JSON API of the reporting loop. Every endpoint needs a session or a bearer token and reads through the
policy's `scope`, so a caller sees exactly what the pages show them."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from api.auth import AUTH
from api.params import PAGE_DEFAULT, Limit, ObjectId, Offset
from api.schemas import RoundIndicatorOut, errors
from reports import exports, selectors
from reports.models import Report

router = Router(tags=["รายงานผลการดำเนินงาน"], auth=AUTH)


class RoundOut(Schema):
    id: int
    plan_id: int
    fiscal_year: int
    name: str
    kind: str
    opens_on: datetime.date
    due_on: datetime.date
    closes_on: datetime.date | None
    status: str


class RowOut(Schema):
    order: int
    method: str
    period_text: str
    result: str
    evidence_note: str


class ReportSummaryOut(Schema):
    id: int
    round_id: int
    activity_id: int
    activity_title: str
    unit_id: int
    unit_name: str
    kind: str
    status: str
    as_of: datetime.date | None
    first_submitted_at: datetime.datetime | None


class ReportOut(ReportSummaryOut):
    version: int
    problems: str
    suggestions: str
    rows: list[RowOut]


def _summary(report: Report) -> dict:
    return {
        "id": report.pk,
        "round_id": report.round_id,
        "activity_id": report.activity_id,
        "activity_title": report.activity.title,
        "unit_id": report.unit_id,
        "unit_name": report.unit.name,
        "kind": report.kind,
        "status": report.status,
        "as_of": report.as_of,
        "first_submitted_at": report.first_submitted_at,
    }


AUTHED = (401, 403)


@router.get("/rounds", response={200: list[RoundOut], **errors(*AUTHED)}, summary="รอบการรายงานที่เปิดดูได้")
def list_rounds(request):
    return selectors.rounds_visible(request.auth)


@router.get(
    "/rounds/{round_id}/reports",
    response={200: list[ReportSummaryOut], **errors(*AUTHED, 404, 422)},
    summary="รายงานในรอบ (เฉพาะที่เปิดดูได้)",
    description="เรียงตามผังหน่วยงานแล้วตามกิจกรรม แบ่งหน้าด้วย limit และ offset",
)
def list_round_reports(request, round_id: ObjectId, limit: Limit = PAGE_DEFAULT, offset: Offset = 0):
    round_ = get_object_or_404(selectors.rounds_visible(request.auth), pk=round_id)
    qs = selectors.reports_visible(request.auth, round_).select_related("activity")
    return [_summary(r)
            for r in qs.order_by("unit__path", "activity_id", "kind", "id")[offset : offset + limit]]


@router.get(
    "/rounds/{round_id}/indicators",
    response={200: list[RoundIndicatorOut], **errors(*AUTHED, 404, 422)},
    summary="ผลตามตัวชี้วัดของรอบ พร้อมที่มาของค่า (เฉพาะรายงานที่เปิดดูได้)",
    description=("source: `computed` = คำนวณจากข้อมูลในระบบ, `reported` = ตามที่หน่วยงานรายงาน, "
                 "`overridden` = ตัวชี้วัดที่คำนวณจากระบบ แต่รายงานที่ส่งแล้วใช้ค่าที่กรอกแทนค่าที่คำนวณ "
                 "โดยระบุเหตุผลเป็นลายลักษณ์อักษร (เหตุผลอยู่ใน override_reason ค่าที่ระบบคำนวณได้อยู่ใน "
                 "computed_value); value = ค่าที่ใช้ตัดสิน; computed_value = ค่าที่ระบบคำนวณได้เป็นข้อความ "
                 "(null เมื่อเป็นตัวชี้วัดตามรายงาน); provenance = ชื่อและลิงก์ของแต่ละบันทึกที่นับ; "
                 "as_of = เวลาที่ค่านั้นคำนวณ; cached_at = เวลาที่ตัวประมวลผลงานเบื้องหลังคำนวณเก็บไว้ "
                 "(ค่าที่เก็บไว้ใช้ได้ไม่เกิน 1 ชั่วโมง เกินกว่านั้นคำนวณใหม่ขณะตอบ และ cached_at เป็น null)"),
)
def list_round_indicators(request, round_id: ObjectId):
    from reports.indicator_values import REPORTED, round_indicator_values

    round_ = get_object_or_404(selectors.rounds_visible(request.auth), pk=round_id)
    return [{"id": v.indicator.pk, "key": v.indicator.key, "text": v.indicator.text,
             "target": v.target, "value": v.value, "done": v.done, "verdict": v.verdict.status,
             "verdict_label": v.verdict.label, "source": v.source,
             "provenance": [{"label": label, "url": url} for label, url in v.provenance],
             "explanation": v.verdict.explanation, "as_of": v.as_of,
             "computed_value": None if v.source == REPORTED else v.computed_text,
             "override_reason": v.override_reason, "cached_at": v.cached_at}
            for v in round_indicator_values(round_, request.auth, cached=True)]


@router.get(
    "/reports/{report_id}", response={200: ReportOut, **errors(*AUTHED, 404, 422)},
    summary="รายงานหนึ่งฉบับพร้อมแถว"
)
def get_report(request, report_id: ObjectId):
    report = selectors.report_for(request.auth, report_id)
    rows = [
        {
            "order": r.order,
            "method": r.method,
            "period_text": r.period_text,
            "result": r.result,
            "evidence_note": r.evidence_note,
        }
        for r in report.rows.all()
    ]
    return {
        **_summary(report),
        "version": report.version,
        "problems": report.problems,
        "suggestions": report.suggestions,
        "rows": rows,
    }


def _attachment(export) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def _compiled(request, round_id: ObjectId, fmt: str) -> HttpResponse:
    round_ = selectors.rounds_visible(request.auth).filter(pk=round_id).first()
    if round_ is None:
        raise Http404("ไม่พบรอบการรายงาน")
    return _attachment(exports.compiled_export(round_, request.auth, fmt))


def _file(description: str, content_type: str) -> dict:
    return {"responses": {200: {"description": description, "content": {content_type: {}}}}}




@router.get(
    "/rounds/{round_id}/compiled.docx",
    summary="รายงานสรุปของรอบ (Word) เฉพาะรายงานที่เปิดดูได้",
    response=errors(*AUTHED, 404, 422),
    openapi_extra=_file("ไฟล์ Word", exports.CONTENT_TYPES["docx"]),
)
def compiled_docx(request, round_id: ObjectId):
    return _compiled(request, round_id, "docx")


class PdfPendingOut(Schema):
    status: str
    detail: str
    ready_parts: int
    total_parts: int
    retry_after_seconds: int


PDF_RETRY_SECONDS = 15


@router.get(
    "/rounds/{round_id}/compiled.pdf",
    summary="รายงานสรุปของรอบ (PDF)",
    description=(
        "ได้ไฟล์ PDF (200) เมื่อพร้อม หากเอกสารส่วนใหญ่ยังไม่ได้จัดทำ (เช่น ทั้งกรมหลังนำเข้าข้อมูลจำนวนมาก) "
        "จะได้ 202 พร้อมความคืบหน้าและ Retry-After ระบบจัดทำต่อเป็นงานเบื้องหลัง ให้เรียกซ้ำภายหลัง"
    ),
    response={202: PdfPendingOut, **errors(*AUTHED, 404, 422)},
    openapi_extra=_file("ไฟล์ PDF", exports.CONTENT_TYPES["pdf"]),
)
def compiled_pdf(request, round_id: ObjectId):
    from reports.exports import pdf
    from reports.services import compiled_pdf_request

    round_ = selectors.rounds_visible(request.auth).filter(pk=round_id).first()
    if round_ is None:
        raise Http404("ไม่พบรอบการรายงาน")
    try:
        export = exports.compiled_export(round_, request.auth, "pdf", pdf_budget=pdf.sync_budget())
    except pdf.NotReady as pending:
        compiled_pdf_request(round_=round_, user=request.auth, readiness=pending.readiness)
        response = JsonResponse(
            {
                "status": "preparing",
                "detail": "กำลังจัดทำไฟล์ PDF เป็นงานเบื้องหลัง โปรดเรียกอีกครั้งภายหลัง",
                "ready_parts": pending.readiness.ready,
                "total_parts": pending.readiness.total,
                "retry_after_seconds": PDF_RETRY_SECONDS,
            },
            status=202,
            json_dumps_params={"ensure_ascii": False},
        )
        response["Retry-After"] = str(PDF_RETRY_SECONDS)
        return response
    return _attachment(export)


@router.get(
    "/rounds/{round_id}/compiled.xlsx",
    summary="ตารางสรุปของรอบ (Excel)",
    response=errors(*AUTHED, 404, 422),
    openapi_extra=_file("ไฟล์ Excel", exports.CONTENT_TYPES["xlsx"]),
)
def compiled_xlsx(request, round_id: ObjectId):
    return _compiled(request, round_id, "xlsx")
