"""Which parts of the site exist yet, decided from the source tree at collection time.

Scenarios for parts that other issues deliver (directory filters, member profiles, the translators'
workflow) are written against the expected markup and skipped with ``pytest.mark.skipif`` on these
conditions, so they run by themselves as soon as the part is merged. Each condition is a plain,
cheap look at the code; the test itself then checks the behaviour in the browser.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = [
    p for p in ROOT.iterdir() if p.is_dir() and p.name not in {".venv", ".git", ".make", "tests", "node_modules"}
]


def _read(paths):
    for path in paths:
        try:
            yield path, path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue


def directory_has_filter_form() -> bool:
    """A members template has a GET <form> (the directory's filters: region, sector, ...)."""
    templates = list((ROOT / "templates" / "members").rglob("*.html")) + list((ROOT / "members").rglob("*.html"))
    return any(re.search(r"<form[^>]*method=[\"']get[\"']", text, re.IGNORECASE) for _, text in _read(templates))


def member_profiles_exist() -> bool:
    """The member directory page declares a sub-route (Wagtail routable page) or members/urls.py a path."""
    models = (
        (ROOT / "members" / "models.py").read_text(encoding="utf-8")
        if (ROOT / "members" / "models.py").exists()
        else ""
    )
    urls = (ROOT / "members" / "urls.py").read_text(encoding="utf-8") if (ROOT / "members" / "urls.py").exists() else ""
    routed = re.search(r"^\s*@(re_)?(path|route)\(", models, re.MULTILINE)
    return bool(routed) or bool(re.search(r"\b(re_)?path\(", urls))


def translators_group_defined() -> bool:
    """Some project code (a migration or a management command) creates the "Translators" group."""
    files = [p for d in SOURCE_DIRS for p in d.rglob("*.py")]
    return any(re.search(r"""["']Translators["']""", text) for _, text in _read(files))


FEATURES = {
    "directory_filters": directory_has_filter_form,
    "member_profiles": member_profiles_exist,
    "translators_group": translators_group_defined,
}


def has(feature: str) -> bool:
    return not feature or FEATURES[feature]()


DIRECTORY_HAS_FILTER_FORM = directory_has_filter_form()
MEMBER_PROFILES_EXIST = member_profiles_exist()
TRANSLATORS_GROUP_DEFINED = translators_group_defined()
