"""A new page that autosave created, then abandoned, never blocks the editor's next try.

Wagtail's autosave creates a new page as a draft as soon as the editor types in the "add page" form.
If the editor leaves that form (closes the tab, goes back) and adds the page again, the abandoned
draft holds the slug and the new form says "This slug is already in use". Here the page autosave
created is marked (``AUTOSAVE_STARTED``, a log entry, by the ``after_create_page`` hook), and when the
same editor adds a page whose slug only that abandoned draft holds, the new page replaces it: the
draft is deleted (its history records it) and the new page takes the slug.

The draft is deleted when the new page is written to the database (``delete_replaced_draft``, from
the page's ``save``), never before: the form of a new page is also cleaned and "saved" without a
write by the preview of the "add page" form, which, once autosave has created the page, sees that very
page holding the slug. The preview shows the form's page and leaves the draft alone.

A draft counts as abandoned only while nothing else happened to it: started by autosave by this very
editor, never published, never submitted for moderation, no sub-pages, no revision by anybody else.
Anything else (a draft someone saved on purpose, a page in review) keeps the usual error.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry, Revision

AUTOSAVE_STARTED = "icrtop.autosave_started"
ACTIONS = {AUTOSAVE_STARTED: (_("Started by autosave"), _("Page started by autosave"))}


def is_autosave(request):
    """An autosave request asks for JSON, where a click on "Save draft" asks for HTML."""
    return request.method == "POST" and not request.accepts("text/html")


def mark_autosave_started(request, page):
    """``after_create_page``: remember that this new page was created by autosave."""
    if is_autosave(request):
        PageLogEntry.objects.log_action(page, AUTOSAVE_STARTED, user=request.user)


def abandoned_draft(parent, slug, user):
    """The sibling under ``parent`` holding ``slug`` that is ``user``'s own abandoned autosave draft."""
    if not slug or user is None or not user.is_authenticated:
        return None
    page = parent.get_children().filter(slug=slug).first()
    if page is None or page.live or page.first_published_at or page.get_children_count():
        return None
    started = PageLogEntry.objects.filter(page=page, action=AUTOSAVE_STARTED, user=user).exists()
    if not started or page.workflow_states.exists():
        return None
    others = Revision.page_revisions.filter(object_id=str(page.pk)).exclude(user=user).exists()
    return None if others else page


def slug_fields(form):
    """The form's slug fields (``slug``, ``slug_en``, ``slug_fr``…) that have an error."""
    return [name for name in form.errors if name == "slug" or name.startswith("slug_")]


def replace_abandoned_draft(form):
    """For the admin's form of a new page, once cleaned: if the slug errors come only from the
    editor's own abandoned autosave draft, drop them and have the new page replace that draft when it
    is saved (``delete_replaced_draft``)."""
    form.instance.replaced_draft = None
    parent = getattr(form, "parent_page", None)
    if form.instance.pk or parent is None or not slug_fields(form):
        return
    slug = form.data.get("slug_en") or form.data.get("slug")
    draft = abandoned_draft(parent, slug, form.for_user)
    if draft is None:
        return
    siblings = parent.get_children().exclude(pk=draft.pk)
    for name in slug_fields(form):
        try:
            value = form.fields[name].clean(form.data.get(name, ""))
        except (KeyError, ValidationError):
            return  # a malformed slug: its own error stays
        if value and siblings.filter(**{name: value}).exists():
            return  # another page holds it too
    for name in slug_fields(form):
        form.cleaned_data[name] = form.fields[name].clean(form.data.get(name, ""))
        del form.errors[name]
        if hasattr(form.instance, name):
            setattr(form.instance, name, form.cleaned_data[name])
    form.instance.replaced_draft = ReplacedDraft(draft.pk, form.for_user)


class ReplacedDraft:
    """The abandoned autosave draft (its primary key) that a new page replaces, and who replaces it."""

    def __init__(self, pk, user):
        self.pk = pk
        self.user = user


def replaces_draft(page):
    """Whether ``page`` (new, not yet saved) takes the slug of an abandoned draft it replaces."""
    return page.pk is None and getattr(page, "replaced_draft", None) is not None


def delete_replaced_draft(page):
    """Called by a new page's ``save`` before it is written: delete the draft it replaces."""
    if replaces_draft(page):
        replaced, page.replaced_draft = page.replaced_draft, None
        draft = Page.objects.filter(pk=replaced.pk).first()
        if draft is not None:
            draft.specific.delete(user=replaced.user)
