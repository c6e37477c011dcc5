import time

from django.core.management.base import BaseCommand, CommandError

from site_shell.national import generate


class Command(BaseCommand):
    help = ("สร้างข้อมูลสาธิตระดับประเทศ: กรม N แห่ง แต่ละแห่งมีหน่วยงาน แผน สองรอบการรายงาน รายงาน เรื่องร้องเรียน "
            "และโครงการจัดซื้อจัดจ้าง (PostgreSQL เท่านั้น บรรจุด้วย COPY ลงฐานข้อมูลที่ migrate แล้วแต่ยังว่าง)")

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=20, help="จำนวนกรม (รวมกรมส่งเสริมสหกรณ์)")
        parser.add_argument("--seed", type=int, default=1, help="ค่าตั้งต้นของการสุ่ม (ค่าเดียวกันได้ข้อมูลเดียวกัน)")

    def handle(self, *args, agencies, seed, **options):
        if agencies < 1:
            raise CommandError("จำนวนกรมต้องมีอย่างน้อย 1")
        started = time.perf_counter()
        try:
            counts = generate(agencies=agencies, seed=seed, out=self.stdout.write)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from None
        for table, n in sorted(counts.items()):
            self.stdout.write(f"{table}: {n:,}")
        self.stdout.write(self.style.SUCCESS(
            f"บรรจุข้อมูล {agencies:,} กรมแล้ว ใช้เวลา {time.perf_counter() - started:.1f} วินาที"))
