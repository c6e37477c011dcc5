"""A unit reporter can neither see nor change another unit's report: through the API, pages and exports."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from accounts.services import api_token_create
from reports import services
from reports.tests.conftest import fill, report_of

pytestmark = pytest.mark.django_db

CM_TEXT = "เชียงใหม่จัดประชุมทบทวนกระบวนงานสหกรณ์"
KB_TEXT = "กระบี่จัดทำคู่มือบริการสมาชิกสหกรณ์"


@pytest.fixture
def two_units_sent(open_round, people):
    for code, user, text in (
        ("cpd-prov-13", people["reporter"], CM_TEXT),
        ("cpd-prov-01", people["other"], KB_TEXT),
    ):
        report = fill(report_of(open_round, code), user, rows=[{"method": text, "result": "แล้วเสร็จ"}])
        services.report_submit(actor=user, report=report)
    return open_round


def bearer(user) -> dict:
    _, key = api_token_create(actor=user, user=user, name="test")
    return {"Authorization": f"Bearer {key}"}


def test_the_api_needs_a_session_or_token(client, two_units_sent):
    assert client.get("/api/rounds").status_code == 401
    assert client.get(f"/api/rounds/{two_units_sent.pk}/compiled.docx").status_code == 401
    assert client.get("/api/rounds", headers={"Authorization": "Bearer pst_wrong"}).status_code == 401


def test_api_lists_and_reads_only_the_callers_reports(client, two_units_sent, people):
    headers = bearer(people["reporter"])
    rounds = client.get("/api/rounds", headers=headers).json()
    assert [r["id"] for r in rounds] == [two_units_sent.pk]
    listed = client.get(f"/api/rounds/{two_units_sent.pk}/reports", headers=headers).json()
    assert {r["unit_name"] for r in listed} == {"สำนักงานสหกรณ์จังหวัดเชียงใหม่"}
    own = report_of(two_units_sent, "cpd-prov-13")
    body = client.get(f"/api/reports/{own.pk}", headers=headers).json()
    assert body["rows"][0]["method"] == CM_TEXT and body["status"] == "submitted"
    other = report_of(two_units_sent, "cpd-prov-01")
    assert client.get(f"/api/reports/{other.pk}", headers=headers).status_code == 404
    admin_listed = client.get(
        f"/api/rounds/{two_units_sent.pk}/reports", headers=bearer(people["admin"])
    ).json()
    assert len(admin_listed) == 7


def test_compiled_exports_hold_only_what_the_caller_may_see(client, two_units_sent, people):
    headers = bearer(people["reporter"])
    docx = client.get(f"/api/rounds/{two_units_sent.pk}/compiled.docx", headers=headers)
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(docx.content))
    text = "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )
    assert CM_TEXT in text and KB_TEXT not in text and "กระบี่" not in text
    book = load_workbook(
        io.BytesIO(client.get(f"/api/rounds/{two_units_sent.pk}/compiled.xlsx", headers=headers).content)
    )
    cells = [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value]
    assert any(CM_TEXT in c for c in cells) and not any(KB_TEXT in c for c in cells)
    pdf = client.get(f"/api/rounds/{two_units_sent.pk}/compiled.pdf", headers=headers)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    admin = Document(
        io.BytesIO(
            client.get(
                f"/api/rounds/{two_units_sent.pk}/compiled.docx", headers=bearer(people["admin"])
            ).content
        )
    )
    admin_text = "\n".join(c.text for t in admin.tables for r in t.rows for c in r.cells)
    assert CM_TEXT in admin_text and KB_TEXT in admin_text


def test_page_exports_are_scoped_the_same_way(client, two_units_sent, people):
    client.force_login(people["other"])
    response = client.get(f"/reports/rounds/{two_units_sent.pk}/compiled.docx")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert KB_TEXT in text and CM_TEXT not in text


def test_a_reporter_of_another_round_agency_sees_no_round(client, two_units_sent, make_user):
    outsider = make_user("nobody", "cpd-ia")
    assert client.get("/api/rounds", headers=bearer(outsider)).json() == []
    assert (
        client.get(f"/api/rounds/{two_units_sent.pk}/compiled.docx", headers=bearer(outsider)).status_code
        == 404
    )


def test_openapi_lists_the_reporting_endpoints(client):
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert {
        "/api/rounds",
        "/api/rounds/{round_id}/compiled.docx",
        "/api/rounds/{round_id}/compiled.pdf",
        "/api/rounds/{round_id}/compiled.xlsx",
    } <= paths
