"""Open data, /<lang>/members.csv and /<lang>/members.json: the member directory's current filter as
CSV or JSON (same parameters as the page, no paging). A member shown by region only has an empty
country and city there (``members.data``, ``public=True``). Generated sample organisations are never
exported: open data is taken as real."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from members.data import PUBLIC_COLUMNS, export_rows, write_csv
from members.directory import DirectoryQuery

from .models import MemberDirectoryPage


def _members(request):
    query = DirectoryQuery.from_params(request.GET)
    return query, query.members().real().with_display_relations()


@require_safe
def members_csv(request):
    _query, members = _members(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="icrtop-members.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    write_csv(members, response, public=True)
    return response


@require_safe
def members_json(request):
    query, members = _members(request)
    directory = MemberDirectoryPage.objects.live().first()
    base_url = request.build_absolute_uri(directory.url) if directory and directory.url else ""
    records = []
    for member, row in zip(members, export_rows(members, public=True), strict=True):
        row.update(
            {
                "country_name": str(member.public_country.name) if member.public_country else "",
                "region_name": member.region.name,
                "sector_names": [sector.name for sector in member.sectors.all()],
                "public_email": member.public_email,
                "url": f"{base_url}{member.slug}/" if base_url else "",
            }
        )
        records.append(row)
    response = JsonResponse(
        {"columns": PUBLIC_COLUMNS, "notes": query.notes, "count": len(records), "members": records},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
