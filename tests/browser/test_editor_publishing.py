"""Issue 9's editor journey in Chromium against gunicorn (production settings, 2FA): an editor adds a
statement under "News and statements" in the Wagtail admin, signed by two member organisations chosen
with the admin's chooser, publishes it, and it appears where visitors look: the home page, the news
listing (filtered to statements), the listing's Atom feed and both members' profiles."""

import json
import re
import secrets

from playwright.sync_api import expect

from .test_editor import footer_action, log_in


def site_facts(live_site):
    """The news index's id and two live, active, public member organisations (name, slug)."""
    result = live_site.manage(
        "shell",
        "-c",
        "import json\n"
        "from publishing.models import NewsIndexPage\n"
        "from members.models import MemberOrganisation\n"
        "news = NewsIndexPage.objects.live().first()\n"
        "members = MemberOrganisation.objects.for_profile().filter(is_sample=False).order_by('name')[:2]\n"
        "print(json.dumps({'news': news.pk, 'members': [[m.name, m.slug] for m in members]}))\n",
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def choose_member(page, name):
    """The last signatory row's member chooser: open it, search, pick ``name``."""
    page.locator("[id^='inline_child_signatories'] button", has_text=re.compile("Choose")).last.click()
    search_box = page.locator("input[type='text'], input[type='search']")
    modal = page.locator(".modal-dialog, [role='dialog']").filter(has=search_box).last
    modal.locator("input[name='q']").fill(name)
    # The chooser lists "Name (ACRONYM)".
    modal.get_by_role("link", name=re.compile("^" + re.escape(name))).first.click()
    expect(page.locator(".modal-dialog:visible")).to_have_count(0)


def test_an_editor_publishes_a_statement_signed_by_two_members(page, live_site):
    facts = site_facts(live_site)
    (first_name, first_slug), (second_name, second_slug) = facts["members"]
    title = f"Joint statement on early warning ({secrets.token_hex(3)})"

    log_in(page, live_site, live_site.editor_username, live_site.editor_password)
    page.goto(f"/admin/pages/add/publishing/articlepage/{facts['news']}/")
    page.locator("#id_title_en").fill(title)
    page.locator("select[name='kind']").select_option("statement")
    page.locator("textarea[name='teaser_en'], input[name='teaser_en']").first.fill(
        "A statement written for this browser test (not real content)."
    )
    for name in (first_name, second_name):
        page.locator("#id_signatories-ADD").click()
        choose_member(page, name)
    footer_action(page, "action-publish").click()
    expect(page.locator(".messages")).to_contain_text(title)

    # The home page's latest statements and news, chosen automatically.
    page.goto("/en/")
    expect(page.locator("main").get_by_role("link", name=title)).to_be_visible()
    # The news listing, filtered to statements.
    page.goto("/en/news/?type=statement")
    expect(page.locator("main").get_by_role("link", name=title)).to_be_visible()
    # The listing's Atom feed (filters honoured).
    feed = page.request.get("/en/news/feed/?type=statement")
    assert feed.status == 200 and "atom" in feed.headers["content-type"]
    assert title in feed.text()
    # The statement names both signatories; each member's profile lists it.
    page.goto("/en/news/")
    page.locator("main").get_by_role("link", name=title).click()
    for name in (first_name, second_name):
        expect(page.locator("main")).to_contain_text(name)
    for slug in (first_slug, second_slug):
        page.goto(f"/en/members/{slug}/")
        expect(page.locator("main").get_by_role("link", name=title)).to_be_visible()
