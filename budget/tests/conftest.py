import datetime
import io
from decimal import Decimal

import pytest

from accounts.models import Role
from org.models import Unit


@pytest.fixture
def finance(make_user):
    return make_user("finance", "cpd-finance", (Role.FINANCE_OFFICER, "cpd"))


@pytest.fixture
def lines_2560(agency, finance):
    from budget import services

    lines = [services.line_save(actor=finance, agency=agency, fiscal_year=2560, code=code, name=name)
             for code, name in (("P1", "แผนงานพื้นฐาน"), ("P2", "แผนงานยุทธศาสตร์"))]
    for code, amount in (("cpd-finance", "1000000"), ("cpd-prov-13", "600000")):
        services.allocation_save(actor=finance, line=lines[0], unit=Unit.objects.get(code=code),
                                 amount=Decimal(amount))
    return lines


def sheet(rows, name="budget.xlsx", headers=("หน่วยงาน", "รหัสงบ", "เดือน", "จำนวนเงิน")):
    """An uploaded XLSX file built with openpyxl, as finance's own export would be."""
    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue(),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
D = datetime.date
