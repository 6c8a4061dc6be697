"""Send the day's alert e-mails to the followers of crises, countries and topics (``engagement.alerts``).

Run it once a day (cron or the scheduler). At most one e-mail per subscription and day; idempotent and
safe to run twice at once. The e-mails go through the outbox (``send_pending_mail`` retries failures).
"""

from django.core.management.base import BaseCommand

from engagement.alerts import send_digests


class Command(BaseCommand):
    help = "Queue today's alert e-mail of every subscription that has news (at most one a day each)."

    def handle(self, *args, **options):
        queued = send_digests()
        self.stdout.write(f"Alert e-mails queued: {queued}.")
