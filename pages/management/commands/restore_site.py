"""Restore a ``backup_site`` archive into an empty database.

    DATABASE_URL=postgres://.../icrtop_new manage.py restore_site backups/icrtop-....tar.gz

Steps: ``migrate --noinput`` (creates the tables, every language column included); ``flush`` of the
few rows migrations create (root page, default site, groups) since the backup carries its own;
``loaddata`` of the database content (in an older archive, the rows of a model that has since moved
to another app are given its new label); the media files copied into ``MEDIA_ROOT`` (or the S3
bucket when media are stored there, under their own names); the search and
reference indexes rebuilt; row counts checked against the archive's manifest. It refuses a database
that already holds site content unless ``--force`` is given.
"""

import json
import shutil
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup_site import FORMAT_VERSION

# Models that moved to another app since an archive may have been made: {label then: label now}. The
# table and its rows moved with the model (see the migrations), so an older archive restores as it is.
MOVED_MODELS = {"core.translationsource": "translations.translationsource"}


class Command(BaseCommand):
    help = "Restore a backup_site archive (database and media) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by backup_site.")
        parser.add_argument(
            "--force", action="store_true", help="Replace the content of a database that is not empty (destructive)."
        )
        parser.add_argument("--skip-indexes", action="store_true", help="Do not rebuild the search index.")

    def handle(self, *args, archive, force=False, skip_indexes=False, **options):
        archive = Path(archive)
        if not archive.is_file():
            raise CommandError(f"No such archive: {archive}")
        quiet = {"verbosity": 0, "stdout": self.stdout if options["verbosity"] > 1 else _Null()}

        with tempfile.TemporaryDirectory(prefix="icrtop-restore-") as tmp:
            tmp = Path(tmp)
            try:
                with tarfile.open(archive, "r:gz") as tar:
                    tar.extractall(tmp, filter="data")  # refuses absolute paths, "..", links outside
            except (tarfile.TarError, OSError) as exc:
                raise CommandError(f"Cannot read {archive}: {exc}") from exc
            manifest = json.loads((tmp / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT_VERSION:
                raise CommandError(f"Unknown backup format {manifest.get('format')!r} (expected {FORMAT_VERSION}).")

            self.stdout.write(
                f"Restoring {archive} (made {manifest['created']}) into {connection.settings_dict['NAME']}"
            )
            call_command("migrate", interactive=False, **quiet)
            if self._has_content() and not force:
                raise CommandError(
                    "The database already holds site content (users or pages). Restore into an empty database, "
                    "or pass --force to replace everything in it."
                )
            call_command("flush", interactive=False, **quiet)  # the rows migrations created; the backup has its own
            manifest["counts"] = relabel_moved_models(tmp / "data.json", manifest["counts"])
            call_command("loaddata", str(tmp / "data.json"), **quiet)

            media = tmp / "media"
            if media.is_dir():
                restore_media(media)

        call_command("rebuild_references_index", **quiet)
        if not skip_indexes:
            call_command("update_index", **quiet)
            if apps.is_installed("sitesearch"):  # the site search's own index (by name: no import)
                call_command("rebuild_site_search", **quiet)
        self._check_counts(manifest["counts"])
        self.stdout.write(self.style.SUCCESS(f"Restored {sum(manifest['counts'].values())} rows from {archive}."))
        return None

    @staticmethod
    def _has_content():
        from wagtail.models import Page

        # A freshly migrated database has the tree root and Wagtail's welcome page, and no users.
        return get_user_model().objects.exists() or Page.objects.filter(depth__gte=2).count() > 1

    def _check_counts(self, expected):
        actual = Counter()
        for label in expected:
            model = apps.get_model(label)
            actual[label] = model._base_manager.count()
        wrong = {label: (count, actual[label]) for label, count in expected.items() if actual[label] != count}
        if wrong:
            details = ", ".join(
                f"{label}: {want} in the backup, {got} restored" for label, (want, got) in wrong.items()
            )
            raise CommandError(f"The restore is incomplete: {details}")


def relabel_moved_models(data, counts):
    """Give the rows of ``data`` (a dumpdata JSON file, rewritten in place when needed) and the
    manifest's ``counts`` today's label of every model that moved (``MOVED_MODELS``)."""
    if any(label in MOVED_MODELS for label in counts):
        rows = json.loads(data.read_text(encoding="utf-8"))
        for row in rows:
            row["model"] = MOVED_MODELS.get(row["model"], row["model"])
        data.write_text(json.dumps(rows), encoding="utf-8")
    return {MOVED_MODELS.get(label, label): count for label, count in counts.items()}


class _Null:
    def write(self, *args, **kwargs):
        return None

    def flush(self):
        return None


def restore_media(media):
    """The archive's media files into the media storage, each under its own name."""
    if isinstance(default_storage, FileSystemStorage):
        shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
        return
    for path in (p for p in media.rglob("*") if p.is_file()):
        name = path.relative_to(media).as_posix()
        if default_storage.exists(name):
            default_storage.delete(name)  # the archive's copy wins, under the same name
        with path.open("rb") as source:
            default_storage.save(name, File(source, name=name))
