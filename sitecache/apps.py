from django.apps import AppConfig


class SiteCacheConfig(AppConfig):
    name = "sitecache"
    verbose_name = "Site cache"

    def ready(self):
        from . import signals

        signals.connect()
