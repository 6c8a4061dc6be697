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
# budget). The goal was 10 (issue 11); every page type is now well under it.
# Read once per content generation (``core.generation``; per day, or until the next shown event ends,
# where the clock matters): Wagtail's site, route and view-restriction check (``sitecache.routing``),
# the menu, footer, section navigation, breadcrumbs, language links, the newsletter link, the home
# page's sections and figures, pictures, the forms' privacy link, child page cards, a member's
# statements and crises, the steering committee, a crisis's or article's relations, and the search's
# editors' picks. What is left is what depends on the visitor's query (a listing's filters and page).
BUDGETS = [
    ("pages.HomePage", 0),
    ("pages.StandardPage", 0),
    ("pages.RtoPExplainerPage", 0),
    ("pages.HistoryPage", 1),  # the timeline's events
    ("pages.SteeringCommitteePage", 0),
    ("pages.ContactPage", 0),
    ("pages.MemberDirectoryPage", 0),  # facets, count and rows cached per filter values
    ("member-profile", 2),  # the member and its relations
    ("publishing.CrisisIndexPage", 1),  # Wagtail's public() reads the view restrictions to build the listing's query
    ("publishing.CrisisPage", 0),
    ("publishing.NewsIndexPage", 1),  # Wagtail's public() reads the view restrictions to build the listing's query
    ("publishing.ArticlePage", 0),
    ("resources.ResourceIndexPage", 1),  # Wagtail's public() reads the view restrictions to build the listing's query
    ("resources.ResourcePage", 1),  # its topics (the facts list and the JSON-LD share them)
    ("events.EventIndexPage", 1),  # Wagtail's public() reads the view restrictions to build the listing's query
    ("events.EventPage", 1),  # its topics
    ("engagement.MembershipApplicationPage", 2),  # the form's region and sector choices
    ("engagement.ContactFormPage", 1),  # the form's office choices
    ("engagement.NewsletterPage", 0),
    ("engagement.PrivacyNoticePage", 0),
    # A search: the index (3 queries) and the search-term counters (one upsert each; the savepoint
    # around them is there only because the test runs in a transaction).
    ("/en/search/?q=protect", 7),
    ("/en/search/?q=zzqqxx-nothing", 7),  # the unanswered-search counter and the spelling suggestion
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
