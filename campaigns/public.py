"""The page a person opens from their personal link or QR code, without an account: the text and one button.

The signed token is the only authority (campaigns.tokens); a second use shows the first acknowledgement,
an expired or forged link says so in Thai. The form is CSRF-protected like every form of the site, and each
client's requests are counted per hour (campaigns.throttle) so that nobody can try tokens in bulk.
"""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from campaigns import services, tokens
from campaigns.models import Acknowledgement
from campaigns.throttle import hit
from core.errors import ApplicationError
from core.middleware import client_address


def _page(request, context: dict, status: int = 200):
    response = render(request, "campaigns/acknowledge.html", context, status=status)
    # The token is in the address: it must not leak to other sites, but the form's own POST needs its
    # origin (with "no-referrer" the browser sends Origin: null and the CSRF check refuses it).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def acknowledge(request, token: str):
    retry_after = hit(client_address(request))
    if retry_after is not None:
        response = _page(request, {"error": "มีการเปิดหน้านี้จากเครื่องนี้มากเกินกำหนดในหนึ่งชั่วโมง "
                                            f"กรุณาลองใหม่ในอีกประมาณ {max(1, round(retry_after / 60))} นาที"},
                         status=429)
        response["Retry-After"] = str(retry_after)
        return response
    try:
        campaign, member = services.link_target(token)
    except tokens.BadToken as exc:
        return _page(request, {"error": exc.message}, status=410 if exc.expired else 400)
    error = None
    if request.method == "POST":
        try:
            services.acknowledge_by_link(token=token)
        except services.AlreadyAcknowledged:
            pass  # the page below shows when it was recorded
        except ApplicationError as exc:
            error = exc.message
        else:
            return redirect("campaigns:acknowledge", token=token)
    ack = Acknowledgement.objects.filter(campaign=campaign, staff=member).first()
    return _page(request, {"campaign": campaign, "member": member, "ack": ack, "error": error})
