"""The tracker's page and the UN texts of the initial site (called by ``manage.py
load_initial_content`` through ``UNTextsConfig.initial_content``, with the command's idempotent
helpers). The texts are the file's rows (``untexts.loader``); staff add the rest in the admin."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from . import loader
from .models import UNTextIndexPage

CONTENT = Path(__file__).resolve().parent / "initial_content" / "page.json"
PAGE_FIELDS = ("title", "slug", "seo_title", "search_description", "intro")


def fields(words):
    """{field: {language: value}} as the command's ``ensure_page`` takes it."""
    return {
        field: {language: texts[field] for language, texts in words.items() if texts.get(field) is not None}
        for field in PAGE_FIELDS
        if any(texts.get(field) is not None for texts in words.values())
    }


def load(command, home, path=None):
    words = {code: texts for code, texts in json.loads(CONTENT.read_text(encoding="utf-8")).items() if code[0] != "_"}
    command.ensure_page("un_texts", UNTextIndexPage, home, fields(words), show_in_menus=False)
    try:
        loader.load(path or loader.default_path(), command.recorded, command.remember)
    except loader.UNTextsError as error:
        raise CommandError(str(error)) from None
