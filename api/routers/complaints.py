"""JSON API for complaints. Filing and tracking are public (no account, anonymous allowed); the case list is
for staff and goes through the same policy scope as the pages."""

import datetime
from typing import Literal

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from ninja import Field, Router, Schema, Status

from api.auth import AUTH
from api.params import NO_NUL, PAGE_DEFAULT, Code, FiscalYear, Limit, ObjectId, Offset
from api.schemas import errors
from complaints import services
from complaints.crypto import Identity
from complaints.selectors import active_categories, cases_visible, default_agency, ita_statistics
from core.errors import ApplicationError
from core.middleware import client_address
from core.thai import fiscal_year as fiscal_year_of

router = Router(tags=["เรื่องร้องเรียน"])


class ComplaintIn(Schema):
    channel: Literal["service", "corruption"]
    subject: str = Field(max_length=300, pattern=NO_NUL)
    details: str = Field(max_length=20000, pattern=NO_NUL)
    name: str = Field("", max_length=200, pattern=NO_NUL)
    phone: str = Field("", max_length=50, pattern=NO_NUL)
    email: str = Field("", max_length=254, pattern=NO_NUL)
    category: ObjectId | None = None


class ReceiptOut(Schema):
    tracking_code: str
    secret: str
    status: str
    received_on: datetime.date
    acknowledge_due: datetime.date
    answer_due: datetime.date
    notice: str


class TrackIn(Schema):
    code: str = Field(max_length=30, pattern=NO_NUL)
    secret: str = Field(max_length=40, pattern=NO_NUL)


class MessageOut(Schema):
    at: datetime.datetime
    kind: str
    kind_label: str
    text: str
    stage: str


class TrackOut(Schema):
    tracking_code: str
    channel: str
    status: str
    status_label: str
    received_on: datetime.date
    answer_due: datetime.date
    stage: str
    messages: list[MessageOut]
    can_rate: bool
    can_add_info: bool


class CaseOut(Schema):
    id: int
    number: str
    channel: str
    source: str
    status: str
    received_on: datetime.date
    acknowledge_due: datetime.date
    answer_due: datetime.date
    unit: str
    assigned_units: list[str]


@router.post("/complaints", auth=None, response={201: ReceiptOut, **errors(400, 422, 429)},
             summary="ยื่นเรื่องร้องเรียนหรือแจ้งเบาะแส (สาธารณะ ไม่ต้องระบุตัวตน)")
@sensitive_variables("payload")
def complaint_submit(request, payload: ComplaintIn, response: HttpResponse):
    """Answers a tracking code and a secret. The secret is shown only in this response: keep it.
    Too many filings from one client within the hour: HTTP 429 with Retry-After."""
    agency = default_agency()
    if agency is None:
        return Status(400, {"detail": "ยังไม่มีส่วนราชการในระบบ"})
    category = None
    if payload.category is not None:
        category = active_categories(payload.channel, agency=agency).filter(pk=payload.category).first()
        if category is None:
            return Status(400, {"detail": "ไม่พบประเภทเรื่องนี้ในช่องทางที่เลือก"})
    try:
        receipt = services.case_submit(
            agency=agency, channel=payload.channel, subject=payload.subject, details=payload.details,
            category=category, identity=Identity.build(name=payload.name, phone=payload.phone,
                                                       email=payload.email),
            client_address=client_address(request) or "unknown")
    except services.TooManyFilings as exc:
        response["Retry-After"] = str(exc.retry_after)
        return Status(429, {"detail": exc.message})
    except ApplicationError as exc:
        return Status(400, {"detail": exc.message})
    case = receipt.case
    return Status(201, {"tracking_code": receipt.tracking_code, "secret": receipt.secret,
                        "status": case.get_status_display(), "received_on": case.received_on,
                        "acknowledge_due": case.acknowledge_due, "answer_due": case.answer_due,
                        "notice": "เก็บรหัสติดตามและรหัสลับไว้ ระบบแสดงรหัสลับครั้งเดียวและไม่สามารถกู้คืนได้"})


@router.post("/complaints/track", auth=None, response={200: TrackOut, **errors(400, 404, 422, 429)},
             summary="ติดตามเรื่องด้วยรหัสติดตามและรหัสลับ")
@sensitive_variables("payload")
def complaint_track(request, payload: TrackIn, response: HttpResponse):
    """Status and the agency's replies. Never who filed the complaint. Too many wrong secrets: HTTP 429."""
    try:
        case = services.case_find(code=payload.code, secret=payload.secret,
                                  client_address=client_address(request))
    except services.TooManyAttempts as exc:
        response["Retry-After"] = str(exc.retry_after)
        return Status(429, {"detail": exc.message})
    except ApplicationError as exc:
        return Status(404, {"detail": exc.message})
    return Status(200, services.public_view(case).__dict__)


@router.get("/complaints", auth=AUTH, response={200: list[CaseOut], **errors(401, 403, 422)},
            summary="รายการเรื่องร้องเรียนที่มีสิทธิ์เห็น", description="แบ่งหน้าด้วย limit และ offset")
def complaint_list(request, status: Code = "", channel: Code = "", queue: Code = "",
                   limit: Limit = PAGE_DEFAULT, offset: Offset = 0):
    cases = cases_visible(request.auth, status=status, channel=channel, queue=queue)[offset : offset + limit]
    return [{"id": c.pk, "number": c.number, "channel": c.channel, "source": c.source, "status": c.status,
             "received_on": c.received_on, "acknowledge_due": c.acknowledge_due, "answer_due": c.answer_due,
             "unit": c.unit.short_name, "assigned_units": [u.short_name for u in c.assigned_units.all()]}
            for c in cases]


@router.get("/complaints/statistics", auth=None, response={200: dict, **errors(404, 422)},
            summary="สถิติเรื่องร้องเรียนรายปีงบประมาณ (สาธารณะ ข้อมูลสรุปรวม)")
def complaint_statistics(request, fiscal_year: FiscalYear | None = None):
    """Counts by channel, type, source and outcome, time to answer and satisfaction, for one fiscal year
    (B.E.): what ITA asks agencies to publish, and what a plan indicator on complainant satisfaction reads."""
    agency = default_agency()
    if agency is None:
        return Status(404, {"detail": "ยังไม่มีส่วนราชการในระบบ"})
    year = fiscal_year or fiscal_year_of(timezone.localdate())
    return Status(200, {"fiscal_year": year, **ita_statistics(agency=agency, fiscal_year=year).as_json()})
