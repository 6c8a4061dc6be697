"""manage.py import_members FILE.csv [--dry-run]: create or update member organisations by slug."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.data import MemberImporter


class Command(BaseCommand):
    help = (
        "Create or update member organisations from a CSV file (columns: see docs/editors.md, The import "
        "file). Every row is checked first; nothing is written unless all are valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file and show what would change.")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(f"File not found: {path}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text: {error}") from error
        result = MemberImporter().run(text, dry_run=options["dry_run"])
        for line, message in result.errors:
            self.stderr.write(f"{path}, line {line}: {message}")
        if result.errors:
            raise CommandError(result.summary())
        verb = "would " if options["dry_run"] else ""
        for slug in result.created:
            self.stdout.write(f"{verb}create {slug}")
        for slug, columns in result.updated:
            self.stdout.write(f"{verb}update {slug}: {', '.join(columns)}")
        self.stdout.write(result.summary())
