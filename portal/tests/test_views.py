import pytest

pytestmark = pytest.mark.django_db


def test_public_home_links_every_public_channel(client, agency):
    html = client.get("/public/").content.decode()
    for href in ("/procurement/public/", "/procurement/public/plans/", "/procurement/public/open-data/",
                 "/complaints/", "/units/", "/api/docs"):
        assert f'href="{href}' in html, href


def test_public_home_lists_approved_plans_only(client, plan):
    import datetime

    from plans.services import plan_approve

    assert plan.title[:40] not in client.get("/public/").content.decode()  # a draft stays off the portal
    plan_approve(actor=None, plan=plan, approved_on=datetime.date(2017, 1, 30), approval_memo="กษ 1113/61")
    html = client.get("/public/").content.decode()
    assert "ยังไม่มีแผนที่เผยแพร่" not in html and f'href="/plans/{plan.pk}/' in html
