from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render

# The home page reads the domain apps, so it lives in site_shell; the kernel keeps only what reads none.


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
