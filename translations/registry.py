"""The records translators work on: the kinds of record the status report, the PO files and the
side-by-side view go through (pages, members, regions, sectors, offices, topics, crisis levels, UN
texts), how each is read and named, and its admin edit link.

Which fields of them are translatable is read from modeltranslation's registry
(``core.translatable``), so a field registered in an app's ``translation.py`` appears in the status
report and in the PO files by itself.
"""

from dataclasses import dataclass

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder

from core.streams import is_blank
from core.translatable import DEFAULT_LANGUAGE, value_in


@dataclass(frozen=True)
class Kind:
    """A kind of record translators work on."""

    key: str
    label: object  # lazy string

    @cached_property
    def model(self):
        from wagtail.models import Page

        from core.models import Topic
        from members.models import MemberOrganisation, Region, Sector
        from offices.models import Office
        from publishing.models import CrisisLevel
        from untexts.models import UNText

        return {
            "page": Page,
            "member": MemberOrganisation,
            "region": Region,
            "sector": Sector,
            "office": Office,
            "topic": Topic,
            "crisis-level": CrisisLevel,
            "un-text": UNText,
        }[self.key]

    def objects(self):
        """The records of this kind, in a stable order (pages: tree order, specific)."""
        model = self.model
        if self.key == "page":
            pages = model.objects.filter(depth__gt=1).order_by("path").specific()
            # Sample pages (events, resources… flagged is_sample) are never exported as real content.
            return [page for page in pages if not getattr(page, "is_sample", False)]
        queryset = model._default_manager.all()
        if self.key == "member":
            queryset = queryset.filter(is_sample=False)
        return list(queryset.order_by("pk"))

    def get(self, pk):
        """One record by primary key (pages: specific), or None."""
        obj = self.model._default_manager.filter(pk=pk).first()
        if obj is not None and self.key == "page":
            obj = obj.specific
        return obj


KINDS = [
    Kind("page", _("Pages")),
    Kind("member", _("Members")),
    Kind("region", _("Regions")),
    Kind("sector", _("Sectors")),
    Kind("office", _("Offices")),
    Kind("topic", _("Topics")),
    Kind("crisis-level", _("Crisis levels")),
    Kind("un-text", _("UN texts")),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def object_label(obj):
    """How a record is named in reports and PO comments: its English name or title."""
    for field in ("title", "name"):
        english = value_in(obj, field, DEFAULT_LANGUAGE)
        if not is_blank(english):
            return str(english)
    return str(obj)


def edit_url(obj, user=None):
    """The admin edit view of ``obj`` (None when it has none, or ``user`` may not edit it)."""
    return AdminURLFinder(user).get_edit_url(obj)
