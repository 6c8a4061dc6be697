"""The outbox: e-mails are written to the database with the submission (one transaction) and sent
after the commit. A failure leaves the row pending for ``manage.py send_pending_mail``.

Two senders (the request's after-commit hook, two overlapping cron runs) never send the same row:
each takes a row with one conditional UPDATE (``claim``), which the database runs atomically
(PostgreSQL re-checks the condition on the locked row; SQLite writes one at a time).
"""

import logging
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingMessage

logger = logging.getLogger(__name__)
CLAIM_MINUTES = 10


def one_line(text):
    """A subject never carries a line break (Django refuses them anyway: BadHeaderError)."""
    return " ".join(str(text).split())[:255]


def queue(*, to, subject, template, context, language, reply_to="", headers=None):
    """Write one message to the outbox in ``language`` and send it after the current transaction
    commits. ``to`` is a list of validated addresses; ``subject`` is rendered in ``language``."""
    recipients = [address for address in dict.fromkeys(to) if address]
    if not recipients:
        # Staff notifications always have someone (engagement.notifications); the deploy check warns
        # when nobody has an address. The record itself is saved and listed on the admin's dashboard.
        logger.error("No recipient for %r: nothing queued (see manage.py check --deploy).", template)
        return None
    with translation.override(language):
        body = render_to_string(template, {**context, "language": language})
        subject = one_line(str(subject))
    message = OutgoingMessage.objects.create(
        recipients=", ".join(recipients),
        reply_to=reply_to,
        subject=subject,
        body=body,
        headers=headers or {},
    )
    transaction.on_commit(lambda: send(message.pk))
    return message


def claim(pk):
    """Take the row for this process for a few minutes; False if it is sent or another has it."""
    now = timezone.now()
    return bool(
        OutgoingMessage.objects.filter(pk=pk, sent_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + timedelta(minutes=CLAIM_MINUTES), attempts=F("attempts") + 1)
    )


def build(message, connection=None):
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">") or "localhost"
    headers = {
        # Stable per row: a receiving server that sees a message twice can tell.
        "Message-ID": make_msgid(f"outbox-{message.pk}", domain=domain),
        "Auto-Submitted": "auto-generated",
        **message.headers,
    }
    return EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.recipient_list,
        reply_to=[message.reply_to] if message.reply_to else None,
        headers=headers,
        connection=connection,
    )


def send(pk, connection=None):
    """Send one outbox row if nobody else is sending it. True if the mail server accepted it."""
    if not claim(pk):
        return False
    message = OutgoingMessage.objects.get(pk=pk)
    try:
        build(message, connection).send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - any failure of the mail server or the network: keep it for later
        logger.warning("E-mail %s not sent (%s attempt(s)): %s", pk, message.attempts, error)
        OutgoingMessage.objects.filter(pk=pk).update(claimed_until=None, last_error=str(error)[:2000])
        return False
    OutgoingMessage.objects.filter(pk=pk).update(sent_at=timezone.now(), claimed_until=None, last_error="")
    return True


def send_pending(limit=500):
    """Send what is waiting, oldest first. Returns (sent, failed)."""
    sent = failed = 0
    ids = list(OutgoingMessage.objects.pending().values_list("pk", flat=True)[:limit])
    if not ids:
        return sent, failed
    connection = get_connection(fail_silently=False)
    try:
        for pk in ids:
            if send(pk, connection):
                sent += 1
            elif not OutgoingMessage.objects.filter(pk=pk, sent_at__isnull=False).exists():
                failed += 1
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a dead connection must not hide the counts
            logger.debug("Closing the mail connection failed.", exc_info=True)
    return sent, failed
