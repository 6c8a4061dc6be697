"""The Atom feeds date each entry by the content's own date, never more precisely than it is known:
an article dated by day has that day (at 00:00 UTC, the least Atom's date-time can say); a resource
known only by its month or year has no <published> at all. <updated> is when the entry last changed."""

import datetime

import pytest
from defusedxml import ElementTree as ET
from django.utils import timezone

from core.dates import DatePrecision
from publishing.models import ArticlePage, NewsIndexPage
from resources.models import ResourceIndexPage, ResourcePage

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    return {entry.find(f"{ATOM}title").text: entry for entry in feed.iter(f"{ATOM}entry")}


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_an_article_is_published_on_its_own_date(client, forget_cached_site_roots):
    publish(
        NewsIndexPage.objects.get(),
        ArticlePage(title="Statement of March", slug="statement-of-march", date=datetime.date(2026, 3, 2)),
    )
    entry = entries(client, "/en/news/feed/")["Statement of March"]
    assert entry.find(f"{ATOM}published").text == "2026-03-02T00:00:00+00:00"
    updated = datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
    assert timezone.now() - updated < datetime.timedelta(minutes=5)  # published on the site today


@pytest.mark.parametrize(
    "precision, published",
    [(DatePrecision.DAY, "2009-07-23T00:00:00+00:00"), (DatePrecision.MONTH, None), (DatePrecision.YEAR, None)],
)
def test_a_resource_is_dated_no_more_precisely_than_known(client, forget_cached_site_roots, precision, published):
    publish(
        ResourceIndexPage.objects.get(),
        ResourcePage(
            title="A report of 2009",
            slug="a-report-of-2009",
            resource_type=ResourcePage.ResourceType.REPORT,
            issuing_body=ResourcePage.IssuingBody.COALITION,
            date=datetime.date(2009, 7, 23) if precision == DatePrecision.DAY else datetime.date(2009, 7, 1),
            date_precision=precision,
            summary="A summary.",
        ),
    )
    entry = entries(client, "/en/resources/feed/")["A report of 2009"]
    element = entry.find(f"{ATOM}published")
    assert (element.text if element is not None else None) == published
    assert entry.find(f"{ATOM}updated") is not None
