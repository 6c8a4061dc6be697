"""Wagtail page types of the coalition's site.

Tree rules (``parent_page_types`` / ``subpage_types``) are declared on every type with the reason,
so editors can only build the site shape the templates and navigation expect.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import (
    RICH_TEXT_FEATURES,
    CallToActionBlock,
    CrimeBlock,
    HighlightBlock,
    MeasureBlock,
    PillarBlock,
)
from core.models import ImageWithAltTextMixin, IntroBodyMixin
from core.preview import LanguageRoutablePageMixin
from members.directory import DirectoryQuery
from members.models import MemberOrganisation

# The panels of a text page with a picture: title, lead, picture (with its alternative text), body.
TEXT_PAGE_PANELS = Page.content_panels + [FieldPanel("intro"), *ImageWithAltTextMixin.image_panels, FieldPanel("body")]


class HomePage(ImageWithAltTextMixin, IntroBodyMixin, Page):
    """The coalition's purpose in one screen."""

    hero_heading = models.CharField(_("hero heading"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    crimes_heading = models.CharField(
        _("four crimes heading"),
        max_length=200,
        blank=True,
        help_text=_("The four crimes themselves are taken from the RtoP explainer page, so they are written once."),
    )
    calls_to_action = StreamField(
        [("call_to_action", CallToActionBlock())], verbose_name=_("calls to action"), blank=True
    )
    highlights_heading = models.CharField(_("highlights heading"), max_length=200, blank=True)
    highlights = StreamField([("highlight", HighlightBlock())], verbose_name=_("highlights"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("image", help_text=_("Shown beside the hero text; without one, the coalition's drawing.")),
                FieldPanel("image_alt_text"),
                FieldPanel("image_is_decorative"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("crimes_heading"),
        FieldPanel("calls_to_action"),
        MultiFieldPanel([FieldPanel("highlights_heading"), FieldPanel("highlights")], heading=_("Highlights")),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel(
            "featured_items",
            heading=_("Featured on the home page"),
            label=_("Featured item"),
            help_text=_("Statements, news or crises shown first in their home page section; the newest fill the rest."),
        ),
    ]
    search_fields = IntroBodyMixin.search_fields + [index.SearchField("hero_text")]

    # The home page sits at the root of a site; there is only one.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.StandardPage",
        "pages.RtoPExplainerPage",
        "pages.ContactPage",
        "pages.MemberDirectoryPage",
        "resources.ResourceIndexPage",
        "events.EventIndexPage",
        "engagement.MembershipApplicationPage",
        "engagement.NewsletterPage",
        "engagement.PrivacyNoticePage",
        "publishing.CrisisIndexPage",
        "publishing.NewsIndexPage",
        "untexts.UNTextIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    @cached_property
    def explainer(self):
        """The explainer whose four crimes the home page shows (cached until the next change; the
        object carries every language's columns)."""
        from core import generation

        return generation.cached(("home_explainer",), lambda: RtoPExplainerPage.objects.live().public().first())

    @cached_property
    def highlight_items(self):
        """The highlighted pages (specific, live and public) with their summaries, in the editor's
        order: a query per page type instead of one per highlight."""
        from core import generation

        def load():
            raw = [item.get("value") or {} for item in self.highlights.raw_data]
            ids = [value.get("page") for value in raw if value.get("page")]
            pages = Page.objects.filter(pk__in=ids).live().public().specific().in_bulk()
            return [
                {"page": pages[value["page"]], "summary": value.get("summary") or ""}
                for value in raw
                if value.get("page") in pages
            ]

        # The highlights are a translated field: each language has its own list.
        return generation.cached(("home_highlights", self.pk, translation.get_language()), load)


class HomeFeaturedItem(Orderable):
    """An editor's choice for the home page's latest news / current crises / next events sections
    (each section shows the featured pages of its type first)."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")

    panels = [
        PageChooserPanel("page", page_type=["publishing.ArticlePage", "publishing.CrisisPage", "events.EventPage"])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("featured item")
        verbose_name_plural = _("featured items")


class StandardPage(ImageWithAltTextMixin, IntroBodyMixin, Page):
    """A plain page: the mission ("About the Coalition") and any other text page."""

    content_panels = TEXT_PAGE_PANELS

    # Plain pages hang under the home page or under another plain page (an "About" section).
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage", "pages.HistoryPage", "pages.SteeringCommitteePage"]

    class Meta:
        verbose_name = _("standard page")


class RtoPExplainerPage(ImageWithAltTextMixin, IntroBodyMixin, Page):
    """The norm explained in structured parts: what it is, the crimes, the pillars, the measures."""

    template = "pages/rtop_explainer_page.html"

    crimes_heading = models.CharField(_("crimes heading"), max_length=200)
    crimes_intro = models.TextField(_("crimes introduction"), blank=True)
    crimes = StreamField([("crime", CrimeBlock())], verbose_name=_("the four crimes"))
    pillars_heading = models.CharField(_("pillars heading"), max_length=200)
    pillars_intro = models.TextField(_("pillars introduction"), blank=True)
    pillars = StreamField([("pillar", PillarBlock())], verbose_name=_("the three pillars"))
    measures_heading = models.CharField(_("measures heading"), max_length=200)
    measures_intro = models.TextField(_("measures introduction"), blank=True)
    measures = StreamField([("measure", MeasureBlock())], verbose_name=_("the spectrum of measures"))
    use_of_force = RichTextField(
        _("use of force"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("When and how force may be used: only collectively, with Security Council authorisation."),
    )

    content_panels = TEXT_PAGE_PANELS + [
        MultiFieldPanel(
            [FieldPanel("crimes_heading"), FieldPanel("crimes_intro"), FieldPanel("crimes")], heading=_("Crimes")
        ),
        MultiFieldPanel(
            [FieldPanel("pillars_heading"), FieldPanel("pillars_intro"), FieldPanel("pillars")], heading=_("Pillars")
        ),
        MultiFieldPanel(
            [
                FieldPanel("measures_heading"),
                FieldPanel("measures_intro"),
                FieldPanel("measures"),
                FieldPanel("use_of_force"),
            ],
            heading=_("Measures"),
        ),
    ]
    search_fields = IntroBodyMixin.search_fields + [
        index.SearchField("crimes"),
        index.SearchField("pillars"),
        index.SearchField("measures"),
    ]

    # One explainer, directly under the home page (the home page reads its crimes from it).
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("RtoP explainer page")


class HistoryPage(ImageWithAltTextMixin, IntroBodyMixin, Page):
    """The coalition's history with a timeline of dated events."""

    timeline_heading = models.CharField(_("timeline heading"), max_length=200, blank=True)

    content_panels = TEXT_PAGE_PANELS + [
        FieldPanel("timeline_heading"),
        InlinePanel("events", label=_("Timeline events"), heading=_("Timeline")),
    ]

    # History belongs in the "About" section; it has no children of its own.
    parent_page_types = ["pages.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("history page")

    def timeline(self):
        """Events in date order (the admin order breaks ties)."""
        return sorted(self.events.all(), key=lambda event: (event.date, event.sort_order or 0))


class TimelineEvent(Orderable):
    """One dated event of the history timeline."""

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    page = ParentalKey(HistoryPage, on_delete=models.CASCADE, related_name="events")
    date = models.DateField(_("date"), help_text=_("For a month or a year, use its first day and set the precision."))
    precision = models.CharField(_("date precision"), max_length=5, choices=Precision.choices, default=Precision.DAY)
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("For events over several days or months; shown with the same precision as the date."),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    document_symbol = models.CharField(
        _("UN document symbol"), max_length=60, blank=True, help_text=_("For example A/RES/60/1.")
    )
    document_url = models.URLField(_("document link"), blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("precision"),
        FieldPanel("end_date"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("document_symbol"),
        FieldPanel("document_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def clean(self):
        super().clean()
        if self.end_date and self.date and self.end_date < self.date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class SteeringCommitteePage(ImageWithAltTextMixin, IntroBodyMixin, Page):
    """Intro text plus the steering committee, read from the member records (never typed twice)."""

    content_panels = TEXT_PAGE_PANELS

    # Part of the "About" section; no children.
    parent_page_types = ["pages.StandardPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("steering committee page")

    def get_context(self, request, *args, **kwargs):
        from core import generation

        def load():
            return {
                "committee": list(MemberOrganisation.objects.steering_committee()),
                "former_committee": list(MemberOrganisation.objects.former_steering_committee()),
            }

        context = super().get_context(request, *args, **kwargs)
        # The member records (with their regions, logos and sectors), read once per content generation
        # and day: who serves now depends on today's date (a term ends on its last day).
        context.update(generation.cached(("steering_committee", timezone.localdate().isoformat()), load))
        return context


class ContactPage(ImageWithAltTextMixin, IntroBodyMixin, Page):
    """Intro plus the offices, read from the offices app."""

    content_panels = TEXT_PAGE_PANELS

    # One contact page, under the home page; the contact form has its own page below it (a form page
    # cannot be cached, the contact page can).
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["engagement.ContactFormPage"]
    max_count = 1

    class Meta:
        verbose_name = _("contact page")

    def get_context(self, request, *args, **kwargs):
        from core import generation
        from offices.models import public_offices

        context = super().get_context(request, *args, **kwargs)
        context["offices"] = public_offices(request)

        def write_page():
            return self.get_children().live().public().specific().first()

        # The form page below changes only with a publish, move or privacy change (each a new generation).
        context["write_page"] = (
            write_page()
            if getattr(request, "is_preview", False)
            else generation.cached(("write_page", self.pk), write_page)
        )
        return context


class MemberDirectoryPage(ImageWithAltTextMixin, LanguageRoutablePageMixin, IntroBodyMixin, Page):
    """The public member directory (/members/) with each member's profile below it."""

    content_panels = TEXT_PAGE_PANELS

    # One directory, directly under the home page; profiles are routes, not child pages.
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("member directory page")

    def directory_context(self, request):
        """Filters, facet counts and the requested page of members (the shared listing pattern,
        ``core.listing``, with the directory's filters in ``members.directory``)."""
        from core import generation

        query = DirectoryQuery.from_params(request.GET)
        context = query.context()
        # The count says how many real organisations the list holds, as the home page's figures and the
        # map count them; generated samples, when the database has any, are said apart ("and 6 samples").
        # Whether there are any is read once per content generation (none in production: no query).
        listed = context["results_page"].paginator
        has_samples = generation.cached(("member_samples",), lambda: MemberOrganisation.objects.samples().exists())
        samples = listed.object_list.filter(is_sample=True).count() if has_samples else 0
        context.update(
            {
                "query": query,
                "members_page": context["results_page"],
                "members": context["results"],
                "data_query": context["filter_query"],
                "real_count": listed.count - samples,
                "sample_count": samples,
            }
        )
        return context

    @path("")
    def directory(self, request):
        return self.render(request, context_overrides=self.directory_context(request))

    @path("map/", name="map")
    def map(self, request):
        """Where the members are: a world map drawn on the server, with its table (``pages.member_map``).
        Before the profiles' route: "map" is not a member's address."""
        from .member_map import member_map

        return self.render(
            request,
            template="pages/member_map.html",
            context_overrides={"map": member_map(self.get_url(request) or ""), "routable_suffix": "map/"},
        )

    @re_path(r"^(?P<slug>[-\w]+)/$")
    def profile(self, request, slug):
        member = get_object_or_404(MemberOrganisation.objects.for_profile(), slug=slug)
        return self.render(
            request,
            template="pages/member_profile.html",
            context_overrides={"member": member, "routable_suffix": f"{slug}/"},
        )

    def profile_url(self, member, request=None):
        return self.url + self.reverse_subpage("profile", kwargs={"slug": member.slug})

    def sitemap_routes(self):
        """The member map, for the sitemap (``pages.sitemaps``); the profiles have a sitemap of their own."""
        return [(self.reverse_subpage("map"), None)]


class InitialContentRecord(models.Model):
    """Remembers what ``load_initial_content`` created, so that running it again never creates a
    second copy nor overwrites what editors changed (even when they renamed or moved it)."""

    key = models.CharField(max_length=120, unique=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("initial content record")

    def __str__(self):
        return self.key

    def get_object(self):
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first()
