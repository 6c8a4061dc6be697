"""The admin's Users (Settings → Users): each user's groups in the list, and the purpose of each group
beside its checkbox on the Roles tab (Wagtail's ``user_viewset``).

``core.users_app.UsersAppConfig`` replaces ``wagtail.users`` in ``INSTALLED_APPS`` (same label), so
that the list shows who is an Editor, a Moderator, a Translator or Membership staff at a glance, and
whoever gives a role reads what it allows (``core.staff_roles``)."""

from django import forms
from django.contrib.auth.models import Group, PermissionsMixin
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import IndexView, UserViewSet

from core.staff_roles import group_label, group_purpose


def group_names(user):
    return ", ".join(sorted(str(group_label(group.name)) for group in user.groups.all())) or "—"


class GroupChoiceField(forms.ModelMultipleChoiceField):
    """A group's checkbox reads its translated name and, for the site's groups, what its members do."""

    def label_from_instance(self, obj):
        purpose = group_purpose(obj.name)
        if not purpose:
            return group_label(obj.name)
        return format_html('{} <span class="w-help-text">— {}</span>', group_label(obj.name), purpose)


GROUPS_FIELD = {
    "queryset": Group.objects.all(),
    "required": False,
    "label": capfirst(PermissionsMixin._meta.get_field("groups").verbose_name),
    "help_text": PermissionsMixin._meta.get_field("groups").help_text,  # Django's own, translated by Django
    "widget": forms.CheckboxSelectMultiple,
}


class SiteUserCreationForm(UserCreationForm):
    groups = GroupChoiceField(**GROUPS_FIELD)


class SiteUserEditForm(UserEditForm):
    groups = GroupChoiceField(**GROUPS_FIELD)


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

    def get_form_class(self, for_update=False):
        return SiteUserEditForm if for_update else SiteUserCreationForm
