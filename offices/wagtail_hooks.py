from wagtail.snippets.models import register_snippet

from .viewsets import OfficeViewSet

register_snippet(OfficeViewSet)
