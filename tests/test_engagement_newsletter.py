"""Double opt-in and one-click unsubscribe, with every bad link a friendly page (never a 500, never
a hint about whether an address is subscribed). A link in an e-mail changes nothing on GET or HEAD
(mail scanners open links): its page has a button that POSTs."""

import time
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache

from engagement import tokens
from engagement.models import Subscriber

from .engagement_helpers import links_in, newsletter_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    def run(email="reader@example.org", language="fr", url="/fr/lettre-d-information/"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, newsletter_data(client, url, email=email, language=language))
        assert response.status_code == 303
        return links_in(mail.outbox[-1].body)

    return run


def path_of(url):
    return url.split("testserver", 1)[1]


def test_nothing_is_subscribed_until_the_link_in_the_mail_is_opened(client, subscribe):
    links = subscribe(email="Reader@Example.org")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org" and subscriber.status == "pending"
    assert subscriber.language == "fr"
    message = mail.outbox[-1]
    assert "Veuillez confirmer votre abonnement" in message.subject
    assert message.extra_headers["List-Unsubscribe"] == f"<{links['unsubscribe']}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/fr/newsletter/confirm/" in links["confirm"]

    response = client.get(path_of(links["confirm"]))
    assert response.status_code == 200 and "Confirmer mon abonnement" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not response.cookies
    assert Subscriber.objects.get().status == "pending"
    response = client.post(path_of(links["confirm"]))  # the button
    assert response.status_code == 200 and "Votre abonnement est confirmé" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed" and subscriber.confirmed_at

    again = client.get(path_of(links["confirm"]))  # opening it again: the same friendly page
    assert again.status_code == 200 and "Votre abonnement est confirmé" in again.content.decode()


def test_get_and_head_on_every_link_in_every_mail_change_nothing(client, subscribe):
    """What a mail scanner or a link preview does: open every link with HEAD and GET."""
    links = subscribe(language="en", url="/en/newsletter/")
    before = list(Subscriber.objects.values())
    for url in links_in(mail.outbox[-1].body).values():
        for method in ("head", "get"):
            response = getattr(client, method)(path_of(url))
            assert response.status_code == 200, (method, url)
    assert list(Subscriber.objects.values()) == before
    client.post(path_of(links["confirm"]))
    subscribe(language="en", url="/en/newsletter/")  # already subscribed: the mail with an unsubscribe link
    before = list(Subscriber.objects.values())
    for url in links_in(mail.outbox[-1].body).values():
        for method in ("head", "get"):
            assert getattr(client, method)(path_of(url)).status_code == 200, (method, url)
    assert list(Subscriber.objects.values()) == before


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar", "zh-hans", "ru"])
def test_the_link_pages_work_without_javascript_in_every_language(client, language):
    subscriber = Subscriber.objects.create(email=f"{language}@example.org", language=language)
    for kind, purpose in (("confirm", tokens.CONFIRM), ("unsubscribe", tokens.UNSUBSCRIBE)):
        path = f"/{language}/newsletter/{kind}/{tokens.make(subscriber, purpose)}/"
        body = client.get(path).content.decode()
        form = body.split('<form method="post" action="', 1)[1].split("</form>", 1)[0]
        assert form.startswith(path) and '<button type="submit" class="button">' in form
        assert "<script" not in form


def test_one_click_unsubscribe_by_link_and_by_the_mail_programs_post(client, subscribe):
    links = subscribe(language="en", url="/en/newsletter/")
    client.post(path_of(links["confirm"]))
    response = client.get(path_of(links["unsubscribe"]))
    assert response.status_code == 200 and "Unsubscribe from the newsletter" in response.content.decode()
    assert Subscriber.objects.get().status == "confirmed"
    response = client.post(path_of(links["unsubscribe"]))  # the button
    assert response.status_code == 200 and "You are unsubscribed" in response.content.decode()
    assert not Subscriber.objects.exists()  # nothing kept about an address that left
    # The same link again, or the RFC 8058 POST a mail program sends (no CSRF token): same page.
    post = client.post(path_of(links["unsubscribe"]), {"List-Unsubscribe": "One-Click"})
    assert post.status_code == 200 and "You are unsubscribed" in post.content.decode()
    nexts = BeautifulSoup(post.content, "html.parser").select("main .link-result__next a")
    assert [a["href"] for a in nexts][-1] == "/en/"  # not a dead end: the home page too
    # A confirmation link of a subscription that is gone: a friendly page.
    gone = client.get(path_of(links["confirm"]))
    assert gone.status_code == 410 and "This link no longer works" in gone.content.decode()


def test_unsubscribe_post_from_a_mail_program_needs_no_csrf_token(subscribe):
    from django.test import Client

    links = subscribe(language="en", url="/en/newsletter/")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(path_of(links["unsubscribe"]), "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_an_expired_confirmation_link_says_so_kindly(client, subscribe, settings):
    links = subscribe(language="en", url="/en/newsletter/")
    later = time.time() + (settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(path_of(links["confirm"]))
        assert client.post(path_of(links["confirm"])).status_code == 410
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


@pytest.mark.parametrize(
    "token",
    ["forged", "eyJpZCI6MX0:1vXyZ:abc", "a" * 600, "%00", "..", "eyJpZCI6IjEifQ"],
)
def test_forged_links_get_a_friendly_page(client, token):
    for kind in ("confirm", "unsubscribe"):
        response = client.get(f"/en/newsletter/{kind}/{token}/")
        assert response.status_code in (400, 404), (kind, token)
        if response.status_code == 400:
            assert "This link does not work" in response.content.decode()


def test_a_token_for_one_purpose_does_not_work_for_the_other(client, subscribe):
    subscribe(language="en", url="/en/newsletter/")
    subscriber = Subscriber.objects.get()
    unsubscribe_token = tokens.make(subscriber, tokens.UNSUBSCRIBE)
    response = client.post(f"/en/newsletter/confirm/{unsubscribe_token}/")
    assert response.status_code == 400
    assert Subscriber.objects.get().status == "pending"


def test_a_token_stops_working_when_the_address_changes_hands(client, subscribe):
    subscribe(language="en", url="/en/newsletter/")
    subscriber = Subscriber.objects.get()
    token = tokens.make(subscriber, tokens.UNSUBSCRIBE)
    Subscriber.objects.filter(pk=subscriber.pk).update(email="someone-else@example.org")
    client.post(f"/en/newsletter/unsubscribe/{token}/")
    assert Subscriber.objects.filter(email="someone-else@example.org").exists()


def test_signing_up_again_before_confirming_sends_a_new_link_in_the_new_language(subscribe):
    subscribe(language="fr")
    subscribe(language="ru", url="/ru/byulleten/")
    assert Subscriber.objects.get().language == "ru"
    assert "Подтвердите подписку" in mail.outbox[-1].subject
    assert "/ru/newsletter/confirm/" in links_in(mail.outbox[-1].body)["confirm"]


def test_the_newsletter_page_has_one_sign_up_form_not_the_footers_too(client):
    assert BeautifulSoup(client.get("/en/").content, "html.parser").select_one("footer .footer-newsletter")
    page = BeautifulSoup(client.get("/en/newsletter/").content, "html.parser")
    assert page.select_one("footer .footer-newsletter") is None and page.select_one("main form[method=post]")
    assert page.select_one("footer .site-footer__about")  # the rest of the footer stays
