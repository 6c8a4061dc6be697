"""``manage.py make_sample_content [--count N] [--delete]``: clearly marked sample content from every
app that registered some (``core.samples``). Never run by ``make run``."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.guards import add_production_guard, refuse_production
from core.samples import registered


class Command(BaseCommand):
    help = (
        "Create clearly marked sample content (crises, articles, statements, events, resources…); --delete removes it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=6, help="About how many items of each kind (default 6).")
        parser.add_argument("--delete", action="store_true", help="Remove every sample item instead.")
        add_production_guard(parser)

    def handle(self, *args, count, delete, **options):
        if delete:
            risk = "it deletes every page and record marked as sample from the live site's database"
            refuse_production(options, "remove sample content", risk)
        else:
            refuse_production(options, "create sample content")
        with transaction.atomic():
            if delete:
                for name, _make, remove in reversed(registered()):
                    removed = remove()
                    self.stdout.write(f"{name}: {removed} sample item(s) removed.")
                return
            for name, make, _remove in registered():
                made = make(max(1, count))
                made = len(made) if isinstance(made, list | tuple) else made
                self.stdout.write(f"{name}: {made} sample item(s) created.")
        self.stdout.write(self.style.SUCCESS("Sample content ready (marked as sample; never exported as real)."))
