"""A corruption report's page links to taking it up as a discipline case (integrity's register), for whoever
may open discipline cases; a complaint officer without that role, or a service complaint, gets no link."""

import pytest
from django.urls import reverse

from accounts.models import Role
from complaints.models import Channel

pytestmark = pytest.mark.django_db


def _page(client, user, case) -> str:
    client.force_login(user)
    response = client.get(reverse("complaints:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_discipline_link_shows_for_a_discipline_officer_only(client, submit, officer, make_user):
    corruption = submit(channel=Channel.CORRUPTION, subject="เรียกรับเงิน").case
    service = submit().case
    link = reverse("integrity:case_from_complaint", args=[corruption.pk])
    # The discipline officer of the department who also works the complaint desk (it is the complaint
    # page's own rule that lets them read the case at all).
    both = make_user("desk.discipline", "cpd-hr", (Role.COMPLAINT_OFFICER, "cpd"),
                     (Role.DISCIPLINE_OFFICER, "cpd-hr"))
    assert f'href="{link}"' in _page(client, both, corruption)
    assert "integrity/discipline/from-complaint" not in _page(client, both, service)
    assert "integrity/discipline/from-complaint" not in _page(client, officer, corruption)
    # The link opens the integrity form for that person.
    client.force_login(both)
    assert client.get(link).status_code == 200
