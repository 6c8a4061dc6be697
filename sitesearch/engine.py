"""Running a query: matching documents of one language, counts per kind, relevance order, a
highlighted snippet and a spelling suggestion.

PostgreSQL (the reference, what CI tests): the row's tsvector, built with its language's text
search configuration (Snowball stemmer after unaccent), against the query parsed with the same
configuration; every word may also match as a prefix; Arabic words also without their attached
particles; Chinese (and any word in a script without spaces) as a substring of the folded text
(trigram index); acronyms and UN symbols as exact keywords. Rank: ts_rank, plus boosts for an
exact title, an exact keyword and a title that starts with the query.

SQLite (``make run``): every query word (folded, its last letters cut off if it is long, so that
word forms meet) must occur in the folded text; ranked in Python with the same boosts.
"""

import dataclasses
import difflib
import functools
import html
import re

from django.db import DatabaseError, connection
from django.db.models import Count, Q

from core import generation

from . import backend, registry, text
from .models import SearchDocument, SearchSynonym, SearchWord

MAX_TERMS = 12
SQLITE_CANDIDATES = 5000
SNIPPET_SOURCE = 30_000  # characters of a document's text searched for the snippet


@dataclasses.dataclass
class Query:
    raw: str
    language: str
    kind: str = ""

    def __post_init__(self):
        self.raw = apply_synonyms(text.clean_query(self.raw), self.language)
        self.folded = text.fold(self.raw)
        self.terms = [term for term in re.split(r"\s+", self.folded) if term][:MAX_TERMS]
        self.words = [w for term in self.terms for w in text.WORD.findall(term)]
        self.keyword = text.keyword_term(self.raw)

    def __bool__(self):
        return bool(self.terms)


def synonyms(language):
    """(term, replacement) pairs staff set for ``language`` (Snippets > Search synonyms); none when the
    database cannot answer (the search still runs, without them)."""
    try:
        return generation.cached(
            ("search_synonyms", language),
            lambda: list(SearchSynonym.objects.filter(language=language).values_list("term", "replacement")),
        )
    except DatabaseError:
        return []


def apply_synonyms(raw, language):
    """The query with each synonym replaced by the site's wording: inside Chinese text wherever it
    stands, elsewhere as a whole word or phrase (any case)."""
    for term, replacement in synonyms(language):
        if not term:
            continue
        if text.has_cjk(term):
            raw = raw.replace(term, replacement)
        else:
            raw = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", lambda _m, r=replacement: r, raw, flags=re.IGNORECASE)
    return raw


def like_escape(value):
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def sqlite_needle(word):
    """The part of a folded word that its other forms share, roughly: long words lose up to two
    final letters ("pillars" -> "pilla", "геноцида" -> "геноци"); Arabic words lose their
    attached particles."""
    if text.ARABIC_LETTERS.search(word):
        variants = text.arabic_variants(word)
        word = variants[0] if variants else word
        if word.startswith("ال") and len(word) > 4:
            word = word[2:]
        return word[:-1] if len(word) > 4 else word
    if text.has_cjk(word) or len(word) < 5:
        return word
    return word[: max(4, len(word) - 2)]


# --- PostgreSQL ----------------------------------------------------------------------------------


def _term_tsquery(word, config, params):
    """SQL for one word as a tsquery: the word, its prefix, and its Arabic forms, OR-ed."""
    parts = []
    params.append(word)
    parts.append(f"plainto_tsquery('{config}', %s)")
    if re.fullmatch(r"\w{3,}", word) and not word.isdigit():
        params.append(f"{word}:*")
        parts.append(f"to_tsquery('{config}', %s)")
    for variant in text.arabic_variants(word) if text.ARABIC_LETTERS.search(word) else []:
        params.append(variant)
        parts.append(f"plainto_tsquery('{config}', %s)")
    return "(" + " || ".join(parts) + ")"


