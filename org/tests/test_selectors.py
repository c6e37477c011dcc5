import pytest

from core.errors import ApplicationError
from org.models import Unit
from org.selectors import reporting_units, resolve_unit_group

pytestmark = pytest.mark.django_db


def test_plan_group_phrases_resolve_by_rule(agency):
    everyone = resolve_unit_group(agency=agency, rule="all")
    central = resolve_unit_group(agency=agency, rule="all_central")
    regional = resolve_unit_group(agency=agency, rule="all_regional")
    offices = resolve_unit_group(agency=agency, rule="regional_offices")
    assert agency not in everyone
    assert everyone.count() == central.count() + regional.count()
    assert regional.count() == 76
    assert offices.count() == 78  # 76 สสจ. + สสพ. ๑–๒
    assert set(offices.values_list("kind", flat=True)) == {Unit.Kind.PROVINCIAL_OFFICE, Unit.Kind.AREA_OFFICE}
    # Units outside the plan's work (a working group, a sub-group) are not "every unit".
    assert not everyone.filter(code__in=["cpd-integrity-wg", "cpd-hr-discipline"]).exists()


def test_rule_follows_the_tree_not_a_typed_list(agency):
    before = resolve_unit_group(agency=agency, rule="all_regional").count()
    Unit.objects.filter(code="cpd-prov-01").update(is_active=False)
    assert resolve_unit_group(agency=agency, rule="all_regional").count() == before - 1


def test_named_units_rule_uses_the_given_units(agency):
    chosen = list(Unit.objects.filter(code__in=["cpd-hr", "cpd-finance"]))
    assert set(resolve_unit_group(agency=agency, rule="units", units=chosen)) == set(chosen)
    assert resolve_unit_group(agency=agency, rule="related").count() == 0


def test_unknown_rule_is_refused(agency):
    with pytest.raises(ApplicationError):
        resolve_unit_group(agency=agency, rule="somewhere")


def test_reporting_units_excludes_inactive(agency):
    unit = Unit.objects.get(code="cpd-prov-02")
    assert unit in reporting_units(agency)
    unit.is_active = False
    unit.save()
    assert unit not in reporting_units(agency)
