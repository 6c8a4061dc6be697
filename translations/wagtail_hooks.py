"""Admin hooks of the translation tools: the translation status report (Reports → Translation status)
and the side-by-side view, what translators may not do (delete pages), and the translator's dashboard
panel ("Translations to do")."""

import json

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden, JsonResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, json_script
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from .admin_views import TranslateView, TranslationStatusView, can_see_translation_status
from .copying import copied_field
from .translators import in_translators_group, is_translator_only


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path("reports/translation-status/", TranslationStatusView.as_view(), name="translation_status"),
        path("translate/<str:kind>/<int:pk>/<str:language>/", TranslateView.as_view(), name="translate"),
        path("translate/copy-stream/", copy_translated_stream, name="copy_translated_stream"),
    ]


# --- "Copy content from" buttons of the translated text fields (translations.copying) ------------
# They replace wagtail-modeltranslation's script (buttons on every nested panel, inline panels such as
# Signatories and Attachments included, with targets like "body_zh_fr") and its view (CSRF-exempt, a
# 500 on an unknown page, unusable on a page not yet created).


def refused(reason):
    # A 400, not a 404: the admin's addresses have no language prefix, and LocaleMiddleware turns
    # their 404s into redirects to /en/admin/….
    return JsonResponse({"error": reason}, status=400)


@login_required
@require_POST
def copy_translated_stream(request):
    """The StreamField or rich text field ``target_field_name`` of the page being edited (``page``) or
    of a page or record of a type (``content_type``: app_label.model), filled with the content posted
    for ``origin_field_name``. It renders what was posted and reads nothing stored."""
    if request.POST.get("page"):
        page = Page.objects.filter(pk=request.POST["page"]).first() if request.POST["page"].isdigit() else None
        if page is None or not page.permissions_for_user(request.user).can_edit():
            return refused("no such page")
        model = page.specific_class
    else:
        try:
            model = apps.get_model(request.POST.get("content_type", ""))
        except (LookupError, ValueError):
            return refused("no such type")
    origin, target = request.POST.get("origin_field_name", ""), request.POST.get("target_field_name", "")
    field = copied_field(model, origin, target)
    if field is None:
        return refused("not two languages of one translated StreamField or rich text field")
    try:
        posted = json.loads(request.POST.get("serializedOriginField", "[]"))
        data = {item["name"].replace(origin, target, 1): item["value"] for item in posted}
    except (ValueError, TypeError, KeyError, AttributeError):
        return refused("unreadable content")
    widget = field.formfield().widget
    value = widget.value_from_datadict(data, {}, target)
    return JsonResponse(str(widget.render(target, value, attrs={"id": f"id_{target}"})), safe=False)


@hooks.register("insert_editor_js")
def copy_translated_streams_script():
    config = {
        "url": reverse("copy_translated_stream"),
        "languages": [code for code, _name in settings.LANGUAGES],
        "label": str(_("Copy content from:")),
        "failed": str(_("The content could not be copied. Please try again.")),
    }
    return format_html(
        '{}<script src="{}" defer></script><link rel="stylesheet" href="{}">',
        json_script(config, "icrtop-copy-streams"),
        static("translations/admin/copy_translated_streams.js"),
        static("translations/admin/copy_buttons.css"),
    )


@hooks.register("insert_editor_js", order=-1)  # before the library's toggles read it
def modeltranslation_settings_script():
    """wagtail-modeltranslation's settings for its language toggles, as its own hook gives them, but with
    the toggles' label ("View / edit fields for") translated by the site's catalogues (the library ships
    none) and written as JSON (the library pastes it between quotes, which an apostrophe would break)."""
    from modeltranslation import settings as mt_settings
    from wagtail_modeltranslation import settings as wmt_settings

    config = {
        "languages": [code for code, _name in settings.LANGUAGES],
        "defaultLanguage": mt_settings.DEFAULT_LANGUAGE,
        "viewEditString": str(_("View / edit fields for")),
        "translate_slugs": bool(wmt_settings.TRANSLATE_SLUGS),
        "locale_picker_default": list(wmt_settings.LOCALE_PICKER_DEFAULT or [mt_settings.DEFAULT_LANGUAGE]),
        "locale_picker_restore": bool(wmt_settings.LOCALE_PICKER_RESTORE),
    }
    return format_html(
        "{}<script>wagtailModelTranslations = JSON.parse("
        'document.getElementById("icrtop-modeltranslation").textContent);</script>',
        json_script(config, "icrtop-modeltranslation"),
    )


def without_library_copy_tools():
    """Drop wagtail-modeltranslation's copy-button script (replaced above), its settings script (replaced
    above, translated) and the URL of its copy view (``pages/<id>/edit/copy_translation_content/``,
    CSRF-exempt and unused: that address is a 404)."""
    from wagtail_modeltranslation import wagtail_hooks as library

    for hook_name, function in (
        ("insert_editor_js", library.translation_settings),
        ("insert_editor_js", library.streamfields_translation_copy),
        ("register_admin_urls", library.copy_streamfields_content),
    ):
        registered = hooks._hooks.get(hook_name, [])
        registered[:] = [(fn, order) for fn, order in registered if fn is not function]


without_library_copy_tools()


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


@hooks.register("before_move_page")
def translators_never_move_pages(request, page, destination):
    if is_translator_only(request.user, page):
        return HttpResponseForbidden(_("Translators cannot move pages."))
    return None


@hooks.register("before_copy_page", order=-1)  # before wagtail-modeltranslation's, which serves the copy itself
def translators_never_copy_pages(request, page):
    if is_translator_only(request.user, page):
        return HttpResponseForbidden(_("Translators cannot copy pages."))
    return None


def without_move_and_copy_for_translators():
    """Wagtail shows "Move" and "Copy" (a page's listing menu and its header) to whoever may change the
    page; the views refuse translators (above), so the buttons are not offered to them either."""
    from wagtail.admin import wagtail_hooks as admin_hooks

    hidden = (admin_hooks.PageListingMoveButton, admin_hooks.PageListingCopyButton)

    def filtered(function):
        def buttons(**kwargs):
            found = list(function(**kwargs))
            if is_translator_only(kwargs["user"], kwargs["page"]):
                found = [button for button in found if not isinstance(button, hidden)]
            return found

        buttons.wrapped = function
        return buttons

    for hook_name, function in (
        ("register_page_listing_more_buttons", admin_hooks.page_listing_more_buttons),
        ("register_page_header_buttons", admin_hooks.page_header_buttons),
    ):
        registered = hooks._hooks.get(hook_name, [])
        registered[:] = [(filtered(fn) if fn is function else fn, order) for fn, order in registered]


without_move_and_copy_for_translators()


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
