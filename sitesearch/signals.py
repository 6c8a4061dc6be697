"""Keep the index current: pages on publish, unpublish, move and delete (and their dependent
records, e.g. the timeline events of a history page), privacy changes, records on save and
delete. The index lives in the same database, so a rolled-back change rolls its rows back too."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import backend, registry


@receiver(page_published)
def page_was_published(sender, instance, **kwargs):
    backend.index_page_and_dependents(instance)


@receiver(page_unpublished)
def page_was_unpublished(sender, instance, **kwargs):
    backend.index_page_and_dependents(instance)


@receiver(post_page_move)
def page_was_moved(sender, instance, **kwargs):
    # Every address under the page changed.
    backend.index_page_and_dependents(instance, subtree=True)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        backend.index_page_and_dependents(page, subtree=True)


def object_deleted(sender, instance, **kwargs):
    backend.remove_object(instance)


def record_saved(sender, instance, raw=False, **kwargs):
    """A registered record (not a page: pages are indexed when published) was saved."""
    if raw:
        return
    backend.index_object(instance)


def connect():
    """Listen to the registered models only (a receiver for every model would make Django give up
    its fast bulk deletes everywhere). Called once the registrations are made (apps.ready)."""
    post_delete.connect(object_deleted, sender=Page, dispatch_uid="sitesearch-page-deleted")
    for reg in registry.non_page_registrations():
        uid = f"sitesearch-{reg.label}"
        post_save.connect(record_saved, sender=reg.model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(object_deleted, sender=reg.model, dispatch_uid=f"{uid}-deleted")
