"""The live preview panel in English and Arabic; a translator's forged change of a member's flag and
English name is refused, and their translation waits for a moderator before it is public."""

import json
import re
import secrets
from pathlib import Path

from playwright.sync_api import expect

from .conftest import alternate_path, new_context
from .test_editor import MISSION_TITLE, confirm_if_asked, footer_action, log_in, open_editor, show_language_fields

CONTENT = Path(__file__).resolve().parents[2] / "pages" / "initial_content"
ARABIC_MISSION_TITLE = json.loads((CONTENT / "ar.json").read_text(encoding="utf-8"))["about"]["title"]


def test_the_live_preview_panel_shows_the_page_in_english_and_in_arabic(page, live_site):
    log_in(page, live_site, live_site.editor_username, live_site.editor_password)
    open_editor(page, MISSION_TITLE)
    page.locator('[data-side-panel-toggle="preview"]').first.click()
    frame = page.frame_locator("iframe.w-preview__iframe").last
    expect(frame.locator("html")).to_have_attribute("lang", "en", timeout=20_000)
    expect(frame.locator("h1")).to_have_text(MISSION_TITLE)

    page.locator("#id_preview_mode").select_option("ar")
    expect(frame.locator("html")).to_have_attribute("lang", "ar", timeout=20_000)
    expect(frame.locator("html")).to_have_attribute("dir", "rtl")
    expect(frame.locator("h1")).to_have_text(ARABIC_MISSION_TITLE)


def a_member(live_site):
    """(pk, slug, name) of a published, active member that is not on the steering committee."""
    result = live_site.manage(
        "shell",
        "-c",
        "from members.models import MemberOrganisation as M\n"
        "m = M.objects.filter(on_steering_committee=False, published=True, status='active', is_sample=False)"
        ".order_by('pk').first()\n"
        "print(m.pk, m.slug, m.name, sep='\\t')\n",
    )
    pk, slug, name = result.stdout.strip().splitlines()[-1].split("\t")
    return int(pk), slug, name


def test_a_translators_forged_record_change_is_refused_and_the_translation_waits_for_approval(chromium, live_site):
    username, password = "browser-record-translator", secrets.token_urlsafe(18)
    live_site.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User\n"
        f"user = User.objects.create_user({username!r}, 'record-translator@example.org', {password!r})\n"
        "user.groups.add(Group.objects.get(name='Translators'))\n",
    )
    live_site.add_totp_device(username)  # production settings require 2FA of every staff account
    pk, slug, name = a_member(live_site)
    edit_path = f"/admin/snippets/members/memberorganisation/edit/{pk}/"
    french = f"Une organisation membre de la coalition ({secrets.token_hex(4)})."
    forged_name = f"Forged name {secrets.token_hex(3)}"

    translator_context = new_context(chromium, live_site)
    try:
        page = translator_context.new_page()
        log_in(page, live_site, username, password)
        page.goto(edit_path)
        expect(page.locator('input[name="name"]')).to_be_disabled()
        expect(page.locator('input[name="on_steering_committee"]')).to_be_disabled()
        # A forged form: the disabled fields enabled and changed in the browser, then submitted.
        page.evaluate(
            """(forgedName) => {
                for (const el of document.querySelectorAll('[disabled]')) {
                    if (el.name === 'name' || el.name === 'on_steering_committee') el.removeAttribute('disabled');
                }
                document.querySelector('input[name="name"]').value = forgedName;
                document.querySelector('input[name="on_steering_committee"]').checked = true;
            }""",
            forged_name,
        )
        show_language_fields(page, "fr")
        page.locator('textarea[name="description_fr"]').fill(french)
        footer_action(page, "action-submit").click()
        confirm_if_asked(page, "action-submit")
        expect(page.locator(".messages")).to_contain_text(name)

        # Nothing public yet: the French profile does not show it.
        page.goto(f"/en/members/{slug}/")
        page.goto(alternate_path(page, "fr"))
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page.locator("main")).not_to_contain_text(french)
    finally:
        translator_context.close()

    editor_context = new_context(chromium, live_site)
    try:
        page = editor_context.new_page()
        log_in(page, live_site, live_site.editor_username, live_site.editor_password)
        page.goto(edit_path)
        approve = page.locator(
            'footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
        ).first
        if not approve.is_visible():
            page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
        approve.click()
        expect(page.locator(".messages")).to_contain_text(name)

        page.goto(f"/en/members/{slug}/")
        expect(page.locator("h1")).to_have_text(re.compile(re.escape(name.split(" (")[0])))
        page.goto(alternate_path(page, "fr"))
        expect(page.locator("main")).to_contain_text(french)  # public after approval
        expect(page.locator("body")).not_to_contain_text(forged_name)  # the forged name was refused
        page.goto("/en/about/steering-committee/")
        expect(page.locator("main")).not_to_contain_text(name)  # the forged flag was refused
    finally:
        editor_context.close()
