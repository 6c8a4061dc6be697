"""The admin's Users list (Settings → Users) with each user's groups (Wagtail's ``user_viewset``).

``core.users_app.UsersAppConfig`` replaces ``wagtail.users`` in ``INSTALLED_APPS`` (same label), so
that the list shows who is an Editor, a Moderator, a Translator or Membership staff at a glance."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.users.views.users import IndexView, UserViewSet


def group_names(user):
    return ", ".join(sorted(group.name for group in user.groups.all())) or "—"


class UserIndexView(IndexView):
    @cached_property
    def columns(self):
        columns = list(super().columns)
        groups = Column("groups", accessor=group_names, label=_("Groups"), classname="groups", width="20%")
        columns.insert(3, groups)  # after the name and the username
        return columns

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("groups")


class SiteUserViewSet(UserViewSet):
    index_view_class = UserIndexView
