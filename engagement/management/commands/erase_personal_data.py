"""Erase everything the site keeps about one e-mail address (a request under data-protection law)."""

from django.core.management.base import BaseCommand, CommandError

from engagement.privacy import erase


class Command(BaseCommand):
    help = "Erase one person's newsletter subscription, contact messages, applications and e-mails, by e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be erased.")

    def handle(self, *args, **options):
        try:
            counts = erase(options["email"], dry_run=options["dry_run"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        verb = "found" if options["dry_run"] else "erased"
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count} {verb}")
