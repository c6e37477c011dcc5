from django.core.management.base import BaseCommand

from reports.indicator_cache import REFRESH_INTERVAL, refresh_round
from reports.models import Round
from reports.tasks import queue_indicator_refresh


class Command(BaseCommand):
    help = (
        "คำนวณค่าตัวชี้วัดที่คำนวณจากระบบของทุกรอบที่เปิดรับรายงานใหม่ทันที และตั้งให้ตัวประมวลผลงานเบื้องหลัง"
        "คำนวณซ้ำทุกชั่วโมง (ปลอดภัยหากรันซ้ำ: แต่ละรอบมีงานรอคำนวณได้ครั้งละหนึ่งงาน)"
    )

    def handle(self, *args, **options):
        rounds = list(Round.objects.filter(status=Round.Status.OPEN).select_related("plan__agency"))
        for round_ in rounds:
            computed = refresh_round(round_)
            queued = queue_indicator_refresh(round_.pk, delay=REFRESH_INTERVAL)
            self.stdout.write(f"{round_}: คำนวณ {computed} ตัวชี้วัด" + (" ตั้งรอบถัดไปแล้ว" if queued else ""))
        self.stdout.write(f"รอบที่เปิดอยู่ {len(rounds)} รอบ")
