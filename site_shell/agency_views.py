"""The national administrator's page for a new agency, and the national index of agencies (public)."""

from __future__ import annotations

import yaml
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from accounts.policy import require
from core.errors import ApplicationError
from core.http import form_error
from org.selectors import agencies, agency_profile
from org.unit_import import unit_template_xlsx
from site_shell.agencies import agency_create, parse_admin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AgencyCreateForm(forms.Form):
    code = forms.SlugField(label="รหัสส่วนราชการ", max_length=64,
                           help_text="อักษรอังกฤษตัวเล็ก ตัวเลข และขีด ใช้ในที่อยู่หน้าเว็บ /a/รหัส/")
    name = forms.CharField(label="ชื่อส่วนราชการ", max_length=255)
    abbreviation = forms.CharField(label="ชื่อย่อ", max_length=64, required=False)
    units = forms.FileField(label="ไฟล์โครงสร้างหน่วยงาน (.xlsx หรือ .csv ตามแบบฟอร์ม)")
    plan = forms.FileField(label="ไฟล์แผน (.yaml ตามรูปแบบไฟล์แผน) ไม่บังคับ", required=False)
    admins = forms.CharField(label="ผู้ดูแลระบบและผู้ดูแลแผน", required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="หนึ่งคนต่อบรรทัด ในรูป ชื่อผู้ใช้:อีเมล")
    thai_digits = forms.BooleanField(label="ใช้เลขไทยในเอกสารราชการ", required=False, initial=True)

    def admin_list(self) -> list[tuple[str, str]]:
        return [parse_admin(line) for line in self.cleaned_data["admins"].splitlines() if line.strip()]

    def plan_data(self):
        upload = self.cleaned_data.get("plan")
        if not upload:
            return None
        try:
            data = yaml.safe_load(upload.read().decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ApplicationError("อ่านไฟล์แผนไม่ได้ (ต้องเป็นไฟล์ YAML แบบ UTF-8)", field="plan") from exc
        return data


@login_required
def agency_new(request):
    require(request.user, "agency.create", message="เฉพาะผู้ดูแลระบบระดับประเทศจึงจะสร้างส่วนราชการได้")
    form = AgencyCreateForm(request.POST or None, request.FILES or None)
    result, errors = None, []
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data["units"]
            result = agency_create(
                actor=request.user, code=form.cleaned_data["code"], name=form.cleaned_data["name"],
                abbreviation=form.cleaned_data["abbreviation"], units_file=upload.read(),
                units_filename=upload.name, plan_data=form.plan_data(), admins=form.admin_list(),
                thai_digits=form.cleaned_data["thai_digits"])
        except ApplicationError as exc:
            errors = getattr(exc, "errors", [])
            if not errors:
                form_error(form, exc)
            else:
                form.add_error("units", "ไฟล์โครงสร้างหน่วยงานมีข้อผิดพลาด ยังไม่ได้บันทึกข้อมูลใด ๆ")
    status = 400 if request.method == "POST" and result is None else 200
    return render(request, "site_shell/agency_new.html",
                  {"form": form, "result": result, "row_errors": errors}, status=status)


@login_required
def agency_units_template(request):
    require(request.user, "agency.create")
    response = HttpResponse(unit_template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="unit-template.xlsx"'
    return response


def agency_index(request):
    """Every agency served here, with its public pages: the national index."""
    rows = [(a, agency_profile(a)) for a in agencies().filter(is_active=True).order_by("id")]
    return render(request, "site_shell/agency_index.html", {"rows": rows})
