"""The admin's side: applications, messages and subscribers under the "Coalition" menu (its
``submenu_hook``, so the members app needs to know nothing of this app), the decision, newsletter
and erasure views, and the history entries of approvals and declines.

Only the "Membership staff" group (migration 0002) and administrators hold the permissions these
views check; translators and editors see none of them.
"""

import django_filters
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import ERASE_PERMISSIONS, VIEW_SUBSCRIBERS, EngagementToolsViewSet, PermissionMenuItem
from .models import ContactMessage, FollowSubscription, MembershipApplication, Subscriber

COALITION_MENU = "register_coalition_menu_item"


class DecisionColumn(Column):
    def get_value(self, instance):
        if not instance.is_open:
            return ""
        return format_html(
            '<a class="button button-small" href="{}">{}</a>',
            reverse("engagement:application_decision", args=[instance.pk]),
            _("Approve or decline"),
        )


class ApplicationFilterSet(WagtailFilterSet):
    received_after = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Received from")
    )

    class Meta:
        model = MembershipApplication
        fields = ["status", "membership_type", "region", "country", "language"]


class MembershipApplicationViewSet(SnippetViewSet):
    model = MembershipApplication
    icon = "form"
    menu_label = _("Applications")
    menu_order = 400
    menu_hook = COALITION_MENU
    list_display = [
        "organisation_name",
        "country",
        "membership_type",
        "status",
        Column("created_at", label=_("Received"), sort_key="created_at"),
        DecisionColumn("decision", label=_("Decision")),
    ]
    filterset_class = ApplicationFilterSet
    search_backend_name = None
    search_fields = ["organisation_name", "acronym", "contact_name", "email", "city"]
    ordering = ["-created_at"]
    list_per_page = 50
    list_export = [
        "organisation_name",
        "acronym",
        "country",
        "city",
        "membership_type",
        "status",
        "contact_name",
        "email",
        "created_at",
    ]
    export_filename = "icrtop-membership-applications"


class ContactMessageViewSet(SnippetViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    menu_order = 410
    menu_hook = COALITION_MENU
    list_display = [
        "subject",
        "name",
        "office",
        "status",
        Column("created_at", label=_("Received"), sort_key="created_at"),
    ]
    list_filter = ["status", "office", "language"]
    search_backend_name = None
    search_fields = ["subject", "name", "email", "message"]
    ordering = ["-created_at"]
    list_per_page = 50


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Subscribers")
    menu_order = 420
    menu_hook = COALITION_MENU
    list_display = ["email", "language", "status", Column("created_at", label=_("Signed up"), sort_key="created_at")]
    list_filter = ["status", "language"]
    search_backend_name = None
    search_fields = ["email"]
    ordering = ["-created_at"]
    list_per_page = 100


class FollowSubscriptionViewSet(SnippetViewSet):
    """The addresses that follow a crisis, a country or a topic: for the Membership staff only (the
    model's view permission); other staff see the counts (``newsletter`` tools: alert counts)."""

    model = FollowSubscription
    icon = "mail"
    menu_label = _("Alert subscriptions")
    menu_order = 425
    menu_hook = COALITION_MENU
    list_display = [
        "email",
        "target",
        "language",
        "status",
        Column("created_at", label=_("Signed up"), sort_key="created_at"),
    ]
    list_filter = ["status", "language"]
    search_backend_name = None
    search_fields = ["email", "target"]
    ordering = ["-created_at"]
    list_per_page = 100


register_snippet(MembershipApplicationViewSet)
register_snippet(ContactMessageViewSet)
register_snippet(SubscriberViewSet)
register_snippet(FollowSubscriptionViewSet)


@hooks.register("register_admin_viewset")
def register_engagement_tools():
    return EngagementToolsViewSet()


@hooks.register(COALITION_MENU)
def newsletter_counts_menu_item():
    return PermissionMenuItem(
        _("Newsletter counts and export"),
        reverse("engagement:subscriber_counts"),
        name="newsletter-counts",
        icon_name="mail",
        order=430,
        permissions=(VIEW_SUBSCRIBERS,),
    )


@hooks.register(COALITION_MENU)
def follow_counts_menu_item():
    return PermissionMenuItem(
        _("Alert subscription counts"),
        reverse("engagement:follow_counts"),
        name="alert-counts",
        icon_name="mail",
        order=432,
        permissions=("wagtailadmin.access_admin",),
    )


@hooks.register(COALITION_MENU)
def erase_menu_item():
    return PermissionMenuItem(
        _("Erase personal data"),
        reverse("engagement:erase"),
        name="erase-personal-data",
        icon_name="bin",
        order=440,
        permissions=ERASE_PERMISSIONS,
    )


@hooks.register("register_log_actions")
def register_decision_actions(actions):
    actions.register_action("engagement.approve", _("Approve application"), _("Approved: member record created"))
    actions.register_action("engagement.decline", _("Decline application"), _("Declined"))


class WaitingForStaffPanel(Component):
    """The dashboard's "Waiting for staff" panel: new and reviewed applications and unanswered
    messages, with counts and links to the lists, for the staff allowed to see each (Membership staff
    and administrators; nobody else sees the panel)."""

    name = "engagement"
    order = 10
    template_name = "engagement/admin/waiting_panel.html"

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows}


def waiting_rows(user):
    application = MembershipApplication.Status
    wanted = []
    if user.has_perm("engagement.view_membershipapplication"):
        applications = reverse("wagtailsnippets_engagement_membershipapplication:list")
        wanted += [
            (
                _("New applications"),
                MembershipApplication.objects.filter(status=application.RECEIVED),
                f"{applications}?status={application.RECEIVED}",
            ),
            (
                _("Applications under review"),
                MembershipApplication.objects.filter(status=application.UNDER_REVIEW),
                f"{applications}?status={application.UNDER_REVIEW}",
            ),
        ]
    if user.has_perm("engagement.view_contactmessage"):
        wanted.append(
            (
                _("Unanswered messages"),
                ContactMessage.objects.filter(status=ContactMessage.Status.OPEN),
                reverse("wagtailsnippets_engagement_contactmessage:list") + f"?status={ContactMessage.Status.OPEN}",
            )
        )
    return [{"label": label, "count": queryset.count(), "url": url} for label, queryset, url in wanted]


@hooks.register("construct_homepage_panels")
def add_waiting_for_staff_panel(request, panels):
    rows = waiting_rows(request.user)
    if rows:
        panels.append(WaitingForStaffPanel(rows))
