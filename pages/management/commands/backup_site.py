"""Back up the whole site into one .tar.gz: the database as JSON and the media folder.

    manage.py backup_site [--output backups/icrtop.tar.gz] [--upload [--bucket B] [--keep-days N]]

The archive holds ``data.json`` (``dumpdata`` with natural keys for content types and permissions, every language
column included),
``media/`` (uploaded images and documents, from the media storage: the folder or the S3 bucket) and
``manifest.json`` (when, which versions, how many
rows of each model). ``restore_site`` reads it back into an empty database.

``--upload`` copies the archive to the object store (``BACKUP_BUCKET``, with the S3 endpoint and
credentials of the media storage) as ``backups/icrtop-<UTC time>.tar.gz`` and removes the archives there
older than ``--keep-days`` (``BACKUP_KEEP_DAYS``, 14): compose's nightly ``backup`` service.
"""

import datetime
import json
import os
import re
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core import serializers
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import scheduler

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


JOB_NAME = "backup_site"  # its row among the scheduled jobs (it runs in compose's backup service)


class Command(BaseCommand):
    help = "Back up the site (database as JSON with natural keys, plus the media folder) into one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help=("Archive to write, or a folder to write it in (default: backups/icrtop-<UTC time>.tar.gz)."),
        )
        parser.add_argument("--upload", action="store_true", help="Copy the archive to the object store's bucket.")
        parser.add_argument("--bucket", default=os.environ.get("BACKUP_BUCKET", ""), help="Default: BACKUP_BUCKET.")
        parser.add_argument(
            "--keep-days",
            type=int,
            default=int(os.environ.get("BACKUP_KEEP_DAYS", "14")),
            help="With --upload: remove the bucket's archives older than this (default BACKUP_KEEP_DAYS or 14).",
        )

    def handle(self, *args, **options):
        """Take the backup, and record how it ended (``core.scheduler.record_run``: the dashboard's
        scheduled jobs and ``/healthz``'s "backup" show the last good one)."""
        started = timezone.now()
        try:
            self.back_up(options)
        except Exception as exc:
            scheduler.record_run(JOB_NAME, started, False, f"{type(exc).__name__}: {exc}")
            raise
        scheduler.record_run(JOB_NAME, started, True)

    def back_up(self, options):
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        name = f"icrtop-{stamp}.tar.gz"
        output = Path(options["output"] or Path(settings.BASE_DIR) / "backups" / name)
        if output.is_dir():  # a folder given: the archive goes in it under its usual name
            output = output / name
        output.parent.mkdir(parents=True, exist_ok=True)
        if options["upload"] and not options["bucket"]:
            raise CommandError("--upload needs a bucket: set BACKUP_BUCKET or pass --bucket.")
        if options["keep_days"] < 1:
            raise CommandError("--keep-days must be 1 or more.")

        with tempfile.TemporaryDirectory(prefix="icrtop-backup-") as tmp:
            media_root = media_folder(Path(tmp))
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
        if options["upload"]:
            key = f"{PREFIX}icrtop-{stamp}.tar.gz"
            client = s3_client()
            client.upload_file(str(output), options["bucket"], key)
            removed = prune(client, options["bucket"], timezone.now() - datetime.timedelta(days=options["keep_days"]))
            self.stdout.write(f"Uploaded to {options['bucket']}/{key}; removed {len(removed)} archive(s) older.")


PREFIX = "backups/"
STAMP = re.compile(r"icrtop-(\d{8}-\d{6})\.tar\.gz$")


def media_folder(tmp):
    """The folder of media files to archive: MEDIA_ROOT, or a copy of the object store's files."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(settings.MEDIA_ROOT)
    target = tmp / "media-copy"

    def copy(folder):
        folders, files = default_storage.listdir(folder)
        for name in files:
            path = f"{folder}/{name}" if folder else name
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(path, "rb") as source:
                (target / path).write_bytes(source.read())
        for name in folders:
            copy(f"{folder}/{name}" if folder else name)

    copy("")
    return target


def s3_client():
    """boto3's S3 client for the backups: their own object store when ``BACKUP_S3_ENDPOINT_URL`` and its
    keys are set (another provider: the copy off the machine), else the media storage's endpoint and
    credentials (``AWS_*``). The media are always read from the media storage."""
    import boto3

    env = os.environ.get
    return boto3.client(
        "s3",
        endpoint_url=env("BACKUP_S3_ENDPOINT_URL") or env("AWS_S3_ENDPOINT_URL") or None,
        region_name=env("BACKUP_S3_REGION_NAME") or env("AWS_S3_REGION_NAME") or None,
        aws_access_key_id=env("BACKUP_S3_ACCESS_KEY_ID") or None,
        aws_secret_access_key=env("BACKUP_S3_SECRET_ACCESS_KEY") or None,
    )


def prune(client, bucket, before):
    """Delete the bucket's archives stamped before ``before``; returns their keys."""
    old = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=PREFIX):
        for item in page.get("Contents", []):
            match = STAMP.search(item["Key"])
            if match:
                taken = datetime.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=datetime.UTC)
                if taken < before:
                    old.append(item["Key"])
    for key in old:
        client.delete_object(Bucket=bucket, Key=key)
    return old


def _regular_files_only(member):
    return member if (member.isfile() or member.isdir()) else None
