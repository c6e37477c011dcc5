"""`prongsai recheck_links`: queue a re-check of every OIT/EB link and report evidence link of each agency
(run it from cron or a systemd timer; `--now` checks in this process instead of the worker)."""

from django.core.management.base import BaseCommand

from core.errors import ApplicationError


class Command(BaseCommand):
    help = "ตรวจลิงก์ของรายการ ITA และลิงก์หลักฐานในรายงานผลทุกหน่วยงานอีกครั้ง"

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="ตรวจทันทีในกระบวนการนี้ ไม่ส่งเข้าคิว")

    def handle(self, *args, now=False, **options):
        from ita.models import ItaYear
        from ita.selectors import current_fiscal_year
        from ita.services import run_links, run_start
        from ita.tasks import recheck_links
        from org.models import Unit

        for agency in Unit.objects.filter(pk__in=ItaYear.objects.values("agency")):
            try:
                run = run_start(actor=None, agency=agency)
            except ApplicationError as exc:
                self.stdout.write(f"{agency.short_name}: {exc.message}")
                continue
            if now:
                run = run_links(run, min_fiscal_year=current_fiscal_year() - 1)
                self.stdout.write(f"{agency.short_name}: ตรวจ {run.checked} ลิงก์ เปิดไม่ได้ {run.dead} "
                                  f"เนื้อหาเปลี่ยน {run.changed}")
            else:
                recheck_links.enqueue(run.pk)
                self.stdout.write(f"{agency.short_name}: ส่งเข้าคิวตรวจลิงก์แล้ว (รอบที่ {run.pk})")
