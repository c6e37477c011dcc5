import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from procurement.models import Project, Release
from procurement.opendata import validate_output

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent / "data" / "ocds"
REAL = DATA / "real"


def test_ocds_import_then_export_every_format(agency, tmp_path, capsys):
    call_command("ocds", "import", str(REAL / "australia_new-south-wales.json"), str(REAL / "paraguay.json"))
    assert "โครงการใหม่ 22" in capsys.readouterr().out
    for fmt in ("package", "record", "jsonl"):
        out = tmp_path / f"out.{fmt}"
        call_command("ocds", "export", "--format", fmt, "-o", str(out), "--validate")
        assert validate_output(out.read_bytes(), fmt) == []
    package = json.loads((tmp_path / "out.package").read_text(encoding="utf-8"))
    assert len(package["releases"]) == Release.objects.count() == 64


def test_import_refuses_bad_input_and_writes_nothing(agency, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"releases": [{"id": "x"}], "uri": "u"}', encoding="utf-8")
    with pytest.raises(CommandError, match="ไม่มีข้อมูลใดถูกบันทึก"):
        call_command("ocds", "import", str(bad))
    assert Project.objects.count() == 0
    with pytest.raises(CommandError, match="ไม่พบไฟล์"):
        call_command("ocds", "import", str(tmp_path / "missing.json"))
