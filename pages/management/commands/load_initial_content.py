"""Build the coalition's initial site from the content files in ``pages/initial_content``.

Idempotent: everything created is remembered in ``InitialContentRecord``. Running the command again
creates nothing twice and never overwrites a value: it only fills translations that are still empty
(so new translations shipped with the code reach an existing site), and it leaves alone any page with
unpublished changes and anything an editor deleted.
"""

import csv
import json
import re
from datetime import date
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from core.slugs import translated_slug
from core.streams import is_blank as is_empty
from core.streams import stream_leaves, stream_raw
from events.models import EventIndexPage
from members.countries import country_code
from members.models import MemberOrganisation, Region, Sector
from offices.models import Office
from pages.models import (
    ContactPage,
    HistoryPage,
    HomePage,
    InitialContentRecord,
    MemberDirectoryPage,
    RtoPExplainerPage,
    StandardPage,
    SteeringCommitteePage,
    TimelineEvent,
)
from publishing.models import CrisisIndexPage, NewsIndexPage
from resources import un_documents
from resources.models import ResourceIndexPage

CONTENT_DIR = Path(__file__).resolve().parent.parent.parent / "initial_content"
DEFAULT = "en"
PAGE_FIELDS = ("title", "slug", "seo_title", "search_description")


def other_languages():
    return [code for code, _name in settings.LANGUAGES if code != DEFAULT]


def load_words():
    """{language: content dict} for every language that has a content file."""
    words = {}
    for code, _name in settings.LANGUAGES:
        path = CONTENT_DIR / f"{code}.json"
        if path.exists():
            words[code] = json.loads(path.read_text(encoding="utf-8"))
    if DEFAULT not in words:
        raise CommandError(f"Missing {CONTENT_DIR / (DEFAULT + '.json')}")
    return words


def load_rewrites():
    """{language: [(old, new), …]}: the phrases of shipped texts that a correction rewrote
    (``corrections.json``, ``rewrites``), in the order they are applied."""
    path = CONTENT_DIR / "corrections.json"
    rewrites = {}
    if path.exists():
        for rewrite in json.loads(path.read_text(encoding="utf-8")).get("rewrites", []):
            rewrites.setdefault(rewrite["language"], []).extend(tuple(pair) for pair in rewrite["replace"])
    return rewrites


def is_blank(value):
    """None, an empty string, an empty StreamField or list, or the JSON text of an empty stream."""
    if isinstance(value, str) and value.strip() == "[]":
        return True
    return is_empty(value)


def month_date(value):
    """'2009-01' or '2009-01-28' to a date (first of the month when no day is given)."""
    value = (value or "").strip()
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


