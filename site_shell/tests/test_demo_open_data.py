"""The demo department publishes its procurement data under the licence data.go.th publishes under; the
second demo agency sets none and so names the deployment's default."""

import pytest

from org.selectors import agency_open_data_terms, agency_profile
from site_shell.demo import _profile

pytestmark = pytest.mark.django_db
DGA = "https://data.go.th/pages/dga-open-government-license"


def test_the_demo_department_names_the_data_go_th_licence(agency, second_agency, settings):
    settings.PRONGSAI_OCDS_LICENSE = "https://opendata.example.test/licence"
    _profile(agency)
    assert agency_profile(agency).ocds_license == DGA
    assert agency_open_data_terms(agency).license == DGA
    assert agency_profile(second_agency).ocds_license == ""
    assert agency_open_data_terms(second_agency).license == "https://opendata.example.test/licence"
