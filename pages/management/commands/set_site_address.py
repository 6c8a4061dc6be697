"""Point the default Site record at where the site is served: ``make setup`` gives ``make run``'s address;
the release step (compose's ``migrate`` service) gives none, so the setting ``WAGTAILADMIN_BASE_URL``
(production: ``https://`` and the first of ``ALLOWED_HOSTS``) is taken.

Wagtail builds a page's full address (``page.full_url``: "You can view the page here" in moderation
e-mails, links written outside a request) from the Site record, which ``load_initial_content`` creates
with the placeholder ``localhost:80``. Only a record still on a local host (``localhost``,
``127.0.0.1``…) or already on the given host is changed: a real host name set in the admin stays.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


class Command(BaseCommand):
    help = "Point the default Site record at the address make run serves (e.g. http://127.0.0.1:8001)."

    def add_arguments(self, parser):
        parser.add_argument(
            "url", nargs="?", help="where the site is served, e.g. http://127.0.0.1:8000 (WAGTAILADMIN_BASE_URL)"
        )

    def handle(self, url=None, **options):
        url = url or settings.WAGTAILADMIN_BASE_URL
        parts = urlsplit(url)
        try:
            port = parts.port
        except ValueError as error:
            raise CommandError(f"Not an address: {url!r} ({error})") from error
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CommandError(f"Not an http(s) address: {url!r}")
        port = port or (443 if parts.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            self.stdout.write("No default site yet: nothing to change.")
            return
        if site.hostname not in LOCAL_HOSTS and site.hostname != parts.hostname:
            self.stdout.write(f"The site's address stays {site.root_url} (not a local address).")
            return
        if (site.hostname, site.port) != (parts.hostname, port):
            site.hostname, site.port = parts.hostname, port
            site.save(update_fields=["hostname", "port"])
        self.stdout.write(f"Site address: {site.root_url}")
