"""UN texts that refer to the Responsibility to Protect: Security Council resolutions and
presidential statements, General Assembly and Human Rights Council resolutions.

A text is a record (``UNText``, edited under *UN texts* in the admin), listed, charted and published
as open data by the tracker's page (``UNTextIndexPage``, ``/<lang>/un-texts/``), each with its own
address below it. Its date is as precise as known (a day, a month, a year, or none). ``verified``
and ``verification_notes`` are the staff's: shown in the admin only, never on the public site, in the
open data, the search or a translation export.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.models import Page
from wagtail.search import index

from core.dates import DatePrecision, iso_precise_date
from core.models import IntroBodyMixin, ReviewedRecord
from core.preview import LanguageRoutablePageMixin
from core.templatetags.core_tags import word_space

from .votes import vote_in_words

SOURCE_SEPARATOR = re.compile(r"\s*[;\n]\s*")


def symbol_slug(symbol):
    """``S/RES/1674`` -> ``s-res-1674`` (the text's address under the tracker)."""
    return slugify(symbol.replace("/", "-").replace("(", "-").replace(")", ""))[:120].strip("-")


def official_url_for(symbol, year=None):
    """The text on the UN's document system (undocs.org): a Security Council resolution with its
    year, as the UN writes it (``S/RES/1674(2006)``), anything else by its symbol."""
    if not symbol:
        return ""
    if year and re.fullmatch(r"S/RES/\d+", symbol):
        return f"https://undocs.org/{symbol}({year})"
    return f"https://undocs.org/{symbol}"


class UNTextQuerySet(models.QuerySet):
    def public(self):
        """What visitors see: the published copy of every text (a draft waits for review)."""
        return self.filter(live=True)

    def newest_first(self):
        """Newest first; texts without a known date last."""
        return self.order_by(F("date").desc(nulls_last=True), "symbol", "pk")

    def on_countries(self, codes):
        """Texts about any of the countries ``codes`` (ISO 3166-1 alpha-2)."""
        condition = Q()
        for code in codes:
            condition |= Q(countries__contains=str(code))
        return self.filter(condition) if codes else self.none()


def named_links(addresses):
    """(address, a short name) for each address: its host without "www." (``undocs.org``), numbered from
    the second page of the same site on (``responsibilitytoprotect.org (2)``), so that no two links to
    different pages read the same."""
    links, seen = [], {}
    for address in addresses:
        host = (urlsplit(address).hostname or address).removeprefix("www.")
        seen[host] = seen.get(host, 0) + 1
        if seen[host] == 1:
            links.append((address, host))
        else:  # "globalr2p.org (2)", Chinese "globalr2p.org（2）"
            number = pgettext("in brackets", "(%(name)s)") % {"name": seen[host]}
            links.append((address, f"{host}{word_space()}{number}"))
    return links


class UNText(ReviewedRecord, index.Indexed, models.Model):
    """One UN text that refers to RtoP, explicitly or in pillar-one language."""

    class Body(models.TextChoices):
        SC_RESOLUTION = "sc-resolution", _("Security Council resolution")
        SC_STATEMENT = "sc-presidential-statement", _("Security Council presidential statement")
        GA_RESOLUTION = "ga-resolution", _("General Assembly resolution")
        HRC_RESOLUTION = "hrc-resolution", _("Human Rights Council resolution")

    class Reference(models.TextChoices):
        EXPLICIT = "explicit", _("Explicit reference to RtoP")
        PILLAR_ONE = "pillar-one", _("Pillar-one language")

    symbol = models.CharField(
        _("UN document symbol"), max_length=100, unique=True, help_text=_("For example S/RES/1674 or A/RES/60/1.")
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True, help_text=_("Made from the symbol."))
    body = models.CharField(_("body"), max_length=30, choices=Body.choices)
    date = models.DateField(
        _("adoption date"),
        null=True,
        blank=True,
        help_text=_("For a month or a year, use its first day and set the precision. Empty when unknown."),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        blank=True,
        help_text=_("Never more precise than the source: a day only when the day is known."),
    )
    subject = models.CharField(_("subject"), max_length=300)
    countries = CountryField(
        _("countries"), multiple=True, blank=True, help_text=_("Empty for a thematic text (no particular country).")
    )
    reference_kind = models.CharField(
        _("how it refers to RtoP"),
        max_length=12,
        choices=Reference.choices,
        help_text=_(
            "Explicit: it names the Responsibility to Protect (RtoP, paragraphs 138-139 of the World Summit "
            "Outcome). Pillar one: it speaks of a State's (primary) responsibility to protect its population "
            "without naming RtoP."
        ),
    )
    reference = models.TextField(_("the reference, in short"), help_text=_("A short paraphrase of the passage."))
    vote = models.CharField(_("vote"), max_length=300, blank=True, help_text=_("For example 15-0-0 (unanimous)."))
    official_url = models.URLField(
        _("official address"), max_length=500, blank=True, help_text=_("The text on undocs.org.")
    )
    sources = models.TextField(
        _("sources"), blank=True, help_text=_("The public pages the entry was read from, one address per line.")
    )
    date_sources = models.TextField(
        _("where the date was read"),
        blank=True,
        help_text=_(
            "When the date is more precise than the entry's own sources give it: the public pages it was read "
            "in, one address per line. Shown beside the date."
        ),
    )
    verified = models.BooleanField(
        _("checked against the official UN text (staff only)"),
        default=False,
        help_text=_("Tick once the symbol, date and wording were checked on the UN's own copy. Never shown publicly."),
    )
    verification_notes = models.TextField(
        _("sourcing notes (staff only)"),
        blank=True,
        help_text=_("What was checked where, what rests on a single source or a mirror. Never shown publicly."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = UNTextQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("symbol"), FieldPanel("body")]),
                FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")]),
                FieldPanel("date_sources"),
                FieldPanel("subject"),
                FieldPanel("countries"),
            ],
            heading=_("The text"),
        ),
        MultiFieldPanel(
            [FieldPanel("reference_kind"), FieldPanel("reference"), FieldPanel("vote")],
            heading=_("Its reference to RtoP"),
        ),
        MultiFieldPanel([FieldPanel("official_url"), FieldPanel("sources")], heading=_("Where to read it")),
        MultiFieldPanel(
            [FieldPanel("verified"), FieldPanel("verification_notes")],
            heading=_("Checks (staff only, never published)"),
        ),
    ]
    search_fields = [index.SearchField("symbol"), index.SearchField("subject"), index.AutocompleteField("symbol")]

    class Meta:
        verbose_name = _("UN text on RtoP")
        verbose_name_plural = _("UN texts on RtoP")
        ordering = [F("date").desc(nulls_last=True), "symbol"]
        indexes = [models.Index(fields=["live", "date"]), models.Index(fields=["live", "body", "date"])]

    def __str__(self):
        return self.symbol

    def clean(self):
        super().clean()
        errors = {}
        if self.date and not self.date_precision:
            errors["date_precision"] = _("Say how precise the date is.")
        if not self.date and self.date_precision:
            errors["date_precision"] = _("There is no date to be precise about.")
        check = URLValidator(schemes=["http", "https"])
        for field, addresses in (("sources", self.source_list), ("date_sources", self.date_source_list)):
            for address in addresses:
                try:
                    check(address)
                except ValidationError:
                    errors[field] = _("“%(value)s” is not a web address.") % {"value": address[:80]}
                    break
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = symbol_slug(self.symbol)
        if not self.official_url:
            self.official_url = official_url_for(self.symbol, self.date.year if self.date else None)
        super().save(*args, **kwargs)

    @property
    def vote_in_words(self):
        """The vote in the visitor's language when the record gives it in one of the file's fixed forms
        (``untexts.votes``); empty for any other wording, which is shown as written (a translator's
        version, or the English one, marked)."""
        return vote_in_words(self.vote)

    @property
    def source_list(self):
        return [part for part in SOURCE_SEPARATOR.split(self.sources or "") if part]

    @property
    def date_source_list(self):
        return [part for part in SOURCE_SEPARATOR.split(self.date_sources or "") if part]

    @property
    def date_source_links(self):
        """(address, its host without "www.") of each page the date was read in, to name it briefly."""
        return named_links(self.date_source_list)

    @property
    def source_links(self):
        """(address, name) of each source of the entry: the file gives no titles, so its site's host."""
        return named_links(self.source_list)

    @property
    def date_iso(self):
        """The date as precise as known (``2006``, ``2006-04`` or ``2006-04-28``), or ""."""
        return iso_precise_date(self.date, self.date_precision) if self.date else ""

    @property
    def country_list(self):
        return list(self.countries)

    @property
    def country_names(self):
        """The countries' names in the active language (joined by ``format_list`` in the templates)."""
        return [country.name for country in self.countries]


