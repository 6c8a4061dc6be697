"""Which script a text is written in, and the language to mark it with when it differs from the page's.

Names and other data that are never translated (organisations, cities, street addresses) are shown as
they are written. In an Arabic, Chinese or Russian page a name in Latin letters is another language:
it carries its own ``lang`` (so that a screen reader switches voice) and ``dir`` (so that its words and
punctuation keep their order). Its language is guessed among the Latin-script UN languages from its
small words (English unless French or Spanish words outnumber English ones): a name says nothing more.
Pure functions, no database.
"""

import re
import unicodedata

# The script each site language is written in.
LANGUAGE_SCRIPTS = {"en": "Latn", "fr": "Latn", "es": "Latn", "ar": "Arab", "zh-hans": "Hani", "ru": "Cyrl"}
# The language a text in that script is marked with (Latin: guessed, see ``latin_language``).
SCRIPT_LANGUAGES = {"Arab": "ar", "Hani": "zh-Hans", "Cyrl": "ru"}
RTL_SCRIPTS = {"Arab"}

# Small words that tell the Latin-script UN languages apart (each list's words are not words of the others).
LATIN_MARKERS = {
    "en": {
        "the",
        "of",
        "and",
        "for",
        "on",
        "in",
        "to",
        "rights",
        "human",
        "center",
        "institute",
        "network",
        "foundation",
        "international",
        "against",
        "watch",
        "peace",
        "women",
        "society",
        "city",
    },
    "fr": {
        "des",
        "du",
        "le",
        "les",
        "pour",
        "et",
        "droits",
        "homme",
        "l",
        "d",
        "au",
        "aux",
        "sur",
        "fondation",
        "réseau",
        "société",
        "femmes",
        "paix",
        "contre",
        "ligue",
        "institut",
    },
    "es": {
        "del",
        "los",
        "las",
        "el",
        "para",
        "y",
        "derechos",
        "humanos",
        "fundación",
        "centro",
        "red",
        "sociedad",
        "mujeres",
        "paz",
        "contra",
        "instituto",
        "por",
        "estudios",
    },
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def script_of_char(char):
    """'Latn', 'Arab', 'Hani', 'Cyrl' or None for a letter; None for anything else."""
    if not char.isalpha():
        return None
    code = ord(char)
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "Latn"
    if 0x0400 <= code <= 0x052F:
        return "Cyrl"
    if 0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return "Arab"
    if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x3040 <= code <= 0x30FF:
        return "Hani"
    name = unicodedata.name(char, "")
    return "Latn" if name.startswith("LATIN") else None


def script_of(text):
    """The script most of the text's letters are in, or None (no letters)."""
    counts = {}
    for char in text or "":
        script = script_of_char(char)
        if script:
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else None


def latin_language(text, default="en"):
    """The Latin-script UN language whose small words the text has most of: "en", "fr" or "es"; ``default``
    when none of them has more than the others."""
    words = [word.casefold() for word in WORD.findall(text or "")]
    scores = {code: sum(word in markers for word in words) for code, markers in LATIN_MARKERS.items()}
    best = max(scores, key=scores.get)
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return default
    return best


def foreign_language(text, page_language):
    """(language, direction) to mark ``text`` with in a page in ``page_language``, or None when it reads
    as the page's language does (same script, and for Latin no clear sign of another language)."""
    script = script_of(text)
    if script is None:
        return None
    page_script = LANGUAGE_SCRIPTS.get(page_language, "Latn")
    if script == page_script:
        if script != "Latn":
            return None
        guess = latin_language(text, default=None)
        if guess is None or guess == page_language:
            return None
        return guess, "ltr"
    language = latin_language(text) if script == "Latn" else SCRIPT_LANGUAGES[script]
    return language, "rtl" if script in RTL_SCRIPTS else "ltr"


LATIN_WORD = r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F0-9'’\-–&.]*"
LATIN_NEXT = r"[A-Za-z\u00C0-\u024F0-9][A-Za-z\u00C0-\u024F0-9'’\-–&.]*"
# Two Latin words or more in a row (a name, a title in English inside an Arabic sentence).
LATIN_RUN = re.compile(rf"{LATIN_WORD}(?:[ \u00A0]+{LATIN_NEXT})+")


def latin_runs(text):
    """(start, end) of the runs of two Latin words or more in ``text``."""
    return [match.span() for match in LATIN_RUN.finditer(text or "")]
