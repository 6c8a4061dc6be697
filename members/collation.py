"""Language-neutral name ordering and search folding.

Names of organisations are not translated, and a database's own collation differs between SQLite
(byte order) and PostgreSQL (the server's locale). A Unicode Collation Algorithm key (pyuca, the
DUCET table) computed in Python and stored as fixed-width hexadecimal sorts the same everywhere:
"Amnesty" < "Ärzte" < "Human" < "human" < "Ōsaka" < "Zed".
"""

import functools
import unicodedata

from pyuca import Collator


@functools.cache
def _collator():
    return Collator()


def sort_key(text):
    """A string whose byte order is the UCA order of ``text``: each collation weight as 4 hex digits."""
    weights = _collator().sort_key((text or "").strip())
    return "".join(f"{min(weight, 0xFFFF):04x}" for weight in weights)


@functools.lru_cache(maxsize=4096)
def _cached_key(text):
    return _collator().sort_key(text)


def sort_by_collation(items, key=str):
    """``items`` sorted by the UCA order of ``key(item)`` (for short lists such as country names;
    the keys are cached, as pyuca is pure Python)."""
    return sorted(items, key=lambda item: _cached_key(str(key(item) or "")))


def search_text(text):
    """``text`` folded for a case- and accent-insensitive substring search."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.strip()
