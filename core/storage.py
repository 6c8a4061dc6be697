"""Media on S3-compatible object storage, served to visitors from the site's own address.

Under compose the bucket lives on a private host (``http://objects:9000``) that no visitor can reach,
so a signed URL to it would be a broken image. With ``AWS_S3_PUBLIC_URL`` (compose: ``/``) the
storage writes to the bucket as before but gives visitors ``/media/images/…``: the object's key after
that prefix, on the site's own origin, over HTTPS. Caddy passes ``/media/images/*`` and
``/media/original_images/*`` to the bucket (deploy/caddy/Caddyfile), whose anonymous read policy covers
those two prefixes only (compose's ``objects-init``); documents and backups stay private (documents
are served through Wagtail's view, which checks their privacy). docs/operations.md, "Media on object
storage"."""

from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class PublicMediaS3Storage(S3Storage):
    """django-storages' S3 backend whose URLs are ``public_url`` + the object's key."""

    def get_default_settings(self):
        return {**super().get_default_settings(), "public_url": ""}

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.public_url:
            return super().url(name, parameters, expire, http_method)
        key = self._normalize_name(clean_name(name))
        return self.public_url.rstrip("/") + "/" + filepath_to_uri(key)
