"""The documents that leave the department, and the executive's approval, for a round's latest compiled
version: the official summary (Word, PDF), the letter to ป.ป.ท. (Word, PDF), the package (ZIP with its
manifest), and POST approval. Read by `round.documents` (the department's plan administrator, executives and
auditors), approved by `round.approve` (the department's executive)."""

from __future__ import annotations

import datetime
import math

from django.http import Http404, HttpResponse, JsonResponse
from ninja import Router, Schema

from api.auth import AUTH
from api.params import ObjectId
from api.schemas import errors
from reports import documents, selectors
from reports.exports import CONTENT_TYPES, pdf
from reports.services import approval, compiled_pdf

router = Router(tags=["ความเห็นชอบและเอกสารส่ง ป.ป.ท."], auth=AUTH)
AUTHED = (401, 403)


def _round(request, round_id: int):
    round_ = selectors.rounds_visible(request.auth).filter(pk=round_id).first()
    if round_ is None:
        raise Http404("ไม่พบรอบการรายงาน")
    return round_


def _document(request, round_id: int, name: str) -> HttpResponse:
    round_ = _round(request, round_id)
    try:
        export = documents.round_document(request.auth, round_, name, budget=pdf.sync_budget())
    except documents.NoVersion:
        raise Http404("ยังไม่ได้รวบรวมผลของรอบนี้") from None
    except pdf.NotReady as pending:
        return _pending(request, round_, pending.readiness)
    return export.response()


def _pending(request, round_, readiness: pdf.Readiness) -> JsonResponse:
    """The annex (alone or in the package) is still being rendered by the worker: 202 with the progress and
    when to ask again, rather than a request laying out a thousand pages."""
    version = approval.latest_version(round_)
    compiled_pdf.annex_request(user=request.auth, version=version, readiness=readiness)
    seconds = min(60, max(5, math.ceil(readiness.seconds)))  # ask again soon: the worker may be quicker
    response = JsonResponse(
        {
            "detail": "ระบบกำลังจัดทำภาคผนวก โปรดเรียกอีกครั้งภายหลัง",
            "ready_parts": readiness.ready,
            "total_parts": readiness.total,
            "retry_after_seconds": seconds,
        },
        status=202,
    )
    response["Retry-After"] = str(seconds)
    return response


def _file(description: str, content_type: str) -> dict:
    pending = {
        "description": "เอกสารยังจัดทำไม่เสร็จ (ภาคผนวกในชุดเอกสาร): เรียกอีกครั้งหลัง Retry-After วินาที",
        "content": {"application/json": {}},
    }
    return {"responses": {200: {"description": description, "content": {content_type: {}}}, 202: pending}}


def _get(path: str, name: str, summary: str, content_type: str):
    @router.get(
        f"/rounds/{{round_id}}/{path}",
        summary=summary,
        response=errors(*AUTHED, 404, 422),
        openapi_extra=_file(summary, content_type),
        operation_id=f"round_{name}",
    )
    def endpoint(request, round_id: ObjectId):
        return _document(request, round_id, path)

    endpoint.__name__ = f"round_{name}"
    return endpoint


summary_docx = _get("summary.docx", "summary_docx", "รายงานสรุปผลฉบับล่าสุด (Word)", CONTENT_TYPES["docx"])
summary_pdf = _get("summary.pdf", "summary_pdf", "รายงานสรุปผลฉบับล่าสุด (PDF)", CONTENT_TYPES["pdf"])
pacc_letter_docx = _get(
    "pacc-letter.docx", "pacc_letter_docx", "หนังสือถึงสำนักงาน ป.ป.ท. (Word)", CONTENT_TYPES["docx"]
)
pacc_letter_pdf = _get(
    "pacc-letter.pdf", "pacc_letter_pdf", "หนังสือถึงสำนักงาน ป.ป.ท. (PDF)", CONTENT_TYPES["pdf"]
)
annex_pdf = _get("annex.pdf", "annex_pdf", "ภาคผนวก: แบบรายงานของทุกหน่วยงาน (PDF)", CONTENT_TYPES["pdf"])
pacc_package = _get(
    "pacc-package.zip", "pacc_package", "ชุดเอกสารส่งสำนักงาน ป.ป.ท. (ZIP พร้อมบัญชีไฟล์)", documents.ZIP
)


class ApprovalIn(Schema):
    position: str = ""  # required by the service (answered 400 in Thai when empty)
    approved_on: datetime.date | None = None
    comment: str = ""
    version: int | None = None  # the version number the caller read; refused when it is no longer the latest


class VersionOut(Schema):
    round_id: int
    number: int
    sha256: str
    approved: bool
    approver_name: str
    approver_position: str
    approved_on: datetime.date | None
    comment: str


def _version_out(version) -> dict:
    return {
        "round_id": version.round_id,
        "number": version.number,
        "sha256": version.sha256,
        "approved": version.approved,
        "approver_name": version.approver_name,
        "approver_position": version.approver_position,
        "approved_on": version.approved_on,
        "comment": version.comment,
    }


@router.post(
    "/rounds/{round_id}/approval",
    response={200: VersionOut, **errors(400, *AUTHED, 404, 422)},
    summary="ผู้บริหารให้ความเห็นชอบผลการรวบรวมฉบับล่าสุด",
)
def round_approve(request, round_id: ObjectId, payload: ApprovalIn):
    round_ = _round(request, round_id)
    version = approval.latest_version(round_)
    if version is None:
        raise Http404("ยังไม่ได้รวบรวมผลของรอบนี้")
    if payload.version is not None and payload.version != version.number:
        from core.errors import ApplicationError

        raise ApplicationError(f"ฉบับที่ {payload.version} ไม่ใช่ฉบับล่าสุดแล้ว ฉบับล่าสุดคือฉบับที่ {version.number}")
    version = approval.version_approve(
        actor=request.auth,
        version=version,
        position=payload.position,
        approved_on=payload.approved_on,
        comment=payload.comment,
    )
    return 200, _version_out(version)
