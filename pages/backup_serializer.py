"""The JSON serializer ``backup_site`` writes with: natural keys only where ids are not portable.

Content types and permissions are created by ``migrate`` in whatever order the apps come, so a
backup refers to them by natural key (``["pages", "homepage"]``). Everything else keeps its id:
revisions, logs and workflow states refer to pages and records by id in plain text, and Wagtail's
page natural key (the URL path) is ambiguous once URL paths are translated. Times keep their
microseconds.
"""

import datetime

from django.core.serializers.json import Deserializer  # noqa: F401 - part of the serializer module API
from django.core.serializers.json import Serializer as JSONSerializer

NATURAL_KEY_MODELS = {"contenttypes.contenttype", "auth.permission"}


class Serializer(JSONSerializer):
    def _value_from_field(self, obj, field):
        value = field.value_from_object(obj)
        if isinstance(value, (datetime.datetime, datetime.time)):
            return value.isoformat()  # Django's JSON encoder would cut microseconds to milliseconds
        return super()._value_from_field(obj, field)

    def _natural_for(self, field, handle):
        natural = self.use_natural_foreign_keys
        self.use_natural_foreign_keys = natural and field.remote_field.model._meta.label_lower in NATURAL_KEY_MODELS
        try:
            return handle()
        finally:
            self.use_natural_foreign_keys = natural

    def handle_fk_field(self, obj, field):
        return self._natural_for(field, lambda: super(Serializer, self).handle_fk_field(obj, field))

    def handle_m2m_field(self, obj, field):
        return self._natural_for(field, lambda: super(Serializer, self).handle_m2m_field(obj, field))
