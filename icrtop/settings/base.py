"""Settings shared by every environment.

Environment-specific modules (``dev``, ``test``, ``production``) import everything from here and
override only what differs. Configuration that changes between deployments is read from the
environment; nothing secret lives in this file.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from core.countries import un_country_overrides

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Where the shared content folder (``../shared/content``) lives; the initial-content command reads it.
SHARED_CONTENT_DIR = Path(os.environ.get("ICRTOP_SHARED_CONTENT_DIR", BASE_DIR.parent / "shared" / "content"))

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before modeltranslation and before the translated apps.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "core",
    "security",
    "pages",
    "members",
    "offices",
    "publishing",
    "resources",
    "untexts",
    "events",
    "sitesearch",
    "engagement",
    "translations",
    "sitecache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "core.users_app.UsersAppConfig",  # wagtail.users, with the groups in its Users list
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "phonenumber_field",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # The visitor's address from the trusted proxies' X-Forwarded-For (TRUSTED_PROXIES), first of all.
    "icrtop.middleware.TrustedProxyMiddleware",
    # /healthz and /metrics for the private network: no host check, no HTTPS or language redirect.
    "icrtop.middleware.InternalEndpointsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # TRACE, PUT... answer 405 and OPTIONS an empty 200 before anything renders.
    "icrtop.middleware.HttpMethodMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The page cache, compression, validators and Cache-Control (sitecache/middleware.py explains
    # the order): outside everything that may set a cookie or use a CSRF token.
    "sitecache.middleware.PageCacheMiddleware",
    "sitecache.middleware.CompressionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "sitecache.middleware.HttpCachePolicyMiddleware",
    "icrtop.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "icrtop.middleware.EnglishAddressRedirectMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.StaffSessionMiddleware",
    "security.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "icrtop.middleware.SecurityHeadersMiddleware",
    "icrtop.middleware.SiteCSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's site, route and view-restriction lookups, cached per content generation.
    "sitecache.routing.RouteCacheMiddleware",
    # Admin writes of one page one after the other (autosave and "Publish" at once): last of all.
    "icrtop.middleware.SerializedPageWritesMiddleware",
]

ROOT_URLCONF = "icrtop.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "icrtop.wsgi.application"

# Database: DATABASE_URL (postgres://user:pass@host:port/name) or an SQLite file by default.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers (or runserver and a shell) on one SQLite file: readers never wait for a
    # writer (WAL), writers queue for up to 20 s instead of failing at once, and a transaction takes its
    # write lock when it begins, so it cannot fail half-way ("database is locked" was a 500 under load).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out client is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation -------------------------------------------------------------------
# The six official UN languages. English is the default and the fallback for missing translations.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Simplified Chinese")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]

# Country names as the United Nations writes them (UN M49 / UNTERM short names, in the six languages)
# where django-countries' own differ ("Syria", "Vietnam", "Micronésie (États Fédérés de)"): listed in
# core/un_country_names.csv (docs/translators.md).
COUNTRIES_OVERRIDE = un_country_overrides()
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True  # "View / edit fields for EN FR ES AR ZH-HANS RU" toggles
WAGTAILMODELTRANSLATION_LOCALE_PICKER_RESTORE = True  # the admin remembers which languages a translator shows

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Static files: no "Access-Control-Allow-Origin: *" (the site loads its own fonts and scripts from its
# own origin; nothing needs to read them from another), and the same resource policy as the pages.
WHITENOISE_ALLOW_ALL_ORIGINS = False


def _static_file_headers(headers, path, url):
    headers["Cross-Origin-Resource-Policy"] = "same-origin"


WHITENOISE_ADD_HEADERS_FUNCTION = _static_file_headers


def s3_storage_from_environment():
    """Media (images, renditions, documents) on S3-compatible object storage when
    AWS_STORAGE_BUCKET_NAME is set; endpoint, region and credentials from the environment too.
    AWS_S3_PUBLIC_URL (compose: "/"): visitors get that address + the object's key (/media/images/…,
    served by Caddy from the bucket) instead of a URL on the object store's own, often private, host
    (core/storage.py)."""
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return None
    options = {
        "bucket_name": bucket,
        "file_overwrite": False,
        "default_acl": None,
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
        "location": os.environ.get("AWS_LOCATION", "media"),
    }
    for option, variable in [
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
        ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
        ("public_url", "AWS_S3_PUBLIC_URL"),
    ]:
        if os.environ.get(variable):
            options[option] = os.environ[variable]
    return {"BACKEND": "core.storage.PublicMediaS3Storage", "OPTIONS": options}


if s3_storage_from_environment():
    STORAGES["default"] = s3_storage_from_environment()

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "ICRtoP"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False  # one page tree; translations live in modeltranslation columns
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no outside network
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "csv", "txt", "rtf", "ppt", "pptx", "odp"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]  # no SVG
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# --- Security defaults (production tightens the transport settings) -------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Other sites may not embed the site's responses (pages, images, scripts) as resources
# (icrtop.middleware.SecurityHeadersMiddleware; static files below).
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()"

# Content-Security-Policy (django-csp 4). Public pages: no inline script, no third parties.
# /admin/ gets its own, looser policy from icrtop.middleware (Wagtail's admin needs inline code).
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Violations are reported to the site (security.views.csp_report; staff read them under
        # Reports › CSP reports). report-to names the endpoint of the Reporting-Endpoints header.
        "report-uri": ["/csp-report/?policy=public"],
        "report-to": ["csp-public"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "report-uri": ["/csp-report/?policy=admin"],
    "report-to": ["csp-admin"],
}
# A trial of a stricter admin policy, sent as Content-Security-Policy-Report-Only beside the real
# one (ADMIN_CSP_TRIAL=1): what it would block is reported (policy "admin-trial"), nothing is blocked.
ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY = None
if env_bool("ADMIN_CSP_TRIAL"):
    ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        **ADMIN_CONTENT_SECURITY_POLICY,
        "script-src": [SELF],
        "report-uri": ["/csp-report/?policy=admin-trial"],
        "report-to": ["csp-admin-trial"],
    }
# Reporting API endpoints (the Reporting-Endpoints header, icrtop.middleware.SecurityHeadersMiddleware).
CSP_REPORTING_ENDPOINTS = {
    "csp-public": "/csp-report/?policy=public",
    "csp-admin": "/csp-report/?policy=admin",
    "csp-admin-trial": "/csp-report/?policy=admin-trial",
}

# --- Staff accounts: two-factor authentication and sessions (docs/security.md) ---------------
# Every account that can enter the Wagtail admin must pass a second factor (TOTP app or a one-time
# recovery code; django-otp). Production forces this on (icrtop/settings/production.py).
TWO_FACTOR_REQUIRED = True
# User names that may skip 2FA: only the local admin of `make run`, only under the dev settings.
TWO_FACTOR_EXEMPT_USERNAMES = []
TWO_FACTOR_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = "ICRtoP"
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds; doubles with each failed code (django-otp's own throttling)
# A code or recovery code tried more than this many times in TWO_FACTOR_RATE_WINDOW seconds, per
# user and per address, is refused without being checked.
TWO_FACTOR_RATE_LIMIT = int(os.environ.get("TWO_FACTOR_RATE_LIMIT", "10"))
TWO_FACTOR_RATE_WINDOW = 300
# Enrolment needs more than the password: a single-use code e-mailed to the account (valid this many
# minutes, at most this many mails an hour) or issued by an administrator (valid this many hours).
TWO_FACTOR_ENROLMENT_CODE_MINUTES = int(os.environ.get("TWO_FACTOR_ENROLMENT_CODE_MINUTES", "15"))
TWO_FACTOR_ENROLMENT_MAILS_PER_HOUR = 3
TWO_FACTOR_ISSUED_CODE_HOURS = int(os.environ.get("TWO_FACTOR_ISSUED_CODE_HOURS", "2"))
# A staff session ends after this many seconds without a request, and when the browser closes.
STAFF_SESSION_IDLE_TIMEOUT = int(os.environ.get("STAFF_SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(12 * 60 * 60)))  # absolute limit

# --- security.txt (RFC 9116) and CSP violation reports ----------------------------------------
# Contact: mailto: or https: addresses, comma-separated; by default the site's contact page.
SECURITY_TXT_CONTACT = env_list("SECURITY_TXT_CONTACT")
SECURITY_TXT_EXPIRES = os.environ.get("SECURITY_TXT_EXPIRES", "2027-11-28T00:00:00Z")  # at most a year ahead
SECURITY_TXT_PREFERRED_LANGUAGES = os.environ.get("SECURITY_TXT_PREFERRED_LANGUAGES", "en, fr, es")
CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_REPORT_RATE_LIMIT = int(os.environ.get("CSP_REPORT_RATE_LIMIT", "30"))  # per address per minute
CSP_REPORT_MAX_NEW_PER_HOUR = int(os.environ.get("CSP_REPORT_MAX_NEW_PER_HOUR", "500"))  # new rows, all clients
CSP_REPORT_KEEP_DAYS = 90

# --- django-axes: lock an account+client after repeated failed logins -----------------------
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# The address django-axes locks: the visitor's, as the trusted proxies report it (core.proxies).
AXES_CLIENT_IP_CALLABLE = "core.audit.client_ip"

# --- The visitor's address behind proxies ------------------------------------------------------
# Addresses or networks (comma-separated) of the proxies in front of the site (Caddy, Varnish; see
# compose.yaml). Only their X-Forwarded-For is read, right to left, for the visitor's address; from
# anybody else every forwarding header is dropped (core/proxies.py). The rate limits, django-axes,
# the audit trail and HTTPS detection all use it; gunicorn's forwarded_allow_ips follows it too.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING"), "propagate": False},
    },
}
# LOG_FORMAT=json: one JSON object per line, for a log collector (icrtop/observability.py).
if os.environ.get("LOG_FORMAT", "").lower() == "json":
    LOGGING["formatters"] = {"json": {"()": "icrtop.observability.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"
    # Python's warnings too (logger py.warnings), not as bare lines on stderr.
    import logging

    logging.captureWarnings(True)

# --- Errors and metrics (docs/operations.md, "Errors, logs and metrics"), both opt-in -------------
# SENTRY_DSN: errors of the web servers and of every manage.py process (the scheduler) go to Sentry,
# without personal data (icrtop.observability.scrub_event).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from icrtop.observability import init_sentry

    init_sentry(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE", ""),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
# METRICS_TOKEN: Prometheus metrics at /metrics for a scraper sending "Authorization: Bearer <token>"
# (404 to anybody else; Caddy never forwards /metrics). Several gunicorn workers: also set
# PROMETHEUS_MULTIPROC_DIR to an empty folder so that a scrape sums every worker.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
if METRICS_TOKEN:
    INSTALLED_APPS.append("django_prometheus")
    MIDDLEWARE.insert(0, "django_prometheus.middleware.PrometheusBeforeMiddleware")
    MIDDLEWARE.append("django_prometheus.middleware.PrometheusAfterMiddleware")

SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# --- E-mail (docs/forms.md, docs/operations.md "E-mail") ----------------------------------------------------------
# EMAIL_URL (smtp://user:password@host:587/?tls=True, smtps://… for SSL, console:// …) or the usual
# EMAIL_HOST / EMAIL_PORT / EMAIL_HOST_USER / EMAIL_HOST_PASSWORD / EMAIL_USE_TLS / EMAIL_USE_SSL.
# Mail is never sent inside a request's transaction: it goes through the outbox (engagement.mail).
if os.environ.get("EMAIL_URL"):
    import dj_email_url

    _email = dj_email_url.parse(os.environ["EMAIL_URL"])
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # seconds; a hung server never holds a worker long
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ICRtoP <webmaster@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Engagement: membership applications, contact messages, newsletter ---------------------------
# Who gets the staff notifications (besides the active members of the "Membership staff" group
# that have an e-mail address): a comma-separated list.
ENGAGEMENT_NOTIFY_EMAILS = env_list("ENGAGEMENT_NOTIFY_EMAILS")
# Spam brakes: a form sent sooner than this after it was shown is refused (then kept for a new try).
ENGAGEMENT_MIN_FILL_SECONDS = int(os.environ.get("ENGAGEMENT_MIN_FILL_SECONDS", "3"))
ENGAGEMENT_FORM_MAX_AGE = 60 * 60 * 24  # a form left open for a day is shown again, values kept
# Submissions per visitor's address (N/s, N/m, N/h, N/d or N/15m; core.ratelimit), each form counted alone.
ENGAGEMENT_RATE_LIMIT = os.environ.get("ENGAGEMENT_RATE_LIMIT", "5/h")
# How long the newsletter's confirmation link works (and that of the alerts on a crisis, country or topic).
NEWSLETTER_CONFIRM_MAX_AGE_DAYS = int(os.environ.get("NEWSLETTER_CONFIRM_MAX_AGE_DAYS", "7"))
# What happened to followed crises, countries and topics (no personal data) is kept this long for the
# daily alert e-mails (manage.py send_alert_digests), then purge_personal_data removes it.
ALERT_EVENTS_KEEP_DAYS = int(os.environ.get("ALERT_EVENTS_KEEP_DAYS", "60"))
# Data retention in days (manage.py purge_personal_data; the privacy notice shows these numbers).
RETENTION_CONTACT_MESSAGES_DAYS = int(os.environ.get("RETENTION_CONTACT_MESSAGES_DAYS", "365"))
RETENTION_DECLINED_APPLICATIONS_DAYS = int(os.environ.get("RETENTION_DECLINED_APPLICATIONS_DAYS", "365"))
RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS = int(os.environ.get("RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS", "30"))
RETENTION_SENT_MAIL_DAYS = int(os.environ.get("RETENTION_SENT_MAIL_DAYS", "30"))
# A message the outbox could not send is retried by send_pending_mail this many times, then left
# for staff (it stays listed as failed).
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "50"))

# --- Caches ---------------------------------------------------------------------------------
# One cache for every process that serves or changes the site (pages, fragments, the content
# generation, rate limits); both backends fail soft (core/cache_backends.py: an unreachable Redis or a
# full disk reads as a miss, the site serves uncached pages, /healthz says so).
# - REDIS_URL (redis://host:6379/0): Redis, shared by every app server. Short socket timeouts
#   (CACHE_SOCKET_TIMEOUT seconds, default 0.5).
# - otherwise files in CACHE_DIR (default .cache/ in the checkout; production: a folder in the
#   temporary directory): diskcache, SQLite-indexed, shared by every process of the machine (the
#   server, manage.py commands, a shell), at most CACHE_SIZE_LIMIT_MB megabytes (default 512).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_DIR = os.environ.get("CACHE_DIR", "") or str(BASE_DIR / ".cache")
CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "5"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "icrtop"),
            "TIMEOUT": 3600,
            "OPTIONS": {
                "SOCKET_TIMEOUT": float(os.environ.get("CACHE_SOCKET_TIMEOUT", "0.5")),
                "RETRY_SECONDS": CACHE_RETRY_SECONDS,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.DiskCache",
            "LOCATION": CACHE_DIR,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "icrtop"),
            "TIMEOUT": 3600,
            "OPTIONS": {
                "RETRY_SECONDS": CACHE_RETRY_SECONDS,
                # diskcache culls the least recently stored entries beyond this size.
                "size_limit": int(os.environ.get("CACHE_SIZE_LIMIT_MB", "512")) * 2**20,
            },
        }
    }

# The page cache and HTTP caching (sitecache/conf.py lists every setting and its default).
SITECACHE_ENABLED = env_bool("SITECACHE_ENABLED", True)
SITECACHE_PAGE_CACHE = env_bool("SITECACHE_PAGE_CACHE", True)  # whole pages (off: headers only)
SITECACHE_BROWSER_MAX_AGE = int(os.environ.get("SITECACHE_BROWSER_MAX_AGE", "60"))
SITECACHE_SHARED_MAX_AGE = int(os.environ.get("SITECACHE_SHARED_MAX_AGE", "600"))
SITECACHE_PAGE_TIMEOUT = int(os.environ.get("SITECACHE_PAGE_TIMEOUT", "600"))
# Records whose changes never show on a public page (submissions, logs): saving them invalidates
# nothing. Entries are "app_label" or "app_label.ModelName".
SITECACHE_IGNORED_MODELS = [
    "pages.InitialContentRecord",
    "translations.TranslationSource",
    "engagement.MembershipApplication",
    "engagement.ContactMessage",
    "engagement.Subscriber",
    "engagement.FollowSubscription",
    "engagement.AlertEvent",
    "engagement.OutgoingMessage",
    "engagement.UsedFormStamp",
    # The search index follows the pages and records, which invalidate themselves; the synonyms staff
    # edit change what a search finds, so they do invalidate (the search reads them per generation).
    "sitesearch.SearchDocument",
    "sitesearch.SearchWord",
    "sitesearch.UnansweredSearch",
    # Wagtail's search-term counters (written by every search): visitor activity, never on a public page.
    "wagtailsearchpromotions.Query",
    "wagtailsearchpromotions.QueryDailyHits",
    "security",  # CSP violation reports, two-factor enrolment codes
    "core.ScheduledJob",  # the scheduler's bookkeeping (its first run creates the rows)
]


def frontend_cache_from_environment():
    """wagtail.contrib.frontend_cache backends: Varnish (HTTP PURGE), Cloudflare, CloudFront."""
    backends = {}
    if os.environ.get("FRONTEND_CACHE_VARNISH_URL"):
        backends["varnish"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_VARNISH_URL"],
        }
    if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
            "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
        }
    if os.environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": os.environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
        }
    return backends


WAGTAILFRONTENDCACHE = frontend_cache_from_environment()

# --- Scheduled jobs (core/scheduler.py; manage.py run_scheduled_jobs) -----------------------------
# Each management command runs at most once per this many seconds, wherever the scheduler runs (the
# make run loop, the compose service, cron): publish_scheduled makes pages go live and expire.
SCHEDULED_JOBS = {
    "publish_scheduled": 60,
    "send_pending_mail": 300,
    "purge_personal_data": 24 * 60 * 60,
    "send_alert_digests": 24 * 60 * 60,
}
# The admin warns when the scheduler has not run for this long.
SCHEDULER_STALE_AFTER = int(os.environ.get("SCHEDULER_STALE_AFTER", str(15 * 60)))
# Where a nightly backup runs (compose's backup service): /healthz reports "backup" and ?strict=1 fails
# when the last good one is older than this many hours. 0 (make run, tests): no backup expected.
BACKUP_MAX_AGE_HOURS = int(os.environ.get("BACKUP_MAX_AGE_HOURS", "0"))
