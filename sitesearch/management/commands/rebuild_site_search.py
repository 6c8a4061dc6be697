"""manage.py rebuild_site_search: empty the site search index and fill it again from every
registered kind (pages of every type, members, timeline events, offices, ...)."""

from django.core.management.base import BaseCommand

from sitesearch import backend


class Command(BaseCommand):
    help = "Rebuild the site search index (one document per object and language)."

    def handle(self, *args, **options):
        counts = backend.rebuild()
        summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items())) or "nothing to index"
        self.stdout.write(self.style.SUCCESS(f"Site search index rebuilt ({summary})."))
