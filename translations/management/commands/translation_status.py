"""How complete each language's translation is: ``manage.py translation_status [--json] [--language fr]``.

The numbers are those of the admin report (Reports → Translation status): both use
``translations.status``.
"""

import json
import unicodedata

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core.translatable import other_languages
from translations.status import translation_status


def display_width(text):
    """Columns a text takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in str(text))


def pad(text, width):
    return str(text) + " " * (width - display_width(text))


class Command(BaseCommand):
    help = "Show how complete each language's translation is (fields filled out of fields with English text)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            metavar="CODE",
            help=f"Only this language (repeatable): {', '.join(other_languages())}. "
            "With one language the table lists what is missing, with links to the admin.",
        )
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")

    def handle(self, *args, languages=None, **options):
        languages = languages or other_languages()
        unknown = [code for code in languages if code not in other_languages()]
        if unknown:
            raise CommandError(f"Unknown language {', '.join(unknown)}: choose among {', '.join(other_languages())}.")
        with translation.override(settings.LANGUAGE_CODE):
            statuses = translation_status(languages)
            base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            if options["json"]:
                data = {"languages": [status.as_dict() for status in statuses]}
                for language in data["languages"]:
                    for obj in language["objects"]:
                        obj["edit_url"] = base + obj["edit_url"] if obj["edit_url"] else None
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
                return
            self.write_table(statuses, detail=len(languages) == 1, base=base)

    def write_table(self, statuses, detail, base):
        kinds = [row["label"] for row in statuses[0].by_kind()] if statuses else []
        header = ["Language", "Overall", "Out of date", *kinds]
        rows = [header]
        for status in statuses:
            rows.append(
                [
                    f"{status.code} {status.name}",
                    f"{status.percent}% ({status.filled}/{status.total})",
                    str(status.out_of_date),
                    *[f"{row['percent']}% ({row['filled']}/{row['total']})" for row in status.by_kind()],
                ]
            )
        widths = [max(display_width(row[i]) for row in rows) for i in range(len(header))]
        for row in rows:
            self.stdout.write("  ".join(pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if not detail:
            return
        status = statuses[0]
        incomplete = status.incomplete()
        self.stdout.write("")
        if not incomplete:
            self.stdout.write(f"Everything is translated into {status.name}.")
            return
        self.stdout.write(
            f"Missing or out of date in {status.name} ({len(incomplete)} of {len(status.objects)} records):"
        )
        for obj in incomplete:
            url = f"  {base}{obj.edit_url}" if obj.edit_url else ""
            self.stdout.write(f"- [{obj.kind}] {obj.label}: {obj.percent}% ({obj.filled}/{obj.total}){url}")
            if obj.missing:
                self.stdout.write(f"    missing: {', '.join(str(label) for label in obj.missing)}")
            if obj.out_of_date:
                self.stdout.write(f"    out of date: {', '.join(str(label) for label in obj.out_of_date)}")
