"""Send the e-mails still waiting in the outbox (cron: every few minutes). Safe to run again or
twice at once: a message is only ever sent once."""

from django.core.management.base import BaseCommand

from engagement.mail import send_pending


class Command(BaseCommand):
    help = "Send the e-mails waiting in the outbox (those the mail server refused or never got)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many messages in one run.")

    def handle(self, *args, **options):
        sent, failed = send_pending(limit=options["limit"])
        self.stdout.write(f"{sent} e-mail(s) sent, {failed} still waiting.")
