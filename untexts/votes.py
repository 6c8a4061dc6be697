"""A UN text's vote in the visitor's language, as the UN's records of resolutions write it.

The file gives a vote in a few fixed English forms: "unanimous", "115-15-28" (in favour, against,
abstaining), "15-0-0 (unanimous)", "10-0-5 (Brazil, China, Germany, India, Russian Federation
abstaining)", "consensus (without a vote)", "n/a (presidential statement)". Each is restated from its
numbers and names through the catalogues, the way the Security Council's and the General Assembly's
volumes of resolutions do: "adopted unanimously" («adoptée à l'unanimité», «aprobada por unanimidad»),
"adopted by 10 votes to none, with 5 abstentions (Brazil, China, Germany, India, Russian Federation)"
(«adoptée par 10 voix contre zéro, avec 5 abstentions (Allemagne, Brésil, …)», «aprobada por 10 votos
contra ninguno y 5 abstenciones (Alemania, Brasil, …)»), the countries by their UN names in the
language, in its alphabetical order. Any other wording is the staff's free text, shown as written (a
translation of it, or the English one, marked).
"""

import re

from django.utils.translation import gettext, ngettext, pgettext
from django_countries import countries

from members.collation import sort_by_collation
from members.countries import country_code

# What the file says of a text's adoption when it read no vote: how it was adopted, not a vote.
PROCEDURE_ONLY = {"adopted without reference to a Main Committee"}

# A recorded vote "in favour-against-abstaining", as the UN writes it: "115-15-28", "15-0-0 (unanimous)",
# "14-0-1 (Russian Federation abstaining)".
VOTE_COUNTS = re.compile(r"(\d+)-(\d+)-(\d+)(?: \((?:(unanimous)|(.+) abstaining)\))?")


def _counts(yes, no, abstentions):
    """'adopted by 115 votes to 15, with 28 abstentions' and its forms without votes against or
    without abstentions (the UN writes "to none" and leaves out "with no abstentions")."""
    numbers = {"yes": yes, "no": no, "abstentions": abstentions}
    if abstentions and no:
        return (
            ngettext(
                "adopted by %(yes)d votes to %(no)d, with %(abstentions)d abstention",
                "adopted by %(yes)d votes to %(no)d, with %(abstentions)d abstentions",
                abstentions,
            )
            % numbers
        )
    if abstentions:
        return (
            ngettext(
                "adopted by %(yes)d votes to none, with %(abstentions)d abstention",
                "adopted by %(yes)d votes to none, with %(abstentions)d abstentions",
                abstentions,
            )
            % numbers
        )
    if no:
        return ngettext("adopted by %(yes)d vote to %(no)d", "adopted by %(yes)d votes to %(no)d", yes) % numbers
    return ngettext("adopted by %(yes)d vote to none", "adopted by %(yes)d votes to none", yes) % numbers


def _abstaining(names):
    """The UN names of the countries ``names`` (English, as the file writes them), in the visitor's
    language and its alphabetical order; None when one of them is not a country."""
    codes = [country_code(name.strip()) for name in names.split(",")]
    if not all(codes):
        return None
    in_language = sort_by_collation(str(countries.name(code)) for code in codes)
    # Translators: what separates the countries of a list in parentheses (Chinese "、", Arabic "، ").
    return pgettext("between the items of a list", ", ").join(in_language)


def vote_in_words(vote):
    """``vote`` (one of the file's fixed forms) in the visitor's language, or "" for any other wording."""
    vote = (vote or "").strip()
    if vote.endswith("vote not read") or vote in PROCEDURE_ONLY:
        # The file's "adopted without reference to a Main Committee; vote not read" (the loader keeps
        # the first clause for visitors, the second for staff): a procedural note and no vote. The
        # vote cell says so; the note stays in the open data's vote column.
        return gettext("not given in the sources read")
    if vote == "n/a (presidential statement)":
        return gettext("not applicable (presidential statement)")
    if vote == "consensus (without a vote)":
        return gettext("consensus (without a vote)")
    match = VOTE_COUNTS.fullmatch(vote)
    if vote == "unanimous" or (match and match.group(4)):
        # Translators: said of a resolution (French « adoptée », Spanish «aprobada», Russian «принята»).
        return gettext("adopted unanimously")
    if not match:
        return ""
    yes, no, abstentions = (int(number) for number in match.group(1, 2, 3))
    counts = _counts(yes, no, abstentions)
    if not match.group(5):
        return counts
    countries = _abstaining(match.group(5))
    if countries is None:
        return ""
    # Translators: a vote and, in parentheses, the countries that abstained.
    return pgettext("a vote and the countries abstaining", "%(vote)s (%(countries)s)") % {
        "vote": counts,
        "countries": countries,
    }
