"""Slugs for translated names and titles: readable ASCII in every script."""

from anyascii import anyascii
from django.utils.text import slugify

# A consonant-only transliteration of Arabic ("أفريقيا" -> "fryqy") helps nobody: Arabic pages keep
# the English slug (modeltranslation falls back to it when the Arabic one is empty).
KEEP_ENGLISH_SLUG = {"ar"}


def translated_slug(text, language=None):
    """ "Prévention des conflits" -> "prevention-des-conflits", "Права человека" -> "prava-cheloveka",
    "非洲" -> "feizhou"; "" for a language that keeps the English slug."""
    if language in KEEP_ENGLISH_SLUG:
        return ""
    return slugify(anyascii(text or "")) or slugify(text or "", allow_unicode=True)
