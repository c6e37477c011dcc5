"""Form widgets shared by the apps.

`TypeaheadSelect` stands in for a `<select>` of many entries (the department's ~95 units): a text box whose
suggestions narrow as the user types (the browser's own `<datalist>`, so it works without a script and under
the site's CSP), resolved back to the choice's value on submit. A typed text that names no choice is passed
on as typed, so the field refuses it with its usual Thai message and the text stays in the box.
"""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


class TypeaheadSelect(forms.Select):
    def __init__(self, attrs=None, choices=(), *, hint: str = "พิมพ์ส่วนหนึ่งของชื่อเพื่อค้นหา"):
        super().__init__(attrs, choices)
        self.hint = hint

    def _options(self) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in self.choices if value not in ("", None)]

    def format_value(self, value):
        """The label of the chosen value (what the box shows), or the typed text kept after an error."""
        if value in (None, ""):
            return ""
        value = value[0] if isinstance(value, list | tuple) else value
        for option_value, label in self._options():
            if option_value == str(value):
                return label
        return str(value)

    def value_from_datadict(self, data, files, name):
        typed = (data.get(name) or "").strip()
        if not typed:
            return ""
        wanted = _key(typed)
        for option_value, label in self._options():
            # The label, or the raw value (a link, or a form posted by an older page), names it.
            # A label may carry a note after a dash (" — ยังไม่มีเจ้าหน้าที่…"): the name before it is enough.
            if wanted in (_key(label), _key(label.split(" — ")[0]), option_value):
                return option_value
        return typed

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs or {})
        element_id = final.get("id") or f"id_{name}"
        list_id = f"{element_id}-options"
        final.pop("multiple", None)
        box = format_html(
            '<input type="text" name="{}" id="{}" value="{}" list="{}" autocomplete="off" '
            'aria-describedby="{}-hint"{}{}>',
            name, element_id, self.format_value(value), list_id, element_id,
            mark_safe(" required") if final.get("required") else "",
            mark_safe(' aria-invalid="true"') if final.get("aria-invalid") else "",
        )
        labels = [(label,) for _, label in self._options()]
        options = format_html_join("", '<option value="{}"></option>', labels)
        return format_html(
            '{}<datalist id="{}">{}</datalist><span class="help" id="{}-hint">{} ({} รายการ)</span>',
            box, list_id, options, element_id, self.hint, len(labels),
        )