class Command(BaseCommand):
    help = "Create the initial site (pages, offices, regions, sectors, known members, UN documents). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--members-csv", default=str(CONTENT_DIR / "members-known.csv"))
        parser.add_argument(
            "--un-documents-csv",
            default=None,
            help="The UN documents list (default: un-documents.csv in settings.SHARED_CONTENT_DIR, "
            "else the copy shipped in resources/initial_content/).",
        )
        parser.add_argument(
            "--un-document-titles-csv",
            default=None,
            help="The UN's official titles of the documents in the other languages, with their sources "
            "(default: resources/initial_content/un-document-titles.csv).",
        )
        parser.add_argument(
            "--un-document-summaries-json",
            default=None,
            help="The documents' summaries in the other languages "
            "(default: resources/initial_content/un-document-summaries.json).",
        )

    def handle(self, *args, **options):
        self.words = load_words()
        self.facts = json.loads((CONTENT_DIR / "facts.json").read_text(encoding="utf-8"))
        self.rewrites = load_rewrites()
        self.created = self.filled = self.corrected = 0
        with translation.override(DEFAULT), transaction.atomic():
            self.load_regions_and_sectors()
            self.load_offices()
            self.load_members(Path(options["members_csv"]))
            self.load_pages()
            self.load_un_documents(
                options["un_documents_csv"] or un_documents.default_path(),
                options["un_document_titles_csv"],
                options["un_document_summaries_json"],
            )
            self.apply_corrections()
        self.stdout.write(
            self.style.SUCCESS(
                f"Initial content: {self.created} object(s) created, {self.filled} translation(s) filled in, "
                f"{self.corrected} correction(s) applied."
            )
        )

    # --- helpers ---------------------------------------------------------------------------

    def word(self, language, *path):
        """The text at ``path`` in the language's content file, or None."""
        node = self.words.get(language)
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node

    def recorded(self, key):
        record = InitialContentRecord.objects.filter(key=key).first()
        if record is None:
            return False, None
        return True, record.get_object()

    def remember(self, key, obj):
        InitialContentRecord.objects.create(
            key=key, content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk
        )
        self.created += 1

    def set_all(self, obj, field, values):
        """Set every language's column from {language: value} (used when creating)."""
        for language, value in values.items():
            if not is_blank(value):
                setattr(obj, build_localized_fieldname(field, language), value)
        if values.get(DEFAULT) is not None:
            setattr(obj, field, values[DEFAULT])

    def fill_blanks(self, obj, field, values):
        """Fill translations that are still empty, and bring up to date a translation this command
        wrote before a correction rewrote its phrases (``rewrite_to_shipped``); never overwrite an
        editor's text. Returns True if anything changed."""
        changed = False
        for language in other_languages():
            value = values.get(language)
            column = build_localized_fieldname(field, language)
            current = getattr(obj, column, None)
            if is_blank(value):
                continue
            if is_blank(current):
                setattr(obj, column, value)
                changed = True
                self.filled += 1
            elif self.rewrite_to_shipped(obj, column, language, value):
                changed = True
                self.corrected += 1
        return changed

    def rewritten(self, language, text):
        for old, new in self.rewrites.get(language, ()):
            text = text.replace(old, new)
        return text

    def rewrite_to_shipped(self, obj, column, language, value):
        """Apply the language's rewrites (``corrections.json``) to the text in ``column``, but only when
        that gives exactly the text shipped now (``value``; for a StreamField, every text of the
        stream): the database still holds the text shipped before, not an editor's. Returns True if
        the column changed."""
        if not self.rewrites.get(language):
            return False
        field = obj._meta.get_field(column)
        if isinstance(field, StreamField):
            raw = stream_raw(obj, column)
            shipped = json.loads(value) if isinstance(value, str) else value
            leaves = stream_leaves(field.stream_block, raw)
            texts = [leaf[3] for leaf in leaves]
            new_texts = [self.rewritten(language, text) for text in texts]
            shipped_texts = [leaf[3] for leaf in stream_leaves(field.stream_block, shipped)]
            if new_texts == texts or new_texts != shipped_texts:
                return False
            for (_path, holder, key, _text, _html), text in zip(leaves, new_texts, strict=True):
                holder[key] = text
            setattr(obj, column, json.dumps(raw))
            return True
        current = getattr(obj, column, None)
        if isinstance(current, str) and current != value and self.rewritten(language, current) == value:
            setattr(obj, column, value)
            return True
        return False

    def values(self, build):
        """{language: build(language)} for every language with a content file."""
        return {language: build(language) for language in self.words}

    # --- records ---------------------------------------------------------------------------

    def load_taxonomy(self, model, kind):
        objects = {}
        for order, slug in enumerate(self.facts[kind], start=1):
            names = self.values(lambda lang, s=slug: self.word(lang, kind, s))
            slugs = {lang: translated_slug(name, lang) for lang, name in names.items() if name}
            slugs[DEFAULT] = slug
            exists, obj = self.recorded(f"{kind}:{slug}")
            if not exists:
                obj = model.objects.filter(slug_en=slug).first() or model(sort_order=order)
                if slug in self.facts.get(f"worldwide_{kind}", ()):
                    obj.worldwide = True  # "Global": not a region of the world (members.Region)
                self.set_all(obj, "name", names)
                self.set_all(obj, "slug", slugs)
                obj.save()
                self.remember(f"{kind}:{slug}", obj)
            elif obj is not None:
                if self.fill_blanks(obj, "name", names) | self.fill_blanks(obj, "slug", slugs):
                    obj.save()
            if obj is not None:
                objects[slug] = obj
        return objects

    def load_regions_and_sectors(self):
        self.regions = self.load_taxonomy(Region, "regions")
        self.sectors = self.load_taxonomy(Sector, "sectors")

    def load_offices(self):
        for fact in self.facts["offices"]:
            key = f"office:{fact['key']}"
            names = self.values(lambda lang, k=fact["key"]: self.word(lang, "offices", k, "name"))
            hours = self.values(lambda lang, k=fact["key"]: self.word(lang, "offices", k, "opening_hours"))
            exists, office = self.recorded(key)
            if not exists:
                office = Office(**{k: v for k, v in fact.items() if k != "key"})
                self.set_all(office, "name", names)
                self.set_all(office, "opening_hours", hours)
                office.full_clean()
                office.save()
                self.remember(key, office)
            elif office is not None:
                if self.fill_blanks(office, "name", names) | self.fill_blanks(office, "opening_hours", hours):
                    office.save()

    def load_members(self, path):
        if not path.exists():
            raise CommandError(f"Members file not found: {path}")
        region_by_name = {self.word(DEFAULT, "regions", slug): obj for slug, obj in self.regions.items()}
        sector_by_name = {self.word(DEFAULT, "sectors", slug).lower(): obj for slug, obj in self.sectors.items()}
        founding = self.values(lambda lang: self.word(lang, "steering_committee", "roles", "founding"))
        with path.open(newline="", encoding="utf-8") as handle:
            for line_number, row in enumerate(csv.DictReader(handle), start=2):
                slug = slugify(row["name"])
                key = f"member:{slug}"
                exists, member = self.recorded(key)
                role = row.get("role", "")
                is_founding = "steering committee (founding)" in role
                if exists:
                    if (
                        member is not None
                        and is_founding
                        and self.fill_blanks(member, "steering_committee_role", founding)
                    ):
                        member.save()
                    continue
                region = region_by_name.get(row["region"])
                if region is None:
                    raise CommandError(f"{path}, line {line_number}: unknown region {row['region']!r}")
                member = MemberOrganisation.objects.filter(slug=slug).first()
                if member is None:
                    member = MemberOrganisation(slug=slug)
                    member.name = row["name"]
                    member.acronym = row.get("acronym", "")
                    member.country = self.country_code(row["country"], path, line_number)
                    member.region = region
                    member.website = row.get("website", "")
                    member.source = row.get("source", "")
                    member.joined_on = month_date(row.get("since"))
                    committee_since = re.search(r"steering committee from (\d{4}-\d{2})", role)
                    if is_founding or committee_since:
                        member.on_steering_committee = True
                        member.steering_committee_since = month_date(
                            committee_since.group(1) if committee_since else row.get("since")
                        )
                    joined = re.search(r"member from (\d{4}-\d{2})", role)
                    if joined:
                        member.joined_on = month_date(joined.group(1))
                    if is_founding:
                        self.set_all(member, "steering_committee_role", founding)
                    member.full_clean(exclude=["sectors"])
                    sectors = [s.strip().lower() for s in (row.get("sectors") or "").split(";") if s.strip()]
                    # A ParentalManyToManyField is written by save(), so set it first.
                    member.sectors.set([sector_by_name[s] for s in sectors if s in sector_by_name])
                    member.save()
                    member.save_revision(log_action=True, changed=False)  # written live: no draft
                self.remember(key, member)

    def country_code(self, name, path, line_number):
        code = country_code(name)
        if not code:
            raise CommandError(f"{path}, line {line_number}: unknown country {name!r}")
        return code

    # --- corrections -----------------------------------------------------------------------

    def apply_corrections(self):
        """Corrections of shipped content (``corrections.json``), on new and existing databases,
        only where the value is still exactly the shipped one: an editor's change is never
        overwritten, and a page with a waiting draft is left for its editors."""
        path = CONTENT_DIR / "corrections.json"
        if not path.exists():
            return
        corrections = json.loads(path.read_text(encoding="utf-8"))
        self.correct_page_streams(corrections.get("page_stream_texts", []))
        self.correct_page_fields(corrections.get("page_fields", []))
        self.correct_members(corrections.get("members", []))

    def correct_page_streams(self, corrections):
        """A text inside a page's StreamField (``path`` as ``core.streams.stream_leaves`` names it)."""

        def apply(page, correction, column, change):
            stream_block = page._meta.get_field(column).stream_block
            raw = stream_raw(page, column)
            for leaf_path, holder, key, text, _html in stream_leaves(stream_block, raw):
                if leaf_path == correction["path"] and text == change["old"]:
                    holder[key] = change["new"]
                    setattr(page, column, json.dumps(raw))
                    return True
            return False

        self.correct_pages(corrections, apply)

    def correct_page_fields(self, corrections):
        """A page's plain text field (an intro, a meta description)."""

        def apply(page, correction, column, change):
            if getattr(page, column) != change["old"]:
                return False
            setattr(page, column, change["new"])
            return True

        self.correct_pages(corrections, apply)

    def correct_pages(self, corrections, apply):
        """Apply each correction's per-language change with ``apply(page, correction, column, change)``
        (True when it changed the value), then publish every page that changed."""
        pages = {}
        for correction in corrections:
            _exists, page = self.recorded(f"page:{correction['page']}")
            if page is None:
                continue
            page = pages.setdefault(page.pk, page.specific)
            if page.has_unpublished_changes:
                continue
            for language, change in correction["values"].items():
                column = build_localized_fieldname(correction["field"], language)
                if apply(page, correction, column, change):
                    page._corrected = True
                    self.corrected += 1
        for page in pages.values():
            if getattr(page, "_corrected", False):
                page.save_revision(log_action=True).publish()

    def correct_members(self, corrections):
        changed = {}
        for correction in corrections:
            _exists, member = self.recorded(f"member:{correction['member']}")
            if member is None:
                continue
            member = changed.get(member.pk, member)
            field = correction["field"]
            old, new = correction["old"], correction["new"]
            if member._meta.get_field(field).get_internal_type() == "DateField":
                old = date.fromisoformat(old) if old else None
                new = date.fromisoformat(new) if new else None
            if getattr(member, field) == old:
                setattr(member, field, new)
                changed[member.pk] = member
                self.corrected += 1
        for member in changed.values():
            member.full_clean(exclude=["sectors"])
            member.save()
            member.save_revision(log_action=True, changed=False)  # written live: no draft

    # --- pages -----------------------------------------------------------------------------

    def stream(self, language, items, block_type):
        return json.dumps([{"type": block_type, "value": value} for value in items or []])

    def page_values(self, key, extra_fields=(), streams=None, computed=None):
        """{field: {language: value}} for a page's translated fields."""
        streams = streams or {}
        computed = computed or {}
        fields = {}
        for field in PAGE_FIELDS + ("intro", "body") + tuple(extra_fields) + tuple(streams):
            if field == "body":
                fields[field] = self.values(
                    lambda lang: (
                        json.dumps(self.word(lang, key, "body")) if self.word(lang, key, "body") is not None else None
                    )
                )
            elif field in streams:
                block_type = streams[field]
                fields[field] = self.values(
                    lambda lang, f=field, b=block_type: (
                        self.stream(lang, self.word(lang, key, f), b) if self.word(lang, key, f) is not None else None
                    )
                )
            elif field in computed:
                fields[field] = self.values(computed[field])
            else:
                fields[field] = self.values(lambda lang, f=field: self.word(lang, key, f))
        return fields

    def ensure_page(self, key, model, parent, fields, show_in_menus=True):
        """Create the page once (published), or fill its empty translations. Returns the page."""
        record_key = f"page:{key}"
        exists, page = self.recorded(record_key)
        if exists:
            if page is None:
                return None  # deleted by an editor: respected
            page = page.specific
            if page.has_unpublished_changes:
                return page  # an editor's draft is waiting: do not publish over it
            changed = False
            for field, values in fields.items():
                changed |= self.fill_blanks(page, field, values)
            if changed:
                page.save_revision(log_action=True).publish()
                page.refresh_from_db()  # clears the stale has_unpublished_changes of the saved revision
            return page
        if parent is None:
            return None
        page = model(show_in_menus=show_in_menus)
        for field, values in fields.items():
            self.set_all(page, field, values)
        parent.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        page.refresh_from_db()  # publish() saved a copy made from the revision
        self.remember(record_key, page)
        return page

    def ensure_home(self):
        fields = self.page_values("home", ("hero_heading", "hero_text", "crimes_heading", "highlights_heading"))
        exists, _home = self.recorded("page:home")
        if exists:  # fill its new translations like any other page's
            return self.ensure_page("home", HomePage, None, fields, show_in_menus=False)
        root = Page.get_first_root_node()
        home = self.ensure_page("home", HomePage, root, fields, show_in_menus=False)
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="ICRtoP")
        else:
            site.root_page = home
            site.site_name = site.site_name or "ICRtoP"
            site.save()
        # Wagtail's untouched "Welcome to your new Wagtail site!" placeholder goes away.
        if (
            old_root is not None
            and old_root.pk != home.pk
            and old_root.specific_class is Page
            and old_root.get_children_count() == 0
        ):
            old_root.delete()
        return home

    def load_pages(self):
        home = self.ensure_home()
        about = self.ensure_page("about", StandardPage, home, self.page_values("about"))
        self.ensure_history(about)
        self.ensure_page("steering_committee", SteeringCommitteePage, about, self.page_values("steering_committee"))
        self.ensure_page(
            "explainer",
            RtoPExplainerPage,
            home,
            self.page_values(
                "explainer",
                (
                    "crimes_heading",
                    "crimes_intro",
                    "pillars_heading",
                    "pillars_intro",
                    "measures_heading",
                    "measures_intro",
                    "use_of_force",
                ),
                streams={"crimes": "crime", "pillars": "pillar", "measures": "measure"},
            ),
        )
        # The menu follows the tree's order: the coalition's work first, the directory last.
        self.ensure_page("crises", CrisisIndexPage, home, self.page_values("crises"))
        self.ensure_page("news", NewsIndexPage, home, self.page_values("news"))
        self.ensure_page("resources", ResourceIndexPage, home, self.page_values("resources"))
        self.ensure_page("events", EventIndexPage, home, self.page_values("events"))
        self.ensure_page("members", MemberDirectoryPage, home, self.page_values("members"))
        # Contact and joining are linked from the footer's "Get involved" and the home page's calls to
        # action: the menu keeps to the sections, so that it fits one line in every language.
        self.ensure_page("contact", ContactPage, home, self.page_values("contact"), show_in_menus=False)
        # Linked from the footer (found by its record, wherever editors move it), not from the menu.
        self.ensure_page("accessibility", StandardPage, home, self.page_values("accessibility"), show_in_menus=False)
        # Apps with page types of their own add them here (an AppConfig method, so that this app
        # needs to import none of them): ``initial_content(command, home)``.
        for app_config in apps.get_app_configs():
            loader = getattr(app_config, "initial_content", None)
            if callable(loader):
                loader(self, home)
        self.ensure_home_links(home)

    def load_un_documents(self, path, titles_path=None, summaries_path=None):
        """The resources library's UN documents, with their official titles and summaries in the other
        languages (see ``resources.un_documents``): a bad row of any of its files stops the whole
        command, naming the file and the row, and the transaction leaves everything as it was."""
        _exists, library = self.recorded("page:resources")
        if library is None:
            return  # the library was deleted by an editor: respected
        try:
            _created, filled = un_documents.load(
                library.specific, path, self.recorded, self.remember, titles_path, summaries_path
            )
        except un_documents.UNDocumentsError as error:
            raise CommandError(str(error)) from None
        self.filled += filled

    def ensure_history(self, parent):
        exists, _page = self.recorded("page:history")
        fields = self.page_values("history", ("timeline_heading",))
        page = self.ensure_page("history", HistoryPage, parent, fields)
        if page is None:
            return
        changed = False
        for fact in self.facts["timeline"]:
            key = f"event:{fact['key']}"
            titles = self.values(lambda lang, k=fact["key"]: self.word(lang, "history", "events", k, "title"))
            texts = self.values(lambda lang, k=fact["key"]: self.word(lang, "history", "events", k, "text"))
            found, event = self.recorded(key)
            if not found:
                event = TimelineEvent(
                    page=page,
                    date=date.fromisoformat(fact["date"]),
                    end_date=date.fromisoformat(fact["end_date"]) if fact.get("end_date") else None,
                    precision=fact["precision"],
                    document_symbol=fact.get("symbol", ""),
                    document_url=fact.get("url", ""),
                    sort_order=self.facts["timeline"].index(fact),
                )
                self.set_all(event, "title", titles)
                self.set_all(event, "text", texts)
                event.save()
                self.remember(key, event)
                changed = True
            elif event is not None and not page.has_unpublished_changes:
                if self.fill_blanks(event, "title", titles) | self.fill_blanks(event, "text", texts):
                    event.save()
                    changed = True
        if changed and not page.has_unpublished_changes:
            page.refresh_from_db()
            page.save_revision(log_action=True).publish()

    def ensure_home_links(self, home):
        """Calls to action and highlights point at pages, so they are set once those exist."""
        if home is None:
            return
        targets = {}
        for key in ("about", "history", "steering_committee", "explainer", "members", "contact"):
            _exists, page = self.recorded(f"page:{key}")
            if page is not None:
                targets[key] = page.pk

        def ctas(language):
            items = self.word(language, "home", "calls_to_action")
            if items is None:
                return None
            return json.dumps(
                [
                    {
                        "type": "call_to_action",
                        "value": {
                            "title": item["title"],
                            "text": item.get("text", ""),
                            "link_label": item["link_label"],
                            "link": {"page": targets.get(item["target"]), "url": ""},
                        },
                    }
                    for item in items
                    if item["target"] in targets
                ]
            )

        def highlights(language):
            items = self.word(language, "home", "highlights")
            if items is None:
                return None
            return json.dumps(
                [
                    {
                        "type": "highlight",
                        "value": {"page": targets[item["target"]], "summary": item.get("summary", "")},
                    }
                    for item in items
                    if item["target"] in targets
                ]
            )

        if home.has_unpublished_changes:
            return
        changed = False
        for field, build in (("calls_to_action", ctas), ("highlights", highlights)):
            values = self.values(build)
            if not getattr(home, build_localized_fieldname(field, DEFAULT)):
                self.set_all(home, field, values)
                changed = True
            else:
                changed |= self.fill_blanks(home, field, values)
        if changed:
            home.save_revision(log_action=True).publish()
