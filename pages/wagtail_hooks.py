"""Admin hooks of the pages app: the "Coalition" menu, the translation status report, and what
translators may not do."""

from django.contrib.auth.models import Group
from django.http import HttpResponseForbidden
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.viewsets import TopicViewSet
from members.admin_views import MemberImportViewSet
from members.viewsets import MemberOrganisationViewSet, RegionViewSet, SectorViewSet
from offices.viewsets import OfficeViewSet

from .translation_tools.admin_views import TranslationStatusView, can_see_translation_status

TRANSLATORS_GROUP = "Translators"


class CoalitionViewSetGroup(SnippetViewSetGroup):
    """The "Coalition" admin menu: members, their import, regions, sectors, topics and the offices.
    Assembled here, where the site may import every record app (they do not import each other)."""

    menu_label = _("Coalition")
    menu_icon = "group"
    menu_order = 250
    # Other apps add their items with this hook (a viewset's ``menu_hook``, or a MenuItem).
    submenu_hook = "register_coalition_menu_item"
    items = [MemberOrganisationViewSet, MemberImportViewSet, RegionViewSet, SectorViewSet, TopicViewSet, OfficeViewSet]


@hooks.register("register_admin_viewset")
def register_coalition_viewsets():
    return CoalitionViewSetGroup()


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [path("reports/translation-status/", TranslationStatusView.as_view(), name="translation_status")]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_translation_status(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="globe",
        order=650,
    )


def is_translator_only(user, page):
    """A member of the Translators group who may not publish this page (editors who also
    translate keep their own rights)."""
    if user.is_superuser or not Group.objects.filter(name=TRANSLATORS_GROUP, user=user).exists():
        return False
    return not page.permissions_for_user(user).can_publish()


@hooks.register("before_delete_page")
def translators_never_delete_pages(request, page):
    """Wagtail lets anyone with "change" delete a page that was never published; translators may
    not delete anything."""
    if is_translator_only(request.user, page):
        return HttpResponseForbidden(_("Translators cannot delete pages."))
    return None


@hooks.register("before_bulk_action")
def translators_never_bulk_delete(request, action_type, objects, action_class_instance):
    if action_type == "delete" and any(
        is_translator_only(request.user, obj) for obj in objects if hasattr(obj, "permissions_for_user")
    ):
        return HttpResponseForbidden(_("Translators cannot delete pages."))
    return None
