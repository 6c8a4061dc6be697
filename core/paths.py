"""Addresses a page builds of itself (language links, ``og:url``, canonical links)."""


def same_site_path(path):
    """``path`` with exactly one leading slash. A requested path may begin with ``//evil.example/``
    (or ``/\\evil.example/``), which a browser, and ``request.build_absolute_uri``, read as another
    host: a page must never echo that back as its own address."""
    return "/" + str(path or "").lstrip("/\\")


def page_address(page, request):
    """``page``'s full address on the host and scheme the visitor used (open data files and feed
    entries): never the Site record's placeholder host (``http://localhost``) when the site answers at
    another address. A page of another Site keeps that Site's address."""
    url = page.get_url(request) or ""
    if request is None or not url.startswith("/"):
        return url
    return request.build_absolute_uri(same_site_path(url))
