from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UNTextsConfig(AppConfig):
    """The tracker of UN texts that refer to the Responsibility to Protect (``/<lang>/un-texts/``)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "untexts"
    verbose_name = _("UN texts on RtoP")

    def ready(self):
        from . import sections  # noqa: F401  (the crisis page's and the crises listing's sections)

    def initial_content(self, command, home):
        """Called by ``load_initial_content`` (pages): the tracker's page and the texts of
        ``un-texts-r2p.csv``."""
        from .initial_content import load

        load(command, home)
