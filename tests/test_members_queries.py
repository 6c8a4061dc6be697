"""The directory and the profile use a fixed number of SQL queries, whatever the number of members."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.management.commands.make_sample_members import make_samples
from members.models import MemberOrganisation, Region, Sector

pytestmark = pytest.mark.django_db

# Wagtail's routing (site, page, ancestors for the breadcrumbs and navigation) plus the directory's
# own: regions, sectors, four facet counts, the total, the page of members and their sectors; and the
# footer's links (its sections, the pages of known types, the accessibility statement, social accounts).
MAX_QUERIES = 30

URLS = [
    "/en/members/",
    "/en/members/?region=africa&sector=human-rights",
    "/en/members/?q=organisation+1&type=member",
    "/en/members/?country=KE&page=1",
    "/en/members.csv?region=europe",
]


def members(count):
    make_samples(count, list(Region.objects.all()), list(Sector.objects.all()))
    assert MemberOrganisation.objects.samples().count() == count
    # The country filter below (?country=KE) must show members at every size, or the small page renders
    # fewer queries than the large one: one sample in Kenya, in its region.
    first = MemberOrganisation.objects.samples().order_by("pk").first()
    first.country, first.region = "KE", Region.objects.get(slug_en="africa")
    first.compute_derived_fields()
    first.save()


def profile_url():
    return f"/en/members/{MemberOrganisation.objects.samples().order_by('pk').first().slug}/"


@pytest.mark.parametrize("count", [10, 2000])
@pytest.mark.parametrize("url", URLS)
def test_directory_query_count_is_bounded(client, django_assert_max_num_queries, count, url):
    members(count)
    client.get("/en/members/")  # warm the per-process caches (site root paths, content types)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 2000])
def test_profile_query_count_is_bounded(client, django_assert_max_num_queries, count):
    members(count)
    url = profile_url()
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


def count_queries(client, url):
    from django.core.cache import cache

    cache.clear()  # measure renders with nothing cached (facet counts, chrome), before and after
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_members(client):
    members(10)
    client.get("/en/members/")
    small = {url: count_queries(client, url) for url in [*URLS, profile_url()]}
    members_before = MemberOrganisation.objects.count()
    make_samples(1990, list(Region.objects.all()), list(Sector.objects.all()))
    assert MemberOrganisation.objects.count() == members_before + 1990
    large = {url: count_queries(client, url) for url in small}
    assert large == small
    print(small)
