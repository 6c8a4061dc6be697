from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.i18n import set_language
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import datafiles
from events import views as events_views
from icrtop import views
from pages import member_data
from pages.sitemaps import SITEMAPS
from security import views as security_views
from sitesearch import views as search_views

handler400 = "icrtop.views.bad_request"
handler404 = "icrtop.views.page_not_found"
handler500 = "icrtop.views.server_error"

# Language-neutral URLs: health check, admin, documents, sitemap.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # /metrics (observability.metrics) is answered by icrtop.middleware.InternalEndpointsMiddleware.
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("csp-report/", security_views.csp_report, name="csp_report"),
    path(".well-known/security.txt", security_views.security_txt, name="security_txt"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # In production a reverse proxy may serve /media/ instead (see docs/operations.md). Only images: documents
    # are served through Wagtail's view (WAGTAILDOCS_SERVE_METHOD), which checks privacy settings.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:original_images|images)/.*)$", serve_static, {"document_root": settings.MEDIA_ROOT}
        ),
    ]

# Everything a visitor reads lives under a language prefix: /en/, /fr/, /es/, /ar/, /zh-hans/, /ru/.
# A bare "/" is redirected by LocaleMiddleware to the visitor's preferred language.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("members.csv", member_data.members_csv, name="members_csv"),
    path("members.json", member_data.members_json, name="members_json"),
    path("", include("offices.urls")),
    # iCalendar files of the events section (the page addresses end with "/", these with ".ics").
    re_path(r"^(?P<path>(?:[\w\-]+/)+)(?P<name>[\w\-]+)\.ics$", events_views.ics, name="events_ics"),
    # A listing's open data (the crisis levels, the UN texts): core.datafiles hands it to the page.
    # Never under admin/: LocaleMiddleware would otherwise send a missing admin file (/admin/x.csv) to
    # /en/admin/x.csv instead of answering 404.
    re_path(
        r"^(?!admin/)(?P<path>(?:[\w\-]+/)+)(?P<name>[\w\-]+)\.(?P<extension>csv|json)$",
        datafiles.page_data_file,
        name="page_data_file",
    ),
    path("", include("engagement.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
