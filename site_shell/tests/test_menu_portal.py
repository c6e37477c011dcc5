"""The menu: the public website's content management and the ITA readiness board for those who may use them
(an ICT officer), and neither for a unit's reporter."""

import pytest
from django.urls import reverse

from accounts.models import Role

pytestmark = pytest.mark.django_db


def _menu(client, user) -> list[str]:
    client.force_login(user)
    response = client.get(reverse("reports:home"))
    return [item["name"] for item in response.context["nav_items"]]


def test_an_ict_officer_gets_the_portal_management_and_the_ita_board(client, make_user):
    ict = make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))
    menu = _menu(client, ict)
    assert "portal:manage" in menu and "ita:home" in menu
    client.force_login(ict)
    assert client.get(reverse("portal:manage")).status_code == 200
    reporter = make_user("rep.cm", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13"))
    menu = _menu(client, reporter)
    assert "portal:manage" not in menu and "ita:home" not in menu
