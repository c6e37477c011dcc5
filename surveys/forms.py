from __future__ import annotations

from django import forms

from core.fields import BEDateField
from surveys.models import Question, Survey
from surveys.selectors import SCALE


class ResponseForm(forms.Form):
    """The questions of a survey as fields (the questions are data; the form is built from them)."""

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        if survey.audience == Survey.Audience.STAFF:
            self.fields["token"] = forms.CharField(
                label="รหัสเชิญ", max_length=64, help_text="รหัสที่ได้รับจากกองการเจ้าหน้าที่ ใช้ได้ครั้งเดียว "
                "ระบบไม่เชื่อมโยงรหัสกับคำตอบ", error_messages={"required": "กรุณากรอกรหัสเชิญ"})
        for q in survey.questions.all():
            label = f"{q.order}. {q.text}"
            if q.kind == Question.Kind.LIKERT5:
                self.fields[f"q{q.pk}"] = forms.TypedChoiceField(
                    label=label, coerce=int, required=q.required, widget=forms.RadioSelect,
                    choices=[(s, f"{s} {SCALE[s]}") for s in range(5, 0, -1)],
                    error_messages={"required": "กรุณาเลือกระดับความพึงพอใจ", "invalid_choice": "เลือกระดับ 1–5"})
            else:
                self.fields[f"q{q.pk}"] = forms.CharField(
                    label=label, required=q.required, max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "กรุณาตอบข้อนี้"})

    def answers(self) -> dict:
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if name.startswith("q")}


class SurveyForm(forms.Form):
    title = forms.CharField(label="ชื่อแบบสำรวจ", max_length=255)
    description = forms.CharField(label="คำชี้แจง", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    opens_on = BEDateField(label="เปิดรับตั้งแต่")
    closes_on = BEDateField(label="ปิดรับเมื่อ")


class QuestionForm(forms.Form):
    text = forms.CharField(label="คำถาม", max_length=500, error_messages={"required": "กรุณากรอกคำถาม"})
    kind = forms.ChoiceField(label="ชนิดคำถาม", choices=Question.Kind.choices)
    required = forms.BooleanField(label="ต้องตอบ", required=False, initial=True)


class InviteForm(forms.Form):
    count = forms.IntegerField(label="จำนวนรหัสเชิญ", min_value=1, max_value=5000,
                               error_messages={"invalid": "กรุณากรอกจำนวนเป็นตัวเลข", "min_value": "อย่างน้อย 1",
                                               "max_value": "ไม่เกิน 5,000"})


class ImportForm(forms.Form):
    file = forms.FileField(label="แฟ้มคำตอบ (Excel .xlsx หรือ CSV) ตามแบบฟอร์มของระบบ",
                           error_messages={"required": "กรุณาเลือกแฟ้มคำตอบ"})
