"""The three forms as a visitor uses them: stored, then mailed in the visitor's language; errors next
to the fields and in a summary; values kept; spam brakes and rate limits; never a 500."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engagement.models import ContactMessage, MembershipApplication, OutgoingMessage, Subscriber
from offices.models import Office

from .engagement_helpers import application_data, contact_data, errors_shown, newsletter_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def send_after_commit(django_capture_on_commit_callbacks):
    """Run the after-commit hooks (the outbox's send) as a real request's commit would."""

    def post(client, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def test_form_pages_are_never_stored_by_a_shared_cache_and_other_pages_set_no_cookie(client):
    for url in ("/en/join/", "/en/contact/write/", "/en/newsletter/"):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert "csrftoken" in response.cookies
    for url in ("/en/", "/en/contact/", "/en/privacy/"):
        response = client.get(url)
        assert "csrftoken" not in response.cookies, url
        assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


def test_contact_page_links_to_the_form_and_shows_office_addresses_staff_set(client):
    office = Office.objects.get(city="New York")
    office.email = "newyork@example.org"
    office.save()
    html = client.get("/en/contact/").content.decode()
    assert 'href="/en/contact/write/"' in html
    form_page = BeautifulSoup(client.get("/en/contact/write/").content, "html.parser")
    # The form's heading does not repeat the page's title right above it.
    assert form_page.select_one("#form-heading").get_text(strip=True) == "Your message"
    assert form_page.h1.get_text(strip=True) != "Your message"
    assert "mailto:newyork@example.org" in html


@pytest.mark.parametrize("language", ["en", "ar"])
def test_form_pages_have_the_reading_column_and_aside_of_other_pages(client, language):
    """The join form and the contact form use a wide screen as the other detail pages do: the text and
    the form in the reading column, the other ways to take part in the aside (the current one marked)."""
    html = BeautifulSoup(client.get(f"/{language}/join/").content, "html.parser")
    layout = html.select_one("main .layout-sidebar")
    assert layout.select_one(".layout-sidebar__main form.engagement-form")
    links = layout.select(".layout-sidebar__aside nav a")
    assert [a["href"] for a in links] == [f"/{language}/join/", f"/{language}/newsletter/", f"/{language}/contact/"]
    assert [a.get("aria-current") for a in links] == ["page", None, None]
    write = BeautifulSoup(client.get(f"/{language}/contact/write/").content, "html.parser")
    assert write.select_one(".layout-sidebar__main form") and write.select_one(".layout-sidebar__aside nav")


def test_footer_newsletter_form_goes_to_the_newsletter_page_by_get(client):
    html = client.get("/fr/").content.decode()
    form = re.search(r'<form class="footer-newsletter" method="get" action="([^"]+)"', html)
    assert form and form.group(1) == "/fr/lettre-d-information/"
    prefilled = client.get("/fr/lettre-d-information/?email=reader%40example.org").content.decode()
    assert 'value="reader@example.org"' in prefilled


def test_french_application_is_stored_and_acknowledged_in_french(client, send_after_commit):
    data = application_data(client, "/fr/adherer/")
    response = send_after_commit(client, "/fr/adherer/", data)
    assert response.status_code == 303 and response["Location"] == "/fr/adherer/?sent=1"
    application = MembershipApplication.objects.get()
    assert application.organisation_name == "Réseau des défenseurs"
    assert application.language == "fr" and application.status == "received"
    assert [s.slug_en for s in application.sectors.all()] == ["human-rights"]
    assert application.consent_at is not None
    to_applicant, to_staff = mail.outbox
    assert to_applicant.to == ["awa@example.org"]
    assert "Nous avons bien reçu votre demande" in to_applicant.subject
    assert "Awa Diop" in to_applicant.body and "Merci" in to_applicant.body
    assert to_staff.to == ["staff@example.org"]
    assert f"/admin/snippets/engagement/membershipapplication/edit/{application.pk}/" in to_staff.body
    assert to_staff.reply_to == ["awa@example.org"]
    thanks = client.get("/fr/adherer/?sent=1").content.decode()
    assert "Merci" in thanks


def test_contact_message_goes_to_the_chosen_office_and_the_visitor_hears_in_arabic(client, send_after_commit):
    office = Office.objects.get(city="The Hague")
    office.contact_form_email = "hague-inbox@example.org"
    office.save()
    url = "/ar/contact/write/"
    assert client.get(url).status_code == 200
    data = contact_data(client, url, office=str(office.pk), subject="سؤال")
    response = send_after_commit(client, url, data)
    assert response.status_code == 303
    message = ContactMessage.objects.get()
    assert message.office == office and message.language == "ar" and message.status == "open"
    to_office, to_visitor = mail.outbox
    assert to_office.to == ["hague-inbox@example.org"] and to_office.reply_to == ["sam@example.org"]
    assert "<b>bold</b> & a question." in to_office.body  # plain text: shown as typed, never as HTML
    assert to_visitor.to == ["sam@example.org"]
    assert "رسالتك" in to_visitor.subject


def test_html_in_a_message_is_shown_as_text_in_the_admin(admin_client, client, send_after_commit):
    send_after_commit(client, "/en/contact/write/", contact_data(client, message="<script>alert(1)</script>"))
    message = ContactMessage.objects.get()
    html = admin_client.get(f"/admin/snippets/engagement/contactmessage/edit/{message.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_errors_are_next_to_the_fields_and_in_a_linked_summary_and_values_are_kept(client):
    data = application_data(client, email="not an address", organisation_name="Kept Org", consent="")
    response = client.post("/en/join/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html and 'href="#id_email"' in html and 'href="#id_consent"' in html
    summary = BeautifulSoup(html, "html.parser").select_one("#error-summary ul")
    assert "link-list" in summary["class"]  # the design system's list of links: no bullets
    assert "Enter a valid email address." in " ".join(errors_shown(response))
    assert 'value="Kept Org"' in html and 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_error' in html
    assert MembershipApplication.objects.count() == 0 and not mail.outbox


def test_header_injection_in_the_subject_is_refused(client):
    response = client.post("/en/contact/write/", contact_data(client, subject="Hi\r\nBcc: victim@example.org"))
    assert response.status_code == 200
    assert "Use a single line" in " ".join(errors_shown(response))
    assert ContactMessage.objects.count() == 0


def test_too_long_values_are_refused_with_a_message(client):
    response = client.post("/en/contact/write/", contact_data(client, message="x" * 5001))
    assert "at most 5000 characters" in " ".join(errors_shown(response))
    assert ContactMessage.objects.count() == 0


def test_the_honeypot_refuses_robots_and_keeps_nothing(client):
    response = client.post("/en/newsletter/", newsletter_data(client, homepage="http://spam.example"))
    assert response.status_code == 400
    assert "could not be accepted" in response.content.decode()
    assert Subscriber.objects.count() == 0 and OutgoingMessage.objects.count() == 0


def test_a_form_sent_too_fast_is_refused_then_accepted_when_sent_again(client, settings):
    settings.ENGAGEMENT_MIN_FILL_SECONDS = 3600
    data = newsletter_data(client)
    response = client.post("/en/newsletter/", data)
    assert response.status_code == 400 and "very quick" in response.content.decode()
    assert 'value="reader@example.org"' in response.content.decode()
    assert Subscriber.objects.count() == 0
    settings.ENGAGEMENT_MIN_FILL_SECONDS = 0
    assert client.post("/en/newsletter/", data).status_code == 303


def test_a_forged_or_missing_timestamp_shows_the_form_again_with_a_new_one(client):
    data = newsletter_data(client, started="forged")
    response = client.post("/en/newsletter/", data)
    assert response.status_code == 400 and "open for a long time" in response.content.decode()
    stamp = re.search(r'name="started" value="([^"]+)"', response.content.decode()).group(1)
    assert stamp != "forged"
    assert client.post("/en/newsletter/", {**data, "started": stamp}).status_code == 303


def test_rate_limit_per_address_keeps_what_was_typed(client, settings):
    settings.ENGAGEMENT_RATE_LIMIT = "2/h"
    for n in range(2):
        response = client.post("/en/contact/write/", contact_data(client, subject=f"Message {n}"))
        assert response.status_code == 303
    response = client.post("/en/contact/write/", contact_data(client, subject="Third one"))
    assert response.status_code == 429
    assert "Too many forms" in response.content.decode() and 'value="Third one"' in response.content.decode()
    assert ContactMessage.objects.count() == 2
    # Another address is not limited.
    response = client.post(
        "/en/contact/write/", contact_data(client, subject="From elsewhere"), REMOTE_ADDR="192.0.2.9"
    )
    assert response.status_code == 303


def test_the_newsletter_never_tells_whether_an_address_is_subscribed(client, send_after_commit):
    first = send_after_commit(client, "/en/newsletter/", newsletter_data(client))
    Subscriber.objects.update(status=Subscriber.Status.CONFIRMED)
    second = send_after_commit(client, "/en/newsletter/", newsletter_data(client))
    assert first.status_code == second.status_code == 303 and first["Location"] == second["Location"]
    assert Subscriber.objects.count() == 1
    confirmation, already = mail.outbox
    assert "confirm" in confirmation.subject.lower() and "already subscribed" in already.subject


# --- Fuzzing ---------------------------------------------------------------------------------

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
nasty = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["\x00", "a\r\nBcc: x@example.org", "'\"><script>", "9" * 400, "", " ", "x" * 6000, "on"]),
)
FORMS = {
    "/en/join/": application_data,
    "/ar/contact/write/": contact_data,
    "/ru/byulleten/": newsletter_data,
}
FIELDS = [
    "email", "country", "region", "sectors", "membership_type", "office", "language", "founding_year", "website",
    "message", "description", "subject", "name", "organisation_name", "phone", "consent", "started", "homepage",
]  # fmt: skip


@pytest.mark.parametrize("field", ["region", "sectors"])
def test_a_choice_number_too_large_for_the_database_is_a_form_error(client, field):
    """Found by the fuzzing below: on SQLite a 400-digit id overflowed into a server error."""
    data = application_data(None, "/en/join/")
    data[field] = "9" * 400
    response = client.post("/en/join/", data)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Select a valid choice" in page.get_text()


@pytest.mark.parametrize("url", list(FORMS))
@FUZZ
@given(values=st.dictionaries(st.sampled_from(FIELDS), nasty, max_size=6))
def test_fuzzed_forms_never_give_a_server_error(client, url, values):
    cache.clear()
    data = FORMS[url](None, url)  # a valid form (fresh signed start time), then the hostile values
    data.update(values)
    response = client.post(url, data)
    assert response.status_code in (200, 303, 400, 429), response.status_code


# --- resubmissions: a stamp is used once ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "data_for", "model"),
    [
        ("/en/join/", application_data, MembershipApplication),
        ("/en/contact/write/", contact_data, ContactMessage),
    ],
)
def test_a_form_sent_twice_is_stored_and_acknowledged_once(client, send_after_commit, url, data_for, model):
    data = data_for(client, url)
    first = send_after_commit(client, url, data)
    sent = len(mail.outbox)
    again = send_after_commit(client, url, data)  # a double click, a reload after the answer was lost
    assert first.status_code == again.status_code == 303
    assert again["Location"] == first["Location"]
    assert model.objects.count() == 1
    assert len(mail.outbox) == sent, "the resubmission was acknowledged again"


def test_the_newsletter_sign_up_sent_twice_mails_once(client, send_after_commit):
    data = newsletter_data(client)
    send_after_commit(client, "/en/newsletter/", data)
    sent = len(mail.outbox)
    assert send_after_commit(client, "/en/newsletter/", data).status_code == 303
    assert len(mail.outbox) == sent


def test_a_used_stamp_with_other_content_is_refused_and_a_new_one_given(client):
    data = contact_data(client)
    assert client.post("/en/contact/write/", data).status_code == 303
    response = client.post("/en/contact/write/", {**data, "subject": "Something else"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "already sent once" in body and 'value="Something else"' in body
    stamp = re.search(r'name="started" value="([^"]+)"', body).group(1)
    assert stamp != data["started"]
    assert client.post("/en/contact/write/", {**data, "subject": "Something else", "started": stamp}).status_code == 303
    assert ContactMessage.objects.count() == 2


def test_two_forms_shown_at_the_same_moment_have_different_stamps():
    from engagement.forms import new_stamp

    assert len({new_stamp() for _ in range(50)}) == 50


@pytest.mark.parametrize(
    ("language", "first", "names", "absent"),
    [
        # Pinyin order, as the directory's filters (阿富汗 ā … 中非共和国 zhōng …), the UN's names.
        (
            "zh-hans",
            ["阿尔巴尼亚", "阿尔及利亚"],
            ["埃斯瓦蒂尼", "科科斯（基林）群岛", "中国"],
            ["斯威士兰", "科科斯(基林)群岛"],
        ),
        # Arabic lists ignore the article: الأرجنتين among the alifs, not after ي.
        ("ar", ["إثيوبيا", "أذربيجان"], ["الأرجنتين", "إسواتيني"], []),
    ],
)
def test_the_join_forms_country_list_has_the_un_names_in_the_languages_order(client, language, first, names, absent):
    """/zh-hans/join/ listed 不丹, 东帝汶, 中国… (code-point order) and 斯威士兰 (fourth language review)."""
    html = BeautifulSoup(client.get(f"/{language}/join/").content, "html.parser")
    options = [o.get_text(strip=True) for o in html.select("select[name=country] option") if o["value"]]
    assert len(options) > 240
    assert options.index(first[0]) < options.index(first[1]) < len(options) // 4, options[:10]
    assert set(names) <= set(options) and not set(absent) & set(options)
    if language == "ar":
        assert options.index("الأرجنتين") < options.index("بوروندي")
    else:
        assert options.index("中国") > options.index("巴西")  # not the code-point order, where 中 comes first
