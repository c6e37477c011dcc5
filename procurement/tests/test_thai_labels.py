"""Project pages speak Thai: baht, not THB; Thai names for OCDS release tags and for the red flags."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_project_page_has_no_english_leftovers(recorded, officer, client):
    project, _ = recorded("award")
    assert any("tenderUpdate" in r.tag for r in project.releases.all())
    client.force_login(officer)
    page = client.get(reverse("procurement:detail", args=[project.pk])).content.decode()
    assert "THB" not in page and "Red flags" not in page and "tenderUpdate" not in page
    assert "2,000,000.00 บาท" in page
    assert "ปรับปรุงข้อมูลการเสนอราคา" in page and "สัญญาณเตือนความเสี่ยง" in page
    public = client.get(reverse("procurement:public_project", args=[project.pk])).content.decode()
    assert "THB" not in public and "Red flags" not in public
