import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

REPO = Path(settings.BASE_DIR)


def test_pages_carry_security_headers(client, agency):
    response = client.get("/units/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def _templates():
    for path in REPO.glob("**/templates/**/*.html"):
        if ".venv" not in path.parts:
            yield path


def test_templates_need_no_inline_script_or_style_so_csp_can_forbid_them():
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        if re.search(r'\sstyle="', text) or re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_health_endpoint(client):
    assert client.get("/healthz").content == b"ok"


def test_errors_are_explained_in_thai(client):
    response = client.get("/units/999999/")
    assert response.status_code == 404 and "ไม่พบหน้าที่ต้องการ" in response.content.decode()
