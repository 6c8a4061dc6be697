"""What the coalition publishes: crisis pages and news/statements, as Wagtail pages editors own.

``publishing`` imports ``core`` and the ``members`` records only (never ``pages``): the site app
(``pages``) may then use these types (home page, initial content) without an import cycle."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from core.dates import DatePrecision, iso_precise_date
from core.models import (
    ImageWithAltTextMixin,
    IntroBodyMixin,
    OrderedTaxonomy,
    ShownRelationsMixin,
    TranslatedPageMixin,
)
from core.preview import LanguageRoutablePageMixin
from members.models import MemberOrganisation, Region

from .signals import crisis_level_changed

SAMPLE_HELP = _("Generated for development and benchmarks; never real content.")


class SampleQuerySet(PageQuerySet):
    def real(self):
        return self.filter(is_sample=False)

    def samples(self):
        return self.filter(is_sample=True)


class ListingIndexMixin(LanguageRoutablePageMixin, IntroBodyMixin):
    """An index page with a filtered listing (``core.listing``) and its Atom feed at ``feed/``."""

    class Meta:
        abstract = True

    def listing(self, request):
        raise NotImplementedError

    def feed_class(self):
        raise NotImplementedError

    @path("")
    def index(self, request):
        from .listing import listing_context

        return self.render(request, context_overrides=listing_context(self, self.listing(request)))

    @path("feed/")
    def feed(self, request):
        return self.feed_class()(self, self.listing(request))(request)


# --- crises ---------------------------------------------------------------------------------


class CrisisLevel(OrderedTaxonomy):
    """How grave a situation is (current crisis, imminent risk, serious concern, past…): an ordered,
    translatable set staff edit under Snippets › Crisis levels. Gravest first."""

    class Tone(models.TextChoices):
        CRITICAL = "critical", _("Gravest (filled dark red)")
        HIGH = "high", _("Grave (red outline)")
        ELEVATED = "elevated", _("Concerning (dashed outline)")
        CALM = "calm", _("Past or resolved (grey)")

    description = models.TextField(
        _("description"), blank=True, help_text=_("What this level means, in a sentence, for visitors.")
    )
    tone = models.CharField(
        _("badge style"),
        max_length=10,
        choices=Tone.choices,
        default=Tone.ELEVATED,
        help_text=_("How the badge looks. Its name is always written on it: the style is never the only sign."),
    )

    panels = OrderedTaxonomy.panels + [FieldPanel("description"), FieldPanel("tone")]

    class Meta(OrderedTaxonomy.Meta):
        verbose_name = _("crisis level")
        verbose_name_plural = _("crisis levels")


class CrisisIndexPage(ListingIndexMixin, Page):
    """/crises/: every crisis page, current ones first, filterable by region and status."""

    parent_page_types = ["pages.HomePage"]  # one crises section, under the home page
    subpage_types = ["publishing.CrisisPage"]
    max_count = 1

    class Meta:
        verbose_name = _("crises index page")

    def listing(self, request):
        from .listing import CrisisFilterSet

        return CrisisFilterSet(request.GET, queryset=CrisisPage.objects.live().public().child_of(self))

    def feed_class(self):
        from .listing import CrisisFeed

        return CrisisFeed

    def data_file(self, request, name, extension):
        """``levels.csv`` and ``levels.json``: the levels and their history as open data, with the
        listing's filters (``core.datafiles``, ``publishing.level_data``)."""
        if name != "levels":
            return None
        from .level_data import levels_csv, levels_json

        return (levels_csv if extension == "csv" else levels_json)(self.listing(request), request)

    @path("levels/feed/")
    def levels_feed(self, request):
        from .level_data import LevelChangeFeed

        return LevelChangeFeed(self, self.listing(request))(request)


