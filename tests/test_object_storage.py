"""Media on S3-compatible object storage (django-storages + boto3), against a real S3 API endpoint:
moto's server mode on a loopback port. Upload an image and a document, make a rendition, download
the document through Wagtail's view."""

import io
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
    assert s3_storage_from_environment()["BACKEND"] == "storages.backends.s3.S3Storage"


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
