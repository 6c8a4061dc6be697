"""The editor's "Copy content from" buttons in Chromium: under a translated field, the English button
copies the English title into the French title, and the English body's blocks into the Chinese body
(``body_zh_hans``), where the editor can then translate them. Only languages with content are offered."""

import re
import secrets

from playwright.sync_api import expect

from .test_editor import log_in, show_language_fields


def a_draft_statement(live_site, title, paragraph):
    code = (
        "import datetime\n"
        "from wagtail.rich_text import RichText\n"
        "from publishing.models import ArticlePage, NewsIndexPage\n"
        "index = NewsIndexPage.objects.live().first()\n"
        f"page = ArticlePage(title={title!r}, slug={title.lower().replace(' ', '-')!r}, live=False,\n"
        "    date=datetime.date(2026, 3, 2))\n"
        f"page.body_en = [('paragraph', RichText('<p>' + {paragraph!r} + '</p>'))]\n"
        "index.add_child(instance=page)\n"
        "page.save_revision()\n"
        "print(page.pk)\n"
    )
    return int(live_site.manage("shell", "-c", code).stdout.strip().splitlines()[-1])


def test_copy_buttons_copy_a_title_and_a_body_into_another_language(page, live_site):
    token = secrets.token_hex(3)
    title, paragraph = f"Copy test {token}", f"Civilians must be protected ({token})."
    pk = a_draft_statement(live_site, title, paragraph)
    alerts = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    log_in(page, live_site, live_site.editor_username, live_site.editor_password)
    page.goto(f"/admin/pages/{pk}/edit/")
    expect(page).to_have_url(re.compile(rf"/admin/pages/{pk}/edit/$"))

    show_language_fields(page, "fr")
    # Only English has content: the French title offers English alone, not the empty languages.
    expect(page.locator('button[data-target="title_fr"][data-origin="title_es"]')).to_be_hidden()
    expect(page.locator('button[data-target="title_fr"][data-origin="title_ru"]')).to_be_hidden()
    expect(page.locator('button[data-target="body_fr"][data-origin="body_ar"]')).to_be_hidden()
    page.locator('button[data-target="title_fr"][data-origin="title_en"]').click()
    expect(page.locator('input[name="title_fr"]')).to_have_value(title)
    # Now French has content: the Spanish title offers it; the English one still offers no empty language.
    show_language_fields(page, "es")
    expect(page.locator('button[data-target="title_es"][data-origin="title_fr"]')).to_be_visible()
    expect(page.locator('button[data-target="title_es"][data-origin="title_ru"]')).to_be_hidden()

    show_language_fields(page, "zh-hans")
    chinese = page.locator("#panel-child-content-body_zh_hans-section")
    copied = chinese.locator("[data-text=true]", has_text=paragraph)
    expect(copied).to_have_count(0)
    page.locator('button[data-target="body_zh_hans"][data-origin="body_en"]').click()
    expect(copied).to_be_visible(timeout=15_000)
    assert not alerts, alerts
    # No other field was touched; the copied block is a live editor the translator can type in.
    expect(page.locator("#panel-child-content-body_fr-section [data-text=true]", has_text=paragraph)).to_have_count(0)
    expect(chinese.locator("[contenteditable=true]").first).to_be_editable()
