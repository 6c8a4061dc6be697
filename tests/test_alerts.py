"""Follow a crisis, a country or a topic (issue 24): the follow boxes, the sign-up page and its bad
input, the newsletter's double opt-in (a link changes nothing on GET or HEAD; its button's POST acts),
the alerts (a level change queues one batched e-mail per confirmed subscriber, at most one a day, in
the subscriber's language, with a one-click unsubscribe that stops them), statements and news,
``send_alert_digests`` run twice, the staff's counts without addresses, purge and erasure."""

import datetime
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core.models import Topic
from engagement import alerts, privacy, tokens
from engagement.models import AlertEvent, FollowSubscription
from publishing.models import ArticlePage, CrisisIndexPage, CrisisLevel, CrisisLevelChange, CrisisPage, NewsIndexPage

from .engagement_helpers import started_stamp

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://\S+/follow/(confirm|unsubscribe)/\S+/")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def path_of(url):
    return "/" + url.split("/", 3)[3]


def links_in(body):
    return {kind: match.group(0) for match in LINK.finditer(body) for kind in [match.group(1)]}


def change(slug, date, reason="A reason."):
    return CrisisLevelChange(level=CrisisLevel.objects.get(slug_en=slug), date=date, precision="month", reason=reason)


@pytest.fixture(name="crisis")
def crisis_fixture():
    topic = Topic.objects.create(name="Early warning test", slug="early-warning-test")
    crisis = CrisisPage(title="Lakeland situation", slug="lakeland", countries=["SS"])
    crisis.level_changes = [change("serious-concern", datetime.date(2022, 1, 1))]
    crisis.topics = [topic]
    CrisisIndexPage.objects.get().add_child(instance=crisis)
    crisis.save_revision().publish()
    return CrisisPage.objects.get(pk=crisis.pk)


@pytest.fixture
def follow(client, django_capture_on_commit_callbacks):
    """Sign ``email`` up for ``query`` on the ``language`` page; returns the links of the e-mail."""

    def run(query, email="reader@example.org", language="en", confirm=True):
        url = f"/{language}/follow/?{query}"
        data = {"email": email, "consent": "on", "started": started_stamp(client, url)}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert response.status_code == 303, response.status_code
        assert response["Location"] == f"/{language}/follow/?{query}&sent=1"
        links = links_in(mail.outbox[-1].body)
        if confirm:
            assert client.post(path_of(links["confirm"])).status_code == 200
        return links

    return run


def level_up(crisis, slug="imminent-risk", reason="Militias gathered.", date=datetime.date(2023, 3, 1)):
    page = CrisisPage.objects.get(pk=crisis.pk).get_latest_revision_as_object()
    page.level_changes.add(change(slug, date, reason))
    page.save_revision().publish()


def digest(django_capture_on_commit_callbacks, now=None):
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        alerts.send_digests(now=now)
    return mail.outbox[before:]


# --- the boxes and the sign-up page ---------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_crisis_page_has_a_follow_box_that_leads_to_the_sign_up_page(client, crisis, language):
    """The box is a link carrying only the crisis: the address is asked on the sign-up page, in a POST,
    and never travels in a URL (browser history, server logs)."""
    html = soup(client.get(crisis.url.replace("/en/", f"/{language}/", 1)))
    box = html.select_one(".follow-box")
    assert not box.select("form, input")  # the crisis page stays cacheable and asks for nothing
    assert box.select_one("a.button")["href"] == f"/{language}/follow/?crisis={crisis.pk}"
    assert not html.select("input[name=csrfmiddlewaretoken]")
    page = soup(client.get(f"/{language}/follow/", {"crisis": crisis.pk, "email": "me@example.org"}))
    assert page.html["dir"] == ("rtl" if language == "ar" else "ltr")
    assert "Lakeland situation" in page.select_one("h1").get_text()
    form = page.select_one("main form")
    assert form["method"].lower() == "post" and form.select_one("input[name=csrfmiddlewaretoken]")
    assert not form.select_one("input[name=email]").get("value")  # an address in a URL is never used


