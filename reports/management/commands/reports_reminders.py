from django.core.management.base import BaseCommand

from reports.reminders import run_reminders


class Command(BaseCommand):
    help = "ส่งอีเมลเตือนกำหนดส่งรายงานที่ถึงกำหนดวันนี้ (ปลอดภัยหากรันซ้ำ: แต่ละการเตือนส่งครั้งเดียว)"

    def handle(self, *args, **options):
        sent = run_reminders()
        self.stdout.write(f"ส่งอีเมลเตือน {sent} ฉบับ")
