"""Template tags of the design system (no project app imported: every app's templates may use them).

``{% load design_tags %}`` then:

- ``{% responsive_image image alt kind="card" %}``: a ``<picture>`` with AVIF and WebP sources and a
  JPEG fallback, a ``srcset`` of several widths, ``width``/``height`` (no layout shift) and
  ``loading="lazy"`` unless ``eager=True`` (the first image of a page, above the fold).
- ``{% og_image obj as og %}``: the Open Graph rendition (1200×630 JPEG) of ``obj.image``, or of
  ``image`` given directly: ``og.url``, ``og.width``, ``og.height``, ``og.alt``; ``None`` without image.
- ``{{ items|format_list }}``: "a, b and c" in the active language (Arabic comma and "و", Chinese 、…).
- ``{% list_separator %}``: what stands between the items of a list written out one by one (links,
  say): ", ", Arabic "، ", Chinese "、".
- ``{{ text|quoted }}``: the language's quotation marks (“…”, « … », «…», „…“).
- ``{{ number|number }}``: digits grouped the language's way (1,234 / 1 234 / 1.234).
- ``<a{% foreign_attrs member.name %}>{{ member.name }}</a>``: `` lang="en" dir="ltr"`` on data shown as
  written (names, cities, street addresses) when its script or language is not the page's
  (``core.scripts``); ``{% foreign_span text as html %}`` wraps the text in such a ``<span>``.
- ``{{ event.title|foreign_runs }}``, ``{% filter foreign_runs %}…{% endfilter %}``: in an Arabic, Chinese
  or Russian page, each run of two Latin words or more (an English name inside a translated sentence)
  in a ``<span lang dir="ltr">``; HTML keeps its tags (only the text between them is read).
"""

import html
import re

from babel import Locale, UnknownLocaleError
from babel.lists import format_list as babel_format_list
from babel.numbers import format_decimal
from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeData, mark_safe
from wagtail.images.models import Filter, Picture

from core import generation
from core.scripts import LANGUAGE_SCRIPTS, foreign_language, latin_language, latin_runs

register = template.Library()

# The image sizes of the design system: crop (or not), the widths rendered, and the ``sizes`` hint
# telling the browser how wide the image is shown at each screen width.
IMAGE_KINDS = {
    # A card's picture: 16:9, a third of the page on a desk, the full width on a phone.
    "card": {
        "resize": "fill-{480x270,720x405,960x540}",
        "sizes": "(min-width: 64rem) 22rem, (min-width: 40rem) 45vw, 100vw",
    },
    # A page's picture beside its title: 4:3.
    "hero": {"resize": "fill-{480x360,800x600,1200x900}", "sizes": "(min-width: 64rem) 34rem, 100vw"},
    # A wide picture in a text column (body images keep their proportions).
    "wide": {"resize": "width-{480,800,1200,1600}", "sizes": "(min-width: 48rem) 46rem, 100vw"},
    # A member's logo: never cropped, never upscaled past its box.
    "logo": {"resize": "max-{160x80,320x160,480x240}", "sizes": "10rem"},
}
FORMATS = "format-{avif,webp,jpeg}"


# The site writes British English ("organisation"; "a, b and c" without a serial comma).
BABEL_LOCALES = {"en": "en_GB"}


def _locale():
    code = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return Locale.parse(BABEL_LOCALES.get(code) or translation.to_locale(code))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@register.simple_tag
def responsive_image(image, alt="", kind="card", eager=False, css_class=""):
    """The ``<picture>`` of ``image`` for one of ``IMAGE_KINDS``; empty without an image.

    ``alt`` is required by the caller's model (``ImageWithAltTextMixin``): pass ``""`` only for a
    picture marked decorative."""
    if not image:
        return ""
    if not getattr(image, "pk", None):
        return _picture(image, alt, kind, eager, css_class)
    # Nine renditions per picture: Wagtail reads them from its renditions cache and writes every
    # one back on each call (Wagtail 8.0). The finished element is cached instead, per content
    # generation (an image's change bumps it), and only as long as a page is (signed storage URLs).
    return generation.cached(
        ("picture", image.pk, kind, alt, bool(eager), css_class),
        lambda: _picture(image, alt, kind, eager, css_class),
        timeout=getattr(settings, "SITECACHE_PAGE_TIMEOUT", 600),
    )


def _picture(image, alt, kind, eager, css_class):
    spec = IMAGE_KINDS[kind]
    specs = Filter.expand_spec(f"{spec['resize']}|{FORMATS}")
    renditions = distinct_widths(image.get_renditions(*specs))
    attrs = {"alt": alt or "", "sizes": spec["sizes"], "decoding": "async"}
    if eager:
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    if css_class:
        attrs["class"] = css_class
    return mark_safe(Picture(renditions, attrs).__html__())  # noqa: S308  # nosec B308 B703 - Wagtail escapes


def distinct_widths(renditions):
    """The renditions without those of a width already listed in their format: Wagtail never enlarges
    a picture, so the 1200 and 1600 renditions of an 800 px original are both 800 px wide, and a
    ``srcset`` may not name one width twice (HTML's rule; browsers then pick at random)."""
    kept, seen = {}, set()
    for spec, rendition in renditions.items():
        key = (spec.rsplit("|", 1)[-1] if "|" in spec else "", rendition.width)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return kept


