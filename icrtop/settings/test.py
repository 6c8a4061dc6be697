"""Tests: only overrides. A fast password hasher, no SSL redirect, plain static storage."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", os.path.join(tempfile.gettempdir(), "icrtop-test-media"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = os.environ.get("AXES_ENABLED", "0") == "1"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests log staff in with force_login; the two-factor tests (tests/test_two_factor.py) turn this on.
# The browser tests run the production settings, where it is always on.
TWO_FACTOR_REQUIRED = False
