from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Django's own messages that Wagtail's catalogues translate loosely for visitors ("Champ requis.",
# "Este campo es necesario.", "Требуется заполнить это поле."): the project's catalogues, read first
# (LOCALE_PATHS), give the wording the site's forms use.
OVERRIDDEN_MESSAGES = (
    gettext_noop("This field is required."),
    # Arabic: the adjective agrees with its object in the accusative, «صحيحاً» (fourth language review).
    gettext_noop("Enter a valid email address."),
)


class CoreConfig(AppConfig):
    """What several apps share: taxonomies, admin menu pieces, the admin forms' extension point
    (``core.admin_forms``), helpers. Imports no other project app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Shared")

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_save, pre_save

        from . import checks, generation, slugs  # noqa: F401 - checks registers the deploy checks
        from .cache_backends import recovered
        from .exports import protect_wagtail_exports

        request_started.connect(generation.request_started_handler, dispatch_uid="generation-request-started")
        request_finished.connect(generation.request_finished_handler, dispatch_uid="generation-request-finished")
        recovered.connect(generation.bump_after_cache_outage, dispatch_uid="generation-cache-recovered")
        protect_wagtail_exports()
        # A page's address changed in a language: the old one redirects (core.slugs).
        pre_save.connect(slugs.remember_addresses, dispatch_uid="slugs-remember-addresses")
        post_save.connect(slugs.redirect_changed_addresses, dispatch_uid="slugs-redirect-changed-addresses")