def test_a_past_crisis_offers_no_follow_box(client, crisis):
    assert soup(client.get(crisis.url)).select_one(".follow-box")
    level_up(crisis, slug="past", reason="Calm returned.")
    html = soup(client.get(crisis.url))
    assert CrisisPage.objects.get(pk=crisis.pk).status == "past"
    assert html.select_one(".follow-box") is None and not html.select(f"a[href*='follow/?crisis={crisis.pk}']")


def test_listings_filtered_on_a_country_or_topic_offer_to_follow_it(client, crisis):
    crises = soup(client.get(CrisisIndexPage.objects.get().url + "?country=SS"))
    assert crises.select_one(".follow-box a.button")["href"] == "/en/follow/?country=SS"
    box = crises.select_one(".follow-box").get_text(" ", strip=True)
    assert "Follow South Sudan by e-mail" in box
    assert "when its level changes" not in box and "when the level of a crisis in this country changes" in box
    news = soup(client.get(NewsIndexPage.objects.get().url + "?topic=early-warning-test"))
    assert news.select_one(".follow-box a.button")["href"] == "/en/follow/?topic=early-warning-test"
    assert soup(client.get(CrisisIndexPage.objects.get().url)).select_one(".follow-box") is None


@pytest.mark.parametrize("query", ["", "?crisis=999999", "?crisis=abc", "?country=XX", "?topic=nothing", "?crisis=%00"])
def test_the_sign_up_page_for_nothing_followable_is_a_clear_404(client, query):
    response = client.get("/en/follow/" + query)
    assert response.status_code == 404
    assert "does not name a crisis, a country or a topic" in soup(response).select_one(".notice").get_text()


def test_bad_input_on_the_sign_up_form_is_shown_and_kept(client, crisis):
    url = f"/en/follow/?crisis={crisis.pk}"
    response = client.post(url, {"email": "not an address", "started": started_stamp(client, url)})
    assert response.status_code == 200
    html = soup(response)
    assert html.select_one(".error-summary") and html.select_one("input[name=email]")["value"] == "not an address"
    assert not FollowSubscription.objects.exists() and not mail.outbox


# --- double opt-in -----------------------------------------------------------------------------------


def test_nothing_is_followed_until_the_button_of_the_confirmation_link_is_pressed(client, crisis, follow):
    links = follow(f"crisis={crisis.pk}", email="Reader@Example.org", language="fr", confirm=False)
    subscription = FollowSubscription.objects.get()
    assert (subscription.email, subscription.language, subscription.status) == ("reader@example.org", "fr", "pending")
    message = mail.outbox[-1]
    assert message.extra_headers["List-Unsubscribe"] == f"<{links['unsubscribe']}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/fr/follow/confirm/" in links["confirm"] and "Lakeland situation" in message.body
    for method in (client.get, client.head):  # opening the link (or a mail scanner) changes nothing
        response = method(path_of(links["confirm"]))
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
        subscription.refresh_from_db()
        assert subscription.status == "pending"
    assert soup(client.get(path_of(links["confirm"]))).select_one("main form[method=post] button")
    assert client.post(path_of(links["confirm"])).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == "confirmed" and subscription.sent_until == subscription.confirmed_at


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_confirmation_and_unsubscribe_pages_lead_back_to_what_was_followed_and_home(
    client, crisis, follow, language
):
    links = follow(f"crisis={crisis.pk}", language=language, confirm=False)
    crisis_url = crisis.url.replace("/en/", f"/{language}/", 1)
    for response in (
        client.get(path_of(links["confirm"])),  # the button's page
        client.post(path_of(links["confirm"])),  # confirmed
        client.get(path_of(links["unsubscribe"])),
        client.post(path_of(links["unsubscribe"])),  # unsubscribed: the subscription is gone, the way back not
    ):
        hrefs = [a["href"] for a in soup(response).select("main .link-result__next a")]
        assert hrefs == [crisis_url, f"/{language}/"], hrefs
    assert not FollowSubscription.objects.exists()
    follow("country=SS", language=language, confirm=False)
    hrefs = [
        a["href"]
        for a in soup(client.get(path_of(links_in(mail.outbox[-1].body)["confirm"]))).select(
            "main .link-result__next a"
        )
    ]
    assert hrefs[0].endswith("?country=SS") and hrefs[1] == f"/{language}/"
    invalid = soup(client.get(f"/{language}/follow/confirm/nonsense/"))
    assert [a["href"] for a in invalid.select("main .link-result__next a")] == [f"/{language}/"]


