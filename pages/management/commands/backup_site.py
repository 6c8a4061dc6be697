"""Back up the whole site into one .tar.gz: the database as JSON and the media folder.

    manage.py backup_site [--output backups/icrtop.tar.gz]

The archive holds ``data.json`` (``dumpdata`` with natural keys for content types and permissions, every language
column included),
``media/`` (uploaded images and documents) and ``manifest.json`` (when, which versions, how many
rows of each model). ``restore_site`` reads it back into an empty database.
"""

import json
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

# Rows that are rebuilt, recreated or worthless in a backup: content types and permissions are
# recreated by migrate (and referred to by natural key), search and reference indexes are rebuilt by
# restore_site, sessions and login-failure records are transient.
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "wagtailsearch",
    "sitesearch.searchdocument",
    "sitesearch.searchword",
    "wagtailcore.referenceindex",
    "wagtailadmin.editingsession",
    "axes",
]
FORMAT_VERSION = 1
SERIALIZER = "icrtop-backup-json"


class Command(BaseCommand):
    help = "Back up the site (database as JSON with natural keys, plus the media folder) into one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="Archive to write (default: backups/icrtop-<UTC time>.tar.gz).")

    def handle(self, *args, **options):
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        output = Path(options["output"] or Path(settings.BASE_DIR) / "backups" / f"icrtop-{stamp}.tar.gz")
        output.parent.mkdir(parents=True, exist_ok=True)
        media_root = Path(settings.MEDIA_ROOT)

        with tempfile.TemporaryDirectory(prefix="icrtop-backup-") as tmp:
            data = Path(tmp) / "data.json"
            serializers.register_serializer(SERIALIZER, "pages.backup_serializer")
            call_command(
                "dumpdata",
                # Natural keys for content types and permissions (their ids depend on migration order);
                # every other id is kept as it is (see pages/backup_serializer.py).
                format=SERIALIZER,
                natural_foreign=True,
                use_base_manager=True,
                exclude=EXCLUDE,
                output=str(data),
                verbosity=0,
            )
            rows = json.loads(data.read_text(encoding="utf-8"))
            manifest = {
                "format": FORMAT_VERSION,
                "created": timezone.now().isoformat(),
                "django": django.get_version(),
                "wagtail": wagtail.__version__,
                "languages": [code for code, _ in settings.LANGUAGES],
                "counts": dict(sorted(Counter(row["model"] for row in rows).items())),
                "media_files": sum(1 for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else 0,
            }
            (Path(tmp) / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")

            partial = output.with_name(output.name + ".partial")
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(Path(tmp) / "manifest.json", arcname="manifest.json")
                archive.add(data, arcname="data.json")
                if media_root.is_dir():
                    archive.add(media_root, arcname="media", filter=_regular_files_only)
            partial.replace(output)  # never leave a half-written archive under the real name

        self.stdout.write(
            self.style.SUCCESS(f"Backed up {len(rows)} rows and {manifest['media_files']} media file(s) to {output}")
        )
        return None


def _regular_files_only(member):
    return member if (member.isfile() or member.isdir()) else None
