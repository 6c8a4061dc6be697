"""The crisis levels of the initial site (called by ``manage.py load_initial_content`` through
``PublishingConfig.initial_content``, with the command's own idempotent helpers): created once,
remembered, and afterwards only their empty translations are filled, and a text the file lists
under "replaced" (an earlier shipped wording) is replaced by the current one while it is still
exactly that wording: an editor's change is never overwritten. Levels are categories, not facts
about a country: no crisis page is given a level here."""

import json
from pathlib import Path

from modeltranslation.utils import build_localized_fieldname

from .models import CrisisLevel

CONTENT = Path(__file__).resolve().parent / "initial_content" / "levels.json"


def load(command, home):
    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    levels = content["levels"]
    replaced = content.get("replaced", [])
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
            filled = command.fill_blanks(level, "name", fact["name"]) | command.fill_blanks(
                level, "description", fact["description"]
            )
            if replace_old_wording(level, fact, replaced) or filled:
                level.save()


def replace_old_wording(level, fact, replaced):
    """Put the file's wording where the level still has an earlier shipped one; True if any."""
    changed = False
    for old in replaced:
        if old["slug"] != fact["slug"]:
            continue
        column = build_localized_fieldname(old["field"], old["language"])
        if getattr(level, column) == old["old"]:
            setattr(level, column, fact[old["field"]][old["language"]])
            changed = True
    return changed