def test_signing_up_again_never_tells_whether_the_address_is_known(client, crisis, follow):
    follow(f"crisis={crisis.pk}")
    follow(f"crisis={crisis.pk}", confirm=False)
    assert FollowSubscription.objects.count() == 1
    assert "already receives them" in mail.outbox[-1].body


def test_bad_and_foreign_tokens_are_friendly_pages(client, crisis, follow):
    links = follow(f"crisis={crisis.pk}")
    token = links["confirm"].rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/en/follow/confirm/{token}x/").status_code == 400
    # A newsletter link's token never opens a subscription, nor the reverse.
    subscription = FollowSubscription.objects.get()
    newsletter_token = tokens.make(subscription, tokens.CONFIRM)
    assert client.get(f"/en/follow/confirm/{newsletter_token}/").status_code == 400
    assert client.get(f"/en/newsletter/confirm/{token}/").status_code == 400


# --- alerts ---------------------------------------------------------------------------------------------


def test_a_level_change_queues_one_batched_email_per_confirmed_subscriber(
    client, crisis, follow, django_capture_on_commit_callbacks
):
    follow(f"crisis={crisis.pk}", email="one@example.org")
    follow("country=SS", email="two@example.org", language="ar")
    follow(f"crisis={crisis.pk}", email="pending@example.org", confirm=False)
    level_up(crisis)
    level_up(crisis, slug="current-crisis", reason="Killings reported.", date=datetime.date(2023, 4, 1))  # same day
    sent = digest(django_capture_on_commit_callbacks)
    assert sorted(message.to[0] for message in sent) == ["one@example.org", "two@example.org"]  # not the pending one
    one = next(message for message in sent if message.to == ["one@example.org"])
    assert one.subject == "ICRtoP alert: Lakeland situation"
    assert "level now Imminent risk, since March 2023. Militias gathered." in one.body
    assert "level now Current crisis" in one.body  # both changes in one e-mail
    assert one.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    two = next(message for message in sent if message.to == ["two@example.org"])
    assert "جنوب السودان" in two.subject  # the country's name in the subscriber's language
    assert "/ar/follow/unsubscribe/" in two.extra_headers["List-Unsubscribe"]
    # Run again (the scheduler may start it twice): nothing more today…
    assert digest(django_capture_on_commit_callbacks) == []
    # …and tomorrow, only what is new.
    level_up(crisis, slug="past", reason="Calm returned.", date=datetime.date(2023, 5, 1))
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    later = digest(django_capture_on_commit_callbacks, now=tomorrow)
    assert len(later) == 2 and all("Calm returned." in m.body and "Militias" not in m.body for m in later)


