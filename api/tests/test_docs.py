"""The API docs page names only this site's own copies of the Swagger UI files (from the installed ninja
package, which is not an installed app), and those files are found where the site serves static files."""

import re
import subprocess
import sys

from django.contrib.staticfiles import finders


def test_docs_page_uses_the_swagger_files_served_by_this_site(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/ninja/swagger-ui-bundle.js" in assets and "/static/ninja/swagger-ui.css" in assets
    assert not [a for a in assets if "://" in a or a.startswith("//")]
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset


def test_starting_django_does_not_load_the_api_framework():
    code = "import sys, django; django.setup(); print('ninja' in sys.modules, 'pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
