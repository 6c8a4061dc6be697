"""/.well-known/security.txt (RFC 9116)."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.utils.dateparse import parse_datetime

pytestmark = pytest.mark.django_db

REQUIRED = {"Contact", "Expires"}
KNOWN = {"Acknowledgments", "Canonical", "Contact", "Encryption", "Expires", "Hiring", "Policy", "Preferred-Languages"}


def fields(text):
    parsed = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _sep, value = line.partition(": ")
            parsed.append((name, value))
    return parsed


def test_security_txt_is_valid_rfc_9116(client):
    response = client.get("/.well-known/security.txt", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    parsed = fields(response.content.decode())
    names = [name for name, _value in parsed]
    assert REQUIRED <= set(names) and set(names) <= KNOWN
    assert names.count("Expires") == 1
    values = dict(parsed)
    expires = parse_datetime(values["Expires"])
    now = datetime.datetime.now(datetime.UTC)
    assert now < expires <= now + datetime.timedelta(days=366)
    assert values["Canonical"] == "https://testserver/.well-known/security.txt"
    for name, value in parsed:
        if name == "Contact":
            assert value.startswith(("https://", "mailto:")), value
    # By default the contact is the site's contact page, which exists.
    contact = dict(parsed)["Contact"]
    assert contact.endswith("/en/contact/")
    assert client.get(contact.removeprefix("https://testserver")).status_code == 200
    assert values["Preferred-Languages"].split(", ")[0] == "en"


@override_settings(
    SECURITY_TXT_CONTACT=["mailto:security@icrtop.test", "https://icrtop.test/security"],
    SECURITY_TXT_EXPIRES="2027-06-01T00:00:00Z",
)
def test_security_txt_takes_contact_and_expiry_from_settings(client):
    parsed = fields(client.get("/.well-known/security.txt").content.decode())
    assert [value for name, value in parsed if name == "Contact"] == [
        "mailto:security@icrtop.test",
        "https://icrtop.test/security",
    ]
    assert ("Expires", "2027-06-01T00:00:00Z") in parsed


@override_settings(SECURITY_TXT_EXPIRES="2020-01-01T00:00:00Z")
def test_an_expired_security_txt_fails_the_deploy_checks():
    with pytest.raises(SystemCheckError, match="security.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
