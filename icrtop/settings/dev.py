"""Local development: DEBUG on, SQLite by default, a placeholder secret that only exists here."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")  # noqa: F405
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000")  # noqa: F405
# Mail is printed in the terminal unless EMAIL_URL points to a real server.
if not os.environ.get("EMAIL_URL"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The local admin account created by `make run` (pages/management/commands/ensure_admin.py) may skip
# two-factor authentication here, and only here: production requires it of every staff account.
TWO_FACTOR_EXEMPT_USERNAMES = [os.environ.get("ICRTOP_ADMIN_USERNAME", "admin")]
