"""/a/<agency-code>/… : the public site of one agency among several.

The prefix is taken off the path before URL resolution and set as the script prefix, so the existing
views answer for that agency (org.serving) and every address they print (reverse, {% url %}) keeps the
prefix: a visitor on agency B's pages stays on agency B's pages. Only public addresses are served under
a prefix; anything else (staff pages, sign-in) is sent to its one unprefixed address.
"""

from __future__ import annotations

import re

from django.http import Http404, HttpResponseRedirect
from django.urls import get_script_prefix, set_script_prefix

from org.serving import PUBLIC_PATHS

PREFIX = re.compile(r"^/a/(?P<code>[a-z0-9][a-z0-9-]*)(?P<rest>/.*)?$")


class AgencyPrefixMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = PREFIX.match(request.path_info)
        if match is None:
            return self.get_response(request)
        from org.models import Unit
        from org.serving import serving

        code, rest = match["code"], match["rest"] or "/"
        agency = Unit.objects.filter(code=code, parent__isnull=True, is_active=True).first()
        if agency is None:
            raise Http404("ไม่พบส่วนราชการนี้")
        if rest == "/":
            return HttpResponseRedirect(f"/a/{code}/public/")
        if not rest.startswith(PUBLIC_PATHS):
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(rest + (f"?{query}" if query else ""))
        old_prefix = get_script_prefix()
        request.path_info = rest
        request.agency_prefix = f"/a/{code}"
        set_script_prefix(f"{old_prefix.rstrip('/')}/a/{code}/")
        try:
            with serving(agency):
                return self.get_response(request)
        finally:
            set_script_prefix(old_prefix)
