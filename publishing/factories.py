"""factory_boy factories for the publishing page types (tests and development data)."""

import datetime

import factory
import wagtail_factories

from . import models


class CrisisIndexPageFactory(wagtail_factories.PageFactory):
    title = "Crises"
    slug = "crises"

    class Meta:
        model = models.CrisisIndexPage


class CrisisPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Test crisis {n}")
    slug = factory.Sequence(lambda n: f"test-crisis-{n}")
    summary = "A summary."

    class Meta:
        model = models.CrisisPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News and statements"
    slug = "news"

    class Meta:
        model = models.NewsIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Test article {n}")
    slug = factory.Sequence(lambda n: f"test-article-{n}")
    date = datetime.date(2024, 5, 6)
    teaser = "A teaser."

    class Meta:
        model = models.ArticlePage
