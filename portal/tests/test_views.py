import pytest

pytestmark = pytest.mark.django_db


def test_public_home_links_every_public_channel(client, agency):
    html = client.get("/public/").content.decode()
    for href in ("/procurement/public/", "/procurement/public/plans/", "/procurement/public/open-data/",
                 "/complaints/", "/units/", "/api/docs"):
        assert f'href="{href}' in html, href
