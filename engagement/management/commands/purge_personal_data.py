"""Delete the personal data older than its retention period (RETENTION_* settings). Cron: daily."""

from django.core.management.base import BaseCommand

from engagement.privacy import purge


class Command(BaseCommand):
    help = (
        "Delete contact messages, declined applications, unconfirmed sign-ups and sent e-mails past their "
        "retention period (RETENTION_* settings)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, **options):
        counts = purge(dry_run=options["dry_run"])
        verb = "would be deleted" if options["dry_run"] else "deleted"
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count} {verb}")
