import copy

import pytest

from plans.planfile import PLANFILE_PATH, load_planfile, plan_counts, validate_planfile


@pytest.fixture(scope="module")
def shipped() -> dict:
    return load_planfile()


@pytest.fixture
def data(shipped) -> dict:
    return copy.deepcopy(shipped)


def activity(data: dict, key: str) -> dict:
    for p in data["policies"]:
        for m in p["measures"]:
            for a in m["activities"]:
                if a["key"] == key:
                    return a
    raise KeyError(key)


def errors_about(data: dict, fragment: str) -> list[str]:
    return [e for e in validate_planfile(data) if fragment in e]


def test_the_shipped_file_is_valid(shipped):
    assert validate_planfile(shipped) == []
    assert shipped["plan"]["period_start"] == 2560 and shipped["plan"]["period_end"] == 2564
    assert PLANFILE_PATH.name == "plan_2560_2564.yaml" and PLANFILE_PATH.exists()


def test_a_path_can_be_given(tmp_path, shipped):
    copy_path = tmp_path / "plan.yaml"
    copy_path.write_text(PLANFILE_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_planfile(copy_path) == shipped
    assert load_planfile(str(copy_path)) == shipped


def test_counts(shipped):
    counts = plan_counts(shipped)
    assert counts["policies"] == len(shipped["policies"])
    assert counts["indicators"] == sum(len(a["indicators"]) for p in shipped["policies"]
                                       for m in p["measures"] for a in m["activities"])


def test_an_unknown_kind_is_reported(data):
    activity(data, "1.3.1-a")["indicators"][0]["target"]["kind"] = "ratio"
    errors = validate_planfile(data)
    assert len(errors) == 1
    assert "target.kind" in errors[0] and "'ratio'" in errors[0]


def test_a_duplicate_key_is_reported(data):
    activity(data, "1.1.2-a")["key"] = "1.1.1-a"
    assert errors_about(data, "ซ้ำ (duplicate activity key '1.1.1-a')")


def test_a_key_must_follow_its_policy_and_measure(data):
    activity(data, "2.1-a")["key"] = "2.2-a"
    assert errors_about(data, "must start with 2.1")


def test_a_sub_measure_needs_its_parent_before_it(data):
    measures = data["policies"][0]["measures"]
    assert measures[0]["number"] == "๑)"
    measures.append(measures.pop(0))
    assert errors_about(data, "measure ๑.๑) has no parent")


def test_variants_must_stay_inside_the_plan_period(data):
    target = activity(data, "1.1.2-a")["indicators"][0]["target"]
    target["variants"][0]["from_year"] = 2559
    assert errors_about(data, "outside the plan period 2560-2564")
    target["variants"][0].update(from_year=2560, to_year=2562)
    assert errors_about(data, "overlap another variant")
    target["variants"][0].update(from_year=2562, to_year=2561)
    assert errors_about(data, "from <= to")


def test_missing_and_misspelt_keys_are_reported(data):
    a = activity(data, "1.2-a")
    a["verbatm"] = a.pop("verbatim")
    assert errors_about(data, "missing key 'verbatim'")
    assert errors_about(data, "unknown key 'verbatm'")


def test_a_comparison_needs_a_value_and_a_missing_value_needs_a_note(data):
    indicator = activity(data, "2.2-a")["indicators"][0]
    assert indicator["note"] is None
    target = indicator["target"]
    target["value"] = None
    assert errors_about(data, "comparison given without a value")
    target["comparison"] = None
    assert errors_about(data, "target without a value: explain in note")


def test_percentages_cannot_exceed_a_hundred(data):
    activity(data, "1.3.1-a")["indicators"][0]["target"]["value"] = 180
    assert errors_about(data, "must not exceed 100")


def test_rule_units_needs_units_and_other_rules_take_none(data):
    impl = activity(data, "1.1.1-a")["implementing"]
    impl["rule"] = "units"
    assert errors_about(data, "rule 'units' needs at least one unit")
    impl["rule"] = "all"
    impl["units"] = ["กพร."]
    assert errors_about(data, "only allowed with rule 'units'")


def test_an_empty_host_cell_must_be_explained(data):
    a = activity(data, "3.3.1-a")
    assert a["host_units"] == [] and a["note"]
    a["note"] = None
    assert errors_about(data, "no host unit")


def test_corrections_must_be_from_to_pairs(data):
    activity(data, "2.1-a")["corrections"].append({"from": "ก", "to": "ก"})
    activity(data, "2.2-a")["corrections"] = [{"from": "ก"}]
    assert errors_about(data, "'from' equals 'to'")
    assert errors_about(data, "exactly 'from' and 'to'")


def test_a_file_that_is_not_a_plan_is_refused():
    assert validate_planfile([]) == ["file: ต้องเป็นชุดข้อมูลแบบ key: value (must be a mapping)"]
    assert any("policies" in e for e in validate_planfile({"plan": {}, "policies": []}))


@pytest.mark.django_db
def test_every_unit_label_resolves_in_the_department(agency, shipped):
    from org.selectors import find_unit

    labels = {label for p in shipped["policies"] for m in p["measures"] for a in m["activities"]
              for label in a["host_units"] + a["implementing"]["units"]}
    assert labels and [label for label in sorted(labels) if find_unit(agency, label) is None] == []


@pytest.mark.django_db
def test_the_loaded_plan_has_everything_the_file_has(plan, shipped):
    from plans.models import Activity, Indicator, Measure

    counts = plan_counts(shipped)
    assert plan.policies.count() == counts["policies"]
    assert Measure.objects.filter(policy__plan=plan).count() == counts["measures"]
    assert Activity.objects.filter(measure__policy__plan=plan).count() == counts["activities"]
    assert Indicator.objects.filter(activity__measure__policy__plan=plan).count() == counts["indicators"]
    assert Measure.objects.get(policy__plan=plan, policy__number=1, number="๑.๑)").parent.number == "๑)"


def _first_indicator(data):
    for pol in data["policies"]:
        for measure in pol["measures"]:
            for activity in measure["activities"]:
                if activity["indicators"]:
                    return activity, activity["indicators"][0]
    raise AssertionError("no indicator")


def test_target_narrowing_steps_and_year_are_validated():
    import copy

    from plans.planfile import load_planfile, validate_planfile

    data = load_planfile()
    assert validate_planfile(data) == []
    bad = copy.deepcopy(data)
    activity, indicator = _first_indicator(bad)
    indicator["target"]["units"] = "somewhere"
    indicator["target"]["basis"] = "units"  # only for percent targets
    indicator["target"]["steps"] = 99
    indicator["text"] += " ในปีงบประมาณ พ.ศ. ๒๕๖๑"
    errors = " | ".join(validate_planfile(bad))
    assert "target.units" in errors and "target.basis" in errors and "target.steps" in errors
    assert "year must be 2561" in errors
