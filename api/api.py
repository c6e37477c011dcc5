from ninja import NinjaAPI

from api.routers import org_plans
from complaints import api as complaints_api
from reports import api as reports_api

api = NinjaAPI(
    title="Prongsai API",
    version="1.0",
    description="ข้อมูลแผน หน่วยงาน และงานด้านคุณธรรมและความโปร่งใส; แผนที่อนุมัติแล้วและรายชื่อหน่วยงานเปิดเผยต่อสาธารณะ "
    "ส่วนอื่นต้องเข้าสู่ระบบหรือใช้โทเค็น (Authorization: Bearer)",
    urls_namespace="api",
)
api.add_router("/", org_plans.router)
api.add_router("/", complaints_api.router)
api.add_router("/", reports_api.router)
api.add_router("/", "procurement.api.router")
