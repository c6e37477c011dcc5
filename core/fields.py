"""Form fields for Thai users: dates are typed and shown in the Buddhist era."""

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError

from core.thai import format_be, parse_be_date


class BEDateInput(forms.TextInput):
    """A text box showing dates as 31/01/2560; text the user typed is shown back unchanged."""

    def __init__(self, attrs=None):
        defaults = {"inputmode": "numeric", "placeholder": "วว/ดด/ปปปป", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (date, datetime)):
            return format_be(value, "numeric")
        return super().format_value(value)


class BEDateField(forms.DateField):
    """Accepts every form ``core.thai.parse_be_date`` knows (31/01/2568, 31 ม.ค. 68, ISO from date inputs)."""

    widget = BEDateInput
    default_error_messages = {
        "required": "กรุณากรอกวันที่",
        "invalid": "รูปแบบวันที่ไม่ถูกต้อง กรุณากรอกเป็น วว/ดด/ปปปป (ปี พ.ศ.) เช่น 31/01/2568",
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_be_date(str(value))
        except ValueError as exc:
            raise ValidationError(str(exc) or self.error_messages["invalid"], code="invalid") from exc
