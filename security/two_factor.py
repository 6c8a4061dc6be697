"""Two-factor authentication for the Wagtail admin, on django-otp: a TOTP device (any authenticator
app) and one-time recovery codes (a static device).

- ``setup``: enrolment on first login. First a single-use code e-mailed to the account (or issued by
  an administrator, ``security.enrolment``): the password alone never shows the key. Then the QR
  code (drawn on the server as an SVG data URI) or the key to type, confirmed by a first code from
  the app; then the recovery codes are shown once;
- ``verify``: the code asked after the password, in every new session; rate limited per account and
  per address, and every refusal is recorded (audit trail and django-otp's own throttling);
- ``manage``: the account's status and new recovery codes (Account menu);
- ``reset``: an administrator removes a user's devices (lost phone); the user enrols again at the
  next login, all their sessions end, and the reset is recorded.
"""

import base64
import time
from importlib import import_module

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import client_ip, log_action
from core.ratelimit import address_key, hit

from . import enrolment
from .middleware import is_exempt

NEW_CODES_SESSION_KEY = "two_factor_new_recovery_codes"
ENROLMENT_SESSION_KEY = "two_factor_enrolment_allowed"
ENROLMENT_WINDOW = 30 * 60  # seconds between the accepted enrolment code and the app's first code
RECOVERY_DEVICE_NAME = "recovery codes"


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the e-mail"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )


class CodeForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _rate_limited(request):
    """Counts one attempt; True when this account or this address tried too often."""
    limit, window = settings.TWO_FACTOR_RATE_LIMIT, settings.TWO_FACTOR_RATE_WINDOW
    by_user = hit("2fa-user", request.user.pk, limit, window)
    by_ip = hit("2fa-ip", address_key(client_ip(request)), limit * 3, window)
    return not (by_user and by_ip)


def new_recovery_codes(user):
    """Replaces the user's recovery codes with TWO_FACTOR_RECOVERY_CODES new ones (returned once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def end_sessions(user, keep_session_key=None):
    """Ends every session of ``user`` but ``keep_session_key`` (database-backed session engines)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key == keep_session_key:
            continue
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


def _code_page(request, template, context, status=200):
    context.setdefault("next", _next_url(request))
    context.setdefault("exempt", is_exempt(request.user))
    return TemplateResponse(request, template, context, status=status)


def enrolment_allowed(request):
    """Whether this session passed an enrolment code for its user within ``ENROLMENT_WINDOW``."""
    allowed = request.session.get(ENROLMENT_SESSION_KEY) or {}
    return allowed.get("user") == request.user.pk and allowed.get("until", 0) > time.time()


def enrolment_code_step(request):
    """Before the key is shown: ask for a code by e-mail, or type one (e-mailed or from an administrator)."""
    user = request.user
    form = EnrolmentCodeForm(request.POST if request.method == "POST" and "code" in request.POST else None)
    status = 200
    if request.method == "POST" and request.POST.get("action") == "send":
        if not user.email:
            messages.error(request, _("Your account has no e-mail address. Ask an administrator for a code."))
        elif not hit("2fa-enrol-mail", user.pk, settings.TWO_FACTOR_ENROLMENT_MAILS_PER_HOUR, 3600):
            messages.error(request, _("Several codes were sent in the last hour. Use the latest one, or wait."))
        elif enrolment.send(user, request):
            log_action("icrtop.2fa_code_sent", user, user=user, data={"ip": client_ip(request)})
            messages.success(
                request,
                _("We sent a code to %(address)s. It works once, for %(minutes)d minutes.")
                % {"address": enrolment.masked(user.email), "minutes": settings.TWO_FACTOR_ENROLMENT_CODE_MINUTES},
            )
        else:
            messages.error(
                request,
                _("The e-mail could not be sent. Try again in a few minutes, or ask an administrator for a code."),
            )
        return redirect(f"{reverse('two_factor_setup')}?next={_next_url(request)}")
    if form.is_bound:
        if _rate_limited(request):
            form.add_error(None, _("Too many attempts. Wait a few minutes, then try again."))
            status = 429
        elif form.is_valid() and (used := enrolment.redeem(user, form.cleaned_data["code"])) is not None:
            request.session[ENROLMENT_SESSION_KEY] = {"user": user.pk, "until": time.time() + ENROLMENT_WINDOW}
            # A key shown before (to anybody) is never the one enrolled: a new one from here on.
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            log_action(
                "icrtop.2fa_code_used",
                user,
                user=user,
                data={
                    "ip": client_ip(request),
                    "issued_by": used.issued_by.get_username() if used.issued_by else "e-mail",
                },
            )
            return redirect(f"{reverse('two_factor_setup')}?next={_next_url(request)}")
        else:
            if form.is_valid():
                form.add_error("code", _("This code is not valid or has expired. Ask for a new one."))
            log_action("icrtop.2fa_failed", user, user=user, data={"ip": client_ip(request), "step": "enrolment code"})
            status = 400
    context = {"form": form, "address": enrolment.masked(user.email)}
    return _code_page(request, "security/two_factor_enrolment_code.html", context, status=status)


