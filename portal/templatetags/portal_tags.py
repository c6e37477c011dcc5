from django import template

from portal import selectors

register = template.Library()


@register.inclusion_tag("portal/_identity.html", takes_context=True)
def portal_identity(context):
    """The agency's emblem, name and contact with the public menu, at the top of every public page."""
    return {**selectors.identity(), "request": context.get("request")}
