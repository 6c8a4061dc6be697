from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What several apps share: taxonomies, admin menu pieces, the admin forms' extension point
    (``core.admin_forms``), helpers. Imports no other project app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Shared")

    def ready(self):
        from django.core.signals import request_finished, request_started

        from . import checks, generation  # noqa: F401 - checks registers the deploy checks
        from .cache_backends import recovered
        from .exports import protect_wagtail_exports

        request_started.connect(generation.request_started_handler, dispatch_uid="generation-request-started")
        request_finished.connect(generation.request_finished_handler, dispatch_uid="generation-request-finished")
        recovered.connect(generation.bump_after_cache_outage, dispatch_uid="generation-cache-recovered")
        protect_wagtail_exports()
