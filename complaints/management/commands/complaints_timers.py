"""Run every complaint deadline timer that is due and not yet run.

The task worker normally runs each timer at its time; this sweep (from cron or a systemd timer, e.g. every
hour) catches any the worker missed while it was stopped. Running it twice does nothing the second time.
"""

from django.core.management.base import BaseCommand

from complaints.services import timers_fire_due


class Command(BaseCommand):
    help = "เรียกใช้การเตือนและการยกระดับเรื่องร้องเรียนที่ถึงกำหนด"

    def handle(self, *args, **options):
        counts = timers_fire_due()
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "ไม่มีรายการที่ถึงกำหนด"
        self.stdout.write(summary)
