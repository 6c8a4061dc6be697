"""factory_boy factories for the engagement app (tests and development data)."""

import factory
import wagtail_factories
from django.utils import timezone

from members.models import Region

from . import models


class MembershipApplicationPageFactory(wagtail_factories.PageFactory):
    title = "Join the coalition"
    intro = "Who can apply."

    class Meta:
        model = models.MembershipApplicationPage


class ContactFormPageFactory(wagtail_factories.PageFactory):
    title = "Write to us"

    class Meta:
        model = models.ContactFormPage


class NewsletterPageFactory(wagtail_factories.PageFactory):
    title = "Newsletter"

    class Meta:
        model = models.NewsletterPage


class PrivacyNoticePageFactory(wagtail_factories.PageFactory):
    title = "Privacy notice"

    class Meta:
        model = models.PrivacyNoticePage


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    organisation_name = factory.Sequence(lambda n: f"Applicant organisation {n}")
    country = "KE"
    city = "Nairobi"
    region = factory.LazyFunction(lambda: Region.objects.first())
    description = "Works for the protection of civilians."
    contact_name = "A. Person"
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    membership_type = "member"
    supports_rtop = True
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = models.MembershipApplication


class ContactMessageFactory(factory.django.DjangoModelFactory):
    name = "A. Visitor"
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    subject = "A question"
    message = "Hello."
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = models.ContactMessage


class SubscriberFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = models.Subscriber
