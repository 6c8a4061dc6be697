"""Absolute addresses the offices' outputs (vCard, JSON-LD) point visitors to."""

from django.utils import translation
from wagtail.models import Site


def site_home_url(request):
    """The site's home page in the active language, as an absolute URL (``https://…/en/``)."""
    site = Site.find_for_request(request)
    path = None
    if site is not None:
        path = site.root_page.get_url(request=request)
    if not path:
        path = f"/{translation.get_language()}/"
    return request.build_absolute_uri(path)
