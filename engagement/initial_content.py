"""The engagement pages of the initial site (called by ``manage.py load_initial_content`` through
``EngagementConfig.initial_content``, with the command's own idempotent helpers)."""

import json
from pathlib import Path

from .models import ContactFormPage, MembershipApplicationPage, NewsletterPage, PrivacyNoticePage

CONTENT = Path(__file__).resolve().parent / "initial_content" / "pages.json"
PAGE_FIELDS = ("title", "slug", "seo_title", "search_description", "intro", "body")


def fields(words):
    """{field: {language: value}} as the command's ``ensure_page`` takes it."""
    result = {}
    for field in PAGE_FIELDS:
        values = {}
        for language, texts in words.items():
            value = texts.get(field)
            if value is not None:
                values[language] = json.dumps(value) if field == "body" else value
        if values:
            result[field] = values
    return result


def load(command, home):
    if home is None:
        return
    words = json.loads(CONTENT.read_text(encoding="utf-8"))
    _exists, contact = command.recorded("page:contact")
    pages = [
        ("join", MembershipApplicationPage, home, False),
        ("newsletter", NewsletterPage, home, False),
        ("privacy", PrivacyNoticePage, home, False),
        ("contact_write", ContactFormPage, contact.specific if contact else None, False),
    ]
    for key, model, parent, in_menus in pages:
        command.ensure_page(key, model, parent, fields(words[key]), show_in_menus=in_menus)
