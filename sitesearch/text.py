"""Text normalisation shared by the indexer and the query: folding, tokens, Arabic prefixes,
UN document symbols. Pure functions, no database."""

import re
import unicodedata

MAX_QUERY_LENGTH = 200

# A UN document symbol: series letters, then slash-separated parts (A/RES/60/1, S/RES/1674 (2006),
# A/HRC/RES/5/1, S/2009/189, E/CN.4/2005/L.10). Typed with spaces or in lowercase too.
SYMBOL = re.compile(r"^[A-Z]{1,6}(?:/[A-Z0-9.\-()]{1,20}){1,6}$")
WORD = re.compile(r"\w+", re.UNICODE)
ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")
# Han, Hiragana/Katakana, Hangul: scripts written without spaces between words.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
ARABIC_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Attached particles and the article, longest first: "and the", "with the", "for the", "and", ...
ARABIC_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
HIGHLIGHT_START, HIGHLIGHT_STOP = "\x01", "\x02"


def clean(text):
    """Printable text only (no control characters, which also keeps the highlight markers out),
    whitespace collapsed."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in (text or "")).split())


# A passage that ends without a full stop (a heading, a city, a sector) is set apart from the next one.
PASSAGE_BREAK = re.compile(r"(?<![.!?:;。！？؟…,،])[ \t]*\n\s*")


def passages(text):
    """Text of several passages (one a line) as one line that reads: a passage without final punctuation
    is followed by " · " ("Our mission · ICRtoP works…", "Nairobi · Kenya · Human rights")."""
    return clean(PASSAGE_BREAK.sub(" · ", (text or "").strip()))


def clean_query(raw):
    """A search query a visitor typed, made safe: printable, collapsed, bounded length."""
    return clean(raw)[:MAX_QUERY_LENGTH].strip()


def fold(text):
    """Lower case, no accents, Arabic without diacritics and with one form of alif and ya:
    the form compared by the fallback matching and the exact-title boosts."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    stripped = ARABIC_DIACRITICS.sub("", stripped)
    stripped = stripped.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ё": "е"}))
    return " ".join(stripped.split())


def symbol(text):
    """``text`` as a UN document symbol ("a / res / 60 / 1" -> "A/RES/60/1"), or "" if it is not one."""
    compact = re.sub(r"\s+", "", (text or "").upper())
    return compact if SYMBOL.match(compact) and any(ch.isdigit() for ch in compact) else ""


SYMBOL_IN_TEXT = re.compile(r"(?<![\w/])[A-Z]{1,6}(?:/[A-Z0-9.\-]{1,20}){1,6}(?:\s?\(\d{4}\))?")


def symbols_in(text):
    """The UN document symbols cited in a text (with a digit: "A/RES/60/1", not "and/or")."""
    found = (match.rstrip(".-") for match in SYMBOL_IN_TEXT.findall(text or ""))
    return [match for match in found if any(ch.isdigit() for ch in match)]


def keywords(*terms):
    """Acronyms and symbols as the space-delimited keyword column: " HRW A/RES/60/1 "."""
    normalised = []
    for term in terms:
        term = re.sub(r"\s+", "", (term or "").upper())
        if term and term not in normalised:
            normalised.append(term)
    return f" {' '.join(normalised)} " if normalised else ""


def keyword_term(query):
    """The query as one exact keyword (an acronym or a symbol), or ""."""
    as_symbol = symbol(query)
    if as_symbol:
        return as_symbol
    compact = (query or "").strip().upper()
    return compact if compact and " " not in compact and len(compact) <= 30 else ""


def arabic_variants(word):
    """The Arabic word without its attached particles (و ف ب ك ل and the article), longest
    prefix first, keeping at least three letters: "والجرائم" -> ["جرائم", "الجرائم"]."""
    variants = []
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            rest = word[len(prefix) :]
            if rest not in variants:
                variants.append(rest)
    return variants


def arabic_expansion(text):
    """Extra index words for Arabic text: each word's forms without attached particles."""
    extra = []
    for word in WORD.findall(fold(text)):
        if ARABIC_LETTERS.search(word):
            extra.extend(arabic_variants(word))
    return " ".join(extra)


CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")


def cjk_bigrams(text):
    """Overlapping pairs of characters of each run of Chinese (Japanese, Korean) text, as words:
    "灭绝种族" -> "灭绝 绝种 种族". Indexed, they find a term of two characters or more inside a text
    without spaces; the exact substring is then checked on the folded text."""
    pairs = []
    for run in CJK_RUN.findall(text or ""):
        if len(run) == 1:
            pairs.append(run)
        pairs.extend(run[i : i + 2] for i in range(len(run) - 1))
    return " ".join(pairs)


# Characters that join Chinese words without carrying meaning of their own ("保护的责任"): left out
# of a query's pieces so that 保护的责任 meets 保护责任.
CJK_JOINERS = re.compile(r"[的之和与及]")


def cjk_pieces(term):
    """A Chinese query term as the two-character pieces that must all occur, in any order:
    "责任保护" -> ["责任", "保护"], "保护的责任" -> ["保护", "责任"], "联合国" -> ["联合", "合国"].
    Each piece is one of the index's character pairs (``cjk_bigrams``)."""
    pieces = []
    for run in CJK_RUN.findall(term or ""):
        if len(run) > 2:
            run = CJK_JOINERS.sub("", run) or run
        if len(run) <= 2:
            pieces.append(run)
            continue
        pieces.extend(run[i : i + 2] for i in range(0, len(run) - 1, 2))
        if len(run) % 2:
            pieces.append(run[-2:])
    return pieces


def has_cjk(text):
    return bool(CJK.search(text or ""))


def vocabulary(text, limit=60):
    """{word in lower case: folded word} for the words of at least three letters (no digits, no
    Chinese), for spelling suggestions."""
    words = {}
    for word in WORD.findall(ARABIC_DIACRITICS.sub("", (text or "").lower())):
        if 3 <= len(word) <= limit and not any(ch.isdigit() for ch in word) and "_" not in word and not has_cjk(word):
            words[word] = fold(word)
    return words
