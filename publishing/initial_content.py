"""The crisis levels of the initial site (called by ``manage.py load_initial_content`` through
``PublishingConfig.initial_content``, with the command's own idempotent helpers): created once,
remembered, and afterwards only their empty translations are filled. Levels are categories, not
facts about a country: no crisis page is given a level here."""

import json
from pathlib import Path

from .models import CrisisLevel

CONTENT = Path(__file__).resolve().parent / "initial_content" / "levels.json"


def load(command, home):
    levels = json.loads(CONTENT.read_text(encoding="utf-8"))["levels"]
    for order, fact in enumerate(levels, start=1):
        key = f"crisis-level:{fact['slug']}"
        exists, level = command.recorded(key)
        if not exists:
            level = CrisisLevel.objects.filter(slug_en=fact["slug"]).first() or CrisisLevel(sort_order=order)
            command.set_all(level, "name", fact["name"])
            command.set_all(level, "description", fact["description"])
            level.slug = level.slug_en = fact["slug"]
            level.tone = fact["tone"]
            level.save()
            command.remember(key, level)
        elif level is not None:
            if command.fill_blanks(level, "name", fact["name"]) | command.fill_blanks(
                level, "description", fact["description"]
            ):
                level.save()