class UNTextIndexPage(LanguageRoutablePageMixin, IntroBodyMixin, Page):
    """/un-texts/: the tracker. Filters, a chart of the texts per year, open data and a feed; each
    text at ``<slug>/``."""

    template = "untexts/un_text_index_page.html"

    # One tracker, directly under the home page; the texts are records, shown at their own addresses.
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("UN texts tracker page")

    def listing(self, request):
        from .listing import UNTextFilterSet

        return UNTextFilterSet(request.GET, queryset=UNText.objects.public())

    @path("")
    def index(self, request):
        from .listing import listing_context

        return self.render(request, context_overrides=listing_context(self.listing(request)))

    @path("feed/")
    def feed(self, request):
        from .listing import UNTextFeed

        return UNTextFeed(self, self.listing(request))(request)

    @re_path(r"^(?P<slug>[-\w]+)/$")
    def text(self, request, slug):
        text = get_object_or_404(UNText.objects.public(), slug=slug)
        return self.render(
            request,
            template="untexts/un_text.html",
            context_overrides={"text": text, "routable_suffix": f"{slug}/"},
        )

    def data_file(self, request, name, extension):
        """``un-texts.csv`` and ``un-texts.json`` with the listing's filters (``core.datafiles``)."""
        if name != "un-texts":
            return None
        from .listing import texts_csv, texts_json

        return (texts_csv if extension == "csv" else texts_json)(self, self.listing(request), request)

    def text_url(self, text, request=None):
        return (self.get_url(request) or "") + self.reverse_subpage("text", kwargs={"slug": text.slug})

    def sitemap_routes(self):
        """The texts' addresses, for the sitemap (``pages.sitemaps``): (sub-path, last change)."""
        return [
            (self.reverse_subpage("text", kwargs={"slug": slug}), updated)
            for slug, updated in UNText.objects.public().order_by("pk").values_list("slug", "updated_at")
        ]
