"""Each public page type renders within a fixed number of SQL queries (page cache off, process and
chrome fragments warm: the second render after a change). One line per page type or address: add
new page types to BUDGETS."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

# (a page model "app_label.ModelName" whose first live page is requested, or an address; budget)
# The goal is 10. Menu, footer, section navigation, breadcrumbs and the newsletter link are read once per
# content generation; what is over the goal says what still queries on every uncached render.
BUDGETS = [
    ("pages.HomePage", 11),  # over the goal: the next events (they depend on the clock) and the members count
    ("pages.StandardPage", 10),
    ("pages.RtoPExplainerPage", 10),
    ("pages.HistoryPage", 11),  # over the goal: not yet cut
    ("pages.SteeringCommitteePage", 12),  # over the goal: not yet cut
    ("pages.ContactPage", 10),
    ("pages.MemberDirectoryPage", 10),  # facet counts and taxonomies cached per generation
    ("/en/search/?q=protect", 12),  # over the goal: Wagtail's search-term counters write two rows per search
]


def address(target):
    if target.startswith("/"):
        return target
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
def test_page_type_stays_within_its_query_budget(client, target, budget):
    url = address(target)
    client.get(url)  # warm the process (content types, site root paths) and the chrome fragments
    count, queries = queries_for(client, url)
    print(f"{target}: {count} queries")
    assert count <= budget, "\n".join(query["sql"] for query in queries.captured_queries)
