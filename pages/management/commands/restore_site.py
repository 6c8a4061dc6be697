"""Restore a ``backup_site`` archive into an empty database.

    DATABASE_URL=postgres://.../icrtop_new manage.py restore_site backups/icrtop-....tar.gz

First, before anything touches the database: a database that already holds site content (users, or
pages beyond the ones a fresh ``migrate`` creates) is refused unless ``--force`` is given, with
nothing changed (not even a migration). Then: ``migrate --noinput`` (creates the tables, every
language column included); ``flush`` of the few rows migrations create (root page, default site,
groups) since the backup carries its own; ``loaddata`` of the database content (in an older archive,
the rows of a model that has since moved to another app are given its new label); the media files
copied into ``MEDIA_ROOT`` (or the S3 bucket when media are stored there, under their own names); the
search and reference indexes rebuilt; row counts checked against the archive's manifest.

The output is a few lines saying what was restored. What the steps print (migrate's progress,
wagtail-modeltranslation's ``ALTER TABLE ... ADD COLUMN`` lines) is kept back and shown only when a
step fails, or always with ``-v 2``.
"""

import contextlib
import io
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
from django.db import DatabaseError, connection

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
        database = connection.settings_dict["NAME"]

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
            # Before anything (even a migration) touches the database.
            found = existing_content(database)
            if found and not force:
                raise CommandError(
                    f"The database {database} already holds site content ({found}). Nothing was changed. "
                    "Restore into an empty database (point DATABASE_URL at a new one), or add --force to replace "
                    "everything in this database with the archive's content."
                )

            self.stdout.write(f"Restoring {archive} (made {manifest['created']}) into {database}.")
            with self._steps_output(options["verbosity"]) as steps:
                call_command("migrate", interactive=False, **steps)
                call_command("flush", interactive=False, **steps)  # the rows migrations created; the backup has its own
                manifest["counts"] = relabel_moved_models(tmp / "data.json", manifest["counts"])
                call_command("loaddata", str(tmp / "data.json"), **steps)
                media = tmp / "media"
                media_files = restore_media(media) if media.is_dir() else 0
                call_command("rebuild_references_index", **steps)
                if not skip_indexes:
                    call_command("update_index", **steps)
                    if apps.is_installed("sitesearch"):  # the site search's own index (by name: no import)
                        call_command("rebuild_site_search", **steps)
                self._check_counts(manifest["counts"])

        rows = sum(manifest["counts"].values())
        self.stdout.write(f"  Database: {rows} rows of {len(manifest['counts'])} models, as many as the archive lists.")
        self.stdout.write(f"  Media: {media_files} file(s) into {media_destination()}.")
        if skip_indexes:
            self.stdout.write("  Indexes: references rebuilt; search skipped (--skip-indexes).")
        else:
            self.stdout.write("  Indexes: references and search rebuilt.")
        self.stdout.write(self.style.SUCCESS(f"Restored {rows} rows and {media_files} media file(s) from {archive}."))
        return None

    @contextlib.contextmanager
    def _steps_output(self, verbosity):
        """What the steps print: everything with ``-v 2``; otherwise kept back (Django's commands and
        wagtail-modeltranslation's schema sync, which prints its ALTER TABLE lines on sys.stdout) and
        written to stderr only if a step fails, before the error."""
        if verbosity > 1:
            yield {"verbosity": verbosity, "stdout": self.stdout, "stderr": self.stderr}
            return
        kept = io.StringIO()
        try:
            with contextlib.redirect_stdout(kept):
                yield {"verbosity": 1, "stdout": kept, "stderr": kept}
        except BaseException:
            if kept.getvalue():
                self.stderr.write("The restore failed. What its steps printed:\n" + kept.getvalue())
            raise

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


def existing_content(database):
    """What of a site's content the database already holds ("2 users, 40 pages"), or "" for a new,
    empty or freshly migrated one (the tree root and Wagtail's welcome page, no users). Read with
    plain SQL so that a database of any schema version can be judged without migrating it."""
    from wagtail.models import Page

    try:
        tables = set(connection.introspection.table_names())
        found = []
        for model, label, condition, fresh in (
            (get_user_model(), "user(s)", "", 0),
            (Page, "page(s)", " WHERE depth >= 2", 1),
        ):
            table = model._meta.db_table
            if table not in tables:
                continue
            # Two models' own table names, nothing from outside.
            sql = f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}{condition}"  # noqa: S608  # nosec B608
            with connection.cursor() as cursor:
                cursor.execute(sql)
                count = cursor.fetchone()[0]
            if count > fresh:
                found.append(f"{count} {label}")
    except DatabaseError as exc:
        raise CommandError(f"Cannot read the database {database}: {exc}") from exc
    return ", ".join(found)


def media_destination():
    """Where restored media go, in words: the folder or the bucket."""
    if isinstance(default_storage, FileSystemStorage):
        return str(settings.MEDIA_ROOT)
    return f"the bucket {getattr(default_storage, 'bucket_name', '') or '(media storage)'}"


def relabel_moved_models(data, counts):
    """Give the rows of ``data`` (a dumpdata JSON file, rewritten in place when needed) and the
    manifest's ``counts`` today's label of every model that moved (``MOVED_MODELS``)."""
    if any(label in MOVED_MODELS for label in counts):
        rows = json.loads(data.read_text(encoding="utf-8"))
        for row in rows:
            row["model"] = MOVED_MODELS.get(row["model"], row["model"])
        data.write_text(json.dumps(rows), encoding="utf-8")
    return {MOVED_MODELS.get(label, label): count for label, count in counts.items()}


def restore_media(media):
    """The archive's media files into the media storage, each under its own name; how many."""
    files = [p for p in media.rglob("*") if p.is_file()]
    if isinstance(default_storage, FileSystemStorage):
        shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
        return len(files)
    for path in files:
        name = path.relative_to(media).as_posix()
        if default_storage.exists(name):
            default_storage.delete(name)  # the archive's copy wins, under the same name
        with path.open("rb") as source:
            default_storage.save(name, File(source, name=name))
    return len(files)
