"""Enrolment codes: what, besides the password, lets an account set up two-factor authentication.

A password alone must not be enough to take over an account that has no second factor yet (a new
account, or one whose 2FA was reset): whoever sees the authenticator key can enrol their own phone.
So the setup page shows the key only after a single-use, short-lived code:

- e-mailed to the account's address when its owner asks (``TWO_FACTOR_ENROLMENT_CODE_MINUTES``,
  15 minutes; at most ``TWO_FACTOR_ENROLMENT_MAILS_PER_HOUR`` mails an hour);
- or issued by an administrator (*Settings › Users*, or ``manage.py issue_2fa_code``) to pass on by
  another way, for an account without a reachable address (``TWO_FACTOR_ISSUED_CODE_HOURS``, 2 hours).

Issuing a code voids the account's earlier unused ones; a 2FA reset voids them all. Every code sent,
issued, accepted or refused is recorded in the audit trail.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from .models import EnrolmentCode

CODE_DIGITS = 8


def _digest(user, code):
    normalised = "".join(ch for ch in str(code) if ch.isdigit())
    return salted_hmac("security.enrolment-code", f"{user.pk}:{normalised}").hexdigest()


def issue(user, by=None, by_administrator=False):
    """A new code for ``user`` (returned once, never stored in clear); earlier unused codes stop
    working. An administrator's (``by``, or the command line) lasts longer than an e-mailed one."""
    code = "".join(secrets.choice("0123456789") for _i in range(CODE_DIGITS))
    if by is None and not by_administrator:
        lifetime = timedelta(minutes=settings.TWO_FACTOR_ENROLMENT_CODE_MINUTES)
    else:
        lifetime = timedelta(hours=settings.TWO_FACTOR_ISSUED_CODE_HOURS)
    with transaction.atomic():
        void(user)
        EnrolmentCode.objects.create(
            user=user, digest=_digest(user, code), expires_at=timezone.now() + lifetime, issued_by=by
        )
    return f"{code[:4]} {code[4:]}"


def void(user):
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()


def redeem(user, code):
    """Uses ``code`` if it is ``user``'s, unused and not expired; the code or None. Atomic: a code
    works once even if it is sent twice at the same moment."""
    now = timezone.now()
    candidates = EnrolmentCode.objects.filter(
        user=user, digest=_digest(user, code), used_at__isnull=True, expires_at__gt=now
    )
    found = candidates.first()
    if found is None or not EnrolmentCode.objects.filter(pk=found.pk, used_at__isnull=True).update(used_at=now):
        return None
    return found


def masked(email):
    """``a•••@example.org``: enough for the owner to recognise, little for anyone else."""
    local, _at, domain = (email or "").partition("@")
    return f"{local[:1]}•••@{domain}" if domain else ""


def send(user, request):
    """E-mails a new code to ``user``; True if the mail server took it."""
    code = issue(user)
    context = {
        "user": user,
        "code": code,
        "minutes": settings.TWO_FACTOR_ENROLMENT_CODE_MINUTES,
        "setup_url": request.build_absolute_uri(request.path),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    try:
        send_mail(
            _("Your code to set up two-factor authentication"),
            render_to_string("security/email/enrolment_code.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
    except Exception:  # noqa: BLE001 - smtplib errors, a refused address, a server down: say so
        void(user)
        return False
    return True
