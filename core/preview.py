"""Previews in every site language.

Wagtail's preview renders a page through a simulated request to its English address, so a translator
would only ever see English. ``LanguagePreviewMixin`` offers one preview mode per site language (the
"Preview mode" choice of the live preview panel, and ``?mode=ar`` for "Preview in new tab", "preview
this version" and the moderation review) and renders the page with that language active, as a visitor
of ``/ar/...`` would see it. A routable page takes ``LanguageRoutablePageMixin`` instead of Wagtail's
``RoutablePageMixin``, whose own ``serve_preview`` (the index route) would come first and skip the
language.
"""

from django.conf import settings
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin


def language_preview_modes():
    """(language code, the language's name in itself) for every site language, English first."""
    return [(code, translation.get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


def serve_in_language(request, mode_name, serve):
    """``serve(request, mode_name)`` rendered with the preview mode's language active."""
    language = mode_name if mode_name in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = serve(request, mode_name)
        # Render now: a TemplateResponse renders after this method returns, with English active.
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
    response.headers.setdefault("Content-Language", language)
    return response


class LanguagePreviewMixin:
    """For Wagtail page (or previewable snippet) models: one preview mode per site language."""

    @property
    def preview_modes(self):
        return language_preview_modes()

    @property
    def default_preview_mode(self):
        return settings.LANGUAGE_CODE

    def make_preview_request(self, original_request=None, preview_mode=None, extra_request_attrs=None):
        # Wagtail's moderation preview (``workflow_preview``) always asks for the default mode: the
        # reviewer's ``?mode=fr`` is honoured there as in the other preview views.
        asked = original_request.GET.get("mode") if original_request is not None else None
        if asked in dict(settings.LANGUAGES):
            preview_mode = asked
        return super().make_preview_request(original_request, preview_mode, extra_request_attrs)

    def serve_preview(self, request, mode_name):
        return serve_in_language(request, mode_name, super().serve_preview)


class LanguageRoutablePageMixin(RoutablePageMixin):
    """Wagtail's ``RoutablePageMixin`` whose preview (the index route) is in the preview's language."""

    def serve_preview(self, request, mode_name):
        return serve_in_language(request, mode_name, super().serve_preview)
