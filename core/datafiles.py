"""Data files of a page: ``/<lang>/<page path>/<name>.csv`` and ``.json`` (open data of a listing).

Wagtail's page addresses end with a slash, so such a file is a Django view (``icrtop/urls.py``): it
finds the page through the page tree with the language's translated slugs (any language's address
works, as for pages), and hands the request to the page's ``data_file(request, name, extension)``,
which answers a response or None (then 404). Only live pages without view restrictions answer::

    class CrisisIndexPage(Page):
        def data_file(self, request, name, extension):
            if name == "levels":
                return levels_csv(...) if extension == "csv" else levels_json(...)
"""

from django.http import Http404
from django.views.decorators.http import require_safe
from wagtail.models import Site

EXTENSIONS = ("csv", "json")


@require_safe
def page_data_file(request, path, name, extension):
    site = Site.find_for_request(request)
    if site is None or extension not in EXTENSIONS:
        raise Http404
    components = [part for part in path.split("/") if part]
    result = site.root_page.specific.route(request, components)
    page = (result.page if hasattr(result, "page") else result[0]).specific
    serve = getattr(page, "data_file", None)
    if not page.live or serve is None or page.get_view_restrictions().exists():
        raise Http404
    response = serve(request, name, extension)
    if response is None:
        raise Http404
    return response
