"""Write the site's translatable content for one language as a gettext PO file.

``manage.py export_translations --language fr [--output site-fr.po]`` (standard output by default).
Outside translators open it in any PO editor (Poedit, Lokalize, Weblate, OmegaT…), then
``manage.py import_translations site-fr.po`` brings the work back. See ``translations.exchange``.
"""

from django.core.management.base import BaseCommand, CommandError

from core.translatable import other_languages
from translations.exchange import ExchangeError, export_po


class Command(BaseCommand):
    help = "Export the translatable content for one language as a gettext PO file."

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, help=f"One of: {', '.join(other_languages())}.")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, language, output=None, **options):
        try:
            po = export_po(language)
        except ExchangeError as exc:
            raise CommandError(str(exc)) from exc
        if output:
            po.save(output)
            translated = sum(1 for entry in po if entry.msgstr)
            self.stderr.write(f"{output}: {len(po)} texts, {translated} already translated into {language}.")
        else:
            self.stdout.write(str(po))
