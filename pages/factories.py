"""factory_boy factories for the page types (used by tests and development data)."""

import datetime

import factory
import wagtail_factories

from . import models


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_heading = "Prevent and halt mass atrocities"
    hero_text = "A global network of civil society organisations."

    class Meta:
        model = models.HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "An introduction."

    class Meta:
        model = models.StandardPage


class RtoPExplainerPageFactory(wagtail_factories.PageFactory):
    title = "The Responsibility to Protect"
    crimes_heading = "The four crimes"
    pillars_heading = "The three pillars"
    measures_heading = "The spectrum of measures"
    crimes = factory.LazyFunction(
        lambda: [
            ("crime", {"name": name, "description": f"About {name.lower()}."})
            for name in ("Genocide", "War crimes", "Ethnic cleansing", "Crimes against humanity")
        ]
    )
    pillars = factory.LazyFunction(lambda: [])
    measures = factory.LazyFunction(lambda: [])

    class Meta:
        model = models.RtoPExplainerPage


class HistoryPageFactory(wagtail_factories.PageFactory):
    title = "History"

    class Meta:
        model = models.HistoryPage


class TimelineEventFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(HistoryPageFactory)
    date = datetime.date(2005, 9, 14)
    title = factory.Sequence(lambda n: f"Event {n}")

    class Meta:
        model = models.TimelineEvent


class SteeringCommitteePageFactory(wagtail_factories.PageFactory):
    title = "Steering Committee"

    class Meta:
        model = models.SteeringCommitteePage


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact"

    class Meta:
        model = models.ContactPage


class MemberDirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Members"

    class Meta:
        model = models.MemberDirectoryPage
