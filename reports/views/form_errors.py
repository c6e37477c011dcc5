"""What the report form says when a save or a submission is refused: each problem beside the field it
concerns, and once in a summary at the top that links to those fields (the page focuses the summary, so a
keyboard or screen-reader user starts from the list of what to fix instead of the top of the page)."""

from __future__ import annotations

import re

from core.errors import ApplicationError
from core.http import form_error
from reports.services.workflow import ROW_FIELDS, field_label

# `workflow.report_submit` refuses an incomplete report with this prefix and its problems joined by " · ".
SUBMIT_PREFIX = "ยังส่งรายงานไม่ได้: "
ROW_PROBLEM = re.compile(r"^แถวที่ (\d+) ยังไม่ได้กรอก(.+)$")
NO_ROWS = "ยังไม่มีแถววิธีดำเนินการ"


def show_error(forms: dict, exc: ApplicationError) -> None:
    """Put a service's message beside the field it concerns (a file, a link, an indicator's value), or above
    the form when it concerns the report as a whole."""
    field = exc.field or ""
    if field in forms["evidence_form"].fields:
        form_error(forms["evidence_form"], exc)
        return
    for ind, _, form in forms["indicator_forms"]:
        name = field.removeprefix(f"ind-{ind.pk}-")
        if name != field and name in form.fields:
            form.add_error(name, exc.message)
            return
    form_error(forms["header"], exc)


def _rows_as_saved(formset) -> list:
    """The row forms in the order the service numbers the saved rows: lines left blank or ticked for
    deletion dropped, then by ลำดับ (the position on the page where it is empty), as `_clean_rows` sorts."""
    kept = []
    for position, form in enumerate(formset.forms, start=1):
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE") or not any((data.get(f) or "").strip() for f in ROW_FIELDS):
            continue
        order = data.get("order")
        kept.append((order if order is not None else position, form))
    kept.sort(key=lambda item: item[0])
    return [form for _, form in kept]


def _place(forms: dict, saved_rows: list, problem: str) -> bool:
    header, formset = forms["header"], forms["rows"]
    if problem == f"ยังไม่ได้ระบุ {header.fields['as_of'].label}":
        header.add_error("as_of", "กรุณาระบุวันที่ก่อนส่งรายงาน")
        return True
    if problem == NO_ROWS and formset.forms:
        formset.forms[0].add_error("method", "กรุณากรอกอย่างน้อยหนึ่งแถวก่อนส่งรายงาน")
        return True
    match = ROW_PROBLEM.match(problem)
    if match:
        number, label = int(match[1]), match[2].strip()
        names = [f for f in ROW_FIELDS if field_label(f) == label]
        if names and 1 <= number <= len(saved_rows):
            saved_rows[number - 1].add_error(names[0], "กรุณากรอกก่อนส่งรายงาน")
            return True
    return False


def show_refusal(forms: dict, exc: ApplicationError) -> None:
    """A refused submission. The service names everything the report lacks in one sentence; each item goes
    beside its field instead, so the page says "ยังส่งรายงานไม่ได้" once, in the summary's heading."""
    if not exc.message.startswith(SUBMIT_PREFIX):
        show_error(forms, exc)
        return
    saved_rows = _rows_as_saved(forms["rows"])
    for problem in exc.message.removeprefix(SUBMIT_PREFIX).split(" · "):
        if not _place(forms, saved_rows, problem.strip()):
            form_error(forms["header"], ApplicationError(problem.strip()))


def _items(form, context: str, names, *, whole_form: bool = False) -> list[dict]:
    items = []
    if whole_form:
        items += [{"text": f"{context}: {m}" if context else m, "href": ""} for m in form.non_field_errors()]
    for name in names:
        if name not in form.fields or not form.errors.get(name):
            continue
        field = form[name]
        label = f"{context} · {field.label}" if context else field.label
        href = f"#{field.id_for_label}"
        items += [{"text": f"{label}: {message}", "href": href} for message in field.errors]
    return items


def error_summary(forms: dict) -> list[dict]:
    """Every error on the page in the page's order, each linking to its field where it has one; messages
    about the report as a whole lead."""
    header, formset, evidence = forms["header"], forms["rows"], forms["evidence_form"]
    items = _items(header, "", ["as_of"], whole_form=True)
    items += [{"text": str(message), "href": "#rows"} for message in formset.non_form_errors()]
    for position, form in enumerate(formset.forms, start=1):
        items += _items(form, f"แถวที่ {position}", ["order", *ROW_FIELDS], whole_form=True)
    for ind, _, form in forms["indicator_forms"]:
        context = " ".join(filter(None, ["ตัวชี้วัด", ind.number]))
        items += _items(form, context, list(form.fields), whole_form=True)
    new_file = ["evidence_file", "evidence_title", "evidence_row"]
    items += _items(evidence, "แนบไฟล์ใหม่", new_file, whole_form=True)
    items += _items(evidence, "เพิ่มลิงก์", ["link_url", "link_title", "link_row"])
    items += _items(header, "", ["problems", "suggestions"])
    return items
