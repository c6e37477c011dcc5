import pytest

from org.loaders import agency_load, read_org_file
from org.models import Unit
from org.selectors import find_unit

pytestmark = pytest.mark.django_db


def test_department_tree_holds_every_named_unit_and_all_provincial_offices(agency):
    data = read_org_file()
    assert agency.parent is None and agency.kind == Unit.Kind.AGENCY
    provincial = Unit.objects.filter(kind=Unit.Kind.PROVINCIAL_OFFICE)
    assert provincial.count() == 76 == len(data["provinces"])
    assert all(u.region == Unit.Region.REGIONAL and u.abbreviation.startswith("สสจ.") for u in provincial)
    assert Unit.objects.filter(kind=Unit.Kind.AREA_OFFICE).count() == 2
    assert set(Unit.objects.filter(path__startswith=agency.path).values_list("code", flat=True)) >= {
        row["code"] for row in data["central"]}


def test_loading_twice_changes_nothing(agency):
    before = list(Unit.objects.order_by("pk").values_list("pk", "path", "name"))
    agency_load(actor=None)
    assert list(Unit.objects.order_by("pk").values_list("pk", "path", "name")) == before


@pytest.mark.parametrize("label,code", [
    ("ศทส.", "cpd-ict"), ("ศสท.", "cpd-ict"), ("กค.", "cpd-finance"), ("กองคลัง", "cpd-finance"),
    ("กกจ.", "cpd-hr"), ("กองการเจ้าหน้าที่", "cpd-hr"), ("กพร.", "cpd-psdg"), ("กลุ่มพัฒนาระบบบริหาร", "cpd-psdg"),
    ("สสพ. ๑", "cpd-bkk1"), ("สสพ.2", "cpd-bkk2"), ("สสจ.เชียงใหม่", "cpd-prov-13"), ("กกจ. ,", "cpd-hr"),
])
def test_seed_labels_resolve_to_units(agency, label, code):
    assert find_unit(agency, label).code == code


def test_unknown_label_resolves_to_nothing(agency):
    assert find_unit(agency, "กองที่ไม่มีอยู่จริง") is None


def test_paths_nest_children_under_parents(agency):
    discipline = Unit.objects.get(code="cpd-hr-discipline")
    assert discipline.path.startswith(discipline.parent.path)
    assert discipline.depth == discipline.parent.depth + 1
