"""Admin hooks of publishing: the crisis levels, under the "Coalition" menu (its ``submenu_hook``),
and the message that a crisis's status follows its level."""

from django.contrib import messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core.viewsets import OrderedTaxonomyViewSet

from .models import CrisisLevel, CrisisPage


class CrisisLevelViewSet(OrderedTaxonomyViewSet):
    """Current crisis, imminent risk, serious concern, past…: gravest first (drag to reorder)."""

    model = CrisisLevel
    icon = "warning"
    menu_label = _("Crisis levels")
    menu_order = 360
    menu_hook = "register_coalition_menu_item"
    list_display = ["name", "slug", "tone", "sort_order"]


register_snippet(CrisisLevelViewSet)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def status_follows_level(request, page):
    """Staff who chose a status that contradicts the crisis's level are told, after saving, that the
    status follows the level (``CrisisPage.save``): what visitors see, and how to change it."""
    if not isinstance(page, CrisisPage):
        return
    chosen = request.POST.get("status", "")
    level_id = page.current_level()[0]
    status = CrisisPage.status_of_level(level_id)
    if chosen not in CrisisPage.Status.values or status is None or status == chosen:
        return
    messages.warning(
        request,
        gettext(
            "The status follows the level: with the level “%(level)s”, this crisis is shown as “%(status)s”, "
            "not “%(chosen)s” as chosen (once published). To change it, add an entry to the level history."
        )
        % {
            "level": CrisisLevel.objects.get(pk=level_id).name,
            "status": CrisisPage.Status(status).label,
            "chosen": CrisisPage.Status(chosen).label,
        },
    )
