"""The Wagtail admin forms of the site's pages and records, and the hook other apps change them with.

Every page type (``core.models.TranslatedPageMixin``) and every reviewed record
(``core.models.ReviewedRecord``: members, regions, sectors, topics, offices) edits through
``SitePageForm`` or ``SiteAdminModelForm`` (their ``base_form_class``). These forms do nothing of
their own: each *form extension* registered with ``register_form_extension`` (an app does it in its
``AppConfig.ready``) sees every such form once it is built, and again when it is cleaned, in the order
of registration. That is how an app that ``core`` must not know changes every admin form, e.g. to
restrict what some users may change (``translations``: translators change translations only).
"""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .autosave import replace_abandoned_draft

_extensions = []


class FormExtension:
    """What an app adds to every admin form of the site; override either method."""

    def prepare(self, form):
        """Called once ``form`` is built (its fields, formsets and ``for_user`` are there)."""

    def clean(self, form, cleaned_data):
        """Called after the form's own ``clean``: report problems with ``form.add_error``."""


def register_form_extension(extension):
    """Add ``extension`` (a ``FormExtension``) to every admin form of the site; idempotent."""
    if extension not in _extensions:
        _extensions.append(extension)
    return extension


def form_extensions():
    return tuple(_extensions)


class SiteAdminFormMixin:
    """Applies the registered form extensions (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for extension in form_extensions():
            extension.prepare(self)

    def clean(self):
        cleaned_data = super().clean()
        for extension in form_extensions():
            extension.clean(self, cleaned_data)
        return cleaned_data


class SiteAdminModelForm(SiteAdminFormMixin, WagtailAdminModelForm):
    """``base_form_class`` of the site's records (members, regions, sectors, topics, offices)."""


class SitePageForm(SiteAdminFormMixin, WagtailAdminPageForm):
    """``base_form_class`` of the site's page types. A new page may take the slug of the editor's own
    abandoned autosave draft, which the page replaces once saved (``core.autosave``)."""

    def _post_clean(self):
        super()._post_clean()
        replace_abandoned_draft(self)
