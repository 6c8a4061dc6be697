"""The resources library: UN documents, toolkits, reports, educational material and policy briefs.

Each resource is a page under the one resources index (``/<lang>/resources/``). Its date is stored as a
day plus a precision (year, month or day), so a document known only by its month never shows a day.
``verified`` and ``notes`` are the staff's sourcing notes: shown in the admin only, never on a public
page, in search or in a translation export.
"""

import re

import pyuca
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.models import IntroBodyMixin, TranslatedPageMixin
from core.preview import LanguageRoutablePageMixin

# The six official UN languages, in the UN's order, as a document's own languages.
DOCUMENT_LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]

# The same languages inside a sentence ("Available in: anglais et français").
IN_RUNNING_TEXT = [
    ("ar", pgettext_lazy("language in running text", "Arabic")),
    ("zh", pgettext_lazy("language in running text", "Chinese")),
    ("en", pgettext_lazy("language in running text", "English")),
    ("fr", pgettext_lazy("language in running text", "French")),
    ("ru", pgettext_lazy("language in running text", "Russian")),
    ("es", pgettext_lazy("language in running text", "Spanish")),
]
COLLATOR = pyuca.Collator()  # the Unicode Collation Algorithm: "anglais" before "arabe", "español" among the e's


class DocumentLanguagesField(models.JSONField):
    """A list of language codes (the languages a document exists in), edited with checkboxes."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=DOCUMENT_LANGUAGES,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class ResourceIndexPage(LanguageRoutablePageMixin, IntroBodyMixin, Page):
    """The resources library: every resource, filterable by type, issuing body, topic and year."""

    template = "resources/resource_index_page.html"

    # One library, directly under the home page; its children are the resources.
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = _("resources library")

    @path("")
    def listing(self, request):
        from .listing import listing_context

        return self.render(request, context_overrides=listing_context(self, request))

    @path("feed/")
    def feed(self, request):
        from .listing import feed

        return feed(self, request)


# A Security Council document's symbol carries its year: S/2016/71 (its resolutions, S/RES/1674 (2006),
# are dated by the text itself and are not read here).
SC_SYMBOL_YEAR = re.compile(r"(?<![A-Z])S/((?:19|20)\d\d)/\d")


class ResourcePage(TranslatedPageMixin, Page):
    """One document or link: a UN document, a toolkit, a report, educational material, a policy brief."""

    template = "resources/resource_page.html"

    class ResourceType(models.TextChoices):
        UN_DOCUMENT = "un-document", _("UN document")
        TOOLKIT = "toolkit", _("Toolkit")
        REPORT = "report", _("Report")
        EDUCATIONAL = "educational", _("Educational material")
        POLICY_BRIEF = "policy-brief", _("Policy brief")

    class IssuingBody(models.TextChoices):
        GENERAL_ASSEMBLY = "general-assembly", _("General Assembly")
        SECURITY_COUNCIL = "security-council", _("Security Council")
        SECRETARY_GENERAL = "secretary-general", _("Secretary-General")
        UN_OFFICE = "un-office", _("UN Office on Genocide Prevention and the Responsibility to Protect")
        COALITION = "coalition", _("The Coalition")
        MEMBER = "member", _("A member organisation")
        OTHER = "other", _("Other")

    resource_type = models.CharField(_("type"), max_length=20, choices=ResourceType.choices)
    issuing_body = models.CharField(_("issued by"), max_length=20, choices=IssuingBody.choices)
    issuer_name = models.CharField(
        _("name of the issuer"),
        max_length=200,
        blank=True,
        help_text=_("For a member organisation or another body: its name, e.g. ICISS."),
    )
    symbol = models.CharField(
        _("UN document symbol"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("For example A/RES/60/1. Leave empty until the document has one."),
    )
    date = models.DateField(
        _("date"), help_text=_("For a month or a year, use its first day and set the precision below.")
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Never more precise than the source: a day is shown only when the day is known."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("What the document is about, in a sentence."))
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    topics = ParentalManyToManyField("core.Topic", verbose_name=_("topics"), blank=True, related_name="resources")
    languages = DocumentLanguagesField(
        _("languages of the document"),
        default=list,
        blank=True,
        help_text=_("The languages the document itself is published in."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    official_url = models.URLField(
        _("official address"), max_length=500, blank=True, help_text=_("The document on its publisher's site.")
    )
    verified = models.TextField(
        _("verified at (staff only)"),
        blank=True,
        help_text=_("Where the symbol and date were checked. Never shown on the public site."),
    )
    notes = models.TextField(
        _("sourcing notes (staff only)"),
        blank=True,
        help_text=_("What rests on a single source, what is still unconfirmed. Never shown on the public site."),
    )
    is_sample = models.BooleanField(
        _("sample content"),
        default=False,
        editable=False,
        help_text=_("Generated for development and tests; never real."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("resource_type"), FieldPanel("issuing_body")]),
                FieldPanel("issuer_name"),
                FieldPanel("symbol"),
                FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")]),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages"),
            ],
            heading=_("About the document"),
        ),
        MultiFieldPanel([FieldPanel("document"), FieldPanel("official_url")], heading=_("Where to read it")),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("verified"), FieldPanel("notes")],
            heading=_("Sources (staff only, never published)"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("symbol", boost=3),
        index.AutocompleteField("symbol"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("issuer_name"),
        index.FilterField("resource_type"),
        index.FilterField("date"),
    ]

    # Resources live in the library only and have no children.
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def clean(self):
        super().clean()
        if self.languages and any(code not in dict(DOCUMENT_LANGUAGES) for code in self.languages):
            raise ValidationError({"languages": _("Choose languages from the list.")})

    @property
    def issuer(self):
        """Who issued the document, as a visitor reads it."""
        if self.issuing_body in (self.IssuingBody.MEMBER, self.IssuingBody.OTHER) and self.issuer_name:
            return self.issuer_name
        return self.get_issuing_body_display()

    @property
    def is_un_document(self):
        """A document of the United Nations (its official title exists in the six languages), not the
        coalition's or another body's own."""
        un_bodies = (
            self.IssuingBody.GENERAL_ASSEMBLY,
            self.IssuingBody.SECURITY_COUNCIL,
            self.IssuingBody.SECRETARY_GENERAL,
            self.IssuingBody.UN_OFFICE,
        )
        return self.resource_type == self.ResourceType.UN_DOCUMENT or self.issuing_body in un_bodies

    @property
    def symbol_year(self):
        """The year a Security Council document symbol names (``S/2016/71``: 2016) when it is not the
        year of ``date``, else None. The Framework of Analysis was published in 2014 and issued as a UN
        document (A/70/741–S/2016/71) in 2016: the page then says which of the two its date is."""
        match = SC_SYMBOL_YEAR.search(self.symbol or "")
        year = int(match.group(1)) if match else None
        return year if year and self.date and year != self.date.year else None

    @property
    def link_url(self):
        """Where to read it: the uploaded file, else the official address, else nothing."""
        if self.document_id:
            return self.document.url
        return self.official_url

    @cached_property
    def shown_topics(self):
        """The topics, read once per render (the facts list and the structured data)."""
        return list(self.topics.all())

    @cached_property
    def language_names(self):
        """The document's languages as running text names them ("anglais, arabe et chinois"): in lower
        case where the language writes them so, in its alphabetical order (Arabic too, as UN Arabic
        documents list them: «الإسبانية والإنكليزية والروسية والصينية والعربية والفرنسية»); Chinese keeps
        the UN's own order of its languages (by their English names)."""
        names = dict(IN_RUNNING_TEXT)
        shown = [str(names[code]) for code, _label in DOCUMENT_LANGUAGES if code in (self.languages or [])]
        if translation.get_language() == "zh-hans":
            return shown
        return sorted(shown, key=COLLATOR.sort_key)

    @property
    def date_iso(self):
        """The date as precise as it is known, in ISO 8601 (``2012``, ``2012-07`` or ``2012-07-25``)."""
        if self.date_precision == DatePrecision.YEAR:
            return f"{self.date:%Y}"
        if self.date_precision == DatePrecision.MONTH:
            return f"{self.date:%Y-%m}"
        return f"{self.date:%Y-%m-%d}"