@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    if user_has_device(user):
        if not user.is_verified():
            return redirect(f"{reverse('two_factor_verify')}?next={_next_url(request)}")
        return redirect("two_factor_manage")
    if not enrolment_allowed(request):
        response = enrolment_code_step(request)
        response["Cache-Control"] = "no-store"
        return response
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _rate_limited(request):
            form.add_error(None, _("Too many attempts. Wait a few minutes, then try again."))
            status = 429
        elif form.is_valid() and device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = new_recovery_codes(user)
            otp_login(request, device)
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            request.session[NEW_CODES_SESSION_KEY] = codes
            log_action("icrtop.2fa_enrol", user, user=user, data={"ip": client_ip(request)})
            return redirect(f"{reverse('two_factor_recovery_codes')}?next={_next_url(request)}")
        else:
            if form.is_valid():
                form.add_error("token", _("This code is not valid. Check the time on your phone and try again."))
            log_action("icrtop.2fa_failed", user, user=user, data={"ip": client_ip(request), "step": "enrolment"})
            status = 400
    qr = segno.make(device.config_url, error="m")
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    context = {
        "form": form,
        "qr_data_uri": qr.svg_data_uri(scale=5, border=2, dark="#000", light="#fff"),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    response = _code_page(request, "security/two_factor_setup.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if not user_has_device(user):
        return redirect(f"{reverse('two_factor_setup')}?next={_next_url(request)}")
    if user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _rate_limited(request):
            form.add_error(None, _("Too many attempts. Wait a few minutes, then try again."))
            log_action("icrtop.2fa_failed", user, user=user, data={"ip": client_ip(request), "reason": "rate limit"})
            status = 429
        elif form.is_valid():
            device = match_token(user, form.cleaned_data["token"])
            if device is not None:
                otp_login(request, device)
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    log_action(
                        "icrtop.2fa_recovery_used", user, user=user, data={"ip": client_ip(request), "left": left}
                    )
                    messages.warning(
                        request,
                        _("You logged in with a recovery code; %(left)d are left. Generate new ones if you need to.")
                        % {"left": left},
                    )
                else:
                    log_action("icrtop.2fa_verified", user, user=user, data={"ip": client_ip(request)})
                return redirect(_next_url(request))
            failures = sum(d.throttling_failure_count for d in TOTPDevice.objects.filter(user=user, confirmed=True))
            log_action("icrtop.2fa_failed", user, user=user, data={"ip": client_ip(request), "failures": failures})
            form.add_error("token", _("This code is not valid. Try the current code or a recovery code."))
            status = 400
        else:
            status = 400
    return _code_page(request, "security/two_factor_verify.html", {"form": form}, status=status)


def recovery_codes(request):
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("two_factor_manage")
    response = _code_page(request, "security/two_factor_recovery_codes.html", {"codes": codes})
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def manage(request):
    user = request.user
    if request.method == "POST":
        request.session[NEW_CODES_SESSION_KEY] = new_recovery_codes(user)
        log_action("icrtop.2fa_recovery_new", user, user=user, data={"ip": client_ip(request)})
        return redirect(f"{reverse('two_factor_recovery_codes')}?next={reverse('two_factor_manage')}")
    totp = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    static = StaticDevice.objects.filter(user=user, confirmed=True).first()
    context = {
        "totp": totp,
        "codes_left": static.token_set.count() if static else 0,
        "exempt": is_exempt(user),
    }
    return TemplateResponse(request, "security/two_factor_manage.html", context)


def can_reset(user):
    return user.is_superuser or user.has_perm("auth.change_user")


@require_http_methods(["GET", "POST"])
def reset(request, user_id):
    if not can_reset(request.user):
        raise PermissionDenied
    target = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        reset_two_factor(target, by=request.user, ip=client_ip(request))
        messages.success(
            request,
            _("Two-factor authentication of %(user)s was reset; they will set it up at their next login.")
            % {"user": target.get_username()},
        )
        return redirect("wagtailusers_users:index")
    context = {"target": target, "has_device": user_has_device(target)}
    return TemplateResponse(request, "security/two_factor_reset.html", context)


@require_http_methods(["GET", "POST"])
def issue_code(request, user_id):
    """An administrator issues an enrolment code for a user (shown once, to pass on by another way)."""
    if not can_reset(request.user):
        raise PermissionDenied
    target = get_object_or_404(get_user_model(), pk=user_id)
    code = None
    if request.method == "POST":
        code = issue_enrolment_code(target, by=request.user, ip=client_ip(request))
    context = {
        "target": target,
        "has_device": user_has_device(target),
        "code": code,
        "hours": settings.TWO_FACTOR_ISSUED_CODE_HOURS,
    }
    response = TemplateResponse(request, "security/two_factor_issue_code.html", context)
    response["Cache-Control"] = "no-store"
    return response


def issue_enrolment_code(target, by=None, ip=""):
    """A code for ``target`` issued by an administrator (``by``; None from the command line), recorded."""
    code = enrolment.issue(target, by=by, by_administrator=True)
    log_action(
        "icrtop.2fa_code_issued",
        target,
        user=by,
        data={"ip": ip, "hours": settings.TWO_FACTOR_ISSUED_CODE_HOURS},
    )
    return code


def reset_two_factor(target, by=None, ip=""):
    """Removes every device and unused enrolment code of ``target``, ends all their sessions and
    records it. They enrol again at their next login, with a new enrolment code."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=target).delete()
        StaticDevice.objects.filter(user=target).delete()
        enrolment.void(target)
    ended = end_sessions(target)
    log_action("icrtop.2fa_reset", target, user=by, data={"ip": ip, "sessions_ended": ended})
    return ended
