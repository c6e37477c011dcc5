from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from site_shell.backup import restore


class Command(BaseCommand):
    help = ("กู้คืนจากไฟล์ของ `prongsai backup`: ตรวจ manifest ทุกไฟล์ก่อน ไม่กู้คืนถ้าไม่มีกุญแจ identity.key "
            "แล้วตรวจจำนวนแถวและเปิดข้อมูลผู้ร้องทุกเรื่องด้วยกุญแจที่กู้คืน (หยุดเว็บและ worker ก่อนสั่ง)")

    def add_arguments(self, parser):
        parser.add_argument("path", help="ไฟล์สำรองข้อมูล")
        parser.add_argument("--force", action="store_true",
                            help="แทนที่ฐานข้อมูลที่มีข้อมูลอยู่แล้ว (สำรองข้อมูลเดิมไว้ในโฟลเดอร์ข้อมูลก่อน)")

    def handle(self, *args, path, force=False, **options):
        try:
            result = restore(Path(path), force=force)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        if result.safety_backup:
            self.stdout.write(f"ข้อมูลเดิมก่อนกู้คืนสำรองไว้ที่ {result.safety_backup}")
        for line in result.checks:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(
            f"กู้คืนแล้ว: ข้อมูล ณ {result.created_at} ({result.files} ไฟล์ ฐานข้อมูล {result.rows:,} แถว ตรงกับ "
            "manifest)"))
        self.stdout.write("ถ้าโปรแกรมรุ่นนี้ใหม่กว่าไฟล์สำรอง ให้สั่ง `prongsai migrate` ก่อนเริ่มระบบ")
