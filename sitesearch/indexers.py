"""What the site search indexes: every page type (generically), with their own kinds crises,
news and statements, resources (UN symbols matched exactly) and events; member organisations,
history timeline events, office records and the UN texts that refer to RtoP."""

import functools
import logging

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from core.countries import everyday_name
from core.streams import is_blank, stream_leaves
from events.models import EventPage
from members.models import MemberOrganisation
from offices.models import Office
from pages.models import ContactPage, TimelineEvent
from publishing.models import ArticlePage, CrisisPage
from resources.models import ResourceIndexPage, ResourcePage
from untexts.models import UNText, UNTextIndexPage

from . import registry
from .registry import Document

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
logger = logging.getLogger(__name__)


def translated_is_blank(obj, field, language):
    """True when ``obj`` has no ``language`` text of its own for ``field`` (it shows English)."""
    if language == DEFAULT_LANGUAGE:
        return False
    column = build_localized_fieldname(field, language)
    if not hasattr(obj, column):
        return False
    return is_blank(getattr(obj, column)) and not is_blank(getattr(obj, build_localized_fieldname(field, "en"), ""))


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    return [str(value)]


# The columns modeltranslation adds (title_fr, body_ar…): each language's text is indexed in its own
# row, through the field's own name, never another language's into this one.
LANGUAGE_SUFFIXES = tuple("_" + code.replace("-", "_") for code, _name in settings.LANGUAGES)


def field_text(page, name):
    """The plain text a visitor reads of one field, in the active language: a StreamField's and rich
    text's words only (never a block's settings, such as a heading's "Level 2"), other fields as
    Wagtail indexes them."""
    try:
        model_field = page._meta.get_field(name)
    except FieldDoesNotExist:
        model_field = None
    value = getattr(page, name, None)
    if isinstance(model_field, StreamField):
        if value is None:
            return []
        raw = model_field.stream_block.get_prep_value(value)
        return [
            get_text_for_indexing(text) if is_html else text
            for _path, _holder, _key, text, is_html in stream_leaves(model_field.stream_block, raw)
        ]
    if isinstance(model_field, RichTextField):
        return [get_text_for_indexing(value or "")]
    return None


def page_text(page, language=None):
    """The text of a page's search fields (StreamFields and rich text as plain text), in the
    active language, the title excepted; each passage once (a search description that repeats the
    introduction is not shown twice in a snippet). In a translated page, the fields still in English are
    left out of ``language``'s text (a page shown wholly in English is indexed in English)."""
    language = language or DEFAULT_LANGUAGE
    translated = not translated_is_blank(page, "title", language)

    def shown_in_language(name):
        return not (translated and translated_is_blank(page, name, language))

    parts = [page.search_description] if page.search_description and shown_in_language("search_description") else []
    for field in page.get_search_fields():
        name = field.field_name
        if not isinstance(field, index.SearchField) or name == "title" or name.endswith(LANGUAGE_SUFFIXES):
            continue
        if not shown_in_language(name):
            continue
        try:
            texts = field_text(page, name)
            if texts is None:
                texts = _flatten(field.get_value(page))
        except Exception:  # noqa: BLE001  (one odd search field must not stop the index)
            logger.warning("Search field %s of %s could not be read", name, type(page).__name__)
            continue
        parts.extend(texts)
    seen, unique = set(), []
    for part in parts:
        key = " ".join((part or "").split())
        if key and key not in seen:
            seen.add(key)
            unique.append(part)
    return "\n".join(unique)


def public_pages():
    return Page.objects.live().public().filter(depth__gt=1)


def page_document(page, language):
    page = page.specific
    if getattr(page, "is_sample", False):  # generated sample content is never found
        return None
    url = page.get_url()
    if not url:
        return None
    reg = registry.registration_for(type(page))
    when = reg.date(page) if reg is not None and reg.date else None
    return Document(
        title=page.title,
        url=url,
        text=page_text(page, language),
        date=when[0] if when else None,
        date_precision=when[1] if when else "day",
        is_fallback=translated_is_blank(page, "title", language),
        place=(reg.place(page) or "") if reg is not None and reg.place else "",
    )


registry.register(Page, kind="page", queryset=public_pages, document=page_document)


# --- member organisations ----------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _profile_page_models():
    return [model for model in get_page_models() if hasattr(model, "profile_url")]


def member_directory_page():
    """The live, public page that shows member profiles (the member directory), wherever its
    type lives."""
    for model in _profile_page_models():
        page = model.objects.live().public().first()
        if page is not None:
            return page
    return None


def public_members():
    return MemberOrganisation.objects.published().real().select_related("region").prefetch_related("sectors")


def member_document(member, language):
    directory = registry.cached("member-directory", member_directory_page)
    if directory is None:
        return None
    parts = [
        member.description,
        member.public_city,  # a member shown by region only is never found by its country or city
        str(member.public_country.name) if member.public_country else "",
        member.region.name if member.region_id else "",
        ", ".join(sector.name for sector in member.sectors.all()),
        everyday_name(member.public_country),  # 英国 as well as 大不列颠及北爱尔兰联合王国
    ]
    return Document(
        title=member.name,
        url=directory.profile_url(member),
        text="\n".join(part for part in parts if part),
        keywords=(member.acronym,) if member.acronym else (),
        is_fallback=translated_is_blank(member, "description", language),
        place=", ".join(part for part in parts[1:3] if part) or (member.region.name if member.region_id else ""),
    )