class CrisisPage(ShownRelationsMixin, ImageWithAltTextMixin, TranslatedPageMixin, Page):
    """One country or situation the coalition follows."""

    class Status(models.TextChoices):
        CURRENT = "current", _("Current")
        PAST = "past", _("Past")

    countries = CountryField(_("countries"), multiple=True, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL, related_name="crises"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CURRENT)
    # The current level and since when: read from the level history on every full save (``save``),
    # so that listings filter and count on a column; never typed by editors.
    level = models.ForeignKey(
        CrisisLevel,
        verbose_name=_("current level"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="crises",
    )
    level_since = models.DateField(_("level since"), null=True, blank=True, editable=False)
    level_since_precision = models.CharField(
        _("level since (precision)"), max_length=5, choices=DatePrecision.choices, blank=True, editable=False
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Two or three sentences shown in lists."))
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    risk_factors = RichTextField(
        _("risk factors"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What makes atrocity crimes likely here, as a short list."),
    )
    recommended_actions = RichTextField(
        _("recommended actions"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What the coalition asks governments, the UN and others to do."),
    )
    members = ParentalManyToManyField(
        MemberOrganisation,
        verbose_name=_("member organisations working on it"),
        blank=True,
        related_name="crises",
    )
    topics = ParentalManyToManyField("core.Topic", verbose_name=_("topics"), blank=True, related_name="crises")
    is_sample = models.BooleanField(_("sample data"), default=False, editable=False, help_text=SAMPLE_HELP)

    objects = PageManager.from_queryset(SampleQuerySet)()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("countries"),
                FieldRowPanel(
                    [
                        FieldPanel("region"),
                        FieldPanel(
                            "status",
                            help_text=_(
                                "Follows the level when the page is published: a level in the “past or "
                                "resolved” style makes the crisis past, any other level current. The status "
                                "chosen here is kept only for a crisis without a level history."
                            ),
                        ),
                    ]
                ),
            ],
            heading=_("Where and when"),
        ),
        InlinePanel(
            "level_changes",
            label=_("Level change"),
            heading=_("Level and its history"),
            help_text=_(
                "The crisis's level is that of the latest entry. To change it, add an entry with the date "
                "(as precise as known) and the reason; earlier entries stay as its history."
            ),
        ),
        FieldPanel("summary"),
        *ImageWithAltTextMixin.image_panels,
        FieldPanel("body"),
        FieldPanel("risk_factors"),
        FieldPanel("recommended_actions"),
        InlinePanel("developments", label=_("Key developments"), heading=_("Key developments")),
        FieldPanel("members"),
        FieldPanel("topics"),
        InlinePanel("related_pages", label=_("Related documents and resources")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("risk_factors"),
        index.SearchField("recommended_actions"),
        index.FilterField("status"),
    ]

    parent_page_types = ["publishing.CrisisIndexPage"]  # crises live in the crises section only
    subpage_types = []

    class Meta:
        verbose_name = _("crisis page")
        verbose_name_plural = _("crisis pages")

    def developments_in_order(self):
        return sorted(self.developments.all(), key=lambda d: (d.date, d.sort_order or 0))

    def level_history(self, with_levels=False):
        """The level changes, oldest first (same date: the editor's order); ``with_levels`` reads
        their levels in the same query."""
        changes = self.level_changes.select_related("level") if with_levels else self.level_changes.all()
        return sorted(changes, key=lambda c: (c.date, c.sort_order or 0))

    @staticmethod
    def level_run(history):
        """(latest change, change it has held that level since) of a history in date order, or
        (None, None): the level holds since the first of the last run of entries with the same level."""
        if not history:
            return None, None
        latest = since = history[-1]
        for change in reversed(history):
            if change.level_id != latest.level_id:
                break
            since = change
        return latest, since

    @classmethod
    def status_of_level(cls, level_id):
        """The status a level implies (a "past or resolved" level: past; any other: current), or None
        without a level. Derived on save so that the two never contradict each other: the level
        history is what staff keep up to date, the status follows it; a crisis without a history
        keeps the status staff chose."""
        if not level_id:
            return None
        tone = CrisisLevel.objects.filter(pk=level_id).values_list("tone", flat=True).first()
        if tone is None:
            return None
        return cls.Status.PAST if tone == CrisisLevel.Tone.CALM else cls.Status.CURRENT

    def current_level(self):
        """(level id, since date, since precision), read from the history."""
        latest, since = self.level_run(self.level_history())
        if latest is None:
            return None, None, ""
        return latest.level_id, since.date, since.precision

    def save(self, *args, **kwargs):
        """A full save (creating, publishing) reads the current level from the history; when a live
        crisis's level changes, ``publishing.signals.crisis_level_changed`` is sent once the page and
        its history are written (engagement sends the alerts)."""
        full = kwargs.get("update_fields") is None
        existed = bool(self.pk)
        previous = None
        if full:
            if existed:
                previous = type(self).objects.filter(pk=self.pk).values_list("level_id", flat=True).first()
            self.level_id, self.level_since, self.level_since_precision = self.current_level()
            self.status = self.status_of_level(self.level_id) or self.status
        result = super().save(*args, **kwargs)
        if full and existed and self.live and self.level_id and previous != self.level_id:
            # The history's rows now have their ids (modelcluster writes them with the page).
            crisis_level_changed.send(
                sender=type(self), page=self, change=self.level_history()[-1], previous_level_id=previous
            )
        return result

    def country_names(self):
        return [country.name for country in self.countries]

    def public_members(self):
        return self.members.filter(published=True).order_by("sort_key", "pk")

    def linked_pages(self):
        """Related resources and documents that are live, in the editor's order (their specific
        pages in one query per page type)."""
        ids = [link.page_id for link in self.related_pages.all()]
        pages = {page.pk: page for page in Page.objects.live().filter(pk__in=ids).specific()} if ids else {}
        return [pages[pk] for pk in ids if pk in pages]

    def statements(self):
        if self.pk is None:  # a crisis not yet created (its preview): nothing links to it
            return ArticlePage.objects.none()
        return ArticlePage.objects.live().public().filter(related_crises=self).order_by("-date", "-pk")

    def level_shown(self):
        """The current level, since when and the history (newest first), read from the history
        itself, so that a preview shows a draft's level."""
        history = self.level_history(with_levels=True)
        latest, since = self.level_run(history)
        return {
            "level": latest.level if latest else None,
            "level_since": since,
            "level_history": list(reversed(history)),
        }

    def load_shown(self):
        """What the crisis page shows beside its own fields (``ShownRelationsMixin``)."""
        return {
            "topics": list(self.topics.all()),
            **self.level_shown(),
            "developments": self.developments_in_order(),
            "statements": list(self.statements().select_related("image")),
            "linked": self.linked_pages(),
            "members": list(self.public_members().select_related("region", "logo")),
        }


class CrisisDevelopment(Orderable):
    """A dated key development of a crisis, as precise as known (day, month or year)."""

    page = ParentalKey(CrisisPage, on_delete=models.CASCADE, related_name="developments")
    date = models.DateField(_("date"), help_text=_("For a month or a year, use its first day and set the precision."))
    precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    source_url = models.URLField(_("source"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("precision")]),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("source_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("key development")
        verbose_name_plural = _("key developments")

    def __str__(self):
        return self.title


class CrisisLevelChange(Orderable):
    """A dated entry of a crisis's level history: from that date (as precise as known) the crisis was
    at ``level``, for ``reason``. The latest entry gives the crisis its current level."""

    page = ParentalKey(CrisisPage, on_delete=models.CASCADE, related_name="level_changes")
    level = models.ForeignKey(CrisisLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"), help_text=_("For a month or a year, use its first day and set the precision."))
    precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    reason = models.CharField(
        _("reason"), max_length=300, help_text=_("Why the level was set or changed, in a sentence.")
    )
    source_url = models.URLField(_("source"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("level"), FieldPanel("date"), FieldPanel("precision")]),
        FieldPanel("reason"),
        FieldPanel("source_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("level change")
        verbose_name_plural = _("level changes")

    def __str__(self):
        return f"{self.level} ({self.date_iso})"

    @property
    def date_iso(self):
        return iso_precise_date(self.date, self.precision)


class CrisisRelatedPage(Orderable):
    """A UN document, resource or other page related to a crisis."""

    crisis = ParentalKey(CrisisPage, on_delete=models.CASCADE, related_name="related_pages")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("document or resource"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page", page_type="resources.ResourcePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related document or resource")
        verbose_name_plural = _("related documents and resources")


# --- news and statements ----------------------------------------------------------------------


class NewsIndexPage(ListingIndexMixin, Page):
    """/news/: news, statements, joint letters, press releases and blog posts, newest first."""

    parent_page_types = ["pages.HomePage"]  # one news section, under the home page
    subpage_types = ["publishing.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index page")

    def listing(self, request):
        from .listing import NewsFilterSet

        return NewsFilterSet(request.GET, queryset=ArticlePage.objects.live().public().child_of(self))

    def feed_class(self):
        from .listing import NewsFeed

        return NewsFeed


class ArticlePage(ShownRelationsMixin, ImageWithAltTextMixin, TranslatedPageMixin, Page):
    """A news item, statement, joint letter, press release or blog post."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        STATEMENT = "statement", _("Statement")
        JOINT_LETTER = "joint-letter", _("Joint letter")
        PRESS_RELEASE = "press-release", _("Press release")
        BLOG_POST = "blog-post", _("Blog post")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(_("publication date"), default=timezone.localdate)
    by_secretariat = models.BooleanField(
        _("by the coalition's secretariat"), default=True, help_text=_("Untick if only member organisations wrote it.")
    )
    authors = ParentalManyToManyField(
        MemberOrganisation, verbose_name=_("authoring member organisations"), blank=True, related_name="articles"
    )
    topics = ParentalManyToManyField("core.Topic", verbose_name=_("topics"), blank=True, related_name="articles")
    related_crises = ParentalManyToManyField(
        CrisisPage, verbose_name=_("related crises"), blank=True, related_name="articles"
    )
    teaser = models.TextField(_("teaser"), blank=True, help_text=_("One or two sentences shown in lists and feeds."))
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False, editable=False, help_text=SAMPLE_HELP)

    objects = PageManager.from_queryset(SampleQuerySet)()

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        MultiFieldPanel([FieldPanel("by_secretariat"), FieldPanel("authors")], heading=_("Written by")),
        InlinePanel("signatories", label=_("Signatories"), heading=_("Signatories (member organisations)")),
        FieldPanel("teaser"),
        *ImageWithAltTextMixin.image_panels,
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments"), heading=_("Attachments")),
        FieldPanel("topics"),
        FieldPanel("related_crises"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]

    parent_page_types = ["publishing.NewsIndexPage"]  # articles live in the news section only
    subpage_types = []

    class Meta:
        verbose_name = _("news or statement page")
        verbose_name_plural = _("news and statement pages")

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate() + timezone.timedelta(days=1):
            raise ValidationError({"date": _("The publication date cannot be in the future.")})

    @cached_property
    def signing_members(self):
        # Each member with its region (the signatory's place in the aside).
        return [s.member for s in self.signatories.select_related("member__region").all() if s.member.published]

    def public_authors(self):
        shown = getattr(self, "shown", None)  # set while the page renders (``ShownRelationsMixin``)
        if shown is not None:
            return shown["authors"]
        return [member for member in self.authors.all() if member.published]

    def load_shown(self):
        """What the article page shows beside its own fields (``ShownRelationsMixin``); the authors
        serve the byline and the structured data. A page built from a revision or a form (a preview)
        holds its relations in memory (modelcluster's ``FakeQuerySet``): only what both kinds of
        relation offer is used here (``all``, ``filter``, ``select_related``)."""
        return {
            "authors": [member for member in self.authors.all() if member.published],
            "signatories": self.signing_members,
            "attachments": list(self.attachments.select_related("document")),
            "crises": list(self.related_crises.filter(live=True).select_related("region")),
            "topics": list(self.topics.all()),
        }


class ArticleSignatory(Orderable):
    """A member organisation that signed a statement or joint letter."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="signatories")
    member = models.ForeignKey(
        MemberOrganisation, verbose_name=_("member organisation"), on_delete=models.CASCADE, related_name="signatures"
    )

    panels = [FieldPanel("member")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [models.UniqueConstraint(fields=["article", "member"], name="publishing_signatory_once")]


class ArticleAttachment(Orderable):
    """A downloadable document (Wagtail document) attached to an article."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("link text"), max_length=200, blank=True, help_text=_("Defaults to the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
