"""The ways in, end to end through gunicorn and Chromium: an NGO applies in French and staff approve
it; a visitor subscribes from the footer (without JavaScript), confirms from the e-mail the site's
real SMTP connection delivered, and unsubscribes; the forms' error states pass axe in English and
Arabic."""

import re
import secrets

import pytest
from playwright.sync_api import expect

from .conftest import new_context
from .test_accessibility import axe_violations, describe
from .test_editor import log_in

LINK = re.compile(r"https?://\S+?/(?:confirm|unsubscribe)/\S+?/")


def wait_for_mail(live_site, address, count=1):
    """The messages delivered to ``address`` (sent after the request's commit, before its response)."""
    messages = live_site.mailbox.to(address)
    assert len(messages) >= count, f"{len(messages)} message(s) to {address}; mailbox: {live_site.mailbox.messages}"
    return messages


def test_an_ngo_applies_in_french_and_staff_approve_it(page, chromium, live_site):
    name = f"Réseau pour la protection {secrets.token_hex(3)}"
    address = f"awa-{secrets.token_hex(3)}@example.org"
    page.goto("/fr/adherer/")
    expect(page.locator("h1")).to_have_text("Adhérer à la coalition")
    page.locator("#id_organisation_name").fill(name)
    page.locator("#id_acronym").fill("RPP")
    page.locator("#id_country").select_option("SN")
    page.locator("#id_city").fill("Dakar")
    page.locator("#id_region").select_option(index=1)
    page.locator("#id_sectors_0").check()
    page.locator("#id_website").fill("https://rpp.example.org")
    page.locator("#id_founding_year").fill("2004")
    page.locator("#id_description").fill("Nous documentons les risques d’atrocités en Afrique de l’Ouest.")
    page.locator("#id_contact_name").fill("Awa Diop")
    page.locator("#id_email").fill(address)
    page.locator("#id_membership_type_0").check()
    page.get_by_label(re.compile("Notre organisation soutient la responsabilité de protéger")).check()
    page.get_by_label(re.compile("J’ai lu la politique de confidentialité")).check()
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page).to_have_url(re.compile(r"/fr/adherer/\?sent=1$"))
    expect(page.locator("main [role=status]")).to_contain_text("Nous avons bien reçu votre demande")

    (acknowledgement,) = wait_for_mail(live_site, address)
    assert "Nous avons bien reçu votre demande d’adhésion" in acknowledgement["Subject"]
    assert name in acknowledgement.get_content()
    staff_mail = [m for m in wait_for_mail(live_site, "staff@example.org") if name in str(m["Subject"])]
    assert len(staff_mail) == 1
    assert re.search(r"http\S+/admin/snippets/engagement/membershipapplication/edit/\d+/", staff_mail[0].get_content())

    staff = new_context(chromium, live_site)
    try:
        admin = staff.new_page()
        log_in(admin, live_site, live_site.admin_username, live_site.admin_password)
        admin.goto("/admin/snippets/engagement/membershipapplication/?status=received")
        row = admin.locator("tr", has_text=name)
        expect(row).to_have_count(1)
        row.get_by_role("link", name="Approve or decline").click()
        expect(admin.locator("main")).to_contain_text("Nous documentons les risques")
        admin.get_by_role("button", name="Approve", exact=True).click()
        expect(admin).to_have_url(re.compile(r"/admin/snippets/members/memberorganisation/edit/\d+/$"))
        expect(admin.locator("#id_name")).to_have_value(name)
        expect(admin.locator("#id_city")).to_have_value("Dakar")
        slug = admin.locator("#id_slug").input_value()
        # A draft record, not public until staff click "Publish".
        assert slug.startswith("reseau-pour-la-protection-")
        assert live_site.get(f"/fr/membres/{slug}/")[0] == 404
        admin.goto("/admin/snippets/engagement/membershipapplication/?status=approved")
        expect(admin.locator("tr", has_text=name)).to_have_count(1)
    finally:
        staff.close()


def test_a_visitor_subscribes_without_javascript_confirms_from_the_mail_and_unsubscribes(chromium, live_site):
    address = f"reader-{secrets.token_hex(3)}@example.org"
    context = new_context(chromium, live_site, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/en/")
        footer = page.locator("form.footer-newsletter")
        footer.get_by_label("Your e-mail address").fill(address)
        footer.get_by_role("button", name="Subscribe").click()
        expect(page).to_have_url(re.compile(r"/en/newsletter/\?email="))
        expect(page.locator("#id_email")).to_have_value(address)
        expect(page.locator("#id_language_0")).to_be_checked()  # English, the page's language
        page.get_by_label(re.compile("I have read the privacy notice")).check()
        page.locator("form.engagement-form").get_by_role("button", name="Subscribe").click()
        expect(page.locator("main [role=status]")).to_contain_text("Please check your e-mail")

        (confirmation,) = wait_for_mail(live_site, address)
        body = confirmation.get_content()
        links = {("confirm" if "/confirm/" in url else "unsubscribe"): url for url in LINK.findall(body)}
        assert confirmation["List-Unsubscribe"].strip() == f"<{links['unsubscribe']}>"
        assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

        # Opening a link changes nothing (mail scanners open links too): a button does.
        page.goto(links["confirm"])
        expect(page.locator("h1")).to_have_text("Confirm your subscription")
        page.goto(links["confirm"])
        expect(page.locator("h1")).to_have_text("Confirm your subscription")
        page.get_by_role("button", name="Confirm my subscription").click()
        expect(page.locator("h1")).to_have_text("Your subscription is confirmed")
        page.goto(links["confirm"])  # twice: the same friendly page
        expect(page.locator("h1")).to_have_text("Your subscription is confirmed")

        page.goto(links["unsubscribe"])
        expect(page.locator("h1")).to_have_text("Unsubscribe from the newsletter")
        page.goto(links["confirm"])  # still subscribed
        expect(page.locator("h1")).to_have_text("Your subscription is confirmed")
        page.goto(links["unsubscribe"])
        page.get_by_role("button", name="Unsubscribe").click()
        expect(page.locator("h1")).to_have_text("You are unsubscribed")
        page.goto(links["confirm"])
        expect(page.locator("h1")).to_have_text("This link no longer works")
        page.goto("/en/newsletter/confirm/forged-token/")
        expect(page.locator("h1")).to_have_text("This link does not work")
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("path", ["join/", "contact/write/", "newsletter/"])
def test_form_errors_are_shown_accessibly(chromium, live_site, language, path):
    context = new_context(chromium, live_site, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"/en/{path}")
        if language != "en":
            href = page.locator(f'link[rel="alternate"][hreflang="{language}"]').get_attribute("href")
            page.goto(re.sub(r"^https?://[^/]+", "", href))
        page.locator("form.engagement-form button[type=submit]").click()
        summary = page.locator("#error-summary")
        expect(summary).to_be_visible()
        first_link = summary.locator("a").first
        target = first_link.get_attribute("href")
        expect(page.locator(target)).to_have_count(1)  # each summary line links to its field
        assert page.locator(".form-field__error").count() >= 2
        violations = axe_violations(page)
        assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n{describe(violations)}"
    finally:
        context.close()