def members_depending_on(page):
    return public_members() if hasattr(page.specific_class or type(page), "profile_url") else None


registry.register(
    MemberOrganisation,
    kind="member",
    queryset=public_members,
    document=member_document,
    depends_on_page=members_depending_on,
)


# --- history timeline events -------------------------------------------------------------------


def public_timeline_events():
    return TimelineEvent.objects.filter(page__in=public_pages()).select_related("page")


def timeline_document(event, language):
    history = event.page
    url = history.get_url()
    if not url:
        return None
    symbols = (event.document_symbol,) if event.document_symbol else ()
    return Document(
        title=event.title,
        url=f"{url}#event-{event.pk}",
        text="\n".join(part for part in (event.text, event.document_symbol) if part),
        keywords=symbols,
        date=event.date,
        date_precision=event.precision,
        end_date=event.end_date if event.end_date and event.end_date != event.date else None,
        is_fallback=translated_is_blank(event, "title", language),
    )


def timeline_events_of(page):
    return TimelineEvent.objects.filter(page_id=page.pk)


registry.register(
    TimelineEvent,
    kind="history",
    queryset=public_timeline_events,
    document=timeline_document,
    depends_on_page=timeline_events_of,
)


# --- offices -----------------------------------------------------------------------------------


def contact_page():
    return ContactPage.objects.live().public().first()


def public_offices():
    return Office.objects.for_public_display()


def office_document(office, language):
    page = registry.cached("contact-page", contact_page)
    if page is None:
        return None
    address = [office.organisation_line, office.street_address, office.suite, office.postal_code, office.city]
    address += [office.region, str(office.country.name) if getattr(office, "country", None) else ""]
    return Document(
        title=office.name,
        url=f"{page.get_url()}#office-{office.pk}",
        text="\n".join(part for part in address if part),
        is_fallback=translated_is_blank(office, "name", language),
        place=", ".join(part for part in (office.city, str(office.country.name) if office.country else "") if part),
    )


def offices_depending_on(page):
    return public_offices() if (page.specific_class or type(page)) is ContactPage else None


registry.register(
    Office,
    kind="office",
    queryset=public_offices,
    document=office_document,
    depends_on_page=offices_depending_on,
)


# --- where to look when a search finds nothing -------------------------------------------------


@registry.register_empty_result_link
def member_directory_link():
    page = member_directory_page()
    url = page.get_url() if page is not None else None
    return (_("Browse the member directory"), url) if url else None


# --- the publishing types: crises, news and statements, resources, events ---------------------


def resource_document(page, language):
    """A resource page reads as any page, with its UN symbol(s) matched exactly: a joint symbol
    such as ``A/65/877–S/2011/393`` is found by either part."""
    document = page_document(page, language)
    if document is not None and page.specific.symbol:
        symbol = page.specific.symbol
        parts = [part.strip() for part in symbol.replace("—", "–").split("–") if part.strip()]
        document.keywords = tuple(dict.fromkeys([symbol, *parts]))
    return document


def crisis_place(page):
    """A crisis's countries, else its region, as a result shows them."""
    return ", ".join(page.country_names()) or (page.region.name if page.region_id else "")


registry.register(CrisisPage, kind="crisis", place=crisis_place)
registry.register(ArticlePage, kind="statement", date=lambda page: (page.date, "day"))
registry.register(
    ResourcePage,
    kind="resource",
    document=resource_document,
    date=lambda page: (page.date, page.date_precision) if page.date else None,
)
registry.register(
    EventPage, kind="event", date=lambda page: (page.start_date, "day"), place=lambda page: str(page.where or "")
)


@registry.register_empty_result_link
def resources_library_link():
    page = ResourceIndexPage.objects.live().public().first()
    url = page.get_url() if page is not None else None
    return (_("Browse the resources library"), url) if url else None


# --- UN texts that refer to RtoP (the tracker's records, at their own addresses) --------------------

registry.register_kind("un-text", _("UN texts"), order=45)


def tracker_page():
    return UNTextIndexPage.objects.live().public().first()


def public_un_texts():
    return UNText.objects.public()


def un_text_document(text, language):
    """A text reads as its symbol and subject, with the paraphrase of its reference, the body, the
    vote and the countries' names; the symbol (and, for a Security Council resolution, the symbol
    with its year, as the UN writes it) is matched exactly. The staff's checks are never indexed."""
    page = registry.cached("un-text-tracker", tracker_page)
    if page is None:
        return None
    symbols = [text.symbol]
    if text.date and text.body == UNText.Body.SC_RESOLUTION:
        symbols.append(f"{text.symbol}({text.date.year})")
    parts = [
        text.subject,
        text.reference,
        str(text.get_body_display()),
        str(text.get_reference_kind_display()),
        text.vote_in_words or text.vote,
        " ".join(str(country.name) for country in text.countries),
    ]
    return Document(
        title=f"{text.symbol}: {text.subject}",
        url=page.text_url(text),
        text="\n".join(part for part in parts if part),
        keywords=tuple(symbols),
        date=text.date,
        date_precision=text.date_precision or "day",
        is_fallback=translated_is_blank(text, "subject", language),
    )


def un_texts_depending_on(page):
    return public_un_texts() if (page.specific_class or type(page)) is UNTextIndexPage else None


registry.register(
    UNText,
    kind="un-text",
    queryset=public_un_texts,
    document=un_text_document,
    depends_on_page=un_texts_depending_on,
)
