"""Each public page type renders within a fixed number of SQL queries (page cache off, process and
chrome fragments warm: the second render after a change). One line per page type or address: add
new page types to BUDGETS."""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db

# (a page model "app_label.ModelName" whose first live page is requested, an address, or "member-profile";
# budget). The goal is 10 (issue 11); the crisis and article pages are still over it (see their lines).
# Menu, footer, section navigation, breadcrumbs, the newsletter link, the home page's sections and
# figures, the forms' privacy link, child page cards, a member's statements and crises, the steering
# committee and the search's editors' picks are read once per content generation (``core.generation``;
# per day, or until the next shown event ends, where the clock matters). What every page still reads:
# the site (1), the route (the home page, then 2 per level below it) and Wagtail's view restriction
# check (2).
BUDGETS = [
    ("pages.HomePage", 5),  # + the calls to action's chosen pages (a StreamField bulk read)
    ("pages.StandardPage", 6),
    ("pages.RtoPExplainerPage", 6),
    ("pages.HistoryPage", 9),  # + the timeline's events (one query)
    ("pages.SteeringCommitteePage", 8),
    ("pages.ContactPage", 9),
    ("pages.MemberDirectoryPage", 9),  # facet counts and taxonomies cached per generation
    ("member-profile", 8),
    ("publishing.CrisisIndexPage", 9),  # + the listing: count, rows
    # Topics, developments, statements, linked pages and members: once per generation (ShownRelationsMixin).
    ("publishing.CrisisPage", 8),
    ("publishing.NewsIndexPage", 10),  # + the listing: count, rows, authors
    # Authors (byline and JSON-LD), signatories, attachments, crises, topics: once per generation.
    ("publishing.ArticlePage", 8),
    ("resources.ResourceIndexPage", 10),  # + the listing: count, rows, topics
    ("resources.ResourcePage", 10),  # + topics, read twice (JSON-LD and the facts list)
    ("events.EventIndexPage", 10),  # + the listing: count, rows, topics
    ("events.EventPage", 10),  # + the parent (the index link) and topics
    ("engagement.MembershipApplicationPage", 8),  # + the form's region and sector choices
    ("engagement.ContactFormPage", 9),  # + the form's office choices
    ("engagement.NewsletterPage", 6),
    ("engagement.PrivacyNoticePage", 6),
    # A search that finds something: the index (3 queries) and the two search-term counters (one upsert
    # each; the savepoint around them is there only because the test runs in a transaction).
    ("/en/search/?q=protect", 8),
    ("/en/search/?q=zzqqxx-nothing", 9),  # + the unanswered-search counter and the spelling suggestion
]


@pytest.fixture
def publications():
    """One crisis, one statement signed by a member and one upcoming event: the initial content has
    none (they are what editors add)."""
    from events.factories import EventPageFactory
    from events.models import EventIndexPage
    from members.models import MemberOrganisation
    from publishing.factories import ArticlePageFactory, CrisisPageFactory
    from publishing.models import ArticleSignatory, CrisisIndexPage, NewsIndexPage

    member = MemberOrganisation.objects.for_profile().order_by("pk").first()
    crisis = CrisisPageFactory.build(title="Budget crisis", slug="budget-crisis", status="current")
    crisis.members = [member]
    CrisisIndexPage.objects.get().add_child(instance=crisis)
    article = ArticlePageFactory.build(title="Budget statement", slug="budget-statement", kind="statement")
    article.related_crises = [crisis]
    article.signatories = [ArticleSignatory(member=member)]
    NewsIndexPage.objects.get().add_child(instance=article)
    EventPageFactory(
        parent=EventIndexPage.objects.get(),
        slug="budget-event",
        is_sample=False,
        start_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    return member


def address(target, member):
    if target.startswith("/"):
        return target
    if target == "member-profile":
        from pages.models import MemberDirectoryPage

        return MemberDirectoryPage.objects.live().get().profile_url(member)
    model = apps.get_model(target)
    page = model.objects.live().public().order_by("path").first()
    assert page is not None, f"no live {target} in the initial content"
    return page.get_url()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), queries


@pytest.mark.parametrize("target, budget", BUDGETS, ids=[target for target, _ in BUDGETS])
def test_page_type_stays_within_its_query_budget(client, publications, target, budget):
    url = address(target, publications)
    client.get(url)  # warm the process (content types, site root paths) and the chrome fragments
    count, queries = queries_for(client, url)
    print(f"{target}: {count} queries")
    assert count <= budget, "\n".join(query["sql"] for query in queries.captured_queries)
