"""`prongsai redflags [-s FILE.ini] [--thai] [--explain] [--no-meta] [--map] [-c] FILE.jsonl|-`

Screens OCDS compiled releases (one JSON object per line) and prints the results as one JSON line, in the
shape of Cardinal's `indicators` command. Without a settings file every Cardinal indicator runs with its
defaults.

The settings file is given with `-s`/`--ini`: Django reserves `--settings` for its own settings module, and
reads it before any command is loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from procurement.redflags import SettingsError, explain, load_ini, screen_file
from procurement.redflags.result import ScreenResult


class Command(BaseCommand):
    help = (
        "ตรวจสัญญาณความเสี่ยง (ธงแดง) การจัดซื้อจัดจ้างจาก OCDS compiled releases แบบหนึ่งบรรทัดต่อหนึ่งโครงการ "
        "และพิมพ์ผลเป็น JSON รูปแบบเดียวกับคำสั่ง indicators ของ Cardinal"
    )
    # Lets tests and callers hand a binary stream in place of standard input for FILE "-".
    stealth_options = ("stdin",)

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help='ไฟล์ JSON Lines ของ compiled releases หรือ "-" เพื่ออ่านจาก stdin')
        parser.add_argument("-s", "--ini", dest="ini", help="ไฟล์การตั้งค่า (.ini) รูปแบบเดียวกับ Cardinal")
        parser.add_argument("--thai", action="store_true", help="ตรวจกฎไทย TH01–TH05 ด้วย")
        parser.add_argument(
            "--explain", action="store_true", help='เพิ่มคำอธิบายภาษาไทยของแต่ละธงในคีย์ "Explanations"'
        )
        parser.add_argument("--no-meta", action="store_true", help='ไม่แสดงคีย์ "Meta" (ควอร์ไทล์และเกณฑ์)')
        parser.add_argument("--map", action="store_true", help='แสดงคีย์ "Maps" (โครงการ → องค์กรที่ถูกตั้งธง)')
        parser.add_argument("-c", "--count", action="store_true", help="พิมพ์จำนวนผลต่อกลุ่มทาง stderr")
        parser.add_argument("--workers", type=int, default=None, help="จำนวนโพรเซส (ค่าเริ่มต้น: ทุกคอร์)")

    def handle(self, *args: Any, **options: Any) -> None:
        settings = self._settings(options.get("ini"))
        source = options["file"]
        try:
            if source == "-":
                stream = options.get("stdin") or sys.stdin.buffer
                result = screen_file(stream, settings, options["thai"], maps=options["map"],
                                     details=options["explain"])
            else:
                path = Path(source)
                if path.is_dir():
                    raise CommandError(f"{source}: เป็นไดเรกทอรี ไม่ใช่ไฟล์")
                if not path.exists():
                    raise CommandError(f"{source}: ไม่พบไฟล์")
                result = screen_file(
                    path,
                    settings,
                    options["thai"],
                    maps=options["map"],
                    details=options["explain"],
                    workers=options["workers"],
                )
        except SettingsError as exc:
            raise CommandError(exc.message) from exc
        extra = {"Explanations": _explanations(result)} if options["explain"] else None
        output = result.to_json(meta=not options["no_meta"], maps=options["map"], extra=extra)
        self.stdout.write(output.decode("utf-8"))
        if options["count"]:
            for group, entries in result.items():
                self.stderr.write(f"{group}: {len(entries)}")
        if result.invalid_lines:
            self.stderr.write(f"ข้ามบรรทัดที่ไม่ใช่ JSON ที่ถูกต้อง {result.invalid_lines} บรรทัด")

    def _settings(self, ini: str | None) -> dict[str, Any] | None:
        if ini is None:
            return None
        try:
            return load_ini(ini)
        except SettingsError as exc:
            raise CommandError(exc.message) from exc


def _explanations(result: ScreenResult) -> dict[str, dict[str, list[dict[str, str]]]]:
    out: dict[str, dict[str, list[dict[str, str]]]] = {}
    for group, entries in result.items():
        out[group] = {
            key: [
                {"id": flag.id, "title": flag.title, "explanation": flag.explanation}
                for flag in explain(result, key, group=group)
            ]
            for key in entries
        }
    return out
