"""A long list of choices as a box with type-ahead suggestions, resolved back to the choice on submit."""

from django import forms

from core.widgets import TypeaheadSelect

UNITS = [(7, "สำนักงานสหกรณ์จังหวัดเชียงใหม่"), (8, "สำนักงานสหกรณ์จังหวัดเชียงราย"),
         (9, "กองคลัง — ยังไม่มีเจ้าหน้าที่เรื่องร้องเรียน")]


class UnitForm(forms.Form):
    unit = forms.TypedChoiceField(label="หน่วยงาน", choices=[("", "---"), *UNITS], coerce=int,
                                  widget=TypeaheadSelect())


def test_the_box_suggests_every_choice_and_shows_the_chosen_label():
    html = str(UnitForm(initial={"unit": 8})["unit"])
    assert 'list="id_unit-options"' in html and html.count("<option ") == 3
    assert 'value="สำนักงานสหกรณ์จังหวัดเชียงราย"' in html and "<select" not in html


def test_a_typed_name_its_value_or_its_name_before_a_note_resolve_to_the_choice():
    for typed in ("สำนักงานสหกรณ์จังหวัดเชียงใหม่", "  สำนักงานสหกรณ์จังหวัดเชียงใหม่ ", "7"):
        form = UnitForm({"unit": typed})
        assert form.is_valid() and form.cleaned_data["unit"] == 7
    form = UnitForm({"unit": "กองคลัง"})
    assert form.is_valid() and form.cleaned_data["unit"] == 9


def test_a_name_that_is_no_choice_is_refused_and_stays_in_the_box():
    form = UnitForm({"unit": "จังหวัดที่ไม่มี"})
    assert not form.is_valid() and "unit" in form.errors
    assert 'value="จังหวัดที่ไม่มี"' in str(form["unit"])
