"""The interface catalogues in locale/ are complete: every string of the site's own templates and
code has a translation (no empty, no fuzzy entry) in each of the five other languages.

The check extracts the strings afresh with Django's ``makemessages`` (xgettext) from a copy of the
project without ``.venv`` and the tests, merges them into a copy of the catalogues, and reads the
result: a new ``{% translate %}`` or ``gettext()`` string without a translation fails here with its
text and where it is used. Strings of Django, Wagtail and other packages are never counted."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

ROOT = Path(settings.BASE_DIR)
LOCALES = ["fr", "es", "ar", "zh_Hans", "ru"]
NOT_SOURCE = shutil.ignore_patterns(
    ".venv",
    ".git",
    ".make",
    "tests",
    "media",
    "staticfiles",
    "test-artifacts",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "*.sqlite3",
    "*.mo",
)
NPLURALS = {"fr": 2, "es": 3, "ar": 6, "zh_Hans": 1, "ru": 4}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogues as makemessages would leave them for the current source."""
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        pytest.fail("GNU gettext is missing (xgettext, msgmerge): run `make test-setup`.")
    copy = tmp_path_factory.mktemp("project") / "src"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE)
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--ignore=.venv", "--ignore=tests"]
    command += [f"-l{locale}" for locale in LOCALES]
    result = subprocess.run(command, cwd=copy, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return {locale: polib.pofile(str(copy / "locale" / locale / "LC_MESSAGES" / "django.po")) for locale in LOCALES}


def where(entry):
    return ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:3])


@pytest.mark.parametrize("locale", LOCALES)
def test_every_string_of_the_site_is_translated(extracted, locale):
    catalogue = extracted[locale]
    entries = [entry for entry in catalogue if not entry.obsolete]
    assert len(entries) > 150  # the site's own strings, found
    problems = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r} ({where(entry)})")
        elif entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(NPLURALS[locale])]
            if not all(form.strip() for form in forms):
                problems.append(f"plural forms missing: {entry.msgid!r} ({where(entry)})")
        elif not entry.msgstr.strip():
            problems.append(f"untranslated: {entry.msgid!r} ({where(entry)})")
    assert not problems, f"{locale}: {len(problems)} problem(s); run `make messages-update`, then translate:\n" + (
        "\n".join(problems)
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_only_the_sites_own_files_are_counted(extracted, locale):
    paths = {path for entry in extracted[locale] for path, _line in entry.occurrences}
    assert paths, "no string found"
    assert not [p for p in paths if ".venv" in p or "site-packages" in p or p.startswith("tests")]
    # Every string comes from one of the project's own folders (apps, templates).
    assert all((ROOT / p.split("/")[0]).is_dir() for p in paths)


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_forms_match_djangos_for_the_language(locale):
    catalogue = polib.pofile(str(ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"))
    assert f"nplurals={NPLURALS[locale]};" in catalogue.metadata["Plural-Forms"].replace(" ", "")
    assert not catalogue.metadata_is_fuzzy


@pytest.mark.django_db
def test_compiled_catalogues_translate_the_interface():
    call_command("compilemessages", "--ignore=.venv", "--ignore=.make", verbosity=0)
    client = Client()
    # Re-read the catalogues (Django caches them per process; changing LOCALE_PATHS resets the cache).
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        check_pages(client)


def check_pages(client):
    expected = {
        "fr": "Aller au contenu principal",
        "es": "Ir al contenido principal",
        "ar": "الانتقال إلى المحتوى الرئيسي",
        "zh-hans": "跳至主要内容",
        "ru": "Перейти к основному содержанию",
    }
    for code, text in expected.items():
        html = client.get(f"/{code}/").content.decode()
        assert text in html, code
