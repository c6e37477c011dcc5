import pytest
from django.urls import reverse

from accounts.models import Role
from audit.services import audit_record
from org.models import Unit
from site_shell.trail import display

pytestmark = pytest.mark.django_db


def test_values_read_like_words():
    assert display(None) == "—" and display(True) == "ใช่"
    assert display({"id": 3, "label": "กองคลัง"}) == "กองคลัง"
    assert display(["กค.", "กกจ."]) == "กค., กกจ."


def test_auditor_sees_old_and_new_values_with_thai_field_names(client, agency, make_user, login):
    make_user("aud", "cpd-ia", (Role.AUDITOR, None))
    unit = Unit.objects.get(code="cpd-kpg")
    audit_record(actor=None, action="unit.update", obj=unit, old={"name": "กพง."}, new={"name": "กองใหม่"},
                 unit=unit)
    login("aud")
    html = client.get(reverse("site_shell:trail")).content.decode()
    assert "ชื่อหน่วยงาน" in html and "<del>กพง.</del>" in html and "<ins>กองใหม่</ins>" in html


def test_filters_narrow_the_list(client, agency, make_user, login):
    make_user("aud", "cpd-ia", (Role.AUDITOR, None))
    login("aud")
    html = client.get(reverse("site_shell:trail"), {"action": "role.assign"}).content.decode()
    table = html.split('id="audit-table"', 1)[1]
    assert "มอบบทบาท" in table and "เพิ่มหน่วยงาน" not in table
    bad = client.get(reverse("site_shell:trail"), {"since": "32/13/2560"}).content.decode()
    assert "32/13/2560" in bad  # the typed value stays in the field with its error


def test_reporters_cannot_read_the_trail(client, agency, make_user, login):
    make_user("rep", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13"))
    login("rep")
    assert client.get(reverse("site_shell:trail")).status_code == 403


def test_every_field_and_relation_of_every_model_has_a_label():
    """Entries may name any field, forward or reverse (a saved report records `rows` and `indicators`)."""
    from django.apps import apps

    from site_shell.trail import _field_label

    for model in apps.get_models():
        for field in model._meta.get_fields():
            label = _field_label(model._meta.label, field.name)
            assert isinstance(label, str) and label

