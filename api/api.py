from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from api.docs import LocalSwagger
from api.routers import budget as budget_api
from api.routers import campaigns as campaigns_api
from api.routers import complaints as complaints_api
from api.routers import hr as hr_api
from api.routers import infocentre as infocentre_api
from api.routers import integrity as integrity_api
from api.routers import ita as ita_api
from api.routers import national as national_api
from api.routers import org_plans
from api.routers import procurement as procurement_api
from api.routers import registers as registers_api
from api.routers import reports as reports_api
from api.routers import round_documents as round_documents_api
from api.routers import surveys as surveys_api
from core.errors import ApplicationError

api = NinjaAPI(
    title="Prongsai API",
    version="1.0",
    description="ข้อมูลแผน หน่วยงาน และงานด้านคุณธรรมและความโปร่งใส; แผนที่อนุมัติแล้วและรายชื่อหน่วยงานเปิดเผยต่อสาธารณะ "
    "ส่วนอื่นต้องเข้าสู่ระบบหรือใช้โทเค็น (Authorization: Bearer)\n\n"
    "รายการที่อาจยาวแบ่งหน้าด้วย `limit` (1–500 ค่าเริ่มต้น 100) และ `offset` (เริ่มที่ 0) เรียงลำดับคงที่ "
    "ปีงบประมาณเป็นปี พ.ศ. ข้อผิดพลาดตอบเป็น JSON `{\"detail\": ...}` ข้อมูลที่ไม่ตรงตามเอกสารนี้ได้ 422",
    urls_namespace="api",
    docs=LocalSwagger(),
)


def _thai(message: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in message)


@api.exception_handler(Http404)
def _not_found(request, exc):
    # Our own 404s carry a Thai message safe to show; Django's (get_object_or_404) name models in English.
    message = str(exc.args[0]) if exc.args else ""
    return api.create_response(request, {"detail": message if _thai(message) else "ไม่พบข้อมูลที่ขอ"}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    message = exc.message if _thai(exc.message) else "ต้องเข้าสู่ระบบหรือส่งโทเค็น (Authorization: Bearer pst_…)"
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(PermissionDenied)
def _denied(request, exc):
    message = getattr(exc, "message", "") or "ท่านไม่มีสิทธิ์ดำเนินการนี้"
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(ApplicationError)
def _refused(request, exc):
    return api.create_response(request, {"detail": exc.message},
                               status=409 if exc.extra.get("conflict") else 400)


api.add_router("/", org_plans.router)
api.add_router("/", complaints_api.router)
api.add_router("/", reports_api.router)
api.add_router("/", round_documents_api.router)
api.add_router("/", procurement_api.router)
api.add_router("/", budget_api.router)
api.add_router("/", campaigns_api.router)
api.add_router("/", surveys_api.router)
api.add_router("/", registers_api.router)
api.add_router("/", integrity_api.router)
api.add_router("/", hr_api.router)
api.add_router("/", ita_api.router)
api.add_router("/", infocentre_api.router)
api.add_router("/", national_api.router)
