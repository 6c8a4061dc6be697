"""Crisis levels and their history as open data and a feed, under the crises index:
``levels.csv`` (one row per level change), ``levels.json`` (one object per crisis with its history)
and ``levels/feed/`` (Atom, the latest changes first). All three take the crises listing's filters
(``level``, ``region``, ``country``, ``status``), in the active language.

Dates are as precise as known (``2023``, ``2023-03`` or ``2023-03-14``). A feed entry's
``<published>`` is the change's own date when it is known to the day (00:00 UTC that day), and absent
for a change known to the month or year (``core.feeds``: no invented day); Atom's required
``<updated>`` is when the crisis page was last published. The entry's text gives the date as precisely
as it is known. Addresses are on the host the
visitor used (``core.paths.page_address``)."""

import csv

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from core.dates import format_precise_date
from core.exports import neutralise_row
from core.feeds import ListingFeed
from core.paths import page_address

from .models import CrisisLevelChange

CSV_COLUMNS = [
    "crisis",
    "crisis_url",
    "countries",
    "region",
    "level",
    "level_name",
    "date",
    "date_precision",
    "reason",
    "source_url",
    "current",
]


def crises(listing):
    """The crises the listing's filters select, in the listing's order; never a generated sample crisis
    (open data is taken as real)."""
    return list(listing.display(listing.filtered().filter(is_sample=False)))


def changes_of(crisis_ids):
    """{crisis id: [changes, oldest first]} in one query."""
    found = {}
    changes = CrisisLevelChange.objects.filter(page_id__in=crisis_ids).select_related("level")
    for change in changes.order_by("date", "sort_order", "pk"):
        found.setdefault(change.page_id, []).append(change)
    return found


def crisis_records(listing, request):
    """One dict per crisis: its address, countries, region, current level and history."""
    records = []
    selected = crises(listing)
    history = changes_of([crisis.pk for crisis in selected])
    for crisis in selected:
        changes = history.get(crisis.pk, [])
        _latest, since = crisis.level_run(changes)
        records.append(
            {
                "crisis": crisis.title,
                "url": page_address(crisis, request),
                "countries": [country.code for country in crisis.countries],
                "region": crisis.region.slug if crisis.region_id else "",
                "region_name": crisis.region.name if crisis.region_id else "",
                "status": crisis.status,
                "level": crisis.level.slug if crisis.level_id else "",
                "level_name": crisis.level.name if crisis.level_id else "",
                "level_since": since.date_iso if since else "",
                "history": [
                    {
                        "level": change.level.slug,
                        "level_name": change.level.name,
                        "date": change.date_iso,
                        "date_precision": change.precision,
                        "reason": change.reason,
                        "source_url": change.source_url,
                        "current": change is changes[-1],
                    }
                    for change in changes
                ],
            }
        )
    return records


def levels_csv(listing, request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="icrtop-crisis-levels.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in crisis_records(listing, request):
        for change in record["history"]:
            writer.writerow(
                neutralise_row(
                    [
                        record["crisis"],
                        record["url"],
                        ";".join(record["countries"]),
                        record["region"],
                        change["level"],
                        change["level_name"],
                        change["date"],
                        change["date_precision"],
                        change["reason"],
                        change["source_url"],
                        "yes" if change["current"] else "no",
                    ]
                )
            )
    return response


def levels_json(listing, request):
    records = crisis_records(listing, request)
    response = JsonResponse(
        {"notes": listing.notes, "count": len(records), "crises": records},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


class LevelChangeFeed(ListingFeed):
    """The latest level changes of the listing's crises (Atom)."""

    def title(self):
        return _("Crisis levels · %(title)s · ICRtoP") % {"title": self.page.title}

    def items(self):
        ids = list(self.listing.filtered().filter(is_sample=False).values_list("pk", flat=True))
        return list(
            CrisisLevelChange.objects.filter(page_id__in=ids)
            .select_related("level", "page")
            .order_by("-date", "-sort_order", "-pk")[: self.max_items]
        )

    def item_title(self, item):
        return f"{item.page.title}: {item.level.name}"

    def item_link(self, item):
        return item.page.get_url(self.request) + "#level-history"

    def item_guid(self, item):
        return f"{page_address(item.page, self.request)}#level-change-{item.pk}"

    def item_description(self, item):
        return _("%(level)s since %(date)s. %(reason)s") % {
            "level": item.level.name,
            "date": format_precise_date(item.date, item.precision),
            "reason": item.reason,
        }

    def item_date(self, item):
        """The change's own date (``core.feeds``: ``<published>`` only when it is known to the day)."""
        return item.date, item.precision

    def item_updateddate(self, item):
        """Atom's required ``<updated>``: when the crisis page holding the change was last published."""
        changed = item.page.last_published_at or item.page.first_published_at
        published = self.item_pubdate(item)
        return max(changed, published) if changed and published else changed or published

    def item_categories(self, item):
        return [item.level.name]
