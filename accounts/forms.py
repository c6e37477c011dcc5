import unicodedata

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from accounts.models import Role, User
from core.widgets import TypeaheadSelect
from org.models import Unit


class ThaiAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (ตัวพิมพ์เล็ก-ใหญ่มีผล)",
        "inactive": "บัญชีนี้ถูกระงับการใช้งาน",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "ชื่อผู้ใช้"
        self.fields["password"].label = "รหัสผ่าน"


def _same_email(a: str, b: str) -> bool:
    """The comparison Django's own reset form makes, so that look-alike characters cannot redirect the
    mail."""
    return unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()


class ThaiPasswordResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "อีเมลที่ลงทะเบียนไว้"

    def get_users(self, email):
        """Active users with this address, including those created without a password: Django leaves them out
        (it assumes they sign in elsewhere), but here the e-mailed link is how they set their first one."""
        email_field = User.get_email_field_name()
        return (user for user in User._default_manager.filter(**{f"{email_field}__iexact": email,
                                                                 "is_active": True})
                if _same_email(email, getattr(user, email_field)))


class ThaiSetPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "รหัสผ่านใหม่"
        self.fields["new_password2"].label = "ยืนยันรหัสผ่านใหม่"


class UserForm(forms.Form):
    username = forms.CharField(label="ชื่อผู้ใช้", max_length=150)
    title = forms.CharField(label="คำนำหน้า", max_length=64, required=False)
    first_name = forms.CharField(label="ชื่อ", max_length=150)
    last_name = forms.CharField(label="นามสกุล", max_length=150, required=False)
    email = forms.EmailField(label="อีเมล", required=False)
    position = forms.CharField(label="ตำแหน่ง", max_length=255, required=False)
    unit = forms.ModelChoiceField(label="สังกัด", queryset=Unit.objects.none(), widget=TypeaheadSelect())
    password = forms.CharField(label="รหัสผ่านเริ่มต้น", widget=forms.PasswordInput(render_value=True),
                               required=False, help_text="เว้นว่างได้ ผู้ใช้ตั้งรหัสผ่านเองทางอีเมล")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="บทบาท", choices=Role.choices)
    unit = forms.ModelChoiceField(label="ขอบเขตหน่วยงาน (รวมหน่วยงานย่อย)", queryset=Unit.objects.none(),
                                  widget=TypeaheadSelect())
    reason = forms.CharField(
        label="เหตุผลที่เสนอ", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="จำเป็นสำหรับผู้รักษาข้อมูลผู้ร้องเรียน: บทบาทนี้มีผลเมื่อผู้ดูแลระบบอีกคน"
                  "หรือผู้รักษาข้อมูลผู้ร้องเรียนยืนยัน")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class TokenForm(forms.Form):
    name = forms.CharField(label="ชื่อโทเค็น", max_length=100)


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", "ยืนยัน"), ("reject", "ไม่ยืนยัน")])
    note = forms.CharField(label="หมายเหตุ", max_length=1000, required=False)


class _SupervisionScope(forms.Form):
    """The scope of a supervision, as both of the page's forms ask it."""

    ministry = forms.CharField(label="กระทรวง", max_length=255, required=False,
                               help_text="เว้นว่าง = ทุกส่วนราชการ (ระดับประเทศ) หรือพิมพ์ชื่อกระทรวงตามข้อมูลส่วนราชการ")
    body = forms.CharField(label="หน่วยงานกำกับ", max_length=255,
                           help_text="เช่น สำนักงาน ป.ป.ท. หรือสำนักงานปลัดกระทรวง",
                           error_messages={"required": "กรุณากรอกชื่อหน่วยงานกำกับ"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser's own suggestion lists (rendered by the page), so no script is needed.
        self.fields["ministry"].widget.attrs.update({"list": "supervision-ministries", "autocomplete": "off"})
        self.fields["body"].widget.attrs.update({"list": "supervision-bodies", "autocomplete": "off"})

    def clean_ministry(self) -> str:
        return " ".join(self.cleaned_data["ministry"].split())


class SupervisionForm(_SupervisionScope):
    """A supervision above the agencies. The person is typed (the suggestions list accounts outside every
    agency; "ชื่อผู้ใช้ — ชื่อ" as suggested, or the bare username, both name them)."""

    user = forms.CharField(label="ผู้ใช้ (ชื่อผู้ใช้)", max_length=300,
                           error_messages={"required": "กรุณาระบุชื่อผู้ใช้ที่จะมอบหน้าที่"})
    field_order = ["user", "ministry", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].widget.attrs.update({"list": "supervision-users", "autocomplete": "off"})

    def clean_user(self) -> User:
        typed = self.cleaned_data["user"].strip()
        username = typed.split(" — ")[0].strip()
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise forms.ValidationError(f"ไม่พบผู้ใช้ชื่อ '{username}' (ผู้ที่ยังไม่มีบัญชี สร้างบัญชีได้ที่หัวข้อถัดไป)")
        if not user.is_active:
            raise forms.ValidationError(f"บัญชี '{user.username}' ถูกระงับการใช้งาน")
        return user

    def clean(self):
        data = super().clean()
        user, ministry = data.get("user"), data.get("ministry")
        if user is not None and ministry is not None and user.supervisions.filter(ministry=ministry).exists():
            scope = ministry or "ทุกส่วนราชการ (ระดับประเทศ)"
            self.add_error("ministry", f"{user.username} เป็นหน่วยงานกำกับของ{scope}อยู่แล้ว")
        return data


class SupervisionAccountForm(_SupervisionScope):
    """A supervising body's officer who has no account yet: the account is made with the supervision, and
    its first password is set through the e-mailed link. Shown with the prefix "new" beside the grant form."""

    username = forms.CharField(label="ชื่อผู้ใช้ของบัญชีใหม่", max_length=150,
                               error_messages={"required": "กรุณากรอกชื่อผู้ใช้ของบัญชีใหม่"})
    first_name = forms.CharField(label="ชื่อ", max_length=150, error_messages={"required": "กรุณากรอกชื่อของผู้ใช้"})
    last_name = forms.CharField(label="นามสกุล", max_length=150,
                                error_messages={"required": "กรุณากรอกนามสกุลของผู้ใช้"})
    email = forms.EmailField(label="อีเมล", help_text="ระบบส่งลิงก์ตั้งรหัสผ่านไปที่อีเมลนี้",
                             error_messages={"required": "กรุณากรอกอีเมล ระบบส่งลิงก์ตั้งรหัสผ่านไปที่อีเมลนี้",
                                             "invalid": "รูปแบบอีเมลไม่ถูกต้อง เช่น somchai@pacc.go.th"})
    field_order = ["username", "first_name", "last_name", "email", "ministry", "body"]
