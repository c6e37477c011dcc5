import pytest


@pytest.fixture
def national(make_user):
    """The national administrator (a superuser), who manages the supervising bodies."""
    admin = make_user("national.admin", "cpd")
    admin.is_superuser = True
    admin.save()
    return admin
