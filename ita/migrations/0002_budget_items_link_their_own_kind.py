"""O18, O19 and O20 of the years already loaded link each kind's own budget page, as the shipped catalogue
(ita/data/oit_2570.yaml) now does.

They linked the budget section of all three, so publishing the spending plan alone turned the three items
green; O18 linked the procurement plans too, which are O21's evidence, not a spending plan. Only an item
whose links are still exactly the ones the catalogue shipped is changed: links an administrator has edited
are theirs, and a year whose OIT has closed keeps its links (its clarifications are judged on the links
submitted). The changed link is unchecked until the next check (its old answer was about the old page); its
snapshots stay, each with the address it was taken from.
"""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

SECTION = "portal:section budget"
SHIPPED = {
    "O18": ([SECTION, "procurement:public_plans"], "portal:budget plan"),
    "O19": ([SECTION], "portal:budget half_year"),
    "O20": ([SECTION], "portal:budget annual"),
}


def _relink(apps, old_routes, new_routes):
    ItaItem = apps.get_model("ita", "ItaItem")
    open_years = Q(year__oit_closes_on__isnull=True) | Q(year__oit_closes_on__gte=timezone.localdate())
    for code in SHIPPED:
        for item in ItaItem.objects.filter(open_years, kind="oit", code=code).prefetch_related("links"):
            links = sorted(item.links.all(), key=lambda link: (link.order, link.id))
            if [link.route for link in links] != old_routes(code) or any(link.url for link in links):
                continue
            first, *rest = links
            first.route, first.order, first.status = new_routes(code)[0], 0, "unchecked"
            first.http_status, first.public_ok, first.resolved_url = None, False, ""
            first.checked_at, first.check_note = None, ""
            first.save()
            for link in rest:
                link.delete()
            for order, route in enumerate(new_routes(code)[1:], start=1):
                item.links.create(route=route, auto=True, order=order)


def forwards(apps, schema_editor):
    _relink(apps, lambda code: SHIPPED[code][0], lambda code: [SHIPPED[code][1]])


def backwards(apps, schema_editor):
    _relink(apps, lambda code: [SHIPPED[code][1]], lambda code: SHIPPED[code][0])


class Migration(migrations.Migration):
    dependencies = [
        ("ita", "0001_ita_catalogue_links"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
