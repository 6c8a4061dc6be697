"""Template tags of the publishing pages: the NewsArticle JSON-LD, the news listing's address, a crisis
level's badge as a value."""

from django import template
from django.template.loader import render_to_string

from publishing.structured_data import news_article_script

register = template.Library()


@register.simple_tag
def level_badge(level):
    """The level's badge (``level_badge.html``) as a value, to stand in a translated sentence:
    ``{% level_badge level as badge %}{% blocktranslate %}{{ badge }} (since {{ since_date }}){% endblocktranslate %}``
    (one message, so that each language words "Past crisis (since 15 October 2023)" its own way)."""
    return render_to_string("publishing/includes/level_badge.html", {"level": level})


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, page):
    return news_article_script(page, context["request"])


@register.simple_tag
def news_index_url():
    """The news and statements listing's address in the active language (read once per content
    generation), or "" when there is none: a crisis links to its statements there (``?crisis=``)."""
    from django.utils import translation

    from core import generation
    from publishing.models import NewsIndexPage

    def load():
        index = NewsIndexPage.objects.live().public().first()
        return (index.get_url() if index else "") or ""

    return generation.cached(("news_index_url", translation.get_language()), load)


@register.simple_tag
def latest_articles(exclude=None, count=3):
    """The newest live, public news and statements but ``exclude`` (a statement's "Latest" box), read once
    per content generation."""
    from core import generation
    from publishing.models import ArticlePage

    pk = getattr(exclude, "pk", None)

    def load():
        return list(ArticlePage.objects.live().public().exclude(pk=pk).order_by("-date", "-pk")[:count])

    return generation.cached(("latest_articles", pk, count), load)


@register.simple_tag
def other_crises(exclude=None, count=4):
    """Other current crises (live, public), newest first: a crisis page's box when it has no related items
    of its own; read once per content generation."""
    from core import generation
    from publishing.models import CrisisPage

    pk = getattr(exclude, "pk", None)

    def load():
        current = CrisisPage.objects.live().public().filter(status=CrisisPage.Status.CURRENT).exclude(pk=pk)
        return list(current.select_related("region").order_by("-first_published_at", "-pk")[:count])

    return generation.cached(("other_crises", pk, count), load)
