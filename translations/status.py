"""How complete each language is.

A field counts for a language when it has English text (an empty English intro has nothing to
translate); it is *filled* when the language's own column has text too. The numbers are those of
what visitors see: for pages, the published content (a translation waiting in moderation counts
once an editor has published it).

Used by the admin report (``translations.admin_views.TranslationStatusView``), the dashboard panel
and ``manage.py translation_status``, so they always agree.
"""

from dataclasses import dataclass, field

from django.conf import settings
from wagtail.admin.admin_url_finder import AdminURLFinder

from core.slugs import KEEP_ENGLISH_SLUG
from core.streams import is_blank
from core.translatable import DEFAULT_LANGUAGE, other_languages, units_of

from .registry import KINDS, object_label
from .staleness import Sources


def percent(filled, total):
    """Rounded down to one decimal, so that 99.96 % never shows as a misleading 100 %."""
    if not total:
        return 100.0
    return int(filled * 1000 / total) / 10


@dataclass
class ObjectStatus:
    kind: str
    kind_label: str
    pk: int
    label: str
    edit_url: str | None
    total: int = 0
    filled: int = 0
    missing: list = field(default_factory=list)
    out_of_date: list = field(default_factory=list)
    translate_url: str | None = None  # the side-by-side translation view (admin report only)

    @property
    def percent(self):
        return percent(self.filled, self.total)

    @property
    def complete(self):
        return self.filled == self.total

    @property
    def up_to_date(self):
        return self.complete and not self.out_of_date

    def as_dict(self):
        return {
            "kind": self.kind,
            "id": self.pk,
            "label": self.label,
            "filled": self.filled,
            "total": self.total,
            "percent": self.percent,
            "missing": [str(label) for label in self.missing],
            "out_of_date": [str(label) for label in self.out_of_date],
            "edit_url": self.edit_url,
        }


@dataclass
class LanguageStatus:
    code: str
    name: str
    objects: list = field(default_factory=list)

    @property
    def filled(self):
        return sum(o.filled for o in self.objects)

    @property
    def total(self):
        return sum(o.total for o in self.objects)

    @property
    def percent(self):
        return percent(self.filled, self.total)

    @property
    def out_of_date(self):
        return sum(len(o.out_of_date) for o in self.objects)

    def by_kind(self):
        """[(kind key, kind label, filled, total, percent, complete objects, objects)]."""
        rows = []
        for kind in KINDS:
            objects = [o for o in self.objects if o.kind == kind.key]
            filled = sum(o.filled for o in objects)
            total = sum(o.total for o in objects)
            done = sum(1 for o in objects if o.complete)
            rows.append(
                {
                    "kind": kind.key,
                    "label": str(kind.label),
                    "filled": filled,
                    "total": total,
                    "percent": percent(filled, total),
                    "complete_objects": done,
                    "out_of_date": sum(len(o.out_of_date) for o in objects),
                    "objects": len(objects),
                }
            )
        return rows

    def incomplete(self):
        """Records with a missing or an out-of-date translation."""
        return [o for o in self.objects if not o.up_to_date]

    def as_dict(self):
        return {
            "language": self.code,
            "name": self.name,
            "filled": self.filled,
            "total": self.total,
            "percent": self.percent,
            "out_of_date": self.out_of_date,
            "by_kind": self.by_kind(),
            "objects": [o.as_dict() for o in self.objects],
        }


def translation_status(languages=None, user=None):
    """[LanguageStatus] for ``languages`` (default: every language but English). With ``user``,
    edit links are only given for what that user may edit."""
    from pages.templatetags.site_tags import language_name

    languages = languages or other_languages()
    unknown = set(languages) - {code for code, _name in settings.LANGUAGES} | ({DEFAULT_LANGUAGE} & set(languages))
    if unknown:
        raise ValueError(f"Not a translation language of the site: {', '.join(sorted(unknown))}")
    finder = AdminURLFinder(user)
    statuses = {code: LanguageStatus(code, language_name(code)) for code in languages}
    sources = Sources()
    for kind in KINDS:
        for obj in kind.objects():
            units = [unit for unit in units_of(obj) if not is_blank(unit.english)]
            url = finder.get_edit_url(obj)
            for code in languages:
                status = ObjectStatus(kind.key, str(kind.label), obj.pk, object_label(obj), url)
                for unit in units:
                    if unit.field == "slug" and code in KEEP_ENGLISH_SLUG:
                        continue  # this language keeps the English slug by design (core.slugs)
                    status.total += 1
                    if is_blank(unit.value(code)):
                        status.missing.append(unit.label)
                    else:
                        status.filled += 1
                        if sources.stale(unit.obj, unit.field, code) is not None:
                            status.out_of_date.append(unit.label)
                statuses[code].objects.append(status)
    return [statuses[code] for code in languages]
