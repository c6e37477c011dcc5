from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.worker_health import queue_status, worker_status

# The home page reads the domain apps, so it lives in site_shell; the kernel keeps only what reads none.

# A task due this long ago and still not started: the worker is stuck or cannot keep up.
QUEUE_LATE_SECONDS = 15 * 60


@never_cache
def healthz(request):
    """Public health check: 200 while the web can serve (database reachable), "degraded" in the body when
    the background work is not being done (no worker alive, or tasks waiting too long); 503 only when the
    database is unreachable. A dead worker does not make the web unfit to serve, so a load balancer must not
    take the site away for it; monitoring reads `status`. Only counts and times, nothing about anyone."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        queue = queue_status()
    except DatabaseError:
        return JsonResponse({"status": "down", "database": "unavailable"}, status=503)
    worker = worker_status()
    problems = [] if worker.alive else ["worker_down"]
    if (queue.oldest_ready_age_s or 0) > QUEUE_LATE_SECONDS:
        problems.append("queue_late")
    return JsonResponse({
        "status": "degraded" if problems else "ok",
        "problems": problems,
        "database": "ok",
        "worker": {"alive": worker.alive, "count": worker.count, "age_s": worker.age_s,
                   "last_seen": worker.last_seen.isoformat() if worker.last_seen else None},
        "queue": {"ready": queue.ready, "running": queue.running,
                  "oldest_ready_age_s": queue.oldest_ready_age_s},
    })


def forbidden(request, exception=None):
    return render(request, "core/error.html", {"title": "ไม่มีสิทธิ์เข้าถึง",
                  "message": "บัญชีของท่านไม่มีสิทธิ์เปิดหน้านี้"}, status=403)


def not_found(request, exception=None):
    return render(request, "core/error.html", {"title": "ไม่พบหน้าที่ต้องการ",
                  "message": "ลิงก์อาจไม่ถูกต้อง หรือหน้านี้ถูกย้ายแล้ว"}, status=404)


def server_error(request):
    return render(request, "core/error.html", {"title": "ระบบขัดข้อง",
                  "message": "เกิดข้อผิดพลาดภายในระบบ ข้อมูลที่บันทึกแล้วไม่สูญหาย กรุณาลองใหม่อีกครั้ง"}, status=500)
