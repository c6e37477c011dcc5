"""The register apps' public pages (published manuals, a survey's form and thanks, a campaign's personal
acknowledgement link) carry the agency's identity like every other public page (they extend portal/base)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from campaigns import tokens
from campaigns.tests.conftest import make_campaign, member
from org.selectors import agency_profile
from surveys import services as surveys

pytestmark = pytest.mark.django_db


def _identified(html: str, agency) -> bool:
    return 'class="agency-id"' in html and agency_profile(agency).official_name in html


def test_the_register_public_pages_carry_the_agencys_identity(agency, make_user):
    ict = make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))
    today = timezone.localdate()
    survey = surveys.survey_save(actor=ict, agency=agency, key="website", title="ความพึงพอใจเว็บไซต์",
                                 audience="public", fiscal_year=2569, opens_on=today, closes_on=today,
                                 questions=[("ข้อมูลครบถ้วน", "likert5")])
    campaign = make_campaign(agency)
    person = member(agency, "1", "cpd-prov-13", "หนึ่ง")
    visitor = Client()
    for url in (reverse("registers:public_manuals"), reverse("surveys:answer", args=[survey.pk]),
                reverse("surveys:thanks", args=[survey.pk]), tokens.path(campaign.pk, person.pk)):
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert _identified(response.content.decode(), agency), url
