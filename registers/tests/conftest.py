import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from org.models import Unit

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def pdf(name: str = "คู่มือ.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def officer(make_user):
    return make_user("reg", "cpd-psdg", (Role.REGISTER_OFFICER, "cpd"))


@pytest.fixture
def hr_officer(make_user):
    return make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))


@pytest.fixture
def planadmin(make_user):
    return make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, "cpd"))


@pytest.fixture
def reporter_cm(make_user):
    return make_user("rep.cm", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13"))


@pytest.fixture
def reporter_hr(make_user):
    return make_user("rep.hr", "cpd-hr", (Role.REPORTER, "cpd-hr"))
