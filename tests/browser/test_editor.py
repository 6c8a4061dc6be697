"""Editors and translators in the Wagtail admin, through the real login and the production CSP."""

import re
import secrets

from playwright.sync_api import expect

from .conftest import alternate_path, new_context

MISSION_PATH = "/en/about/"
MISSION_TITLE = "About the Coalition"


def log_in(page, live_site, username, password):
    """The admin login: password, then the two-factor code (production settings require it)."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator('form button[type="submit"]').click()
    expect(page).to_have_url(re.compile(r"/admin/2fa/verify/"))
    page.locator("#id_token").fill(live_site.otp_code(username))
    page.locator('form.login-form button[type="submit"]').click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def open_editor(page, title):
    page.goto("/admin/pages/search/?q=" + title.replace(" ", "+"))
    page.locator("main").get_by_role("link", name=title, exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))


def show_language_fields(page, code):
    """Shows one language's fields with the editor's locale picker ("View / edit fields for ... FR")."""
    toggle = page.locator(".locale-picker button.locale-toggle", has_text=re.compile(rf"^{re.escape(code)}$"))
    expect(toggle).to_have_count(1)
    if "showing-locale" not in (toggle.get_attribute("class") or ""):
        toggle.click()
    expect(toggle).to_have_class(re.compile(r"\bshowing-locale\b"))


def footer_action(page, name):
    """A button of the editor's footer action menu, opening the "more actions" menu when needed."""
    button = page.locator(f'footer button[name="{name}"]').first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    return button


def confirm_if_asked(page, name):
    """Wagtail asks before overwriting a newer version saved by someone else (its editing-sessions
    check); a translator who loaded the page after it still confirms once."""
    dialog_button = page.locator(f'[role="dialog"] button[name="{name}"], [role="dialog"] button[type="submit"]')
    try:
        dialog_button.first.wait_for(state="visible", timeout=2000)
    except Exception:  # noqa: BLE001 - no dialog: nothing to confirm
        return
    dialog_button.first.click()


def test_editor_edits_and_publishes_the_mission_intro(page, live_site):
    log_in(page, live_site, live_site.editor_username, live_site.editor_password)
    open_editor(page, MISSION_TITLE)
    new_intro = f"We work for a world where atrocity crimes are prevented ({secrets.token_hex(4)})."
    page.locator('textarea[name="intro_en"]').fill(new_intro)
    footer_action(page, "action-publish").click()
    expect(page.locator(".messages")).to_contain_text(MISSION_TITLE)

    page.goto(MISSION_PATH)
    expect(page.locator("h1")).to_have_text(MISSION_TITLE)
    expect(page.locator(".page-header .lead")).to_have_text(new_intro)


def test_translator_submits_french_and_an_editor_approves(chromium, live_site):
    username, password = "browser-translator", secrets.token_urlsafe(18)
    live_site.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User\n"
        f"user = User.objects.create_user({username!r}, 'translator@example.org', {password!r})\n"
        "user.groups.add(Group.objects.get(name='Translators'))\n",
    )
    live_site.add_totp_device(username)
    french = f"La Coalition œuvre pour prévenir les crimes atroces ({secrets.token_hex(4)})."

    translator_context = new_context(chromium, live_site)
    try:
        page = translator_context.new_page()
        log_in(page, live_site, username, password)
        open_editor(page, MISSION_TITLE)
        expect(page.locator('footer button[name="action-publish"]')).to_have_count(0)  # cannot publish
        show_language_fields(page, "fr")
        page.locator('textarea[name="intro_fr"]').fill(french)
        footer_action(page, "action-submit").click()
        confirm_if_asked(page, "action-submit")
        expect(page.locator(".messages")).to_contain_text(MISSION_TITLE)
        page.goto(MISSION_PATH)
        page.goto(alternate_path(page, "fr"))
        expect(page.locator("body")).not_to_contain_text(french)  # not live before approval
    finally:
        translator_context.close()

    editor_context = new_context(chromium, live_site)
    try:
        page = editor_context.new_page()
        log_in(page, live_site, live_site.editor_username, live_site.editor_password)
        open_editor(page, MISSION_TITLE)
        # "Approve" (not "Approve with comment", which opens a dialog first).
        approve = page.locator(
            'footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
        ).first
        if not approve.is_visible():
            page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
        approve.click()
        expect(page.locator(".messages")).to_contain_text(MISSION_TITLE)
        page.goto(MISSION_PATH)
        page.goto(alternate_path(page, "fr"))
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page.locator(".page-header .lead")).to_have_text(french)
    finally:
        editor_context.close()
