from django.core.management.base import BaseCommand, CommandError

from complaints.services.rotation import recover, rotate_keys
from config.env import published_in_use
from core.errors import ApplicationError


class Command(BaseCommand):
    help = ("เปลี่ยนกุญแจเข้ารหัสข้อมูลผู้ร้องและ SECRET_KEY: เข้ารหัสข้อมูลผู้ร้องและไฟล์หลักฐานทั้งหมดใหม่ในธุรกรรมเดียว "
            "ยกเลิกเซสชันและโทเค็น API ทั้งหมด (หยุดเว็บและ worker ก่อนสั่ง)")

    def add_arguments(self, parser):
        parser.add_argument("--if-published", action="store_true",
                            help="เปลี่ยนเฉพาะเมื่อกุญแจที่ใช้อยู่เป็นค่าที่เคยเผยแพร่ (ใช้กับ make run)")

    def handle(self, *args, if_published=False, **options):
        try:
            if if_published and not published_in_use():
                outcome = recover()
                if outcome:
                    self.stdout.write(f"ทำการเปลี่ยนกุญแจที่ค้างไว้ให้เสร็จแล้ว ({outcome})")
                return
            result = rotate_keys(actor=None)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        if result.recovered:
            self.stdout.write(f"การเปลี่ยนกุญแจครั้งก่อนที่ค้างไว้: {result.recovered}")
        self.stdout.write(self.style.SUCCESS(
            f"เปลี่ยนกุญแจแล้ว ({result.old_fingerprint}… → {result.new_fingerprint}…): เข้ารหัสข้อมูลผู้ร้องใหม่ "
            f"{result.identities} เรื่อง ไฟล์หลักฐาน {result.attachments} ไฟล์ ยกเลิกโทเค็น API "
            f"{result.tokens_revoked} "
            f"รายการ และเซสชัน {result.sessions_ended} รายการ (ผู้ใช้ทุกคนต้องเข้าสู่ระบบใหม่)"))
