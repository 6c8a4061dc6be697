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
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.dates import DatePrecision
from core.models import ImageWithAltTextMixin, IntroBodyMixin, ShownRelationsMixin, TranslatedPageMixin
from members.models import MemberOrganisation, Region

SAMPLE_HELP = _("Generated for development and benchmarks; never real content.")


class SampleQuerySet(PageQuerySet):
    def real(self):
        return self.filter(is_sample=False)

    def samples(self):
        return self.filter(is_sample=True)


class ListingIndexMixin(RoutablePageMixin, IntroBodyMixin):
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
    summary = models.TextField(_("summary"), blank=True, help_text=_("Two or three sentences shown in lists."))
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
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
            [FieldPanel("countries"), FieldRowPanel([FieldPanel("region"), FieldPanel("status")])],
            heading=_("Where and when"),
        ),
        FieldPanel("summary"),
        *ImageWithAltTextMixin.image_panels,
        FieldPanel("body"),
        InlinePanel("developments", label=_("Key developments"), heading=_("Key developments")),
        FieldPanel("members"),
        FieldPanel("topics"),
        InlinePanel("related_pages", label=_("Related documents and resources")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("status"),
    ]

    parent_page_types = ["publishing.CrisisIndexPage"]  # crises live in the crises section only
    subpage_types = []

    class Meta:
        verbose_name = _("crisis page")
        verbose_name_plural = _("crisis pages")

    def developments_in_order(self):
        return sorted(self.developments.all(), key=lambda d: (d.date, d.sort_order or 0))

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
        return ArticlePage.objects.live().public().filter(related_crises=self).order_by("-date", "-pk")

    def load_shown(self):
        """What the crisis page shows beside its own fields (``ShownRelationsMixin``)."""
        return {
            "topics": list(self.topics.all()),
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
        return [s.member for s in self.signatories.select_related("member").all() if s.member.published]

    def public_authors(self):
        shown = getattr(self, "shown", None)  # set while the page renders (``ShownRelationsMixin``)
        if shown is not None:
            return shown["authors"]
        return [member for member in self.authors.all() if member.published]

    def load_shown(self):
        """What the article page shows beside its own fields (``ShownRelationsMixin``); the authors
        serve the byline and the structured data."""
        return {
            "authors": [member for member in self.authors.all() if member.published],
            "signatories": self.signing_members,
            "attachments": list(self.attachments.select_related("document")),
            "crises": list(self.related_crises.live().select_related("region")),
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
