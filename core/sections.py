"""Sections that apps add to pages they do not own, without the page's app importing them.

``register_section("home", order=20)`` decorates a function ``(request, obj) -> (template, context)``
(or ``None`` to show nothing); ``{% page_sections "home" page %}`` (``core_tags``) renders every
section of a slot in order. Slots in use: ``home`` (the home page: latest news, current crises,
next events), ``member_profile`` (a member's profile: statements signed, crises worked on), ``member_profile_aside``
(its aside: current crises on its country and in its region),
``crisis`` (a crisis page's reading column: the UN texts on its countries), ``crisis_aside`` (its
aside: the follow box), ``rtop_explainer`` (a link to the UN texts tracker) and the listings'
``crises_listing``, ``news_listing``, ``resources_listing`` and ``un_texts_listing``, whose object is
the listing's filter set (not cached here: they depend on the filters, and the listing page is cached
whole).
Apps register in their ``AppConfig.ready``."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from core import generation

_SECTIONS = {}


def register_section(slot, order=100):
    def decorator(function):
        entries = _SECTIONS.setdefault(slot, [])
        if function not in [entry[1] for entry in entries]:
            entries.append((order, function))
            entries.sort(key=lambda entry: entry[0])
        return function

    return decorator


def sections(slot):
    return [function for _order, function in _SECTIONS.get(slot, [])]


def render_sections(slot, request, obj, parent_context=None):
    """Every section of ``slot``, rendered. The HTML is cached per content generation, language and
    host for as long as a page is (some sections depend on the clock: the next events), except in a
    preview (a draft's chosen items are its own)."""
    if request is None or getattr(request, "is_preview", False) or not getattr(obj, "pk", None):
        return _render_sections(slot, request, obj, parent_context)
    key = ("sections", slot, obj._meta.label, obj.pk, translation.get_language(), request.get_host())
    return generation.cached(
        key,
        lambda: _render_sections(slot, request, obj, parent_context),
        timeout=getattr(settings, "SITECACHE_PAGE_TIMEOUT", 600),
    )


def _render_sections(slot, request, obj, parent_context):
    parts = []
    for function in sections(slot):
        result = function(request, obj)
        if not result:
            continue
        template_name, context = result
        page = parent_context.get("page") if parent_context is not None else None
        context = {"request": request, "page": page, **context}
        parts.append(render_to_string(template_name, context, request=request))
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703: rendered templates (autoescaped)
