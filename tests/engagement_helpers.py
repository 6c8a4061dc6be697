"""Shared steps of the engagement tests: read a form page as a visitor would, and send it back."""

import re

from members.models import Region, Sector

STARTED = re.compile(r'name="started" value="([^"]+)"')


def started_stamp(client, url):
    """The signed "form shown at" value of the form on ``url`` (what a browser would send back);
    without a client, a fresh one as the form would give."""
    if client is None:
        from engagement.forms import new_stamp

        return new_stamp()
    response = client.get(url)
    assert response.status_code == 200, url
    return STARTED.search(response.content.decode()).group(1)


def application_data(client, url="/en/join/", **overrides):
    data = {
        "organisation_name": "Réseau des défenseurs",
        "acronym": "RDD",
        "country": "SN",
        "city": "Dakar",
        "region": str(Region.objects.get(slug_en="africa").pk),
        "sectors": [str(Sector.objects.get(slug_en="human-rights").pk)],
        "website": "https://rdd.example.org",
        "founding_year": "2004",
        "description": "Nous documentons les violations des droits humains.",
        "contact_name": "Awa Diop",
        "email": "awa@example.org",
        "phone": "+221 33 800 00 00",
        "membership_type": "member",
        "supports_rtop": "on",
        "consent": "on",
        "started": started_stamp(client, url),
    }
    data.update(overrides)
    return data


def contact_data(client, url="/en/contact/write/", **overrides):
    data = {
        "name": "Sam Visitor",
        "email": "sam@example.org",
        "office": "either",
        "subject": "A question about the coalition",
        "message": "Hello, <b>bold</b> & a question.",
        "consent": "on",
        "started": started_stamp(client, url),
    }
    data.update(overrides)
    return data


def newsletter_data(client, url="/en/newsletter/", **overrides):
    data = {
        "email": "reader@example.org",
        "language": "en",
        "consent": "on",
        "started": started_stamp(client, url),
    }
    data.update(overrides)
    return data


def errors_shown(response):
    """The messages shown next to the fields."""
    return re.findall(r'class="form-field__error"[^>]*>(.*?)</p>', response.content.decode(), re.S)


LINK = re.compile(r"https?://\S+/(?:confirm|unsubscribe)/\S+/")


def links_in(body):
    """{"confirm": url, "unsubscribe": url} found in an e-mail body."""
    found = {}
    for url in LINK.findall(body):
        found["confirm" if "/confirm/" in url else "unsubscribe"] = url
    return found