def test_unsubscribing_stops_the_alerts(client, crisis, follow, django_capture_on_commit_callbacks):
    links = follow(f"crisis={crisis.pk}")
    assert client.get(path_of(links["unsubscribe"])).status_code == 200
    assert FollowSubscription.objects.exists()  # the link's page only asks
    strict = Client(enforce_csrf_checks=True)  # a mail program's one-click POST has no CSRF token
    response = strict.post(path_of(links["unsubscribe"]), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "You are unsubscribed" in response.content.decode()
    assert not FollowSubscription.objects.exists()
    level_up(crisis)
    assert digest(django_capture_on_commit_callbacks) == []


def test_a_published_statement_about_a_followed_crisis_or_topic_is_announced_once(
    client, crisis, follow, django_capture_on_commit_callbacks
):
    follow(f"crisis={crisis.pk}", email="crisis@example.org")
    follow("topic=early-warning-test", email="topic@example.org")
    article = ArticlePage(
        title="Joint statement on Lakeland", slug="joint-lakeland", kind="statement", date=datetime.date(2024, 3, 5)
    )
    article.related_crises = [crisis]
    article.topics = list(Topic.objects.filter(slug_en="early-warning-test"))
    NewsIndexPage.objects.get().add_child(instance=article)
    article.save_revision().publish()
    article.save_revision().publish()  # published again: no second event
    assert AlertEvent.objects.filter(event_key=f"article:{article.pk}").count() == 2
    sent = digest(django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in sent) == ["crisis@example.org", "topic@example.org"]
    assert all("Statement: Joint statement on Lakeland (5 March 2024)" in m.body for m in sent)


def test_nothing_is_recorded_for_what_nobody_follows(crisis):
    level_up(crisis)
    assert not AlertEvent.objects.exists()


def test_the_command_runs(crisis, follow):
    follow(f"crisis={crisis.pk}")
    level_up(crisis)
    out = io.StringIO()
    call_command("send_alert_digests", stdout=out)
    assert "Alert e-mails queued: 1." in out.getvalue()
    call_command("send_alert_digests", stdout=out)
    assert "Alert e-mails queued: 0." in out.getvalue()


# --- staff and personal data ---------------------------------------------------------------------------


def test_staff_see_counts_but_only_membership_staff_see_addresses(client, crisis, follow, django_user_model):
    from django.contrib.auth.models import Group, Permission

    follow(f"crisis={crisis.pk}", email="secret-reader@example.org")
    editor = django_user_model.objects.create_user("counts-editor", password="a-long-test-password")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff_client = Client()
    staff_client.force_login(editor)
    counts = staff_client.get("/admin/engagement/alerts/")
    assert counts.status_code == 200
    text = counts.content.decode()
    assert "Lakeland situation" in text and "secret-reader" not in text
    assert staff_client.get("/admin/snippets/engagement/followsubscription/").status_code in (302, 403)
    editor.groups.add(Group.objects.get(name="Membership staff"))
    editor = django_user_model.objects.get(pk=editor.pk)
    staff_client.force_login(editor)
    listing = staff_client.get("/admin/snippets/engagement/followsubscription/")
    assert listing.status_code == 200 and "secret-reader@example.org" in listing.content.decode()


def test_unconfirmed_sign_ups_are_purged_and_an_address_is_erased(crisis, follow, settings):
    follow(f"crisis={crisis.pk}", email="late@example.org", confirm=False)
    follow("country=SS", email="kept@example.org")
    FollowSubscription.objects.filter(email="late@example.org").update(
        created_at=timezone.now() - datetime.timedelta(days=settings.RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS + 1)
    )
    counts = privacy.purge()
    assert counts["unconfirmed alert subscriptions"] == 1
    assert list(FollowSubscription.objects.values_list("email", flat=True)) == ["kept@example.org"]
    assert privacy.erase("KEPT@example.org")["alert subscriptions"] == 1
    assert not FollowSubscription.objects.exists()


def test_the_follow_sign_up_sent_twice_mails_once_and_is_rate_limited(
    client, crisis, settings, django_capture_on_commit_callbacks
):
    url = f"/en/follow/?crisis={crisis.pk}"

    def post(email, stamp):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"email": email, "consent": "on", "started": stamp})

    stamp = started_stamp(client, url)
    first = post("reader@example.org", stamp)
    sent = len(mail.outbox)
    again = post("reader@example.org", stamp)  # a double click, a reload after the answer was lost
    assert first.status_code == again.status_code == 303 and again["Location"] == first["Location"]
    assert FollowSubscription.objects.count() == 1 and len(mail.outbox) == sent

    settings.ENGAGEMENT_RATE_LIMIT = "3/h"  # the two posts above counted
    assert post("second@example.org", started_stamp(client, url)).status_code == 303
    refused = post("third@example.org", started_stamp(client, url))
    assert refused.status_code == 429 and "Too many" in refused.content.decode()
    assert FollowSubscription.objects.count() == 2
