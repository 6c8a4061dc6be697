"""Backup-and-restore drill: ``backup_site`` then ``restore_site`` into a fresh, empty database.

The restore runs in a subprocess whose DATABASE_URL points at the new database (a second database on
the PostgreSQL server, or a new SQLite file), as an operator would run it. Every row of the content
tables (every language column included) must come back identical, the media files too, and the
restored site must render /en/ and /fr/ like the original.
"""

import io
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from pages.models import StandardPage

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db

# The content whose every row and column must survive; extend when a part adds models.
CONTENT_MODELS = [
    "wagtailcore.page",
    "wagtailcore.site",
    "wagtailcore.revision",
    "wagtailcore.collection",
    "wagtailcore.grouppagepermission",
    "pages.homepage",
    "pages.standardpage",
    "pages.rtopexplainerpage",
    "pages.historypage",
    "pages.timelineevent",
    "pages.steeringcommitteepage",
    "pages.contactpage",
    "pages.memberdirectorypage",
    "members.region",
    "members.sector",
    "members.memberorganisation",
    "offices.office",
    "translations.translationsource",
    "wagtailimages.image",
    "wagtaildocs.document",
    "auth.user",
    "auth.group",
]


def site_snapshot():
    """Every row of the content tables (raw column values, sorted by id), plus the rendered pages."""
    tables = {}
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        meta = model._meta
        names = [meta.db_table] + [f.remote_field.through._meta.db_table for f in meta.local_many_to_many]
        for table in names:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - model table names
                columns = [c[0] for c in cursor.description]
                rows = sorted(
                    (
                        _portable(dict(zip(columns, row, strict=True)), join=table != meta.db_table)
                        for row in cursor.fetchall()
                    ),
                    key=lambda r: (r.get("id") or "", json.dumps(r, sort_keys=True)),
                )
            tables[table] = rows
    client = Client()
    pages = {}
    for path in ("/en/", "/fr/", "/en/about/history/", "/ar/contact/"):
        response = client.get(path)
        main = re.search(r"<main.*</main>", response.content.decode(), re.DOTALL)
        pages[path] = {"status": response.status_code, "main": main.group(0) if main else ""}
    return {"tables": tables, "pages": pages}


