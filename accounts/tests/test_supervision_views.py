"""The national administrator's page of supervising bodies: listing with filters and pages, granting with
Thai messages that keep what was typed, revoking by POST, each change audited; nobody else gets in."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import policy
from accounts.models import Role, Supervision, User
from accounts.services import supervision_grant, user_create
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PAGE = reverse("accounts:supervisions")


def _outsider(username, first_name="สมชาย"):
    return user_create(actor=None, username=username, password=None, unit=None, first_name=first_name,
                       last_name="ตรวจติดตาม")


def test_only_the_national_administrator_sees_the_page_and_its_menu_link(client, make_user, national):
    root_admin = make_user("sys.root", "cpd", (Role.SYSADMIN, "cpd"), (Role.PLAN_ADMIN, "cpd"))
    supervisor = _outsider("pacc.one")
    made = supervision_grant(actor=None, user=supervisor, body="สำนักงาน ป.ป.ท.")
    assert policy.can_manage_supervision(national)
    for user in (root_admin, supervisor):
        assert not policy.can_manage_supervision(user)
        client.force_login(user)
        assert client.get(PAGE).status_code == 403
        assert client.post(PAGE, {"user": "sys.root", "body": "x"}).status_code == 403
        assert client.post(reverse("accounts:supervision_revoke", args=[made.pk])).status_code == 403
        assert reverse("accounts:supervisions") not in client.get(reverse("site_shell:home")).content.decode()
    assert Supervision.objects.filter(pk=made.pk).exists()
    client.logout()
    assert client.get(PAGE)["Location"].startswith(reverse("accounts:login"))
    client.force_login(national)
    assert f'href="{PAGE}"' in client.get(reverse("site_shell:home")).content.decode()
    page = client.get(PAGE).content.decode()
    assert "pacc.one" in page and "สำนักงาน ป.ป.ท." in page and "ทุกส่วนราชการ (ระดับประเทศ)" in page


def test_grant_then_revoke_are_audited_with_who_and_what(client, national):
    target = _outsider("moac.one", "อรุณี")
    client.force_login(national)
    page = client.get(PAGE).content.decode()
    assert 'list="supervision-users"' in page and 'value="moac.one — อรุณี ตรวจติดตาม"' in page
    response = client.post(PAGE, {"user": "moac.one — อรุณี ตรวจติดตาม", "ministry": " กระทรวงเกษตร  และสหกรณ์ ",
                                  "body": "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์"}, follow=True)
    assert response.redirect_chain[-1][0] == PAGE
    made = Supervision.objects.get(user=target)
    assert made.ministry == "กระทรวงเกษตร และสหกรณ์" and made.granted_by == national
    text = response.content.decode()
    assert "มอบหน้าที่หน่วยงานกำกับ (กระทรวงเกษตร และสหกรณ์) ให้ moac.one แล้ว" in text
    assert "ยังไม่มีส่วนราชการใดระบุว่าสังกัดกระทรวงเกษตร และสหกรณ์" in text
    granted = AuditEvent.objects.get(action="role.assign", object_id=str(target.pk))
    assert granted.actor == national and granted.object_type == "accounts.User"
    assert granted.new == {"role": Role.SUPERVISOR.label, "unit": "กระทรวงเกษตร และสหกรณ์",
                           "body": "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์"}
    assert f'action="{reverse("accounts:supervision_revoke", args=[made.pk])}"' in text
    assert client.get(reverse("accounts:supervision_revoke", args=[made.pk])).status_code == 405
    response = client.post(reverse("accounts:supervision_revoke", args=[made.pk]), follow=True)
    assert not Supervision.objects.filter(pk=made.pk).exists()
    assert "ยกเลิกหน้าที่หน่วยงานกำกับ (กระทรวงเกษตร และสหกรณ์) ของ moac.one แล้ว" in response.content.decode()
    revoked = AuditEvent.objects.get(action="role.revoke", object_id=str(target.pk))
    assert revoked.actor == national and revoked.new is None
    assert revoked.old["unit"] == "กระทรวงเกษตร และสหกรณ์"
    # A bare username names the person as well; a blank ministry is the national level.
    client.post(PAGE, {"user": "MOAC.one", "ministry": "", "body": "สำนักงาน ป.ป.ท."})
    assert Supervision.objects.get(user=target).ministry == ""
    assert policy.can(target, "national.rollup")


def test_refusals_are_thai_and_keep_what_was_typed(client, national, make_user):
    target = _outsider("pacc.two")
    supervision_grant(actor=None, user=target, body="สำนักงาน ป.ป.ท.")
    client.force_login(national)
    cases = [
        ({"user": "nobody.here", "ministry": "กระทรวงการคลัง", "body": "สำนักงานปลัดกระทรวงการคลัง"},
         "ไม่พบผู้ใช้ชื่อ &#x27;nobody.here&#x27;"),
        ({"user": "pacc.two", "ministry": "", "body": "สำนักงาน ป.ป.ท."},
         "pacc.two เป็นหน่วยงานกำกับของทุกส่วนราชการ (ระดับประเทศ)อยู่แล้ว"),
        ({"user": "", "ministry": "กระทรวงการคลัง", "body": ""}, "กรุณาระบุชื่อผู้ใช้ที่จะมอบหน้าที่"),
        ({"user": "national.admin", "ministry": "กระทรวงการคลัง", "body": "กรมบัญชีกลาง"},
         "มอบบทบาทให้ตนเองไม่ได้"),
    ]
    for data, message in cases:
        response = client.post(PAGE, data)
        text = response.content.decode()
        assert response.status_code == 400 and message in text, message
        for value in filter(None, data.values()):
            assert f'value="{value}"' in text, value
    assert "กรุณากรอกชื่อหน่วยงานกำกับ" in client.post(PAGE, {"user": "pacc.two"}).content.decode()
    idle = make_user("idle.one", "cpd")
    idle.is_active = False
    idle.save()
    assert "บัญชี &#x27;idle.one&#x27; ถูกระงับการใช้งาน" in client.post(
        PAGE, {"user": "idle.one", "body": "x"}).content.decode()
    assert Supervision.objects.count() == 1


def test_filters_and_pages(client, national):
    for n in range(32):
        user = _outsider(f"watch.{n:02d}", "ผู้ตรวจ")
        supervision_grant(actor=None, user=user, ministry="กระทรวงการคลัง" if n % 2 else "",
                          body="กรมบัญชีกลาง" if n % 2 else "สำนักงาน ป.ป.ท.")
    special = _outsider("khun.maliwan", "มะลิวัลย์")
    supervision_grant(actor=None, user=special, ministry="กระทรวงมหาดไทย", body="สำนักงานปลัดกระทรวงมหาดไทย")
    client.force_login(national)

    def rows(**params):
        return client.get(PAGE, params).context["page"]

    first = rows()
    assert first.paginator.count == 33 and len(first.object_list) == 30
    assert "page=2" in client.get(PAGE).content.decode()
    assert len(rows(page=2).object_list) == 3
    assert {s.ministry for s in rows(ministry="-").paginator.object_list} == {""}
    assert rows(ministry="-").paginator.count == 16
    assert rows(ministry="กระทรวงการคลัง", body="กรมบัญชีกลาง").paginator.count == 16
    assert rows(ministry="กระทรวงการคลัง", body="สำนักงาน ป.ป.ท.").paginator.count == 0
    assert [s.user.username for s in rows(q="มะลิ").object_list] == ["khun.maliwan"]
    assert [s.user.username for s in rows(q="watch.07").object_list] == ["watch.07"]
    # The filters follow the page links.
    assert "?q=watch&amp;page=2" in client.get(PAGE, {"q": "watch"}).content.decode()
    page = client.get(PAGE, {"body": "กรมบัญชีกลาง"}).content.decode()
    assert '<option value="กรมบัญชีกลาง" selected>' in page and '<option value="กระทรวงมหาดไทย">' in page


def test_posts_need_the_csrf_token(national):
    client = Client(enforce_csrf_checks=True)
    client.force_login(national)
    target = _outsider("pacc.three")
    made = supervision_grant(actor=None, user=target, body="สำนักงาน ป.ป.ท.")
    grant = {"user": "pacc.three", "ministry": "กระทรวงการคลัง", "body": "x"}
    assert client.post(PAGE, grant).status_code == 403
    assert client.post(reverse("accounts:supervision_revoke", args=[made.pk])).status_code == 403
    assert Supervision.objects.filter(user=target).count() == 1
    assert 'name="csrfmiddlewaretoken"' in client.get(PAGE).content.decode()
    assert User.objects.filter(username="pacc.three").exists()
