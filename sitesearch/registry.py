"""Which models the site search indexes, as which kind, and how.

A kind is what a visitor filters by (page, crisis, statement, resource, member, event, ...). A
registration ties a model to a kind and says which of its objects are public and how one of them
reads in a language (a ``Document``). Every Wagtail page type is indexed as "page" until its app
registers it with its own kind, e.g. in sitesearch/indexers.py after a merge::

    registry.register_kind("crisis", _("Crises"), order=20)
    registry.register(CrisisPage, kind="crisis", date=lambda page: (page.started_on, "month"))

A page type's registration may omit ``queryset`` and ``document``: the live, public pages of that
type and the generic page document (title, search fields, date) are used.
"""

import contextlib
import dataclasses
from collections.abc import Callable
from datetime import date as date_type

from django.utils.translation import gettext_lazy as _


@dataclasses.dataclass
class Document:
    """How one object reads in one language."""

    title: str
    url: str
    text: str = ""
    keywords: tuple = ()  # acronyms and document symbols, matched exactly
    date: date_type | None = None
    date_precision: str = "day"  # "day", "month" or "year": never more precise than the source
    end_date: date_type | None = None  # the end of a period ("14–16 September 2005"), as precise as ``date``
    is_fallback: bool = False  # the text shown is the English fallback
    place: str = ""  # where it is, as a result shows it: "Nairobi, Kenya", "Online", a crisis's region


@dataclasses.dataclass
class Kind:
    key: str
    label: object  # the kind's results: "Pages", "Members" (the filter's choices)
    order: int = 100
    # Multiplies the text relevance of this kind's documents: the coalition's own explanatory pages
    # come before the library's documents that use the same words (exact titles and symbols still win).
    boost: float = 1.0
    one: object = None  # one result of the kind: "Page", "Member" (above each result); else ``label``


@dataclasses.dataclass
class Registration:
    model: type
    kind: str
    # () -> the public objects (a queryset); None for page types: live, public pages of the type.
    queryset: Callable | None = None
    # (obj, language) -> Document or None, called with that language active.
    document: Callable | None = None
    # (obj) -> (date, precision) or None: the item's date, for page types using the generic document.
    date: Callable | None = None
    # (obj) -> the item's place as a result shows it, or "", for page types using the generic document.
    place: Callable | None = None
    # (page) -> an iterable of this model's objects to re-index when ``page`` changes (their
    # address or visibility depends on it), or None.
    depends_on_page: Callable | None = None

    @property
    def label(self):
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"


_kinds: dict[str, Kind] = {}
_empty_result_links: list = []
_registrations: dict[type, Registration] = {}


def register_kind(key, label, order=100, boost=1.0, one=None):
    _kinds[key] = Kind(key, label, order, boost, one)


def kind_boosts():
    """{kind: boost} of the kinds whose relevance is weighted (boost other than 1)."""
    return {kind.key: kind.boost for kind in _kinds.values() if kind.boost != 1.0}


def register(model, kind, queryset=None, document=None, date=None, depends_on_page=None, place=None):
    if kind not in _kinds:
        raise ValueError(f"Unknown search kind {kind!r}: register_kind() it first")
    _registrations[model] = Registration(
        model, kind, queryset=queryset, document=document, date=date, place=place, depends_on_page=depends_on_page
    )


def register_empty_result_link(function):
    """``function()`` -> (label, url) or None, with the visitor's language active: a place to
    look when a search finds nothing (the member directory, the resources library)."""
    _empty_result_links.append(function)
    return function


def empty_result_links():
    """The places to look, in the active language, read once per content generation and language
    (they are pages' addresses: a page change bumps the generation)."""
    from django.utils.translation import get_language

    from core import generation

    def load():
        links = []
        for function in _empty_result_links:
            found = function()
            if found:
                links.append({"label": str(found[0]), "url": found[1]})
        return links

    return generation.cached(("search_empty_result_links", get_language()), load)


def kinds():
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


def kind_label(key):
    kind = _kinds.get(key)
    return kind.label if kind else key


def kind_label_one(key):
    """What one result of the kind is called ("Member"), shown above it."""
    kind = _kinds.get(key)
    return (kind.one or kind.label) if kind else key


def registrations():
    return list(_registrations.values())


def is_page_model(model):
    from wagtail.models import Page

    return issubclass(model, Page)


def registration_for(model):
    """The registration of ``model`` or its nearest registered ancestor (every page type falls
    back to the Page registration)."""
    for klass in model.__mro__:
        if klass in _registrations:
            return _registrations[klass]
    return None


def non_page_registrations():
    return [reg for reg in _registrations.values() if not is_page_model(reg.model)]


register_kind("page", _("Pages"), order=10, boost=3.0, one=_("Page"))
register_kind("crisis", _("Crises"), order=20, one=_("Crisis"))
register_kind("statement", _("Statements"), order=30, one=_("News or statement"))
register_kind("resource", _("Resources"), order=40, one=_("Resource"))
register_kind("member", _("Members"), order=50, one=_("Member organisation"))
register_kind("event", _("Events"), order=60, one=_("Event"))
# The history page's timeline entries: dated moments of the coalition's past, not events one can attend.
register_kind("history", _("Timeline"), order=65)
register_kind("office", _("Offices"), order=70, one=_("Office"))


def source_label(obj):
    """ "app_label.model" of the object's concrete class (a page's specific type is not used: a
    page is one source, whatever its type)."""
    model = obj._meta.concrete_model
    if is_page_model(model):
        return "wagtailcore.page"
    return f"{model._meta.app_label}.{model._meta.model_name}"


__all__ = ["Document", "register", "register_kind", "kinds", "registrations"]


_cache: dict | None = None


@contextlib.contextmanager
def caching():
    """Within this block, ``cached(key, fn)`` computes each key once (an index rebuild asks for the
    member directory page thousands of times)."""
    global _cache
    outer = _cache
    if outer is None:
        _cache = {}
    try:
        yield
    finally:
        if outer is None:
            _cache = None


def cached(key, compute):
    if _cache is None:
        return compute()
    if key not in _cache:
        _cache[key] = compute()
    return _cache[key]