def _portable(row, join=False):
    """Raw values as text; ids that migrate renumbers (content types, permissions) as their names.
    The rows of many-to-many join tables are compared without their own ids (loaddata renumbers them)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    plain = {}
    if join:
        row.pop("id", None)
    for column, value in row.items():
        if value is not None and column.endswith("content_type_id"):
            value = ContentType.objects.get_for_id(value).natural_key()
        elif value is not None and column == "permission_id":
            value = Permission.objects.get(pk=value).natural_key()
        plain[column] = _plain(value)
    # modeltranslation keeps the original column of a translated field (title, slug...) in step with
    # the default language; where no language column was ever filled (Wagtail's tree root, created
    # before the language columns existed), that original column is not content and is not compared.
    for column in list(plain):
        translations = [c for c in plain if c.startswith(column + "_") and c[len(column) + 1 :] in LANGUAGE_SUFFIXES]
        if translations and all(plain[c] is None for c in translations):
            del plain[column]
    return plain


LANGUAGE_SUFFIXES = {code.replace("-", "_") for code, _ in settings.LANGUAGES}


def _plain(value):
    if isinstance(value, (memoryview, bytes)):
        return bytes(value).hex()
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.dumps(json.loads(value), sort_keys=True)  # JSON columns: text in SQLite, jsonb in PostgreSQL
        except ValueError:
            return value
    return None if value is None else str(value)


SNAPSHOT_SCRIPT = (
    "import json, django; django.setup()\n"
    "from django.utils import translation; translation.activate('en')\n"
    "from tests.test_backup import site_snapshot\n"
    "print('SNAPSHOT=' + json.dumps(site_snapshot()))\n"
)


@pytest.fixture
def empty_database_url(tmp_path):
    """A URL for a new, empty database of the same kind as the test database."""
    url = os.environ.get("DATABASE_URL", "")
    if connection.vendor == "postgresql" and url:
        from tests.browser.server import drop_postgres_database, recreate_postgres_database

        name = "icrtop_restore_drill"
        yield recreate_postgres_database(url, name)
        drop_postgres_database(url, name)
    else:
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"


def run(args, env):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.mark.slow
def test_backup_then_restore_into_an_empty_database_brings_everything_back(tmp_path, empty_database_url):
    media = tmp_path / "media"
    with override_settings(MEDIA_ROOT=str(media)):
        # Things an editor adds: translations, a user in a group, an image and a document with their files.
        about = StandardPage.objects.get(url_path_en__endswith="/about/")
        about.title_fr, about.intro_ar = "À propos de la Coalition", "نبذة عن التحالف"
        about.save()
        user = User.objects.create_user("restored-editor", "e@example.org", "a-long-test-password")
        user.groups.add(Group.objects.get(name="Editors"))
        image = get_image_model().objects.create(title="Logo", file=ImageFile(io.BytesIO(_png()), name="logo.png"))
        document = get_document_model()(title="Annual report")
        document.file.save("report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)

        archive = tmp_path / "site.tar.gz"
        out = io.StringIO()
        call_command("backup_site", output=str(archive), stdout=out)
        assert "Backed up" in out.getvalue() and archive.stat().st_size > 1000
        before = site_snapshot()

    restored_media = tmp_path / "restored-media"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="icrtop.settings.test",
        DATABASE_URL=empty_database_url,
        TEST_MEDIA_ROOT=str(restored_media),
    )
    output = run([sys.executable, "manage.py", "restore_site", str(archive), "--skip-indexes"], env)
    # A few lines saying what came back; migrate's progress and wagtail-modeltranslation's schema
    # sync (ALTER TABLE ... ADD COLUMN for every language column) are kept back on success.
    assert "ALTER TABLE" not in output and "Applying" not in output, output
    assert len(output.splitlines()) <= 6, output
    assert "Restored" in output and "2 media file(s)" in output, output
    after = json.loads(run([sys.executable, "-c", SNAPSHOT_SCRIPT], env).split("SNAPSHOT=", 1)[1])

    for table, rows in before["tables"].items():
        assert len(after["tables"][table]) == len(rows), (
            f"{table}: {len(rows)} rows before, {len(after['tables'][table])} after"
        )
        differences = [
            {col: (old.get(col), new.get(col)) for col in old if old.get(col) != new.get(col)}
            for old, new in zip(rows, after["tables"][table], strict=True)
            if old != new
        ]
        assert not differences, f"{table}: rows differ after the restore (column: before, after): {differences[:3]}"
    # Spot checks a person would make, in words.
    page_rows = {row["id"]: row for row in after["tables"]["wagtailcore_page"]}
    assert any(row["title_en"] == "About the Coalition" for row in page_rows.values())
    assert any(row["title_fr"] == "À propos de la Coalition" for row in page_rows.values()), "French title lost"
    standard = {row["page_ptr_id"]: row for row in after["tables"]["pages_standardpage"]}
    assert standard[str(about.pk)]["intro_ar"] == "نبذة عن التحالف", "Arabic introduction lost"
    assert before["tables"]["translations_translationsource"], "no translation source was backed up"
    offices = after["tables"]["offices_office"]
    assert {"+12125991320", "+31703634484"} <= {row["phone"] for row in offices}
    assert len(after["tables"]["members_memberorganisation"]) == len(before["tables"]["members_memberorganisation"]) > 0
    for path, page in before["pages"].items():
        assert after["pages"][path]["status"] == page["status"] == 200, path
        assert after["pages"][path]["main"] == page["main"], f"{path} renders differently after the restore"

    for name in (image.file.name, document.file.name):
        assert (restored_media / name).read_bytes() == (media / name).read_bytes()


PARTLY_MIGRATED_SITE = (
    "import django; django.setup()\n"
    "from django.core.management import call_command\n"
    "from django.core.management.commands.migrate import Command as Migrate\n"
    "from django.contrib.auth.models import User\n"
    "call_command(Migrate(), 'auth', interactive=False, verbosity=0)\n"
    "User.objects.create_user('earlier-site-admin')\n"
)
SCHEMA_AND_ROWS = (
    "import json, django; django.setup()\n"
    "from django.db import connection\n"
    "tables = sorted(connection.introspection.table_names())\n"
    "with connection.cursor() as cursor:\n"
    "    columns = {t: [c.name for c in connection.introspection.get_table_description(cursor, t)] for t in tables}\n"
    "    cursor.execute('SELECT app, name FROM django_migrations ORDER BY app, name')\n"
    "    migrations = cursor.fetchall()\n"
    "    cursor.execute('SELECT username FROM auth_user ORDER BY id')\n"
    "    users = cursor.fetchall()\n"
    "print('STATE=' + json.dumps({'columns': columns, 'migrations': migrations, 'users': users}))\n"
)


@pytest.mark.slow
def test_restore_refuses_a_database_with_content_before_migrating_it(tmp_path, empty_database_url):
    """An operator who points DATABASE_URL at the wrong database (here an older one, migrated only in
    part, with a user) gets a refusal that says what to do, and the database is left exactly as it
    was: no migration applied, no table or column added, no row changed."""
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DJANGO_SETTINGS_MODULE="icrtop.settings.test", DATABASE_URL=empty_database_url)
    run([sys.executable, "-c", PARTLY_MIGRATED_SITE], env)
    before = run([sys.executable, "-c", SCHEMA_AND_ROWS], env).split("STATE=", 1)[1]
    assert '"wagtailcore_page"' not in before  # the site's own tables are not there yet

    result = subprocess.run(
        [sys.executable, "manage.py", "restore_site", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0
    assert "already holds site content (1 user(s))" in result.stderr, result.stderr
    assert "Nothing was changed" in result.stderr and "--force" in result.stderr
    assert "ALTER TABLE" not in result.stdout + result.stderr
    assert run([sys.executable, "-c", SCHEMA_AND_ROWS], env).split("STATE=", 1)[1] == before


def test_restore_refuses_a_database_with_content(tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    User.objects.create_user("someone")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="already holds site content"):
        call_command("restore_site", str(archive), stdout=io.StringIO())
    assert User.objects.filter(username="someone").exists()


def test_restore_rejects_what_is_not_a_backup(tmp_path):
    from django.core.management.base import CommandError

    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar file")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("restore_site", str(bogus), stdout=io.StringIO())
    with pytest.raises(CommandError, match="No such archive"):
        call_command("restore_site", str(tmp_path / "missing.tar.gz"), stdout=io.StringIO())


def test_an_archive_made_before_a_model_moved_restores_under_its_new_label(tmp_path):
    from pages.management.commands.restore_site import relabel_moved_models

    data = tmp_path / "data.json"
    old_row = {"model": "core.translationsource", "pk": 4, "fields": {"field": "intro", "language": "fr"}}
    data.write_text(json.dumps([old_row, {"model": "auth.group", "pk": 1, "fields": {"name": "Editors"}}]))
    counts = relabel_moved_models(data, {"core.translationsource": 1, "auth.group": 1})
    assert counts == {"translations.translationsource": 1, "auth.group": 1}
    rows = json.loads(data.read_text())
    assert [row["model"] for row in rows] == ["translations.translationsource", "auth.group"]
    assert rows[0]["fields"] == old_row["fields"] and rows[0]["pk"] == 4
    assert all(apps.get_model(label) for label in counts)


def test_a_folder_as_the_output_gets_the_archive_inside_it(tmp_path):
    """An operator who names an existing folder gets the archive in it (the operator walk: a traceback
    after the whole dump, and a .partial file left beside the folder)."""
    out = io.StringIO()
    call_command("backup_site", output=str(tmp_path), stdout=out)
    archives = list(tmp_path.glob("icrtop-*.tar.gz"))
    assert len(archives) == 1 and tarfile.is_tarfile(archives[0])
    assert str(archives[0]) in out.getvalue()
    assert not list(tmp_path.parent.glob(f"{tmp_path.name}*.partial"))


def test_the_backup_keeps_every_language_column():
    assert settings.LANGUAGES and all(
        f"title_{code.replace('-', '_')}" in {f.attname for f in apps.get_model("wagtailcore.page")._meta.fields}
        for code, _ in settings.LANGUAGES
    )


def _png():
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (3, 2), "#0b3d5c").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_backup_job_uploads_the_archive_and_removes_those_past_their_days(tmp_path, monkeypatch):
    """compose's backup service: backup_site --upload --keep-days N, against moto's S3 in memory (the
    same boto3 calls as MinIO)."""
    import boto3
    from moto import mock_aws

    for name, value in {
        "AWS_ACCESS_KEY_ID": "k",
        "AWS_SECRET_ACCESS_KEY": "s",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_S3_ENDPOINT_URL", raising=False)
    archive = tmp_path / "icrtop.tar.gz"
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="icrtop-backups")
        old, recent = "backups/icrtop-20200101-020000.tar.gz", "backups/icrtop-29990101-020000.tar.gz"
        for key in (old, recent, "backups/notes.txt"):
            s3.put_object(Bucket="icrtop-backups", Key=key, Body=b"x")
        out = io.StringIO()
        call_command(
            "backup_site",
            "--output",
            str(archive),
            "--upload",
            "--bucket",
            "icrtop-backups",
            "--keep-days",
            "14",
            stdout=out,
        )
        keys = {item["Key"] for item in s3.list_objects_v2(Bucket="icrtop-backups")["Contents"]}
        [uploaded] = keys - {recent, "backups/notes.txt"}
        assert old not in keys and recent in keys and "backups/notes.txt" in keys  # only archives past their days
        assert s3.get_object(Bucket="icrtop-backups", Key=uploaded)["Body"].read() == archive.read_bytes()
        assert "removed 1 archive(s) older" in out.getvalue()


def test_the_backup_job_without_a_bucket_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv("BACKUP_BUCKET", raising=False)
    with pytest.raises(CommandError, match="set BACKUP_BUCKET or pass --bucket"):
        call_command("backup_site", "--output", str(tmp_path / "a.tar.gz"), "--upload", "--bucket", "")


def test_media_on_object_storage_are_backed_up_and_restored_under_their_names(tmp_path, monkeypatch):
    """With media in an S3 bucket (compose), the archive holds the bucket's files and restore_site
    puts them back under the same names (an existing file of that name is replaced, never renamed)."""
    import tarfile

    import boto3
    from moto import mock_aws

    from pages.management.commands.restore_site import restore_media

    credentials = {"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s", "AWS_DEFAULT_REGION": "us-east-1"}
    for name, value in credentials.items():
        monkeypatch.setenv(name, value)
    s3_media = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "icrtop-media", "location": "media", "file_overwrite": False},
        },
        "staticfiles": settings.STORAGES["staticfiles"],
    }
    archive = tmp_path / "site.tar.gz"
    with mock_aws(), override_settings(STORAGES=s3_media):
        from django.core.files.storage import default_storage

        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="icrtop-media")
        default_storage.save("documents/report.pdf", ContentFile(b"%PDF-1.4 report"))
        default_storage.save("original_images/logo.png", ContentFile(_png()))
        call_command("backup_site", output=str(archive), stdout=io.StringIO())
        with tarfile.open(archive) as opened:
            names = set(opened.getnames())
        assert {"media/documents/report.pdf", "media/original_images/logo.png"} <= names

        default_storage.delete("original_images/logo.png")
        with default_storage.open("documents/report.pdf", "wb") as changed:
            changed.write(b"changed since the backup")
        with tarfile.open(archive) as opened:
            opened.extractall(tmp_path / "unpacked", filter="data")
        restore_media(tmp_path / "unpacked" / "media")
        assert default_storage.open("documents/report.pdf").read() == b"%PDF-1.4 report"
        assert default_storage.open("original_images/logo.png").read() == _png()
        assert sorted(default_storage.listdir("documents")[1]) == ["report.pdf"]  # replaced, not renamed


def test_backups_go_to_their_own_object_store_when_one_is_set(monkeypatch):
    """The copy off the machine (the operator walk): BACKUP_S3_* give the backups another provider's
    endpoint and keys; without them, the media storage's endpoint."""
    from unittest import mock

    from pages.management.commands import backup_site

    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "http://objects:9000")
    with mock.patch("boto3.client") as client:
        backup_site.s3_client()
        assert client.call_args.kwargs["endpoint_url"] == "http://objects:9000"
        monkeypatch.setenv("BACKUP_S3_ENDPOINT_URL", "https://s3.example.net")
        monkeypatch.setenv("BACKUP_S3_ACCESS_KEY_ID", "off-key")
        monkeypatch.setenv("BACKUP_S3_SECRET_ACCESS_KEY", "off-secret")
        backup_site.s3_client()
        kwargs = client.call_args.kwargs
    assert (kwargs["endpoint_url"], kwargs["aws_access_key_id"], kwargs["aws_secret_access_key"]) == (
        "https://s3.example.net",
        "off-key",
        "off-secret",
    )
