import pytest

from accounts.models import Role
from complaints.crypto import Identity
from complaints.models import Channel


@pytest.fixture
def officer(make_user):
    """The department's complaint desk (สลก.), over the whole department."""
    return make_user("desk", "cpd-slk", (Role.COMPLAINT_OFFICER, "cpd"))


@pytest.fixture
def custodian(make_user):
    return make_user("keeper", "cpd-slk", (Role.IDENTITY_CUSTODIAN, "cpd"))


@pytest.fixture
def handler(make_user):
    """A complaint officer of one provincial office: sees only what is assigned there."""
    return make_user("handler.cm", "cpd-prov-13", (Role.COMPLAINT_OFFICER, "cpd-prov-13"))


@pytest.fixture
def auditor(make_user):
    return make_user("inspector", "cpd-ia", (Role.AUDITOR, "cpd"))


@pytest.fixture
def reporter(make_user):
    return make_user("reporter.x", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13"))


IDENTITY = Identity(name="นายสมปอง ลับเฉพาะ", phone="0891234567", email="sompong.secret@example.test",
                    address="99 หมู่ 4 ตำบลลับแล")


@pytest.fixture
def identity():
    return IDENTITY


@pytest.fixture
def submit(agency):
    """File a complaint as the public does; returns the receipt."""
    from complaints.services import case_submit

    def make(channel=Channel.SERVICE, identity=IDENTITY, subject="ขอรับบริการล่าช้า",
             details="รอการจดทะเบียนสหกรณ์นานเกินกำหนดมาก", files=(), **kwargs):
        return case_submit(agency=agency, channel=channel, subject=subject, details=details,
                           identity=identity, files=files, **kwargs)

    return make


@pytest.fixture
def private_data_dir(settings, tmp_path):
    """A data dir of the test's own: keys, uploads and the rotation journal live in tmp_path."""
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    uploads = root / "uploads"
    settings.DATA_DIR = root
    settings.MEDIA_ROOT = uploads
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(uploads)}}}
    (root / "identity.key").write_text(settings.PRONGSAI_IDENTITY_KEY)
    (root / "secret_key").write_text(settings.SECRET_KEY)
    return root
