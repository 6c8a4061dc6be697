"""Events: the coalition's and its members' meetings, webinars, side events and trainings.

An event's start and end are typed as the organisers announce them: a date, an optional time, and the
IANA time zone of the place (or of the organisers, for an online event). The moments in UTC are
computed on save (``start`` and ``end``) so that listings sort and split upcoming / past with one
indexed query. An event without a start time is an all-day event.
"""

import datetime
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.models import ImageWithAltTextMixin, IntroBodyMixin, TranslatedPageMixin
from core.preview import LanguageRoutablePageMixin
from offices.formatting import time_zone_choices, validate_time_zone


class EventIndexPage(LanguageRoutablePageMixin, IntroBodyMixin, Page):
    """All events: upcoming first, then the archive of past events; an iCalendar feed of upcoming
    events at ``calendar.ics`` (see ``events.views``)."""

    template = "events/event_index_page.html"

    # One events section, directly under the home page; its children are the events.
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("events index")

    @path("")
    def listing(self, request):
        from .listing import listing_context

        return self.render(request, context_overrides=listing_context(self, request))

    @path("feed/")
    def feed(self, request):
        from .listing import feed

        return feed(self, request)

    def events(self):
        return EventPage.objects.live().public().child_of(self)


class EventPageManager(PageManager):
    def upcoming(self, now=None):
        """Live, public events that have not ended, soonest first."""
        now = now or timezone.now()
        return self.live().public().filter(end__gte=now).order_by("start", "pk")

    def past(self, now=None):
        """Live, public events that have ended, most recent first."""
        now = now or timezone.now()
        return self.live().public().filter(end__lt=now).order_by("-start", "-pk")


class EventPage(ImageWithAltTextMixin, TranslatedPageMixin, Page):
    """One event, with its own ``.ics`` file."""

    template = "events/event_page.html"

    class Attendance(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True, help_text=_("Empty for an all-day event."))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty for a one-day event."))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("The time zone the times above are given in: the venue's, or the organisers' if online."),
    )
    start = models.DateTimeField(_("starts (UTC)"), editable=False, db_index=True, null=True)
    end = models.DateTimeField(_("ends (UTC)"), editable=False, db_index=True, null=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    venue = models.CharField(
        _("place"),
        max_length=255,
        blank=True,
        help_text=_("Venue and city, e.g. United Nations Headquarters, New York."),
    )
    online_url = models.URLField(_("online meeting address"), max_length=500, blank=True)
    registration_url = models.URLField(_("registration address"), max_length=500, blank=True)
    organiser = models.CharField(_("organised by"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences shown in listings."))
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    topics = ParentalManyToManyField("core.Topic", verbose_name=_("topics"), blank=True, related_name="events")
    is_sample = models.BooleanField(
        _("sample content"),
        default=False,
        editable=False,
        help_text=_("Generated for development and tests; never real."),
    )

    objects = EventPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("time_zone", widget=forms.Select(choices=time_zone_choices)),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("attendance"), FieldPanel("venue"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        FieldPanel("registration_url"),
        FieldPanel("organiser"),
        FieldPanel("summary"),
        *ImageWithAltTextMixin.image_panels,
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("organiser"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    # Events live in the events section only and have no children.
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    @cached_property
    def shown_topics(self):
        """The topics, read once per render."""
        return list(self.topics.all())

    # --- time ------------------------------------------------------------------------------

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def last_date(self):
        return self.end_date or self.start_date

    @property
    def local_start(self):
        """The start as an aware datetime in the event's time zone (midnight for an all-day event)."""
        return datetime.datetime.combine(self.start_date, self.start_time or datetime.time(0), tzinfo=self.zone)

    @property
    def local_end(self):
        """The end as an aware datetime in the event's time zone; for an all-day event the midnight
        after its last day (the end is exclusive, as in iCalendar)."""
        if self.all_day:
            return datetime.datetime.combine(self.last_date + datetime.timedelta(days=1), datetime.time(0), self.zone)
        if self.end_time is not None:
            return datetime.datetime.combine(self.last_date, self.end_time, tzinfo=self.zone)
        return (
            self.local_start
            if self.end_date is None
            else datetime.datetime.combine(self.last_date, self.start_time, tzinfo=self.zone)
        )

    def compute_moments(self):
        if self.start_date:
            self.start = self.local_start.astimezone(datetime.UTC)
            self.end = self.local_end.astimezone(datetime.UTC)

    def clean(self):
        super().clean()
        errors = {}
        if self.end_time is not None and self.start_time is None:
            errors["end_time"] = _("Give a start time too, or leave both times empty for an all-day event.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        elif (
            self.start_date
            and self.start_time is not None
            and self.end_time is not None
            and (self.end_date in (None, self.start_date))
            and self.end_time < self.start_time
        ):
            errors["end_time"] = _("The event cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.compute_moments()
        return super().save(*args, **kwargs)

    def is_past(self, now=None):
        return self.end is not None and self.end < (now or timezone.now())

    @property
    def where(self):
        """The place as a visitor reads it ("Online" for an online event without a place)."""
        if self.attendance == self.Attendance.ONLINE:
            return self.venue or str(_("Online"))
        return self.venue
