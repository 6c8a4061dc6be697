"""schema.org ``NewsArticle`` for news and statements, as JSON-LD (``core.structured_data``: never
executed, so the strict CSP of the public pages needs no nonce for it)."""

from django.utils.translation import get_language, gettext

from core.structured_data import json_ld_script


def news_article(page, request):
    url = page.get_full_url(request)
    authors = [{"@type": "Organization", "name": member.name} for member in page.public_authors()]
    if page.by_secretariat or not authors:
        authors.insert(
            0, {"@type": "Organization", "name": gettext("International Coalition for the Responsibility to Protect")}
        )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "datePublished": page.date.isoformat(),
        "inLanguage": get_language(),
        "author": authors,
        "publisher": {"@type": "Organization", "name": "ICRtoP"},
        "mainEntityOfPage": url,
        "url": url,
        "articleSection": str(page.get_kind_display()),
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.teaser:
        data["description"] = page.teaser
    if page.image:
        rendition = page.image.get_rendition("fill-1200x630")
        data["image"] = request.build_absolute_uri(rendition.url)
    return data


def news_article_script(page, request):
    return json_ld_script(news_article(page, request))
