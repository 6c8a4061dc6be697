"""Writing the index: documents for an object in every language, the PostgreSQL search vectors,
the vocabulary for suggestions. Re-indexing an object replaces its rows; an object that is no
longer public loses them."""

import logging

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation

from . import registry, text
from .models import SearchDocument, SearchWord

logger = logging.getLogger(__name__)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# PostgreSQL text search configurations (migration 0002 creates them: the Snowball stemmer of
# the language after the unaccent dictionary). Chinese has no stemmer: "simple", plus substring
# matching on the folded text.
TS_CONFIGS = {
    "en": "icrtop_english",
    "fr": "icrtop_french",
    "es": "icrtop_spanish",
    "ru": "icrtop_russian",
    "ar": "icrtop_arabic",
    "zh-hans": "icrtop_simple",
}
BATCH = 500


def is_postgres():
    return connection.vendor == "postgresql"


def ts_config(language):
    return TS_CONFIGS.get(language, "icrtop_simple")


def variants(language, content):
    """Extra index words: Arabic words without their particles, Chinese character pairs."""
    extra = [text.arabic_expansion(content) if language == "ar" else "", text.cjk_bigrams(content)]
    return " ".join(part for part in extra if part)


def build_rows(obj, reg):
    """The unsaved SearchDocument rows of ``obj``, one per language it can be shown in."""
    rows = []
    source = registry.source_label(obj)
    for language in LANGUAGES:
        with translation.override(language):
            doc = reg.document(obj, language)
        if doc is None or not (doc.title or "").strip():
            continue
        title = text.clean(doc.title)
        body = text.passages(doc.text)[:100_000]
        symbols = []
        for keyword in (*doc.keywords, *text.symbols_in(f"{title}\n{body}")):
            symbols.append(keyword)
            base = keyword.split("(")[0].strip()  # "S/RES/1674 (2006)" is also found as S/RES/1674
            if base != keyword.strip():
                symbols.append(base)
        rows.append(
            SearchDocument(
                kind=reg.kind,
                source=source,
                object_id=str(obj.pk),
                language=language,
                is_fallback=doc.is_fallback,
                title=title[:1000],
                keywords=text.keywords(*symbols),
                text=body,
                variants=variants(language, f"{title}\n{body}"),
                date=doc.date,
                date_precision=doc.date_precision or "day",
                end_date=doc.end_date,
                place=text.clean(doc.place)[:300],
                url=doc.url[:500],
                folded_title=text.fold(title),
                folded=text.fold(f"{title}\n{' '.join(doc.keywords)}\n{body}"),
            )
        )
    return rows


def batched(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def save_rows(rows):
    """Insert rows, then (PostgreSQL) fill their search vectors; add their words to the vocabulary."""
    for batch in batched(rows, BATCH):
        created = SearchDocument.objects.bulk_create(batch)
        if is_postgres():
            update_vectors(created)
    words = {}
    for row in rows:
        words.setdefault(row.language, {}).update(text.vocabulary(f"{row.title} {row.text}"))
    new_words = [
        SearchWord(language=language, word=word, folded=folded)
        for language, found in words.items()
        for word, folded in found.items()
    ]
    for batch in batched(new_words, 2000):
        SearchWord.objects.bulk_create(batch, ignore_conflicts=True)


VECTOR_SQL = """
UPDATE sitesearch_searchdocument SET search_vector =
    setweight(to_tsvector(%(config)s::regconfig, title), 'A')
    || setweight(to_tsvector('icrtop_simple', keywords), 'A')
    || setweight(to_tsvector(%(config)s::regconfig, text), 'B')
    || setweight(to_tsvector(%(config)s::regconfig, variants), 'C')
WHERE id = ANY(%(ids)s)
"""


def update_vectors(rows):
    """Each row's vector with the configuration of its text's language (English for a fallback)."""
    groups = {}
    for row in rows:
        groups.setdefault(ts_config("en" if row.is_fallback else row.language), []).append(row.pk)
    with connection.cursor() as cursor:
        for config, ids in groups.items():
            cursor.execute(VECTOR_SQL, {"config": config, "ids": ids})


def delete_rows(obj):
    SearchDocument.objects.filter(source=registry.source_label(obj), object_id=str(obj.pk)).delete()


def is_public(obj, reg):
    return reg.queryset().filter(pk=obj.pk).exists()


@transaction.atomic
def index_object(obj):
    """Re-index one object: its rows replaced, or removed if it is no longer public."""
    reg = registry.registration_for(type(obj))
    if reg is None:
        return 0
    if registry.is_page_model(reg.model):
        obj = obj.specific
        reg = _page_registration(obj)
    delete_rows(obj)
    if not is_public(obj, reg):
        return 0
    rows = build_rows(obj, reg)
    save_rows(rows)
    return len(rows)


def _page_registration(page):
    """The registration of a page's type, completed with the generic page queryset and document
    (a page type registered with only a kind is found as that kind)."""
    from wagtail.models import Page

    reg = registry.registration_for(type(page))
    base = registry.registration_for(Page)
    return registry.Registration(reg.model, reg.kind, reg.queryset or base.queryset, reg.document or base.document)


def remove_object(obj):
    delete_rows(obj)


def index_page_and_dependents(page, subtree=False):
    """Re-index a page (and its descendants when its address or visibility changed) and the
    records whose address or visibility depend on it."""
    from wagtail.models import Page

    pages = Page.objects.descendant_of(page, inclusive=True) if subtree else [page]
    with registry.caching():
        _index_pages(pages)


def _index_pages(pages):
    for each in pages:
        index_object(each)
        for reg in registry.non_page_registrations():
            if reg.depends_on_page is None:
                continue
            dependents = reg.depends_on_page(each)
            if dependents is None:
                continue
            for obj in dependents:
                index_object(obj)


@transaction.atomic
def rebuild():
    """Empty the index and fill it again from every registration. Returns {kind: rows}."""
    from wagtail.models import Page

    SearchDocument.objects.all().delete()
    counts = {}
    rows = []

    def add(built, kind):
        nonlocal rows
        counts[kind] = counts.get(kind, 0) + len(built)
        rows.extend(built)
        if len(rows) >= BATCH * 4:
            save_rows(rows)
            rows = []

    with registry.caching():
        for page in registry.registration_for(Page).queryset().specific().iterator(chunk_size=200):
            reg = _page_registration(page)
            if reg.queryset is not registry.registration_for(Page).queryset and not is_public(page, reg):
                continue
            add(build_rows(page, reg), reg.kind)
        for reg in registry.non_page_registrations():
            for obj in reg.queryset().iterator(chunk_size=500):
                add(build_rows(obj, reg), reg.kind)
        save_rows(rows)
    return counts
