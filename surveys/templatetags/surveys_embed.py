"""The small box public pages include to invite visitors to the open website survey."""

from django import template

from surveys.selectors import public_surveys_open

register = template.Library()


@register.inclusion_tag("surveys/_embed.html")
def survey_box():
    return {"survey": public_surveys_open().order_by("-fiscal_year", "id").first()}
