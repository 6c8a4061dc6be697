"""System checks: security.txt must not be expired nor more than a year ahead (RFC 9116 §2.5.5);
production must require 2FA for everyone."""

import datetime

from django.conf import settings
from django.core import checks
from django.utils.dateparse import parse_datetime


@checks.register(checks.Tags.security, deploy=True)
def security_txt_expiry(app_configs, **kwargs):
    expires = parse_datetime(settings.SECURITY_TXT_EXPIRES or "")
    if expires is None or expires.tzinfo is None:
        return [
            checks.Error(
                "SECURITY_TXT_EXPIRES must be an ISO 8601 date and time with a zone, e.g. 2027-11-28T00:00:00Z.",
                id="security.E001",
            )
        ]
    now = datetime.datetime.now(datetime.UTC)
    if expires <= now:
        return [checks.Warning("security.txt has expired: set SECURITY_TXT_EXPIRES.", id="security.W001")]
    if expires > now + datetime.timedelta(days=366):
        return [checks.Warning("security.txt expires more than a year from now (RFC 9116).", id="security.W002")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def two_factor_required(app_configs, **kwargs):
    if not settings.TWO_FACTOR_REQUIRED or settings.TWO_FACTOR_EXEMPT_USERNAMES:
        return [
            checks.Warning(
                "Two-factor authentication is not required for every staff account.",
                hint="Production sets TWO_FACTOR_REQUIRED = True and no TWO_FACTOR_EXEMPT_USERNAMES.",
                id="security.W003",
            )
        ]
    return []
