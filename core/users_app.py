"""``wagtail.users`` with the site's Users list (``core.users``): listed in ``INSTALLED_APPS`` in its
place, with the same label. Kept apart from the views, which an app config must not import."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "core.users.SiteUserViewSet"
