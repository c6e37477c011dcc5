"""A progress note is internal unless the handler ticks "tell the complainant"; the tracking page shows only
what was deliberately made public."""

import re

import pytest
from django.urls import reverse

from complaints import services
from complaints.forms import ProgressForm
from complaints.models import Message
from org.models import Unit

pytestmark = pytest.mark.django_db

INTERNAL = "ผู้อำนวยการสั่งให้ตรวจสอบประวัติผู้ร้องก่อน"
PUBLIC = "ได้ขอเอกสารประกอบจากสหกรณ์เพิ่มเติมแล้ว"


@pytest.fixture
def assigned(submit, officer):
    receipt = submit()
    services.case_assign(actor=officer, case=receipt.case, lead=Unit.objects.get(code="cpd-prov-13"))
    return receipt


def test_the_progress_form_starts_unticked(client, assigned, handler):
    assert ProgressForm().fields["public"].initial is False
    client.force_login(handler)
    page = client.get(reverse("complaints:action", args=[assigned.case.pk, "progress"])).content.decode()
    box = re.search(r'<input type="checkbox" name="public"[^>]*>', page).group(0)
    assert "checked" not in box


def test_a_note_sent_without_ticking_stays_off_the_tracking_page(client, assigned, handler):
    client.force_login(handler)
    url = reverse("complaints:action", args=[assigned.case.pk, "progress"])
    assert client.post(url, {"note": INTERNAL}).status_code == 302
    assert client.post(url, {"note": PUBLIC, "public": "on"}).status_code == 302
    kinds = dict(Message.objects.filter(case=assigned.case, text__in=[INTERNAL, PUBLIC])
                 .values_list("text", "kind"))
    assert kinds == {INTERNAL: Message.Kind.NOTE, PUBLIC: Message.Kind.PROGRESS}
    client.logout()
    page = client.post(reverse("complaints:public_track"),
                       {"code": assigned.tracking_code, "secret": assigned.secret}).content.decode()
    assert PUBLIC in page and INTERNAL not in page


def test_the_service_keeps_a_note_internal_unless_told(assigned, handler):
    services.case_progress(actor=handler, case=assigned.case, stage=None, note=INTERNAL)
    view = services.public_view(assigned.case)
    assert INTERNAL not in [m["text"] for m in view.messages]
    assert Message.objects.get(text=INTERNAL).kind == Message.Kind.NOTE
