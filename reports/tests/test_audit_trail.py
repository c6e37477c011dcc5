"""The audit trail renders every entry the reporting services write."""

import pytest
from django.urls import reverse

from reports.tests.conftest import fill, report_of

pytestmark = pytest.mark.django_db


def test_trail_renders_after_a_report_draft_is_saved(client, open_round, people, login):
    """A saved draft records its reverse relations (`rows`, `indicators`); the trail answered 500 on them."""
    from audit.models import AuditEvent

    fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    saved = AuditEvent.objects.filter(object_type="reports.Report").latest("pk")
    assert {"rows"} & {k for k, _, _ in saved.changes()}
    for username in ("audit", "planadmin"):
        login(username)
        response = client.get(reverse("site_shell:trail"))
        assert response.status_code == 200
        assert saved.actor.get_full_name() in response.content.decode() or saved.actor.username in \
            response.content.decode()
