"""Open Graph and Twitter card tags for every page (``templates/includes/social_meta.html``)."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.text import Truncator

from core.paths import same_site_path

register = template.Library()

# Open Graph wants language_TERRITORY locales; these are the ones its consumers know for the six languages.
OG_LOCALES = {"en": "en_US", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR", "zh-hans": "zh_CN", "ru": "ru_RU"}
IMAGE_FIELDS = ("og_image", "image", "listing_image")
IMAGE_FILTER = "fill-1200x630"
TEXT_FIELDS = ("summary", "intro", "teaser", "hero_text")


def page_image(page):
    for name in IMAGE_FIELDS:
        image = getattr(page, name, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image
    return None


@register.simple_tag(takes_context=True)
def social_meta(context, page=None, seo=None):
    """Title, description, canonical address, image rendition (1200×630), type and locales of the page
    being shown. A template can pass ``social_title`` / ``social_description`` in its context to
    override the page's own (e.g. a member profile shown by the directory page)."""
    request = context.get("request")
    seo = seo or {}
    language = translation.get_language() or settings.LANGUAGE_CODE
    title = context.get("social_title") or seo.get("title") or getattr(page, "title", "") or ""
    description = context.get("social_description") or seo.get("description") or ""
    if not description and page is not None:
        for name in TEXT_FIELDS:
            value = getattr(page, name, "")
            if isinstance(value, str) and value.strip():
                description = value
                break
    data = {
        "title": title,
        "description": Truncator(" ".join(str(description).split())).chars(300),
        "url": request.build_absolute_uri(same_site_path(request.path)) if request is not None else "",
        "type": "article" if page is not None and getattr(page, "depth", 0) > 3 else "website",
        "locale": OG_LOCALES.get(language, language.replace("-", "_")),
        "alternate_locales": [OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != language],
        "image": None,
    }
    image = context.get("social_image") or (page_image(page) if page is not None else None)
    if image is not None:
        rendition = image.get_rendition(IMAGE_FILTER)
        data["image"] = {
            "url": request.build_absolute_uri(rendition.url) if request is not None else rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": getattr(image, "default_alt_text", "") or "",
        }
    return data
