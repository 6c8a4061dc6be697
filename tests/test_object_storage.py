"""Media on S3-compatible object storage (django-storages + boto3), against a real S3 API endpoint:
moto's server mode on a loopback port. Upload an image and a document, make a rendition, download
the document through Wagtail's view."""

import io
import json
import urllib.request

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.browser.server import MotoS3

pytestmark = pytest.mark.django_db

BUCKET = "icrtop-media-test"


@pytest.fixture(scope="module")
def s3_server():
    server = MotoS3().start()
    yield server
    server.stop()


@pytest.fixture
def s3_storage(s3_server, settings, monkeypatch):
    for name, value in {**s3_server.env, "AWS_STORAGE_BUCKET_NAME": BUCKET}.items():
        monkeypatch.setenv(name, value)
    client = s3_server.client()
    client.create_bucket(Bucket=BUCKET)
    from icrtop.settings.base import s3_storage_from_environment

    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_from_environment()}
    return client


def bucket_keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_settings_choose_s3_only_when_a_bucket_is_configured(monkeypatch):
    from icrtop.settings.base import s3_storage_from_environment

    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    assert s3_storage_from_environment() is None
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "b")
    assert s3_storage_from_environment()["BACKEND"] == "core.storage.PublicMediaS3Storage"


def test_image_upload_and_rendition_live_in_the_bucket(s3_storage):
    image = Image.objects.create(title="A picture", file=get_test_image_file(size=(320, 200)))
    assert image.file.name in {key.removeprefix("media/") for key in bucket_keys(s3_storage)}
    rendition = image.get_rendition("fill-100x80")
    assert f"media/{rendition.file.name}" in bucket_keys(s3_storage)
    with urllib.request.urlopen(rendition.url, timeout=10) as response:  # noqa: S310 - signed loopback URL
        body = response.read()
    from PIL import Image as PILImage

    assert PILImage.open(io.BytesIO(body)).size == (100, 80)


def test_document_upload_and_download(s3_storage, client):
    document = Document.objects.create(title="Annual report", file=ContentFile(b"report body " * 50, name="report.txt"))
    assert f"media/{document.file.name}" in bucket_keys(s3_storage)
    response = client.get(document.url)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        with urllib.request.urlopen(response["Location"], timeout=10) as download:  # noqa: S310
            body = download.read()
    else:
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body == b"report body " * 50


def test_under_compose_images_load_from_the_sites_own_address_through_caddy(s3_server, s3_storage, settings, tmp_path):
    """compose's object store is a private host (http://objects:9000): a signed URL to it is a broken
    image for every visitor. With AWS_S3_PUBLIC_URL=/ (compose.yaml) images and renditions are
    addressed /media/images/… on the site's own origin, and Caddy (deploy/caddy/Caddyfile) reads them
    from the bucket over HTTPS; documents are not served from the bucket (Wagtail's view checks
    their privacy)."""
    import os

    from icrtop.settings.base import s3_storage_from_environment

    os.environ["AWS_S3_PUBLIC_URL"] = "/"  # s3_storage's monkeypatch restores the environment
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_from_environment()}
    image = Image.objects.create(title="A picture", file=get_test_image_file(size=(320, 200)))
    rendition = image.get_rendition("fill-100x80")
    document = Document.objects.create(title="Private report", file=ContentFile(b"secret " * 50, name="private.txt"))
    assert rendition.url.startswith("/media/images/") and "?" not in rendition.url
    assert image.file.url.startswith("/media/original_images/") and "?" not in image.file.url
    assert f"media/{rendition.file.name}" in bucket_keys(s3_storage)

    # What compose's objects-init sets on MinIO (`mc anonymous set download` on the two image
    # prefixes): anybody may read those objects, nothing else.
    public = [f"arn:aws:s3:::{BUCKET}/media/{prefix}/*" for prefix in ("images", "original_images")]
    policy = {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["s3:GetObject"], "Resource": public}
    s3_storage.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [policy]}))
    from tests.browser.server import free_port, require_program
    from tests.browser.test_edge_proxy import CADDY, Caddy

    require_program(CADDY, "caddy")
    caddy = Caddy(free_port(), tmp_path, media=(f"127.0.0.1:{s3_server.port}", BUCKET))
    caddy.start(ready=rendition.url)
    try:
        status, headers, _text = caddy.request("GET", rendition.url)
        conn = caddy.connection()
        conn.request("GET", rendition.url)
        body = conn.getresponse().read()
        conn.close()
        from PIL import Image as PILImage

        assert status == 200 and PILImage.open(io.BytesIO(body)).size == (100, 80)
        assert "sandbox" in headers["Content-Security-Policy"]
        assert caddy.request("GET", image.file.url)[0] == 200
        # Documents, the bucket's listing and other methods never reach the store through Caddy.
        assert b"secret" not in caddy.request("GET", f"/media/{document.file.name}")[2].encode()
        assert caddy.request("GET", "/media/images/?list-type=2")[0] != 200
        assert caddy.request("DELETE", rendition.url)[0] != 204
        assert f"media/{rendition.file.name}" in bucket_keys(s3_storage)
    finally:
        caddy.stop()
