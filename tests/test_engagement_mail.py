"""The outbox against a real SMTP server (aiosmtpd on a loopback port): while the server is down,
every submission is kept and the visitor still sees success; once it is back, ``send_pending_mail``
delivers every message exactly once, however often it runs."""

import email
import io
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.core.management import call_command

from engagement import mail
from engagement.models import OutgoingMessage

from .engagement_helpers import application_data, contact_data, newsletter_data

pytestmark = pytest.mark.django_db


class Inbox:
    """What the SMTP server received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A mail server that is down until ``start()``; stopped at the end."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    inbox = Inbox()
    controllers = []

    class Server:
        def start(self):
            controller = Controller(inbox, hostname="127.0.0.1", port=port)
            controller.start()
            controllers.append(controller)

        def stop(self):
            while controllers:
                controllers.pop().stop()

    server = Server()
    server.inbox = inbox
    cache.clear()
    yield server
    server.stop()
    cache.clear()


def send_pending():
    out = io.StringIO()
    call_command("send_pending_mail", stdout=out)
    return out.getvalue()


def test_mail_outage_then_recovery_delivers_every_message_exactly_once(
    client, smtp, django_capture_on_commit_callbacks
):
    # The server is down: the three forms still store and thank the visitor.
    for url, build in (
        ("/fr/adherer/", application_data),
        ("/en/contact/write/", contact_data),
        ("/es/boletin/", lambda client, url: newsletter_data(client, url, language="es")),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, build(client, url))
        assert response.status_code == 303, url
        assert "?sent=1" in response["Location"]
    queued = OutgoingMessage.objects.count()
    assert queued == 5  # acknowledgement + staff, message + acknowledgement, confirmation
    assert OutgoingMessage.objects.filter(sent_at__isnull=True).count() == queued
    assert all(row.last_error and row.attempts == 1 for row in OutgoingMessage.objects.all())

    assert send_pending().startswith("0 e-mail(s) sent, 5 still waiting")  # still down: nothing lost

    smtp.start()
    assert send_pending().startswith("5 e-mail(s) sent, 0 still waiting")
    assert send_pending().startswith("0 e-mail(s) sent, 0 still waiting")  # cron again: nothing twice
    smtp.stop()
    smtp.start()  # and once more after another restart
    assert send_pending().startswith("0 e-mail(s) sent")

    received = smtp.inbox.messages
    assert len(received) == queued
    assert len({message["Message-ID"] for message in received}) == queued
    assert OutgoingMessage.objects.filter(sent_at__isnull=True).count() == 0
    subjects = {message["To"]: str(email.header.make_header(email.header.decode_header(message["Subject"])))
                for message in received}  # fmt: skip
    assert "Nous avons bien reçu votre demande d’adhésion à l’ICRtoP" in subjects["awa@example.org"]
    assert "Confirme su suscripción" in subjects["reader@example.org"]
    newsletter = next(message for message in received if message["To"] == "reader@example.org")
    assert newsletter["List-Unsubscribe"].strip().startswith("<http://testserver/es/newsletter/unsubscribe/")
    assert newsletter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_message_is_sent_by_one_sender_only(smtp):
    smtp.start()
    message = OutgoingMessage.objects.create(recipients="a@example.org", subject="Hello", body="Body")
    assert mail.claim(message.pk)  # one process takes it…
    assert not mail.send(message.pk)  # …so another does not send it
    OutgoingMessage.objects.filter(pk=message.pk).update(claimed_until=None)
    assert mail.send(message.pk)
    assert not mail.send(message.pk)  # sent: never again
    assert len(smtp.inbox.messages) == 1


def test_messages_that_keep_failing_stop_being_retried(smtp, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    OutgoingMessage.objects.create(recipients="a@example.org", subject="Hello", body="Body")
    send_pending()
    send_pending()
    assert send_pending().startswith("0 e-mail(s) sent, 0 still waiting")
    assert OutgoingMessage.objects.get().attempts == 2
