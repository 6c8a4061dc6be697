"""Admin hooks of the translation tools: the translation status report (Reports → Translation status)
and the side-by-side view, what translators may not do (delete pages), and the translator's dashboard
panel ("Translations to do")."""

from django.http import HttpResponseForbidden
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .admin_views import TranslateView, TranslationStatusView, can_see_translation_status
from .translators import in_translators_group, is_translator_only


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path("reports/translation-status/", TranslationStatusView.as_view(), name="translation_status"),
        path("translate/<str:kind>/<int:pk>/<str:language>/", TranslateView.as_view(), name="translate"),
    ]


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


class TranslatorPanel(Component):
    """The dashboard's "Translations" panel: per language, what is missing or out of date, with a
    link to the list (shown to translators first of all; the user's own admin language first)."""

    name = "translations"
    order = 50
    template_name = "translations/admin/translator_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        from .status import translation_status

        statuses = translation_status(user=self.user)
        preferred = getattr(getattr(self.user, "wagtail_userprofile", None), "preferred_language", "") or ""
        statuses.sort(key=lambda s: s.code != preferred.lower())
        rows = [
            {
                "status": status,
                "missing": status.total - status.filled,
                "records": len(status.incomplete()),
                "url": reverse("translation_status") + f"?language={status.code}#missing",
            }
            for status in statuses
        ]
        return {"rows": rows, "is_translator": in_translators_group(self.user)}


@hooks.register("construct_homepage_panels")
def add_translator_panel(request, panels):
    if in_translators_group(request.user):
        panels.append(TranslatorPanel(request.user))
