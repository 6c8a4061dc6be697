"""Shared fixtures. The initial content is loaded once into the test database; every test runs in
a transaction that is rolled back, so tests see the real site and cannot disturb each other."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation


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
def forget_cached_site_roots():
    """For tests that change the page tree or slugs: Wagtail and wagtail-modeltranslation cache the
    site root paths per language, and the cache outlives the rolled-back transaction."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
