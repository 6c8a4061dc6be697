"""Template tags of the publishing pages: the NewsArticle JSON-LD."""

from django import template

from publishing.structured_data import news_article_script

register = template.Library()


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, page):
    return news_article_script(page, context["request"])
