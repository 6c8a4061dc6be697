"""What makes cached pages stale, connected once for every model (so page types and record apps
added later are covered without touching this module):

- Wagtail's page signals: published, unpublished, moved, slug changed; the deletion of any page;
  the publication of a snippet with drafts.
- ``post_save``, ``post_delete`` and ``m2m_changed`` of every model of the watched apps (every
  project app by default, plus Wagtail's images, documents, sites, view restrictions, tags and search
  promotions), except models listed in ``SITECACHE_IGNORED_MODELS``, image renditions (made while
  pages render) and a page's own draft bookkeeping saves (a draft is not public).

Each bumps the content generation (``core.generation``) and, once the transaction commits,
asks the frontend caches (``WAGTAILFRONTENDCACHE``) to purge the changed page's address in every
language and every language's home page.
"""

import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, published, unpublished

from core import generation

from . import conf

logger = logging.getLogger(__name__)

# Wagtail apps whose records show on public pages.
WAGTAIL_WATCHED = {"wagtailimages", "wagtaildocs", "taggit", "wagtailsearchpromotions"}
WAGTAIL_WATCHED_MODELS = {
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
}
# Fields Wagtail saves on a page when a draft is saved or submitted (the live content is unchanged).
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "wagtail_admin_comments",
}


def project_app_labels():
    base = Path(settings.BASE_DIR).resolve()
    labels = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.parts and "site-packages" not in path.parts:
            labels.add(config.label)
    return labels


_watched = None


def watched_labels():
    global _watched
    if _watched is None:
        configured = conf.watched_apps()
        _watched = set(configured) if configured is not None else project_app_labels() | WAGTAIL_WATCHED
    return _watched


def is_watched(model):
    meta = model._meta
    name = f"{meta.app_label}.{meta.model_name}"
    ignored = conf.ignored_models()
    if meta.app_label in ignored or name in ignored:
        return False
    if name in WAGTAIL_WATCHED_MODELS:
        return True
    if meta.app_label not in watched_labels():
        return False
    from wagtail.images.models import AbstractRendition

    return not issubclass(model, AbstractRendition)


def page_urls(page):
    """The page's full address in every language (translated slugs), and every language's home."""
    urls = []
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                url = page.get_full_url()
            except Exception:  # noqa: BLE001 - a page without a site has no public address
                logger.debug("no URL for %r", page, exc_info=True)
                url = None
        if url:
            urls.append(url)
    return urls


def home_urls():
    from wagtail.models import Site

    urls = []
    for site in Site.objects.all():
        for code, _name in settings.LANGUAGES:
            urls.append(f"{site.root_url}/{code}/")
    return urls


class Purge:
    """Purges a changed page's addresses and every home page from the frontend caches; runs after
    the commit, once per page per transaction."""

    def __init__(self, page=None):
        self.page = page
        self.key = ("purge", getattr(page, "pk", None))

    def urls(self):
        urls = home_urls()
        if self.page is not None:
            urls += page_urls(self.page)
        return sorted(set(urls))

    def __call__(self):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        try:
            purge_urls_from_cache(self.urls())
        except Exception:  # noqa: BLE001 - a CDN outage must not undo a publish
            logger.exception("frontend cache purge failed")


def invalidate(page=None):
    """Makes every cached page stale; purges the frontend caches after the commit."""
    if not conf.enabled():
        return
    purge = Purge(page) if getattr(settings, "WAGTAILFRONTENDCACHE", None) else None
    generation.bump(after_commit=purge)


def on_page_change(sender, instance, **kwargs):
    invalidate(instance)


def on_record_published(sender, instance, **kwargs):
    """A snippet with drafts (DraftStateMixin) published or unpublished."""
    if not isinstance(instance, Page) and is_watched(sender):
        invalidate()


def on_save(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or not is_watched(sender):
        return
    if isinstance(instance, Page):
        if update_fields is not None and set(update_fields) <= DRAFT_FIELDS:
            return
        if not instance.live:
            # A draft page shows nowhere; publishing it sends page_published.
            return
        invalidate(instance)
        return
    invalidate()


def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate(instance)
    elif is_watched(sender):
        invalidate()


def on_m2m(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and is_watched(type(instance)):
        invalidate()


def connect():
    page_published.connect(on_page_change, dispatch_uid="sitecache-published")
    page_unpublished.connect(on_page_change, dispatch_uid="sitecache-unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="sitecache-moved")
    page_slug_changed.connect(on_page_change, dispatch_uid="sitecache-slug")
    published.connect(on_record_published, dispatch_uid="sitecache-record-published")
    unpublished.connect(on_record_published, dispatch_uid="sitecache-record-unpublished")
    post_save.connect(on_save, dispatch_uid="sitecache-save")
    post_delete.connect(on_delete, dispatch_uid="sitecache-delete")
    m2m_changed.connect(on_m2m, dispatch_uid="sitecache-m2m")
