from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.env import StartRefused, published_in_use
from core.errors import ApplicationError
from site_shell.backup import backup


class Command(BaseCommand):
    help = ("สำรองฐานข้อมูล ไฟล์ที่อัปโหลด และกุญแจ ไว้ในไฟล์ tar เดียวพร้อม manifest ค่า SHA-256 "
            "(PATH เป็นโฟลเดอร์ได้: ตั้งชื่อไฟล์ตามวันเวลา; .tar.gz บีบอัด)")

    def add_arguments(self, parser):
        parser.add_argument("path", help="ไฟล์ปลายทาง (.tar หรือ .tar.gz) หรือโฟลเดอร์")

    def handle(self, *args, path, **options):
        target = Path(path)
        if path.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        try:
            result = backup(target)
        except (ApplicationError, StartRefused) as exc:
            raise CommandError(getattr(exc, "message", str(exc))) from None
        for line in result.checks:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(
            f"สำรองข้อมูลแล้ว: {result.path} ({result.files} ไฟล์ {result.size:,} ไบต์ ฐานข้อมูล {result.rows:,} "
            "แถว)"))
        self.stdout.write("ไฟล์นี้มีกุญแจเข้ารหัสข้อมูลผู้ร้องอยู่ด้วย: เก็บรักษาอย่างเดียวกับกุญแจ (สิทธิ์ 0600 เฉพาะเจ้าของ)")
        if published_in_use():
            self.stdout.write(self.style.WARNING(
                "กุญแจที่สำรองไว้เป็นค่าที่เคยเผยแพร่ กรุณาสั่ง `prongsai rotate_keys` ต่อ"))
