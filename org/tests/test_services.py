import pytest

from audit.models import AuditEvent
from core.errors import ApplicationError
from org.models import Unit
from org.services import unit_create, unit_update

pytestmark = pytest.mark.django_db


def test_moving_a_unit_moves_its_subtree_and_is_audited(agency, make_user):
    admin = make_user("sys", "cpd-ict", ("sysadmin", None))
    hr = Unit.objects.get(code="cpd-hr")
    child = Unit.objects.get(code="cpd-hr-discipline")
    finance = Unit.objects.get(code="cpd-finance")
    unit_update(actor=admin, unit=hr, parent=finance)
    hr.refresh_from_db()
    child.refresh_from_db()
    assert hr.path.startswith(finance.path)
    assert child.path.startswith(hr.path)
    event = AuditEvent.objects.filter(action="unit.update", object_id=str(hr.pk)).latest("at")
    assert event.actor == admin
    assert event.old["parent"]["label"] == agency.name and event.new["parent"]["label"] == "กองคลัง"


def test_a_unit_cannot_move_below_itself(agency):
    hr = Unit.objects.get(code="cpd-hr")
    with pytest.raises(ApplicationError):
        unit_update(actor=None, unit=hr, parent=Unit.objects.get(code="cpd-hr-discipline"))


def test_codes_are_unique_and_roots_are_agencies(agency):
    with pytest.raises(ApplicationError):
        unit_create(actor=None, parent=agency, code="cpd-hr", name="ซ้ำ", kind=Unit.Kind.DIVISION)
    with pytest.raises(ApplicationError):
        unit_create(actor=None, parent=None, code="x", name="กอง", kind=Unit.Kind.DIVISION)


def test_a_second_agency_is_its_own_root(agency):
    other = unit_create(actor=None, parent=None, code="other", name="กรมอื่น", kind=Unit.Kind.AGENCY)
    div = unit_create(actor=None, parent=other, code="other-div", name="กองหนึ่ง", kind=Unit.Kind.DIVISION)
    assert div.path.startswith(other.path) and not div.path.startswith(agency.path)


def test_edits_record_old_and_new_values(agency):
    unit = Unit.objects.get(code="cpd-kpg")
    unit_update(actor=None, unit=unit, name="กองตัวอย่าง")
    event = AuditEvent.objects.filter(action="unit.update").latest("id")
    assert event.old == {"name": "กพง."} and event.new == {"name": "กองตัวอย่าง"}