def _tsquery_sql(query, config, params):
    parts = []
    for term in query.terms:
        if text.has_cjk(term):
            # Its two-character pieces, all of them in any order (each an indexed character pair).
            pairs = [piece for piece in text.cjk_pieces(term) if len(piece) == 2]
            if pairs:
                params.append(" ".join(pairs))
                parts.append("plainto_tsquery('icrtop_simple', %s)")
            leftover = text.CJK_RUN.sub(" ", term).strip()
            if leftover:
                params.append(leftover)
                parts.append(f"plainto_tsquery('{config}', %s)")
            continue
        # A term such as "a/res/60/1" or "r2p's" is one tsquery (the parser splits it itself).
        if re.fullmatch(r"\w+", term):
            parts.append(_term_tsquery(term, config, params))
        else:
            params.append(term)
            parts.append(f"plainto_tsquery('{config}', %s)")
    return " && ".join(parts) if parts else None


def _pg_match(query):
    """SQL condition, its parameters and the rank expression with its parameters."""
    config = backend.ts_config(query.language)
    where, params = [], []
    own_params, english_params = [], []
    own = _tsquery_sql(query, config, own_params)
    english = _tsquery_sql(query, backend.ts_config("en"), english_params)
    # A single Chinese character is not a pair of the index: it is looked for in the folded text.
    substring = [piece for term in query.terms for piece in text.cjk_pieces(term) if len(piece) == 1]
    text_match = []
    if own:
        # Two plain @@ conditions (not a CASE), so that each can use the GIN index.
        text_match.append(
            f"((is_fallback AND search_vector @@ ({english})) OR (NOT is_fallback AND search_vector @@ ({own})))"
        )
        params += english_params + own_params
    for term in substring:
        text_match.append("folded LIKE %s")
        params.append(f"%{like_escape(term)}%")
    match = " AND ".join(text_match) if text_match else "FALSE"
    if "/" in query.keyword:
        # A document symbol however it was typed ("a / res / 60 / 1"): the keyword lexeme in the
        # vector (indexed), not a LIKE (which would scan every row).
        match = f"({match}) OR search_vector @@ plainto_tsquery('icrtop_simple', %s)"
        params.append(query.keyword)
    where.append(f"({match})")
    rank_params = []
    rank = "0"
    if own:
        rank = f"ts_rank(search_vector, CASE WHEN is_fallback THEN ({english}) ELSE ({own}) END, 1)"
        rank_params += english_params + own_params
        boosts = registry.kind_boosts()
        if boosts:
            cases = " ".join("WHEN %s THEN %s" for _ in boosts)
            rank = f"({rank}) * (CASE kind {cases} ELSE 1 END)"
            for kind, boost in boosts.items():
                rank_params += [kind, boost]
    rank += " + CASE WHEN folded_title = %s THEN 10 WHEN folded_title LIKE %s THEN 2 ELSE 0 END"
    rank_params += [query.folded, f"{like_escape(query.folded)}%"]
    if query.keyword:
        rank += " + CASE WHEN keywords LIKE %s THEN 8 ELSE 0 END"
        rank_params.append(f"% {like_escape(query.keyword)} %")
    for term in substring:
        rank += " + CASE WHEN folded_title LIKE %s THEN 1 ELSE 0.1 END"
        rank_params.append(f"%{like_escape(term)}%")
    return " AND ".join(where), params, rank, rank_params


def _pg_search(query, offset, limit):
    """One query: every match's id, kind and score (a few thousand rows at most, read once),
    counted per kind and sliced here."""
    where, params, rank, rank_params = _pg_match(query)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, kind, {rank} AS score FROM sitesearch_searchdocument "  # noqa: S608  # nosec B608
            f"WHERE language = %s AND {where} ORDER BY score DESC, date DESC NULLS LAST, id",
            [*rank_params, query.language, *params],
        )
        rows = cursor.fetchall()
    counts = {}
    for _id, kind, _score in rows:
        counts[kind] = counts.get(kind, 0) + 1
    chosen = [row[0] for row in rows if not query.kind or row[1] == query.kind]
    return counts, chosen[offset : offset + limit]


