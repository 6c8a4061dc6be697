"""The sitemap: every public page, every member profile and the other addresses routable pages
answer (``sitemap_routes``: the UN texts, the member map), in every language, with hreflang
alternates and ``<lastmod>``. Sample content (pages or records flagged ``is_sample``) is left out."""

from django.apps import apps
from django.conf import settings
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models


def _entries(item, locations, lastmod):
    alternates = [{"lang_code": code, "location": url} for code, url in locations.items() if url]
    if locations.get(settings.LANGUAGE_CODE):
        alternates.append({"lang_code": "x-default", "location": locations[settings.LANGUAGE_CODE]})
    return [
        {"item": item, "location": url, "lastmod": lastmod, "alternates": alternates}
        for url in locations.values()
        if url
    ]


def sample_page_ids():
    """The ids of the pages flagged as sample content, whatever their type."""
    ids = Page.objects.none().values("pk")
    queries = [
        model.objects.filter(is_sample=True).order_by().values("pk")
        for model in apps.get_models()
        if issubclass(model, Page)
        and any(field.name == "is_sample" for field in model._meta.concrete_fields)
        and model._meta.get_field("is_sample").model is model
    ]
    for query in queries:
        ids = ids.union(query)
    return ids


class MultilingualSitemap(Sitemap):
    def items(self):
        return super().items().exclude(pk__in=sample_page_ids())

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list.iterator():
            locations = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    locations[code] = item.get_full_url(self.request)
            lastmod = self.lastmod(item)
            last_mods.add(lastmod)
            urls.extend(_entries(item, locations, lastmod))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class MemberProfileSitemap(Sitemap):
    """The member profiles (routes of the member directory page), in every language."""

    def directory(self):
        from pages.models import MemberDirectoryPage

        return MemberDirectoryPage.objects.live().public().first()

    def items(self):
        from members.models import MemberOrganisation

        if self.directory() is None:
            return MemberOrganisation.objects.none()
        return MemberOrganisation.objects.published().filter(is_sample=False).order_by("pk")

    def lastmod(self, member):
        return member.updated_at

    def _urls(self, page, protocol, domain):
        directory = self.directory()
        urls = []
        last_mods = set()
        bases = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                bases[code] = directory.get_full_url(self.request) if directory is not None else None
        for member in self.paginator.page(page).object_list:
            path = directory.reverse_subpage("profile", kwargs={"slug": member.slug})
            locations = {code: (base + path if base else None) for code, base in bases.items()}
            last_mods.add(member.updated_at)
            urls.extend(_entries(member, locations, member.updated_at))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class PageRoutesSitemap(Sitemap):
    """The sub-addresses of routable pages that list them in ``sitemap_routes()`` ([(sub-path,
    last change or None)]): a UN text under the tracker, the member map under the directory."""

    def items(self):
        models = [model for model in get_page_models() if callable(getattr(model, "sitemap_routes", None))]
        if not models:
            return []
        routes = []
        for page in Page.objects.live().public().type(*models).order_by("path").specific():
            routes.extend((page, sub_path, lastmod) for sub_path, lastmod in page.sitemap_routes())
        return routes

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        bases = {}
        for owner, sub_path, lastmod in self.paginator.page(page).object_list:
            if owner.pk not in bases:
                bases[owner.pk] = {}
                for code, _name in settings.LANGUAGES:
                    with translation.override(code):
                        bases[owner.pk][code] = owner.get_full_url(self.request)
            locations = {code: (base + sub_path if base else None) for code, base in bases[owner.pk].items()}
            last_mods.add(lastmod)
            urls.extend(_entries(sub_path, locations, lastmod))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


SITEMAPS = {"pages": MultilingualSitemap, "members": MemberProfileSitemap, "routes": PageRoutesSitemap}
