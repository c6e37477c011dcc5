from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError


class Command(BaseCommand):
    help = ("สร้างส่วนราชการใหม่ (ผู้ดูแลระบบระดับประเทศ): โครงสร้างหน่วยงานจากไฟล์ตาราง (.xlsx/.csv ตามแบบฟอร์ม) "
            "แผนจากไฟล์แผน (.yaml) และผู้ดูแลระบบ/ผู้ดูแลแผนของส่วนราชการ ถ้ามีข้อผิดพลาดแถวใดจะไม่บันทึกอะไรเลย")

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="รหัสส่วนราชการ (อักษรอังกฤษตัวเล็ก ตัวเลข ขีด)")
        parser.add_argument("--name", required=True, help="ชื่อส่วนราชการ")
        parser.add_argument("--abbreviation", default="", help="ชื่อย่อ")
        parser.add_argument("--units", required=True, help="ไฟล์โครงสร้างหน่วยงาน .xlsx หรือ .csv")
        parser.add_argument("--plan", help="ไฟล์แผนตามรูปแบบไฟล์แผน (.yaml)")
        parser.add_argument("--admin", action="append", default=[],
                            help="ผู้ดูแลระบบและผู้ดูแลแผน ในรูป ชื่อผู้ใช้:อีเมล (ระบุซ้ำได้)")
        parser.add_argument("--arabic-digits", action="store_true", help="เอกสารใช้เลขอารบิก (ค่าเริ่มต้น: เลขไทย)")

    def handle(self, *args, code, name, abbreviation, units, plan, admin, arabic_digits, **options):
        from plans.planfile import load_planfile
        from site_shell.agencies import agency_create, parse_admin

        try:
            content = Path(units).read_bytes()
            plan_data = load_planfile(plan) if plan else None
            admins = [parse_admin(spec) for spec in admin]
            # The command line is the system's own hand (actor None), as for every loader.
            result = agency_create(actor=None, code=code, name=name, abbreviation=abbreviation,
                                   units_file=content, units_filename=units, plan_data=plan_data,
                                   admins=admins, thai_digits=not arabic_digits)
        except OSError as exc:
            raise CommandError(f"เปิดไฟล์ไม่ได้: {exc}") from None
        except ApplicationError as exc:
            errors = getattr(exc, "errors", None) or [exc.message]
            raise CommandError("\n".join(errors)) from None
        self.stdout.write(self.style.SUCCESS(
            f"สร้าง{result.agency.name} ({result.agency.code}) แล้ว: หน่วยงาน {len(result.units)} แห่ง"
            + (f", แผน '{result.plan.title}'" if result.plan else "")))
        for username, password in result.admins:
            self.stdout.write(f"ผู้ดูแล {username}\tรหัสผ่านครั้งเดียว {password}  (ให้เปลี่ยนเมื่อเข้าระบบครั้งแรก)")
