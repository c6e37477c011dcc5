"""An assigned unit's own complaint officers hear of the case and may work on it (and only on it); a unit with
nobody in that role is named before and after assigning, and the notice does not fall back to the assigner."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from accounts import policy
from accounts.models import Role
from audit.models import AuditEvent
from complaints import services
from complaints.models import Case, Message, Status
from complaints.selectors import unit_handlers, units_without_handlers
from complaints.tests.conftest import IDENTITY
from org.models import Unit

pytestmark = pytest.mark.django_db


def unit(code):
    return Unit.objects.get(code=code)


def staff_mail() -> list[list[str]]:
    """Mail to staff (the complainant's own "acknowledged" notice is another matter)."""
    return [m.to for m in mail.outbox if m.to != [IDENTITY.email]]


def test_the_assigned_units_officer_is_told_not_the_assigner(submit, officer, handler,
                                                             django_capture_on_commit_callbacks):
    case = submit().case
    with django_capture_on_commit_callbacks(execute=True):
        services.case_assign(actor=officer, case=case, lead=unit("cpd-prov-13"))
    assert staff_mail() == [[handler.email]]
    notice = next(m for m in mail.outbox if m.to == [handler.email])
    assert case.number in notice.subject and "หน่วยงานของท่าน" in notice.body


def test_an_officer_over_a_parent_unit_handles_what_is_assigned_below_it(submit, officer, make_user,
                                                                         django_capture_on_commit_callbacks):
    hr_desk = make_user("hr.desk", "cpd-hr", (Role.COMPLAINT_OFFICER, "cpd-hr"))
    case = submit().case
    with django_capture_on_commit_callbacks(execute=True):
        services.case_assign(actor=officer, case=case, lead=unit("cpd-hr-discipline"))
    assert staff_mail() == [[hr_desk.email]]
    assert list(unit_handlers(unit("cpd-hr-discipline"))) == [hr_desk]
    assert policy.can(hr_desk, "complaint.handle", case)


def test_the_handler_works_the_assigned_case_and_no_other(client, submit, officer, handler):
    mine, other = submit().case, submit(subject="เรื่องของสำนักงานอื่น").case
    services.case_assign(actor=officer, case=mine, lead=unit("cpd-prov-13"))
    services.case_assign(actor=officer, case=other, lead=unit("cpd-prov-12"))
    client.force_login(handler)
    assert client.get(reverse("complaints:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("complaints:detail", args=[other.pk])).status_code == 403
    listed = client.get(reverse("complaints:list") + "?queue=").content.decode()
    assert mine.number in listed and other.number not in listed
    response = client.post(reverse("complaints:action", args=[mine.pk, "progress"]),
                           {"note": "ประสานสหกรณ์ขอเอกสารเพิ่มเติมแล้ว"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Status.IN_PROGRESS
    assert client.post(reverse("complaints:action", args=[other.pk, "progress"]),
                       {"note": "ไม่ใช่เรื่องของหน่วยงานนี้"}).status_code == 403
    # Reassigned elsewhere, the case leaves the handler's reach.
    services.case_assign(actor=officer, case=mine, lead=unit("cpd-prov-12"))
    assert client.get(reverse("complaints:detail", args=[mine.pk])).status_code == 403


def test_a_unit_without_officers_is_marked_on_the_form_and_warned_about(client, submit, officer, make_user,
                                                                        django_capture_on_commit_callbacks):
    second_desk = make_user("desk2", "cpd-slk", (Role.COMPLAINT_OFFICER, "cpd"))
    make_user("head.cm", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13"))  # a head is not a complaint handler
    case = submit().case
    province = unit("cpd-prov-13")
    assert units_without_handlers([province]) == [province]
    client.force_login(officer)
    form = client.get(reverse("complaints:action", args=[case.pk, "assign"])).content.decode()
    assert re.search(r"สำนักงานสหกรณ์จังหวัดเชียงใหม่ — ยังไม่มีเจ้าหน้าที่เรื่องร้องเรียน", form)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:action", args=[case.pk, "assign"]), {"lead": province.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ASSIGNED and list(case.assigned_units.all()) == [province]
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1 and province.name in warnings[0] and "ยังไม่มีผู้ได้รับบทบาท" in warnings[0]
    note = AuditEvent.objects.filter(action="complaint.assign").latest("id").note
    assert "ยังไม่มีเจ้าหน้าที่จัดการเรื่องร้องเรียน" in note and province.name in note
    # The assigner is not mailed as if they were the unit; the other desk officer hears who is missing.
    assert staff_mail() == [[second_desk.email]]
    notice = next(m for m in mail.outbox if m.to == [second_desk.email])
    assert "ยังไม่มีผู้รับเรื่อง" in notice.subject and province.name in notice.body


def test_a_unit_with_an_officer_is_not_marked(client, submit, officer, handler):
    case = submit().case
    client.force_login(officer)
    form = client.get(reverse("complaints:action", args=[case.pk, "assign"])).content.decode()
    assert "สำนักงานสหกรณ์จังหวัดเชียงใหม่ — ยังไม่มี" not in form
    response = client.post(reverse("complaints:action", args=[case.pk, "assign"]),
                           {"lead": unit("cpd-prov-13").pk})
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert not Message.objects.filter(case=case, kind=Message.Kind.NOTE).exists()
    assert Case.objects.get(pk=case.pk).status == Status.ASSIGNED
