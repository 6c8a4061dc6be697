"""Addresses a page builds of itself (language links, ``og:url``, canonical links)."""


def same_site_path(path):
    """``path`` with exactly one leading slash. A requested path may begin with ``//evil.example/``
    (or ``/\\evil.example/``), which a browser, and ``request.build_absolute_uri``, read as another
    host: a page must never echo that back as its own address."""
    return "/" + str(path or "").lstrip("/\\")
