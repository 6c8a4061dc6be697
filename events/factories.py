"""factory_boy factories for events (tests, sample content)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from . import models


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"

    class Meta:
        model = models.EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Sample event {n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    start_time = datetime.time(14, 0)
    end_time = datetime.time(16, 0)
    time_zone = "Europe/Amsterdam"
    attendance = models.EventPage.Attendance.IN_PERSON
    venue = "Sample venue"
    summary = "Generated sample text."
    is_sample = True

    class Meta:
        model = models.EventPage
