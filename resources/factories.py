"""factory_boy factories for the resources library (tests, sample content)."""

import datetime

import factory
import wagtail_factories

from . import models


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Resources"

    class Meta:
        model = models.ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Sample resource {n}")
    resource_type = models.ResourcePage.ResourceType.REPORT
    issuing_body = models.ResourcePage.IssuingBody.COALITION
    date = factory.Sequence(lambda n: datetime.date(2010 + n % 15, 1 + n % 12, 1 + n % 28))
    date_precision = models.DatePrecision.DAY
    summary = "Generated sample text."
    is_sample = True

    class Meta:
        model = models.ResourcePage
