"""Shared fixtures. The initial content is loaded once into the test database; every test runs in
a transaction that is rolled back, so tests see the real site and cannot disturb each other."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from xdist.scheduler import LoadScopeScheduling

# The suite runs on PostgreSQL, as in production (make test-postgres). These modules also run on SQLite,
# make run's database (make test-sqlite): what make run relies on, and what the two databases do
# differently. Every other test means the same on both, so it runs once.
SQLITE_TOO = {
    "test_initial_content": "make run's set-up: load_initial_content on a new and an existing database",
    "test_structure_migration": "migrations (SQLite rebuilds tables where PostgreSQL alters them)",
    "test_search": "the site search's SQLite fallback, which make run serves",
    "test_search_chinese": "Chinese search (pieces in any order, synonyms) on the SQLite fallback too",
    "test_sitesearch": "the SQLite fallback's matching, ranking and suggestions (PostgreSQL's own tests skip)",
    "test_fuzz": "odd input reaching the database (SQLite raises OverflowError where PostgreSQL raises DataError)",
    "test_members_directory": "the directory's filters, text search and natural name order on SQLite",
    "test_members_import": "imports (transactions and integrity errors differ)",
    "test_members_queries": "the directory's query budget and partial indexes on SQLite",
}


@pytest.hookimpl(tryfirst=True)  # before pytest-django's reordering, which must have the last word
def pytest_collection_modifyitems(items):
    """Marks the SQLITE_TOO modules, then orders the run: browser tests after the rest, and in each
    group the slow tests first. pytest-xdist hands tests out in this order, so the long ones start
    early on both workers and the last minutes are short tests shared by both, not one worker
    finishing a long journey while the other waits. pytest-django then sorts (stably) the tests that
    use the database before the transactional ones, which empty the database when they end, and
    those before the tests without a database: the slow ones come first within each of its groups."""
    for item in items:
        if Path(str(item.path)).stem in SQLITE_TOO:
            item.add_marker(pytest.mark.sqlite)
    items.sort(
        key=lambda item: (item.get_closest_marker("browser") is not None, item.get_closest_marker("slow") is None)
    )


# The design rules and the screenshot of one page type, language and width share one page load
# (tests/browser/conftest.py, ``visit_page_type``): their test ids end in the same "[page-language-width]".
SHARED_VISIT = re.compile(
    r"^tests/browser/test_(?:design_rules\.py::test_every_page_type_follows_the_design_rules"
    r"|screenshots\.py::test_screenshot_of_each_page_type)(?P<visit>\[[^\]]+\])$"
)


class PageVisitScheduling(LoadScopeScheduling):
    """pytest-xdist's load scheduling in units of work: the tests that share a page load form one unit,
    run on one worker one after the other; every other test is a unit of its own. Units go out in the
    collection's order (slow tests first: ``pytest_collection_modifyitems`` above). pytest-xdist's own
    ``--dist loadgroup`` would do this from ``xdist_group`` marks, but it renames test ids, which pytest 9
    no longer allows (the marks are silently ignored)."""

    def _split_scope(self, nodeid):
        match = SHARED_VISIT.match(nodeid)
        return "visit" + match["visit"] if match else nodeid


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` (make test-browser) runs with ``PageVisitScheduling``."""
    if config.getoption("dist") == "loadgroup":
        return PageVisitScheduling(config, log)
    return None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_initial_content", stdout=io.StringIO())
        call_command("rebuild_site_search", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _english_by_default():
    """Tests start in English, like a request for /en/."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached pages and chrome fragments of a rolled-back test
    must not leak into the next one."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def translator(django_user_model):
    """A member of the Translators group only."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("translator", "t@example.org", "a-long-test-password")
    user.groups.add(Group.objects.get(name="Translators"))
    return user


@pytest.fixture
def staff_editor(django_user_model):
    """A member of the Editors group only: changes pages, submits them to the Moderators."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("page-editor", "page-editor@example.org", "a-long-test-password")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(django_user_model):
    """A member of the Moderators group only."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("moderator", "m@example.org", "a-long-test-password")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def forget_cached_site_roots():
    """For tests that change the page tree or slugs: Wagtail and wagtail-modeltranslation cache the
    site root paths per language, and the cache outlives the rolled-back transaction."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
