"""Previews in every site language.

Wagtail's preview renders a page through a simulated request to its English address, so a translator
would only ever see English. ``LanguagePreviewMixin`` offers one preview mode per site language (the
"Preview mode" choice of the live preview panel, and ``?mode=ar`` for "Preview in new tab") and renders
the page with that language active, as a visitor of ``/ar/...`` would see it.
"""

from django.conf import settings
from django.utils import translation


def language_preview_modes():
    """(language code, the language's name in itself) for every site language, English first."""
    return [(code, translation.get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class LanguagePreviewMixin:
    """For Wagtail page (or previewable snippet) models: one preview mode per site language."""

    @property
    def preview_modes(self):
        return language_preview_modes()

    @property
    def default_preview_mode(self):
        return settings.LANGUAGE_CODE

    def serve_preview(self, request, mode_name):
        language = mode_name if mode_name in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().serve_preview(request, mode_name)
            # Render now: a TemplateResponse renders after this method returns, with English active.
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        response.headers.setdefault("Content-Language", language)
        return response
