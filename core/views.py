from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts import policy
from core.thai import fiscal_year
from plans.selectors import plan_year_for, unit_work


def home(request):
    if not request.user.is_authenticated:
        return redirect("portal:home")
    user = request.user
    fy = fiscal_year(timezone.localdate())
    context = {"fiscal_year": fy, "roles": sorted(policy.roles_of(user)), "work": [], "plan": None}
    if user.unit_id:
        plan, fy = plan_year_for(user.unit, fy)
        context["fiscal_year"] = fy
        if plan is not None:
            context["plan"] = plan
            context["work"] = unit_work(unit=user.unit, plan=plan, fiscal_year=fy)[:8]
    return render(request, "core/home.html", context)


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def forbidden(request, exception=None):
    return render(request, "core/error.html", {"title": "ไม่มีสิทธิ์เข้าถึง",
                  "message": "บัญชีของท่านไม่มีสิทธิ์เปิดหน้านี้"}, status=403)


def not_found(request, exception=None):
    return render(request, "core/error.html", {"title": "ไม่พบหน้าที่ต้องการ",
                  "message": "ลิงก์อาจไม่ถูกต้อง หรือหน้านี้ถูกย้ายแล้ว"}, status=404)


def server_error(request):
    return render(request, "core/error.html", {"title": "ระบบขัดข้อง",
                  "message": "เกิดข้อผิดพลาดภายในระบบ ข้อมูลที่บันทึกแล้วไม่สูญหาย กรุณาลองใหม่อีกครั้ง"}, status=500)
