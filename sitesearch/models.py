"""The search index: one row per (indexed object, site language).

On PostgreSQL a ``search_vector`` tsvector column (built with that language's text search
configuration), GIN indexes and trigram indexes are added by migration 0002 (PostgreSQL only), so
that the model stays portable: SQLite (``make run``) uses the folded text columns instead.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    kind = models.CharField(_("kind"), max_length=30, db_index=True)
    # The indexed object: "app_label.model" and its primary key.
    source = models.CharField(_("source"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    language = models.CharField(_("language"), max_length=10)
    is_fallback = models.BooleanField(_("English fallback"), default=False)
    title = models.TextField(_("title"))
    # Exact terms: acronyms and document symbols, normalised, space-separated, with a space on
    # each side (" HRW A/RES/60/1 "), so that a whole-term match is a LIKE '% TERM %'.
    keywords = models.TextField(_("keywords"), blank=True, default="")
    text = models.TextField(_("text"), blank=True, default="")
    # Extra index words: Arabic words without their attached particles (see text.arabic_variants).
    variants = models.TextField(blank=True, default="")
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    # The last day of what lasted several (a history entry "14–16 September 2005"), as precise as ``date``.
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # Where the object is, as a result shows it (a member's city and country, an event's place).
    place = models.CharField(_("place"), max_length=300, blank=True, default="")
    url = models.CharField(_("address"), max_length=500)
    # Case- and accent-folded copies (SQLite matching, exact-title boosts, Chinese substrings).
    folded_title = models.TextField(default="")
    folded = models.TextField(default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id", "language"], name="sitesearch_one_per_language")
        ]
        indexes = [models.Index(fields=["language", "kind"])]

    def __str__(self):
        return f"{self.kind} {self.language}: {self.title}"


class SearchWord(models.Model):
    """The vocabulary of the index per language, for spelling suggestions."""

    language = models.CharField(max_length=10)
    word = models.CharField(max_length=60)  # as written (lower case), shown in "Did you mean"
    folded = models.CharField(max_length=60, default="")  # without accents, compared with the query

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="sitesearch_word_once")]

    def __str__(self):
        return self.word


class UnansweredSearch(models.Model):
    """A search that found nothing, counted per (query, language): no visitor data is kept."""

    query = models.CharField(_("search"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    hits = models.PositiveIntegerField(_("times searched"), default=0)
    first_seen = models.DateTimeField(_("first searched"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last searched"), auto_now=True)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [models.UniqueConstraint(fields=["query", "language"], name="sitesearch_unanswered_once")]
        ordering = ["-hits", "-last_seen"]

    def __str__(self):
        return self.query


class SearchSynonym(models.Model):
    """A word or phrase visitors type, searched as the site's own wording (staff edit the list under
    Snippets > Search synonyms): 保护的责任 is searched as 保护责任, 种族灭绝 as 灭绝种族."""

    LANGUAGE_CHOICES = [
        ("en", "English"),
        ("fr", "Français"),
        ("es", "Español"),
        ("ar", "العربية"),
        ("zh-hans", "中文"),
        ("ru", "Русский"),
    ]

    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    term = models.CharField(_("what visitors type"), max_length=100)
    replacement = models.CharField(_("searched as"), max_length=100)

    panels = ["language", "term", "replacement"]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "term"]
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="unique_search_synonym")]

    def __str__(self):
        return f"{self.term} → {self.replacement} ({self.language})"
