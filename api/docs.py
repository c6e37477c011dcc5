"""The API docs page (Swagger UI) from this site's own static files, never from a CDN.

Ninja serves its docs from local files only when it is an installed app, else from a CDN. It is not one here
(see NINJA_DIR in the settings, which finds its templates and static files instead), so the page is rendered
here from its template, with the context ninja's own Swagger page gives it."""

from __future__ import annotations

import json

from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed


class LocalSwagger(Swagger):
    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)
