from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError


class Command(BaseCommand):
    help = ("มอบหรือยกเลิกหน้าที่หน่วยงานกำกับ (อ่านอย่างเดียว) เหนือส่วนราชการ (ผู้ดูแลระบบระดับประเทศ): "
            "ทุกส่วนราชการ หรือเฉพาะส่วนราชการของกระทรวงที่ระบุ")

    def add_arguments(self, parser):
        parser.add_argument("username", help="ชื่อผู้ใช้ที่มีอยู่แล้ว")
        parser.add_argument("--ministry", default="", help="ชื่อกระทรวงตามข้อมูลส่วนราชการ (ไม่ระบุ = ทุกส่วนราชการ)")
        parser.add_argument("--body", default="", help="ชื่อหน่วยงานกำกับ เช่น สำนักงาน ป.ป.ท.")
        parser.add_argument("--revoke", action="store_true", help="ยกเลิกหน้าที่ตามขอบเขตที่ระบุ")

    def handle(self, *args, username, ministry, body, revoke, **options):
        from accounts.models import Supervision, User
        from accounts.services import supervision_grant, supervision_revoke

        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ '{username}'")
        ministry = " ".join(ministry.split())
        # The command line is the system's own hand (actor None), as for every loader.
        try:
            if revoke:
                found = Supervision.objects.filter(user=user, ministry=ministry).first()
                if found is None:
                    raise CommandError("ผู้ใช้นี้ไม่มีหน้าที่หน่วยงานกำกับตามขอบเขตที่ระบุ")
                supervision_revoke(actor=None, supervision=found)
                self.stdout.write(self.style.SUCCESS(f"ยกเลิก{found} ของ {username} แล้ว"))
                return
            supervision = supervision_grant(actor=None, user=user, ministry=ministry, body=body)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(f"{username}: {supervision}"))
