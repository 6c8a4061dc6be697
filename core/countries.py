"""Country names as the United Nations writes them, in the six languages.

django-countries names countries after CLDR and its own crowd-sourced catalogues ("Syria",
"Vietnam", "Micronésie (États Fédérés de)", Arabic "ميكرونيسيا (الولايات المتحدة)", Chinese
"塔吉克斯斯坦"). ``un_country_names.csv`` gives the UN's short names (the UN Statistics Division's
M49 list in the six languages, as in UNTERM) of every member state and observer whose name differs in
any language, UN usage for Taiwan, Hong Kong and Macao, and corrected spellings of a few territories
(which otherwise keep their ISO 3166 names). An empty cell keeps django-countries' name in that
language. ``COUNTRIES_OVERRIDE`` (settings) is built from it; docs/translators.md says how to change it.
"""

import csv
from pathlib import Path

from django.utils import translation
from django.utils.functional import lazy

UN_COUNTRY_NAMES = Path(__file__).with_name("un_country_names.csv")
LANGUAGES = ("en", "fr", "es", "ar", "zh-hans", "ru")


def read_un_country_names(path=UN_COUNTRY_NAMES):
    """{code: {language: name}} for the cells that are filled."""
    with open(path, encoding="utf-8", newline="") as file:
        return {row["code"]: {lang: row[lang] for lang in LANGUAGES if row[lang]} for row in csv.DictReader(file)}


def _name_in_active_language(code, names):
    name = names.get((translation.get_language() or "en").lower())
    if name:
        return name
    return _own_name(code)


def _own_name(code):
    """django-countries' own name (its common name, translated by its catalogues)."""
    global _OWN_NAMES
    if _OWN_NAMES is None:
        from django_countries import Countries

        class OwnNames(Countries):
            override = {}  # not the settings' COUNTRIES_OVERRIDE, which is built from this module

        _OWN_NAMES = OwnNames()
    return _OWN_NAMES.name(code)


_OWN_NAMES = None


def everyday_name(country):
    """The country's everyday name in the active language (django-countries' own, from CLDR: 英国,
    "Syria") where the site shows the UN's (大不列颠及北爱尔兰联合王国, "Syrian Arab Republic"): what
    a visitor may type in a search. "" when the two are the same or there is no country."""
    if not country:
        return ""
    own = str(_own_name(country.code) or "")
    return own if own and own != str(country.name) else ""


_lazy_name = lazy(_name_in_active_language, str)


def un_country_overrides(path=UN_COUNTRY_NAMES):
    """``COUNTRIES_OVERRIDE``: each listed country's name, in the language active when it is read."""
    return {code: _lazy_name(code, names) for code, names in read_un_country_names(path).items()}