def _pg_suggest_word(word, language):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM sitesearch_searchword WHERE language = %s AND folded %% %s AND folded <> %s "
            "ORDER BY similarity(folded, %s) DESC, word = folded DESC, word LIMIT 1",
            [language, word, word, word],
        )
        row = cursor.fetchone()
    return row[0] if row else None


# --- SQLite (and any other database) ------------------------------------------------------------


def _fallback_rank(doc, query, boosts):
    score = 0.0
    if doc.folded_title == query.folded:
        score += 10
    elif doc.folded_title.startswith(query.folded):
        score += 2
    if query.keyword and f" {query.keyword} " in doc.keywords:
        score += 8
    relevance = 0.0
    for term in query.terms:
        needle = sqlite_needle(term)
        if needle in doc.folded_title:
            relevance += 1
        relevance += min(doc.folded.count(needle), 10) * 0.05
    return score + relevance * boosts.get(doc.kind, 1.0)


def _fallback_search(query, offset, limit):
    condition = Q()
    for term in query.terms:
        if text.has_cjk(term):
            for piece in text.cjk_pieces(term):  # every piece, in any order
                condition &= Q(folded__contains=piece)
            leftover = text.CJK_RUN.sub(" ", term).strip()
            if leftover:
                condition &= Q(folded__contains=sqlite_needle(leftover))
        else:
            condition &= Q(folded__contains=sqlite_needle(term))
    if query.keyword:
        condition |= Q(keywords__contains=f" {query.keyword} ")
    matches = SearchDocument.objects.filter(condition, language=query.language)
    counts = dict(matches.order_by().values_list("kind").annotate(n=Count("pk")))
    if query.kind:
        matches = matches.filter(kind=query.kind)
    candidates = list(matches.only("id", "kind", "folded_title", "folded", "keywords", "date")[:SQLITE_CANDIDATES])
    boosts = registry.kind_boosts()  # once per search, not per candidate
    candidates.sort(
        key=lambda doc: (-_fallback_rank(doc, query, boosts), -(doc.date.toordinal() if doc.date else 0), doc.pk)
    )
    return counts, [doc.pk for doc in candidates[offset : offset + limit]]


def _fallback_suggest_word(word, language):
    rows = SearchWord.objects.filter(language=language, folded__startswith=word[:1]).values_list("folded", "word")
    words = {}
    for folded, written in rows[:20000]:
        if folded not in words or written == folded:  # "genocide" rather than "génocide" for "genicide"
            words[folded] = written
    close = difflib.get_close_matches(word, [w for w in words if w != word], n=1, cutoff=0.75)
    return words[close[0]] if close else None


# --- public API ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Results:
    query: Query
    counts: dict
    documents: list

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def count(self):
        """Results of the chosen kind (all kinds when none is chosen)."""
        return self.counts.get(self.query.kind, 0) if self.query.kind else self.total


def search(query, offset=0, limit=10):
    if not query:
        return Results(query, {}, [])
    runner = _pg_search if backend.is_postgres() else _fallback_search
    counts, ids = runner(query, offset, limit)
    by_id = SearchDocument.objects.in_bulk(ids)
    documents = [by_id[pk] for pk in ids if pk in by_id]
    for document in documents:
        # The text around the words, never the title again (a result without text shows none).
        document.snippet = highlight(document.text, query) if document.text else ""
        if document.place and _says_place(document.snippet, document.place):
            document.place = ""  # shown, not saved: the snippet already says where (a member's country)
    return Results(query, counts, documents)


def _says_place(snippet, place):
    """Whether every part of ``place`` ("Nairobi, Kenya") stands in the snippet's text."""
    shown = html.unescape(re.sub(r"<[^>]*>", "", snippet or ""))
    return all(part.strip() in shown for part in place.split(",") if part.strip())


