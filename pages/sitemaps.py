"""A sitemap that lists every page in every language, with hreflang alternates."""

from django.conf import settings
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap


class MultilingualSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list.iterator():
            locations = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    locations[code] = item.get_full_url(self.request)
            alternates = [{"lang_code": code, "location": url} for code, url in locations.items() if url]
            if locations.get(settings.LANGUAGE_CODE):
                alternates.append({"lang_code": "x-default", "location": locations[settings.LANGUAGE_CODE]})
            lastmod = self.lastmod(item)
            last_mods.add(lastmod)
            for url in locations.values():
                if url:
                    urls.append({"item": item, "location": url, "lastmod": lastmod, "alternates": alternates})
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
