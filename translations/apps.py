from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Translation tooling: status, PO exchange, out-of-date tracking, the translators' restrictions and
    the side-by-side view. Imports ``core``, ``pages`` and the record apps; no app imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from core.admin_forms import register_form_extension

        from . import slug_sync, staleness
        from .translators import TRANSLATOR_RESTRICTION

        staleness.connect()
        slug_sync.leave_translated_slugs_to_the_server()
        # In this order, as before the move: the translator's restriction, then the out-of-date marks.
        register_form_extension(TRANSLATOR_RESTRICTION)
        register_form_extension(staleness.OUT_OF_DATE_MARKS)
