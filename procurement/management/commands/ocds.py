"""prongsai ocds import PATH... | prongsai ocds export --format package|record|jsonl -o PATH"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from org.models import Unit
from procurement.models import Project


class Command(BaseCommand):
    help = "นำเข้าและส่งออกข้อมูลการจัดซื้อจัดจ้างในรูปแบบ OCDS 1.1"
    # The system checks import every URL configuration, view and API schema (about 0.7 s of CPU at each start,
    # a tenth of a large import); they check the code, not the data, and `prongsai check` runs them in full.
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import", help="นำเข้า release package, record package หรือ JSON lines (- คือ stdin)"
        )
        imp.add_argument("paths", nargs="+")
        imp.add_argument("--unit", default=None, help="รหัสหน่วยงานที่บันทึกเป็นเจ้าของ (ค่าเริ่มต้น: กรมแรกในระบบ)")
        imp.add_argument("--no-publish", action="store_true", help="ไม่เผยแพร่โครงการที่นำเข้าใหม่")
        exp = sub.add_parser("export", help="ส่งออกข้อมูลที่มีในระบบ")
        exp.add_argument("--format", choices=["package", "record", "jsonl"], default="package")
        exp.add_argument("-o", "--output", required=True, help="ไฟล์ปลายทาง (- คือ stdout)")
        exp.add_argument("--unit", default=None, help="เฉพาะหน่วยงานนี้และหน่วยงานในสังกัด")
        exp.add_argument("--public-only", action="store_true", help="เฉพาะโครงการที่เผยแพร่แล้ว")
        exp.add_argument("--validate", action="store_true", help="ตรวจผลลัพธ์กับ schema ของ OCDS 1.1.5")

    def handle(self, *args, action, **options):
        if action == "import":
            return self._import(**options)
        return self._export(**options)

    def _unit(self, code: str | None) -> Unit:
        if code:
            unit = Unit.objects.filter(code=code).first()
        else:
            unit = Unit.objects.filter(parent__isnull=True).order_by("id").first()
        if unit is None:
            raise CommandError(
                f"ไม่พบหน่วยงาน {code}" if code else "ยังไม่มีหน่วยงานในระบบ (เรียก prongsai setup_demo ก่อน)"
            )
        return unit

    def _import(self, paths, unit, no_publish, **_):
        from procurement.services.ocds_import import ocds_import

        target = self._unit(unit)
        handles = []
        try:
            for path in paths:
                handles.append(("stdin", sys.stdin.buffer) if path == "-" else (path, Path(path).open("rb")))
            run = ocds_import(actor=None, sources=handles, unit=target, publish=not no_publish)
        except FileNotFoundError as exc:
            raise CommandError(f"ไม่พบไฟล์ {exc.filename}") from exc
        except ApplicationError as exc:
            for problem in exc.extra.get("errors", []):
                self.stderr.write(problem)
            raise CommandError(exc.message) from exc
        finally:
            for name, handle in handles:
                if name != "stdin":
                    handle.close()
        c = run.counts
        self.stdout.write(
            f"นำเข้าแล้ว: โครงการใหม่ {c['created']} ปรับปรุง {c['updated']} ไม่เปลี่ยนแปลง {c['unchanged']} "
            f"release ใหม่ {c['releases_added']} แทนที่ {c['releases_replaced']}"
        )

    def _export(self, format, output, unit, public_only, validate, **_):
        from procurement.opendata import export_ocds, validate_output

        projects = Project.objects.all()
        if unit:
            projects = projects.filter(unit__path__startswith=self._unit(unit).path)
        if public_only:
            projects = projects.public()
        if output == "-":
            count = export_ocds(sys.stdout.buffer, projects, format)
            return
        path = Path(output)
        with path.open("wb") as fp:
            count = export_ocds(fp, projects, format)
        self.stdout.write(f"ส่งออก {count} รายการไปที่ {path}")
        if validate:
            problems = validate_output(path.read_bytes(), format)
            if problems:
                for problem in problems:
                    self.stderr.write(problem)
                raise CommandError("ผลลัพธ์ไม่ผ่านการตรวจกับ schema ของ OCDS 1.1.5")
            self.stdout.write("ผ่านการตรวจกับ schema ของ OCDS 1.1.5")
