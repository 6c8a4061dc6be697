"""Media on S3-compatible object storage (django-storages + boto3), against a real S3 API endpoint:
moto's server mode on a loopback port. Upload an image and a document, make a rendition, download
the document through Wagtail's view."""

import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

pytestmark = pytest.mark.django_db

BUCKET = "icrtop-media-test"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    server = Path(sys.executable).parent / "moto_server"
    port = free_port()
    process = subprocess.Popen(
        [str(server), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)  # noqa: S310 - loopback test server
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("moto_server did not start") from None
            time.sleep(0.2)
    yield url
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


@pytest.fixture
def s3_storage(s3_endpoint, settings, monkeypatch):
    import boto3

    for name, value in {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_ACCESS_KEY_ID": "test-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
        "AWS_S3_REGION_NAME": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
        region_name="us-east-1",
    )
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
