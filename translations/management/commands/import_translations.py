"""Read a PO file made by ``export_translations`` back into the site, all or nothing.

Every entry is checked first: the record still exists and its English text still equals the
entry's msgid. Any problem (a changed source, a deleted record, an unreadable file) is reported
with the entry's msgctxt and nothing is written. Empty and fuzzy entries are left alone.

Pages: the translations are saved as a new revision of the page's latest version. A page with no
unpublished changes is published (the translations go live); a page with a draft waiting keeps
it waiting, with the translations added to a new draft. ``--draft`` never publishes.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translations.exchange import ExchangeError, import_po, read_po


class Command(BaseCommand):
    help = "Import a PO file made by export_translations (checked first; all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The PO file.")
        parser.add_argument("--language", help="Expected language (default: the file's Language header).")
        parser.add_argument("--draft", action="store_true", help="Save page translations as drafts, never publish.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; write nothing.")

    def handle(self, *args, file, language=None, draft=False, dry_run=False, **options):
        if not Path(file).is_file():
            raise CommandError(f"No such file: {file}")
        try:
            po = read_po(file)
            report = import_po(po, language=language, publish=not draft, dry_run=dry_run)
        except ExchangeError as exc:
            problems = "\n".join(f"  - {problem}" for problem in exc.problems)
            raise CommandError(f"Nothing was imported from {file}:\n{problems}") from exc
        verb = "Would apply" if dry_run else "Applied"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {report.applied} translation(s) into {report.language} on {report.records} record(s); "
                f"{report.unchanged} unchanged, {report.untranslated} empty and {report.fuzzy} fuzzy entries "
                "left alone."
            )
        )
        if report.published:
            self.stdout.write(f"Published pages: {', '.join(map(str, report.published))}")
        if report.drafts:
            self.stdout.write(f"Saved as drafts (to review and publish): {', '.join(map(str, report.drafts))}")
        for field in report.skipped_streams:
            self.stdout.write(self.style.WARNING(f"Not applied (some of its blocks are still untranslated): {field}"))
