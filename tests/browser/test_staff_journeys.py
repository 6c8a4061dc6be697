"""Staff journeys on a live site under production settings (two-factor login, the scheduler running
beside gunicorn as compose's scheduler service does): an editor creates a statement, previews it in
English and Arabic, schedules it a minute ahead and sees it go live by itself, in French at a French
address; a membership officer sees a new application on the dashboard, approves it and publishes the
member. (A translator's journey, translate and submit for review, is in test_editor.py.)"""

import datetime
import re
import secrets
import time

from playwright.sync_api import expect

from .conftest import new_context
from .test_editor import footer_action, log_in, show_language_fields


def shell(live_site, code):
    return live_site.manage("shell", "-c", code).stdout.strip().splitlines()[-1]


def wait_for_status(live_site, path, status, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if live_site.get(path)[0] == status:
            return True
        time.sleep(3)
    return False


def test_an_editor_schedules_a_statement_that_goes_live_by_itself_in_french_too(page, live_site):
    token = secrets.token_hex(3)
    title, french = f"Statement on Lakeland {token}", f"Déclaration sur le Lakeland {token}"
    slug = f"statement-on-lakeland-{token}"
    news_index = shell(
        live_site, "from publishing.models import NewsIndexPage; print(NewsIndexPage.objects.live().first().pk)"
    )
    log_in(page, live_site, live_site.editor_username, live_site.editor_password)

    page.goto(f"/admin/pages/add/publishing/articlepage/{news_index}/")
    page.locator("#id_title_en").fill(title)
    show_language_fields(page, "fr")
    page.locator('input[name="title_fr"]').fill(french)
    teaser = page.locator('textarea[name="teaser_en"], input[name="teaser_en"]')
    if teaser.count():
        teaser.first.fill("The coalition calls for the protection of civilians.")
    page.locator('input[name="slug_en"]').evaluate("(el, value) => { el.value = value }", slug)
    page.locator("footer button.action-save").first.click()  # "Save draft"
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    edit_url = re.search(r"/admin/pages/\d+/edit/", page.url).group(0)

    # Preview in English and Arabic: the preview panel sends the form, each mode renders it.
    page.locator('[data-side-panel-toggle="preview"]').first.click()
    page.wait_for_timeout(2000)
    for mode, direction in (("en", "ltr"), ("ar", "rtl")):
        response = page.request.get(f"{edit_url}preview/?mode={mode}")
        assert response.status == 200, (mode, response.status)
        html = response.text()
        assert re.search(rf'<html[^>]*lang="{mode}"', html) and re.search(rf'<html[^>]*dir="{direction}"', html)
        assert title in html  # Arabic falls back to the English title, marked lang="en"

    # Schedule it a minute ahead (the site's time zone is UTC) and publish: it waits.
    go_live = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=70)
    page.locator("#id_go_live_at").evaluate("(el, value) => { el.value = value }", go_live.strftime("%Y-%m-%d %H:%M"))
    footer_action(page, "action-publish").click()
    expect(page.locator(".messages")).to_contain_text(title)
    assert live_site.get(f"/en/news/{slug}/")[0] == 404

    # The scheduler publishes it by itself; the French title has given it a French address, made by
    # the server from the title (accents transliterated, as core.slugs does), not by the browser.
    assert wait_for_status(live_site, f"/en/news/{slug}/", 200, 200), live_site.log_tail()
    status, _headers, body = live_site.get(f"/fr/actualites/declaration-sur-le-lakeland-{token}/")
    assert status == 200, (
        status,
        shell(live_site, f"from wagtail.models import Page; print(Page.objects.get(slug_en={slug!r}).url_path_fr)"),
    )
    assert french.encode() in body and re.search(rb'<html[^>]*lang="fr"', body)

    # The dashboard says the scheduler ran.
    page.goto("/admin/")
    expect(page.locator("#scheduler-heading")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("The scheduler has never run")


def test_membership_staff_approve_an_application_from_the_dashboard_and_publish_the_member(chromium, live_site):
    username, password = f"officer-{secrets.token_hex(3)}", secrets.token_urlsafe(18)
    organisation = f"Lakeland Civil Society Network {secrets.token_hex(3)}"
    shell(
        live_site,
        "from django.contrib.auth.models import Group, User\n"
        "from members.models import Region\n"
        "from engagement.models import MembershipApplication\n"
        f"user = User.objects.create_user({username!r}, 'officer@example.org', {password!r})\n"
        "user.groups.add(Group.objects.get(name='Membership staff'))\n"
        f"MembershipApplication.objects.create(organisation_name={organisation!r}, country='SN', city='Dakar',"
        " region=Region.objects.get(slug_en='africa'), description='We document violations.',"
        " contact_name='Awa Diop', email='awa@example.org', membership_type='member', supports_rtop=True)\n",
    )
    live_site.add_totp_device(username)
    context = new_context(chromium, live_site)
    try:
        page = context.new_page()
        log_in(page, live_site, username, password)
        panel = page.locator("section", has=page.locator("#waiting-for-staff-heading"))
        expect(panel).to_contain_text("New applications")
        panel.get_by_role("link", name="New applications").click()
        expect(page.locator("main")).to_contain_text(organisation)
        page.locator("tr", has_text=organisation).get_by_role("link", name="Approve or decline").click()
        page.locator("form.application-approve button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/admin/snippets/members/memberorganisation/edit/\d+/"))
        footer_action(page, "action-publish").click()
        expect(page.locator(".messages")).to_contain_text(organisation)
    finally:
        context.close()
    slug = shell(
        live_site,
        "from members.models import MemberOrganisation\n"
        f"member = MemberOrganisation.objects.get(name={organisation!r}); print(member.slug, member.live)",
    )
    member_slug, live = slug.split()
    assert live == "True"
    assert live_site.get(f"/en/members/{member_slug}/")[0] == 200
