"""Staff sessions and the second factor. Order in MIDDLEWARE (after AuthenticationMiddleware):
``django_otp.middleware.OTPMiddleware``, ``StaffSessionMiddleware``, ``RequireTwoFactorMiddleware``."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django_otp import user_has_device

from core.audit import log_action

ADMIN_PREFIX = "/admin/"
ACTIVITY_KEY = "staff_last_activity"
ACTIVITY_RESOLUTION = 60  # seconds: the session is written at most once a minute for this


def is_staff_user(user):
    """An account that can enter the Wagtail admin (editors, moderators, translators, admins…)."""
    return bool(
        user.is_authenticated and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def is_exempt(user):
    """Only the dev settings list an exempt user (the local admin of `make run`)."""
    return user.get_username() in settings.TWO_FACTOR_EXEMPT_USERNAMES


def has_session_cookie(request):
    # Without a session cookie there is nobody logged in: leave the session untouched, so public
    # pages keep no "Vary: Cookie" and stay cacheable.
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class StaffSessionMiddleware:
    """A staff session ends after STAFF_SESSION_IDLE_TIMEOUT seconds without a request and when the
    browser closes (the admin's "Remember me" does not keep it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_session_cookie(request) and is_staff_user(request.user):
            now = int(time.time())
            last = request.session.get(ACTIVITY_KEY)
            if last is not None and now - last > settings.STAFF_SESSION_IDLE_TIMEOUT:
                user = request.user
                logout(request)
                log_action("icrtop.logout", user, user=user, data={"reason": "inactivity"})
            else:
                if last is None or now - last >= ACTIVITY_RESOLUTION:
                    request.session[ACTIVITY_KEY] = now
                if not request.session.get_expire_at_browser_close():
                    request.session.set_expiry(0)
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """No admin page for a staff account that has not passed its second factor in this session:
    it goes to the code page, or to enrolment when it has no device yet."""

    allowed_url_names = (
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "two_factor_verify",
        "two_factor_setup",
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed = None

    def allowed_paths(self):
        if self._allowed is None:
            self._allowed = {reverse(name) for name in self.allowed_url_names}
        return self._allowed

    def __call__(self, request):
        if (
            settings.TWO_FACTOR_REQUIRED
            and request.path_info.startswith(ADMIN_PREFIX)
            and has_session_cookie(request)
            and request.path_info not in self.allowed_paths()
        ):
            user = request.user
            if is_staff_user(user) and not user.is_verified() and not is_exempt(user):
                name = "two_factor_verify" if user_has_device(user) else "two_factor_setup"
                return redirect_to_login(request.get_full_path(), login_url=reverse(name))
        return self.get_response(request)