def count(query):
    if not query:
        return 0
    runner = _pg_search if backend.is_postgres() else _fallback_search
    counts, _ids = runner(Query(query.raw, query.language), 0, 0)
    return sum(counts.values())


def suggestion(query):
    """A close spelling of the query that finds something, or ""."""
    if not query or len(query.terms) > 6:
        return ""
    finder = _pg_suggest_word if backend.is_postgres() else _fallback_suggest_word
    changed, words = False, []
    for term in query.terms:
        replacement = None
        if len(term) >= 3 and text.WORD.fullmatch(term) and not text.has_cjk(term) and not term.isdigit():
            replacement = finder(term, query.language)
        words.append(replacement or term)
        changed = changed or bool(replacement)
    if not changed:
        return ""
    proposal = " ".join(words)
    return proposal if count(Query(proposal, query.language)) else ""


# --- snippets ------------------------------------------------------------------------------------


TOKEN = re.compile(r"\w+|\W+")


@functools.lru_cache(maxsize=20000)
def _fold_word(word):
    return text.fold(word)


def _needles(query):
    if "/" in query.keyword:
        return []  # a document symbol: found by a pattern on the text itself
    needles = {sqlite_needle(term) for term in query.terms}
    for term in query.terms:
        needles.update(text.arabic_variants(term) if text.ARABIC_LETTERS.search(term) else [])
        needles.add(term)
    return sorted((n for n in needles if len(n) >= 2 or text.has_cjk(n)), key=len, reverse=True)


def _match_spans(source, query, width=SNIPPET_SOURCE):
    """(start, end) of the matched words in ``source``: whole words for alphabetic scripts
    ("pilla" marks "pillars", "جرائم" marks "والجرائم"), the matched characters in Chinese."""
    if "/" in query.keyword:
        pattern = r"\s*".join(re.escape(part) for part in query.keyword)
        return [found.span() for found in re.finditer(pattern, source, re.IGNORECASE)]
    needles = _needles(query)
    words = [n for n in needles if not text.has_cjk(n)]
    cjk = [n for n in needles if text.has_cjk(n)]
    spans = []
    for token in TOKEN.finditer(source):
        if spans and token.start() > spans[0][0] + width:
            break  # beyond the snippet
        word = token.group()
        if not word[0].isalnum():
            continue
        if cjk and text.has_cjk(word):
            for needle in cjk:
                for found in re.finditer(re.escape(needle), word):  # Han characters do not fold
                    spans.append((token.start() + found.start(), token.start() + found.end()))
        elif words and any(needle in _fold_word(word) for needle in words):
            spans.append(token.span())
    return sorted(spans)


def highlight(source, query, width=240):
    """An HTML snippet of ``source`` around the first match, the matched words in <mark>: the
    text is escaped first and the marks are added between escaped pieces, so nothing of the text
    (or the query) can become markup."""
    source = (source or "")[:SNIPPET_SOURCE]
    merged = []
    for start, end in _match_spans(source, query, width):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    first = merged[0][0] if merged else 0
    window_start = max(0, first - width // 3)
    if window_start:
        space = source.rfind(" ", 0, window_start)
        window_start = space + 1 if space >= 0 and window_start - space < 30 else window_start
    window_end = min(len(source), window_start + width)
    if window_end < len(source):
        space = source.find(" ", window_end)
        window_end = space if 0 <= space - window_end < 30 else window_end
    pieces, cursor = [], window_start
    if window_start:
        pieces.append("… ")
    for start, end in merged:
        if end <= window_start or start >= window_end:
            continue
        start, end = max(start, window_start), min(end, window_end)
        pieces.append(html.escape(source[cursor:start]))
        pieces.append(f"<mark>{html.escape(source[start:end])}</mark>")
        cursor = end
    pieces.append(html.escape(source[cursor:window_end]))
    if window_end < len(source):
        pieces.append(" …")
    return "".join(pieces)
