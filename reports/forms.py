"""Forms of the reporting loop. They check shape only; the services decide what is allowed."""

from __future__ import annotations

import datetime

from django import forms
from django.core import signing
from django.core.validators import MaxLengthValidator, MaxValueValidator

from core.fields import BEDateField
from core.thai import fiscal_year_bounds, format_be, parse_be_date
from plans.models import Indicator
from plans.selectors import due_date_in_year
from reports.evidence import ALLOWED_TYPES, validate_link_url
from reports.models import PERIOD_MAX_CHARS, TEXT_MAX_CHARS, CompiledSummary, Round

FORM_KEY_SALT = "reports.report-form"
# A form left open over a working day and a night still has its input kept; a key copied from a page goes
# stale soon after. (The key alone never writes anything: see `report_form._expired_post`.)
FORM_KEY_MAX_AGE = 24 * 3600
ACCEPT = ",".join(f".{ext}" for ext in ALLOWED_TYPES) + ",application/pdf,image/*"


def form_key(report, user) -> str:
    """Signed proof that this form was given to this user for this report: input posted after the session
    ended is handed back only to this user, in the browser that posted it."""
    return signing.dumps({"r": report.pk, "u": user.pk}, salt=FORM_KEY_SALT, compress=True)


def read_form_key(value: str) -> dict | None:
    try:
        return signing.loads(value or "", salt=FORM_KEY_SALT, max_age=FORM_KEY_MAX_AGE)
    except signing.BadSignature:
        return None


class RoundForm(forms.ModelForm):
    opens_on = BEDateField(label="เปิดรับรายงานวันที่")
    due_on = BEDateField(label="กำหนดส่งภายในวันที่")
    closes_on = BEDateField(label="ปิดรับรายงานวันที่", required=False, help_text="เว้นว่างได้ หากยังรับรายงานที่ส่งช้า")

    class Meta:
        model = Round
        fields = ["name", "kind", "fiscal_year", "opens_on", "due_on", "closes_on", "requires_endorsement"]
        widgets = {"fiscal_year": forms.NumberInput(attrs={"min": 2500, "max": 2700})}


# A validator rather than max_length: max_length would also set the textarea's maxlength, and a browser then
# cuts pasted text short without a word; the server's message keeps everything typed.
LONG_TEXT = [MaxLengthValidator(TEXT_MAX_CHARS)]
PERIOD_TEXT = [
    MaxLengthValidator(
        PERIOD_MAX_CHARS,
        message="ช่วงเวลาดำเนินการยาวได้ไม่เกิน %(limit_value)s ตัวอักษร (ขณะนี้มี %(show_value)s ตัวอักษร) "
        "โปรดสรุปให้สั้นลง หรือย้ายรายละเอียดไปไว้ในช่องผลการดำเนินงาน",
    )
]


class ReportHeaderForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # Drafts may leave it empty; sending needs it (checked by the service, which names it).
    as_of = BEDateField(label="ข้อมูล ณ วันที่", required=False, help_text="ต้องระบุก่อนส่งรายงาน")
    problems = forms.CharField(
        label="ปัญหาอุปสรรค", required=False, validators=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    suggestions = forms.CharField(
        label="ข้อเสนอแนะ", required=False, validators=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )


class RowForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    order = forms.IntegerField(
        label="ลำดับ",
        required=False,
        min_value=0,
        max_value=999,
        widget=forms.NumberInput(attrs={"class": "row-order", "inputmode": "numeric"}),
    )
    method = forms.CharField(
        label="วิธีดำเนินการ", required=False, validators=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    # A textarea like its neighbours: pasted dates with notes wrap instead of hiding in one line.
    period_text = forms.CharField(
        label="ช่วงเวลาดำเนินการ",
        required=False,
        validators=PERIOD_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    result = forms.CharField(
        label="ผลการดำเนินงาน", required=False, validators=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_note = forms.CharField(
        label="คำอธิบายรายละเอียดเอกสาร/หลักฐาน",
        required=False,
        validators=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


RowFormSet = forms.formset_factory(RowForm, extra=0, can_delete=True, max_num=200, validate_max=True)

DONE_CHOICES = [("", "ยังไม่ระบุ"), ("true", "ดำเนินการแล้ว"), ("false", "ยังไม่ได้ดำเนินการ")]
UNIT_DONE_CHOICES = [("", "ยังไม่ระบุ"), ("true", "หน่วยงานดำเนินการแล้ว"), ("false", "หน่วยงานยังไม่ได้ดำเนินการ")]
EVENT_DATES_MAX = 400  # more than one a day for a year: a paste gone wrong, not events


def _as_date(value):
    return value if hasattr(value, "year") else datetime.date.fromisoformat(str(value))


class BEDateListField(forms.Field):
    """The date of each event, one B.E. date a line (31/03/2560). Cleans to a sorted list of dates, or None
    when no line is filled; a line that is not a date is named in the error, and the text stays as typed."""

    widget = forms.Textarea(attrs={"rows": 3, "inputmode": "numeric", "placeholder": "31/03/2560"})

    def __init__(self, *args, fiscal_year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fiscal_year = fiscal_year

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(format_be(_as_date(d), "numeric") for d in value)
        return value

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return sorted(_as_date(d) for d in value) or None
        lines = [(n, line.strip()) for n, line in enumerate(str(value or "").splitlines(), start=1)]
        lines = [(n, line) for n, line in lines if line]
        if not lines:
            return None
        if len(lines) > EVENT_DATES_MAX:
            raise forms.ValidationError(f"ระบุวันที่ได้ไม่เกิน {EVENT_DATES_MAX} บรรทัด (ขณะนี้มี {len(lines)} บรรทัด)")
        bounds = fiscal_year_bounds(self.fiscal_year) if self.fiscal_year else None
        dates, errors = [], []
        for number, line in lines:
            try:
                day = parse_be_date(line)
            except ValueError as exc:
                errors.append(f"บรรทัดที่ {number} “{line}”: {exc}")
                continue
            if bounds and not bounds[0] <= day <= bounds[1]:
                errors.append(
                    f"บรรทัดที่ {number} “{line}”: อยู่นอกปีงบประมาณ พ.ศ. {self.fiscal_year} "
                    f"({format_be(bounds[0])} – {format_be(bounds[1])})"
                )
                continue
            dates.append(day)
        if errors:
            raise forms.ValidationError(errors)
        return sorted(dates)


def wants_event_dates(indicator: Indicator, fiscal_year: int | None) -> bool:
    """A count or frequency bound to a period ("ทุกเดือน/ทุกไตรมาส") or a deadline ("ภายในเดือนมีนาคม"):
    the verdict reads the date of each event (reports.achievement `_on_time`, `_per_period`)."""
    if fiscal_year is None:
        return False
    kind = indicator.target_for_year(fiscal_year).get("kind") or indicator.kind
    if kind not in (Indicator.Kind.COUNT, Indicator.Kind.FREQUENCY):
        return False
    periodic = indicator.period in (Indicator.Period.MONTH, Indicator.Period.QUARTER, Indicator.Period.HALF)
    return periodic or due_date_in_year(indicator, fiscal_year) is not None


class IndicatorResultForm(forms.Form):
    """The result fields that make sense for the indicator's kind."""

    value = forms.DecimalField(label="ค่าที่ทำได้", required=False, min_value=0, max_digits=12, decimal_places=2)
    count = forms.IntegerField(label="จำนวน (ครั้ง/เรื่อง/หน่วย)", required=False, min_value=0)
    done = forms.TypedChoiceField(
        label="การดำเนินการ",
        required=False,
        choices=DONE_CHOICES,
        coerce=lambda v: v == "true",
        empty_value=None,
    )
    event_date = BEDateField(label="วันที่ดำเนินการ", required=False)
    event_dates = BEDateListField(
        label="วันที่ดำเนินการ (วว/ดด/ปปปป พ.ศ. หนึ่งบรรทัดต่อหนึ่งครั้ง)",
        required=False,
        help_text="ระบบนับเฉพาะครั้งที่ทำภายในกำหนด และบอกเดือน/ไตรมาสที่ยังขาด หากเว้นช่องจำนวนว่างไว้ "
        "ระบบนับจำนวนจากวันที่ที่กรอก",
    )
    note = forms.CharField(
        label="หมายเหตุ", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    FIELDS_BY_KIND = {
        Indicator.Kind.PERCENT: ("value", "note"),
        Indicator.Kind.LEVEL: ("value", "note"),
        Indicator.Kind.COUNT: ("count", "event_date", "note"),
        Indicator.Kind.FREQUENCY: ("count", "note"),
        Indicator.Kind.DEADLINE: ("done", "event_date", "count", "note"),
        Indicator.Kind.DONE: ("done", "event_date", "note"),
    }

    def __init__(self, *args, indicator: Indicator, computation=None, may_override: bool = True,
                 fiscal_year: int | None = None, unit_report: bool = False, **kwargs):
        """`computation` (reports.computed.Computation) makes the indicator computed: its value is shown,
        not typed, and a typed value stands in its place only with a reason, in the report that owns it
        (`may_override`); elsewhere only the note is left. `fiscal_year` (the round's) decides whether each
        event's date is asked for, and bounds those dates; `unit_report`: one unit's own report (not the
        host's summary), where "ร้อยละ … ของหน่วยงาน" asks only whether the unit has done it."""
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.computation = computation
        self.may_override = may_override
        self.by_units = unit_report and indicator.basis == Indicator.Basis.UNITS
        keep = self._kept_fields(fiscal_year)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "event_dates" in self.fields:
            self.fields["event_dates"].fiscal_year = fiscal_year
        if self.by_units:
            self.fields["done"].label = "หน่วยงานดำเนินการแล้วหรือไม่"
            self.fields["done"].choices = UNIT_DONE_CHOICES
            self.fields["done"].help_text = (
                "ตัวชี้วัดนี้คิดเป็นร้อยละของหน่วยงานที่ดำเนินการแล้ว หน่วยงานจึงรายงานเพียงว่าดำเนินการแล้วหรือยัง"
            )
        if indicator.kind == Indicator.Kind.PERCENT and "value" in self.fields:
            self.fields["value"].label = "ร้อยละที่ทำได้"
            self.fields["value"].validators.append(MaxValueValidator(100))
            self.fields["value"].widget.attrs["max"] = 100
        elif indicator.kind == Indicator.Kind.LEVEL and "value" in self.fields:
            self.fields["value"].label = "ระดับที่ทำได้"
        if indicator.unit_label and "count" in self.fields:
            self.fields["count"].label = f"จำนวน ({indicator.unit_label})"
        if computation is not None and may_override:
            self.fields["override_reason"] = forms.CharField(
                label="เหตุผลที่แก้ไขค่า",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="จำเป็นเมื่อกรอกค่าแทนค่าที่คำนวณจากระบบ ผู้ตรวจและรายงานสรุปผลจะเห็นเหตุผลนี้",
            )

    def _kept_fields(self, fiscal_year: int | None) -> tuple[str, ...]:
        if self.computation is not None and not self.may_override:
            return ("note",)
        if self.by_units:
            # The share of units that pass (reports.achievement.unit_passes reads `done` first): a unit
            # says yes or no, it does not type a percentage of its own.
            return ("done", "note")
        keep = self.FIELDS_BY_KIND.get(self.indicator.kind, ("value", "count", "done", "event_date", "note"))
        if wants_event_dates(self.indicator, fiscal_year):
            # Each event's date, replacing the single date where the kind had one (the dates say more).
            keep = tuple(n for n in keep if n not in ("event_date", "note")) + ("event_dates", "note")
        return keep

    @property
    def value_names(self) -> list[str]:
        return [n for n in self.fields if n not in ("note", "override_reason")]

    def value_fields(self) -> list:
        return [self[n] for n in self.value_names]

    def note_field(self):
        return self["note"] if "note" in self.fields else None

    def reason_field(self):
        return self["override_reason"] if "override_reason" in self.fields else None

    @property
    def computed_text(self) -> str:
        from reports.indicator_values import value_text

        return value_text(self.indicator, self.computation.value) if self.computation else ""

    @property
    def override_open(self) -> bool:
        """Show the override inputs open: an override saved, or typed in this post, or an error in them."""
        if self.is_bound:
            names = [*self.value_names, "override_reason"]
            return any((self.data.get(self.add_prefix(n)) or "").strip() for n in names) or any(
                n in self.errors for n in names
            )
        return bool(self.initial.get("override_reason")) or any(
            self.initial.get(n) not in (None, "") for n in self.value_names
        )

    def clean(self):
        data = super().clean()
        self._clean_count_and_dates(data)
        if self.computation is None or not self.may_override:
            return data
        typed = [n for n in self.value_names if data.get(n) is not None]
        reason = (data.get("override_reason") or "").strip()
        if typed and not reason:
            self.add_error(
                "override_reason",
                "กรุณาระบุเหตุผลที่แก้ไขค่าที่คำนวณจากระบบ (ค่าที่กรอกยังอยู่ครบ) หรือลบค่าที่กรอกออก "
                "เพื่อใช้ค่าที่คำนวณจากระบบ",
            )
        elif reason and not typed and self.value_names:
            self.add_error(
                self.value_names[0],
                "ระบุเหตุผลแล้ว กรุณากรอกค่าที่จะใช้แทนค่าที่คำนวณจากระบบ หรือลบเหตุผลออกเพื่อใช้ค่าที่คำนวณ",
            )
        return data

    def _clean_count_and_dates(self, data: dict) -> None:
        """The count and the dates say the same thing: an empty count takes the number of dates; a count
        that differs from them is refused, naming both (nothing typed is lost)."""
        if "event_dates" not in self.fields or "count" not in self.fields or "event_dates" in self.errors:
            return
        dates, count = data.get("event_dates"), data.get("count")
        if not dates or "count" in self.errors:
            return
        if count is None:
            data["count"] = len(dates)
        elif count != len(dates):
            self.add_error(
                "count",
                f"จำนวนที่กรอก ({count}) ไม่ตรงกับจำนวนวันที่ดำเนินการที่ระบุ ({len(dates)} บรรทัด) "
                "กรุณาแก้ให้ตรงกัน หรือเว้นช่องจำนวนว่างไว้ให้ระบบนับจากวันที่",
            )

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields}


class EvidenceForm(forms.Form):
    """A new file, a new link, and what to do with evidence already attached (one form with the report, so
    nothing typed is lost when a file is added)."""

    evidence_file = forms.FileField(
        label="แนบไฟล์หลักฐาน", required=False, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )
    evidence_title = forms.CharField(label="ชื่อเอกสาร", required=False, max_length=255)
    evidence_row = forms.TypedChoiceField(label="ประกอบแถว", required=False, coerce=int, empty_value=None)
    link_url = forms.CharField(
        label="ลิงก์หลักฐาน (http:// หรือ https://)",
        required=False,
        max_length=2000,
        widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )
    link_title = forms.CharField(label="คำอธิบายลิงก์", required=False, max_length=255)
    link_row = forms.TypedChoiceField(label="ประกอบแถว", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, row_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        # The rows on the page (`row_count`: the saved ones and the blank line below them), no more: a row
        # the page's script adds gets its option from the script, so it can be chosen in the same post.
        # `check_rows` still refuses a row the post leaves blank once its rows are known.
        choices = [("", "ทั้งรายงาน")] + [(str(i), f"แถวที่ {i}") for i in range(1, row_count + 1)]
        self.fields["evidence_row"].choices = choices
        self.fields["link_row"].choices = choices

    def check_rows(self, row_count: int) -> bool:
        """Refuse a chosen row past the rows the report will have after this save (`row_count`), rather than
        attach the file or link to the whole report without a word. Call after `is_valid()`."""
        ok = True
        for name, chosen in (("evidence_row", "evidence_file"), ("link_row", "link_url")):
            number = self.cleaned_data.get(name)
            if not number or number <= row_count or not self.cleaned_data.get(chosen):
                continue
            has = f"มี {row_count} แถว" if row_count else "ยังไม่มีแถว"
            message = (
                f"ไม่มีแถวที่ {number} ในรายงาน (รายงานนี้{has}) "
                "กรุณาเลือกแถวที่มีอยู่ หรือเลือก “ทั้งรายงาน” หรือเพิ่มแถวนั้นก่อน"
            )
            if name == "evidence_row":
                message += " แล้วเลือกไฟล์อีกครั้ง เพราะเบราว์เซอร์ไม่เก็บไฟล์ที่เลือกไว้เมื่อส่งแบบฟอร์มแล้ว"
            self.add_error(name, message)
            ok = False
        return ok

    def clean_link_url(self):
        url = (self.cleaned_data.get("link_url") or "").strip()
        if not url:
            return ""
        from core.errors import ApplicationError

        try:
            return validate_link_url(url)
        except ApplicationError as exc:
            raise forms.ValidationError(exc.message) from exc


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("return", "ส่งกลับแก้ไข"), ("accept", "ผ่านการตรวจ")])
    comment = forms.CharField(
        label="ความเห็นต่อรายงานโดยรวม", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่เปิดให้แก้ไขอีกครั้ง", widget=forms.Textarea(attrs={"rows": 2}))


class SummaryForm(forms.ModelForm):
    memo_date = BEDateField(label="วันที่", required=False)

    class Meta:
        model = CompiledSummary
        fields = [
            "text",
            "memo_agency",
            "memo_phone",
            "memo_ref_no",
            "memo_date",
            "memo_subject",
            "memo_addressee",
            "memo_body",
            "memo_signer_name",
            "memo_signer_position",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 8}), "memo_body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"memo_body": "แต่ละย่อหน้าขึ้นบรรทัดใหม่", "memo_ref_no": "เช่น กษ ๑๑๑๓/๑๒๓"}