def format_list_html(items):
    """Escaped items joined the active language's way ("a, b and c"; "أ، ب و ج"; "甲、乙和丙")."""
    items = [conditional_escape(item) for item in items]
    if not items:
        return ""
    return mark_safe(babel_format_list(items, style="standard", locale=_locale()))  # noqa: S308  # nosec B308 B703


@register.filter
def format_list(items):
    return format_list_html(list(items))


# The enumeration comma of the languages that do not write ", " (CLDR's list patterns give Arabic's
# only with "و" and Chinese's only in its lists).
LIST_SEPARATORS = {"ar": "، ", "zh-hans": "、"}


@register.simple_tag
def list_separator():
    """The active language's separator between the items of a list written out one by one."""
    return LIST_SEPARATORS.get(translation.get_language(), ", ")


# Quotation marks of the site's languages (CLDR's delimiters; Babel does not carry them). French sets its
# guillemets apart with a narrow no-break space.
QUOTES = {
    "en": ("“", "”"),
    "fr": ("«\u202f", "\u202f»"),
    "es": ("«", "»"),
    "ar": ("”", "“"),
    "zh-hans": ("“", "”"),
    "ru": ("«", "»"),
}


@register.filter
def quoted(text):
    start, end = QUOTES.get(translation.get_language() or "en", QUOTES["en"])
    return format_html("{}{}{}", start, text, end)


@register.filter
def number(value):
    """``value`` as the language writes numbers (CLDR), except Spanish, which writes them as the RAE
    and UN Spanish do rather than as CLDR does: no separator in four digits ("2000"), a space between
    groups of three above ("12 345"), never a point."""
    locale = _locale()
    try:
        if locale.language == "es":
            if abs(value) < 10000:
                return format_decimal(value, locale=locale, group_separator=False)
            return format_decimal(value, locale=locale).replace(".", "\u00a0")
        return format_decimal(value, locale=locale)
    except (TypeError, ValueError, ArithmeticError):
        return value


@register.simple_tag
def foreign_attrs(text):
    """`` lang="…" dir="…"`` when ``text`` (a name, a city: data never translated) is written in another
    script or language than the page's; nothing otherwise."""
    found = foreign_language(str(text or ""), translation.get_language() or settings.LANGUAGE_CODE)
    if found is None:
        return ""
    return format_html(' lang="{}" dir="{}"', *found)


@register.simple_tag
def foreign_span(text):
    """``text``, escaped, in a ``<span lang dir>`` when it is in another script or language than the page's
    (for data inside a translated sentence, e.g. a ``{% blocktranslate %}`` argument)."""
    attrs = foreign_attrs(text)
    return format_html("<span{}>{}</span>", attrs, text) if attrs else conditional_escape(text)


TAG = re.compile(r"(<[^>]*>)")
# A word joined by a hyphen or a dash ("R2P–Engaging"): a line may break after the dash, which in a
# right-to-left page leaves the dash beside the Arabic ("–R2P"); such a word stays on one line.
COMPOUND = re.compile(r"\S+[-–]\S+")


def _keep_compounds(run):
    """Escaped ``run`` with its hyphenated words in ``<span class="nowrap">``."""
    pieces, cursor = [], 0
    for match in COMPOUND.finditer(run):
        pieces.append(conditional_escape(run[cursor : match.start()]))
        pieces.append(format_html('<span class="nowrap">{}</span>', match.group()))
        cursor = match.end()
    pieces.append(conditional_escape(run[cursor:]))
    return mark_safe("".join(str(piece) for piece in pieces))  # noqa: S308  # nosec B308 B703 - escaped piece by piece


def _mark_runs(text):
    """Escaped ``text`` (plain text) with its Latin runs in ``<span lang dir="ltr">``."""
    pieces, cursor = [], 0
    for start, end in latin_runs(text):
        run = text[start:end]
        pieces.append(conditional_escape(text[cursor:start]))
        pieces.append(format_html('<span lang="{}" dir="ltr">{}</span>', latin_language(run), _keep_compounds(run)))
        cursor = end
    pieces.append(conditional_escape(text[cursor:]))
    return "".join(str(piece) for piece in pieces)


@register.filter(is_safe=True)
def foreign_runs(value):
    """``value`` with its runs of Latin words marked with their language in a page of another script.
    Safe HTML (a rendered body) keeps its tags: only the text between them is read and re-escaped;
    plain text is escaped."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    is_html = isinstance(value, SafeData)
    value = str(value or "")
    if LANGUAGE_SCRIPTS.get(language, "Latn") == "Latn":
        return mark_safe(value) if is_html else escape(value)  # noqa: S308  # nosec B308 B703 - already safe
    if not is_html:
        return mark_safe(_mark_runs(value))  # noqa: S308  # nosec B308 B703 - escaped piece by piece
    pieces = [piece if piece.startswith("<") else _mark_runs(html.unescape(piece)) for piece in TAG.split(value)]
    return mark_safe("".join(pieces))  # noqa: S308  # nosec B308 B703 - the tags as they were, the text re-escaped
