import pytest
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from plans.models import Indicator

pytestmark = pytest.mark.django_db

PASSWORD = "Pr0ngsai-test-pw"


def _percent(plan):
    return Indicator.objects.filter(activity__measure__policy__plan=plan, kind="percent").first()


def _form_data(indicator, **changes):
    data = {"number": indicator.number, "text": indicator.text, "kind": indicator.kind,
            "comparison": indicator.comparison, "value": indicator.value or "",
            "unit_label": indicator.unit_label,
            "period": indicator.period, "due_month": indicator.due_month or "", "due_date": "",
            "scope": indicator.scope, "variants": "", "note": indicator.note}
    data.update(changes)
    return data


def test_plan_tree_page_shows_the_plan_in_thai(client, plan, make_user, login):
    make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, None))
    login("pa")
    response = client.get(reverse("plans:detail", args=[plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "นโยบายด้านความโปร่งใส" in html and 'lang="th"' in html
    from plans.models import Activity

    assert html.count('class="activity"') == Activity.objects.filter(measure__policy__plan=plan).count()


def test_plan_admin_edits_a_target_and_sees_it(client, plan, make_user, login):
    make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, None))
    login("pa")
    ind = _percent(plan)
    response = client.post(reverse("plans:indicator_edit", args=[ind.pk]), _form_data(ind, value="85"))
    assert response.status_code == 302
    ind.refresh_from_db()
    assert ind.value == 85
    assert AuditEvent.objects.filter(action="indicator.update", actor__username="pa").exists()


def test_bad_input_keeps_what_was_typed_and_says_why_in_thai(client, plan, make_user, login):
    make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, None))
    login("pa")
    ind = _percent(plan)
    response = client.post(reverse("plans:indicator_edit", args=[ind.pk]),
                           _form_data(ind, value="150", text="ข้อความที่พิมพ์ไว้"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "ค่าร้อยละต้องอยู่ระหว่าง 0 ถึง 100" in html
    assert "ข้อความที่พิมพ์ไว้" in html and 'value="150"' in html


@pytest.mark.parametrize("username,role,scope", [("rep", Role.REPORTER, "cpd-prov-13"),
                                                 ("aud", Role.AUDITOR, None)])
def test_others_cannot_edit_the_plan(client, plan, make_user, username, role, scope, login):
    make_user(username, "cpd-prov-13", (role, scope))
    login(username)
    ind = _percent(plan)
    assert client.post(reverse("plans:indicator_edit", args=[ind.pk]),
                       _form_data(ind, value="1")).status_code == 403
    assert client.get(reverse("plans:approve", args=[plan.pk])).status_code == 403


def test_executive_approves_and_the_plan_becomes_public(client, plan, make_user, login):
    make_user("exec", "cpd", (Role.EXECUTIVE, None))
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    login("exec")
    response = client.post(reverse("plans:approve", args=[plan.pk]),
                           {"approved_on": "30/01/2560", "approval_memo": "ที่ กษ ๑๑๑๓/๖๑"})
    assert response.status_code == 302
    client.logout()
    public = client.get(reverse("plans:detail", args=[plan.pk]))
    assert public.status_code == 200 and "30 มกราคม 2560" in public.content.decode()


def test_my_work_lists_this_units_activities(client, plan, make_user, login):
    make_user("rep", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13"))
    login("rep")
    html = client.get(reverse("plans:my_work") + "?fy=2560").content.decode()
    assert "ปีงบประมาณ พ.ศ. 2560" in html
    assert "31 มีนาคม 2560" in html  # "ภายในเดือนมีนาคมของทุกปี" → the March deadline in FY 2560


def test_import_page_reports_errors_per_row(client, plan, make_user, login):
    import io

    from openpyxl import load_workbook

    make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, None))
    login("pa")
    wb = load_workbook(io.BytesIO(client.get(reverse("plans:export", args=[plan.pk])).content))
    wb["ตัวชี้วัด"].cell(row=2, column=10).value = "abc"
    buf = io.BytesIO()
    wb.save(buf)
    buf.name = "plan.xlsx"
    buf.seek(0)
    response = client.post(reverse("plans:import", args=[plan.pk]), {"file": buf})
    html = response.content.decode()
    assert response.status_code == 200 and "ไม่ได้บันทึก" in html and "ไม่ใช่ตัวเลข" in html
