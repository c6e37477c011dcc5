from django.core.management.base import BaseCommand

from site_shell.demo import (
    load_demo_accounts,
    load_demo_data,
    load_department,
    load_second_agency,
    load_supervisors,
    logins_file,
)


class Command(BaseCommand):
    help = "โหลดโครงสร้างกรมส่งเสริมสหกรณ์ แผนปี 2560-2564 และบัญชีทดลองใช้ (เรียกซ้ำได้ ข้อมูลเดิมคงอยู่)"

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="โหลดเฉพาะหน่วยงานและแผน ไม่สร้างข้อมูลทดลอง")

    def handle(self, *args, no_demo=False, **options):
        agency, plan = load_department()
        self.stdout.write(f"หน่วยงาน: {agency.name} ({agency.children.count()} หน่วยงานในสังกัดโดยตรง)")
        self.stdout.write(f"แผน: {plan.title[:60]}… ปี พ.ศ. {plan.period_start}-{plan.period_end}")
        if no_demo:
            return
        load_demo_accounts(agency)
        for message in load_demo_data(agency, plan):
            self.stdout.write(message)
        second, _, _ = load_second_agency()
        self.stdout.write(f"หน่วยงานที่สอง: {second.name} ({second.code}) หน้าสาธารณะ /a/{second.code}/")
        load_supervisors()
        self.stdout.write("หน่วยงานกำกับ (อ่านอย่างเดียว): ภาพรวมทุกส่วนราชการที่ /national/")
        path = logins_file()
        if path.exists():
            self.stdout.write(self.style.SUCCESS(f"\nบัญชีทดลองใช้ (เก็บไว้ที่ {path}):"))
            for line in path.read_text(encoding="utf-8").splitlines():
                username, password, label = line.split("\t")
                self.stdout.write(f"  {username:<14} {password:<16} {label}")
