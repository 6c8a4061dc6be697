"""Make sure a local admin account exists (used by ``make run``).

Credentials come from ``ICRTOP_ADMIN_USERNAME`` / ``ICRTOP_ADMIN_PASSWORD`` / ``ICRTOP_ADMIN_EMAIL``;
without a password a random one is generated and printed once, when the account is created.
An existing account is never changed.
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the local admin account if there is none (credentials printed once)."

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ICRTOP_ADMIN_USERNAME", "admin")
        host = os.environ.get("HOST") or "127.0.0.1"
        port = os.environ.get("PORT") or "8000"
        admin_url = f"http://{host}:{port}/admin/"
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin account '{username}' already exists; left unchanged ({admin_url}). Forgot its password? "
                f".venv/bin/python manage.py changepassword {username}"
            )
            return
        password = os.environ.get("ICRTOP_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        email = os.environ.get("ICRTOP_ADMIN_EMAIL", "admin@example.org")
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Created the local admin account for {admin_url}"))
        self.stdout.write(f"  username: {username}")
        if "ICRTOP_ADMIN_PASSWORD" in os.environ:
            self.stdout.write("  password: (from ICRTOP_ADMIN_PASSWORD)")
        else:
            self.stdout.write(f"  password: {password}   <- shown only this once; change it in the admin")
        if username in getattr(settings, "TWO_FACTOR_EXEMPT_USERNAMES", ()):
            self.stdout.write(
                "  two-factor: not asked of this local development account (settings.dev); every other "
                "account enrols, and production exempts none"
            )
