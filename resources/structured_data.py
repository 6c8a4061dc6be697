"""schema.org data for a resource page: ``Report`` for UN documents and reports, ``CreativeWork``
otherwise. Staff-only fields (``verified``, ``notes``) are never part of it."""

from .models import DOCUMENT_LANGUAGES, ResourcePage

REPORT_TYPES = {ResourcePage.ResourceType.UN_DOCUMENT, ResourcePage.ResourceType.REPORT}
BCP47 = {"zh": "zh"}


def resource_data(resource, request=None):
    data = {
        "@context": "https://schema.org",
        "@type": "Report" if resource.resource_type in REPORT_TYPES else "CreativeWork",
        "name": resource.title,
        "datePublished": resource.date_iso,  # as precise as known: 2012, 2012-07 or 2012-07-25
        "genre": str(resource.get_resource_type_display()),
        "publisher": {"@type": "Organization", "name": str(resource.issuer)},
    }
    url = resource.get_full_url(request)
    if url:
        data["url"] = url
    if resource.summary:
        data["description"] = resource.summary
    if resource.symbol:
        data["identifier"] = resource.symbol
        if data["@type"] == "Report":
            data["reportNumber"] = resource.symbol
    known = dict(DOCUMENT_LANGUAGES)
    languages = [code for code in resource.languages or [] if code in known]
    if languages:
        data["inLanguage"] = languages
    if resource.link_url:
        link = resource.link_url
        data["sameAs" if resource.official_url and not resource.document_id else "contentUrl"] = (
            request.build_absolute_uri(link) if request is not None and link.startswith("/") else link
        )
    topics = [topic.name for topic in resource.shown_topics]
    if topics:
        data["about"] = topics
    return data
