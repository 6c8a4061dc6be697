"""Tests: only overrides. A fast password hasher, no SSL redirect, plain static storage."""

import atexit
import os
import re
import shutil
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
# pytest-xdist runs the suite in workers side by side (PYTEST_XDIST_WORKER: gw0, gw1, ...). pytest-django
# gives each its own test database; here each also gets its own media folder and its own Redis
# database (a test empties the cache, and FLUSHDB empties a whole Redis database).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = os.environ.get(
    "TEST_MEDIA_ROOT", os.path.join(tempfile.gettempdir(), "-".join(filter(None, ["icrtop-test-media", WORKER])))
)
if REDIS_URL and WORKER:
    CACHES["default"]["LOCATION"] = re.sub(r"(/\d*)?$", f"/{int(WORKER.removeprefix('gw')) + 1}", REDIS_URL, count=1)
elif not REDIS_URL and not os.environ.get("CACHE_DIR"):
    # The disk cache (the default of make run and production) in a folder per worker and run.
    CACHES["default"]["LOCATION"] = tempfile.mkdtemp(prefix="-".join(filter(None, ["icrtop-test-cache", WORKER, ""])))
    atexit.register(shutil.rmtree, CACHES["default"]["LOCATION"], True)
# make test-fast keeps its SQLite test databases between runs (pytest --reuse-db), so they are files.
if os.environ.get("TEST_DATABASE_FILE") and DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_FILE"]}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = os.environ.get("AXES_ENABLED", "0") == "1"
WAGTAILADMIN_BASE_URL = "http://testserver"
ENGAGEMENT_MIN_FILL_SECONDS = 0  # tests of the minimum fill time set it themselves
ENGAGEMENT_NOTIFY_EMAILS = ["staff@example.org"]
# The full-page cache would answer repeated requests of one test without rendering; the tests of
# the page cache (tests/test_sitecache*.py) switch it on. Headers, compression and the chrome's
# fragment caches stay as in production.
SITECACHE_PAGE_CACHE = os.environ.get("SITECACHE_PAGE_CACHE", "0") == "1"
# Tests log staff in with force_login; the two-factor tests (tests/test_two_factor.py) turn this on.
# The browser tests run the production settings, where it is always on.
TWO_FACTOR_REQUIRED = False
