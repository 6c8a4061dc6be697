"""Admin views for the Membership staff: approve / decline an application, the newsletter's counts
and CSV export, and erasure of one person's data on request."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from . import approval, privacy
from .models import FollowSubscription, MembershipApplication, Subscriber

CHANGE_APPLICATION = "engagement.change_membershipapplication"
VIEW_SUBSCRIBERS = "engagement.view_subscriber"
EDIT_MEMBER = "members.change_memberorganisation"
ERASE_PERMISSIONS = (
    "engagement.change_subscriber",
    "engagement.change_contactmessage",
    "engagement.change_membershipapplication",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell a spreadsheet will not run as a formula (OWASP "CSV injection")."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class PermissionRequiredMixin:
    permissions = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- Applications ----------------------------------------------------------------------------


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept with the application for the staff; not sent to the applicant."),
    )


class ApplicationDecisionView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """GET: the application's summary with "Approve" and a "Decline" form; POST: the decision."""

    permissions = (CHANGE_APPLICATION,)
    template_name = "engagement/admin/application_decision.html"
    form_class = DeclineForm
    header_icon = "group"

    def get_page_title(self):
        return _("Decide on an application")

    def get_page_subtitle(self):
        return str(self.application)

    def dispatch(self, request, *args, **kwargs):
        self.application = get_object_or_404(MembershipApplication, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "approve":
            try:
                member = approval.approve(self.application, user=request.user)
            except approval.ApprovalError as error:
                messages.error(request, str(error))
                return redirect("engagement:application_decision", pk=self.application.pk)
            messages.success(
                request,
                _(
                    "Approved. The unpublished member record below was filled in from the application: "
                    "check it and publish it."
                ),
            )
            if request.user.has_perm(EDIT_MEMBER):  # the Membership staff group may (engagement migration 0006)
                return redirect("wagtailsnippets_members_memberorganisation:edit", member.pk)
            return redirect("wagtailsnippets_engagement_membershipapplication:list")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            approval.decline(self.application, form.cleaned_data["reason"], user=self.request.user)
        except approval.ApprovalError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, _("The application was declined."))
        return redirect("wagtailsnippets_engagement_membershipapplication:list")


# --- Newsletter ------------------------------------------------------------------------------


class SubscriberCountsView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permissions = (VIEW_SUBSCRIBERS,)
    template_name = "engagement/admin/subscriber_counts.html"
    page_title = _("Newsletter subscribers")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        from django.conf import settings

        counts = {
            (row["language"], row["status"]): row["n"]
            for row in Subscriber.objects.order_by().values("language", "status").annotate(n=Count("pk"))
        }
        rows = [
            {
                "code": code,
                "name": name,
                "confirmed": counts.get((code, Subscriber.Status.CONFIRMED), 0),
                "pending": counts.get((code, Subscriber.Status.PENDING), 0),
                "export_url": reverse("engagement:subscriber_export", args=[code]),
            }
            for code, name in settings.LANGUAGES
        ]
        totals = {
            "confirmed": sum(row["confirmed"] for row in rows),
            "pending": sum(row["pending"] for row in rows),
        }
        return super().get_context_data(rows=rows, totals=totals, **kwargs)


def export_subscribers(request, language):
    """Confirmed subscribers of one language as CSV (for the mailing tool staff use)."""
    from django.conf import settings

    if not request.user.has_perm(VIEW_SUBSCRIBERS):
        raise PermissionDenied
    if language not in dict(settings.LANGUAGES):
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="icrtop-newsletter-{language}-{stamp}.csv"'
    response.write("\ufeff")  # a BOM, so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(["email", "language", "confirmed_at"])
    for subscriber in Subscriber.objects.confirmed().filter(language=language).order_by("email"):
        writer.writerow(
            [safe_cell(subscriber.email), subscriber.language, subscriber.confirmed_at.strftime("%Y-%m-%d")]
        )
    return response


class FollowCountsView(WagtailAdminTemplateMixin, TemplateView):
    """How many addresses follow each crisis, country and topic: counts only, for every member of staff;
    the addresses themselves are in the subscriptions list, for the Membership staff only."""

    template_name = "engagement/admin/follow_counts.html"
    page_title = _("Alert subscriptions")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        from .follow import target_from_key

        counts = {}
        for row in FollowSubscription.objects.order_by().values("target", "status").annotate(n=Count("pk")):
            counts.setdefault(row["target"], {})[row["status"]] = row["n"]
        rows = []
        for key, by_status in counts.items():
            target = target_from_key(key)
            rows.append(
                {
                    "key": key,
                    "label": target.label if target else key,
                    "url": target.back_url if target else "",
                    "gone": target is None,
                    "confirmed": by_status.get(FollowSubscription.Status.CONFIRMED, 0),
                    "pending": by_status.get(FollowSubscription.Status.PENDING, 0),
                }
            )
        rows.sort(key=lambda row: (-row["confirmed"], row["label"]))
        totals = {"confirmed": sum(r["confirmed"] for r in rows), "pending": sum(r["pending"] for r in rows)}
        return super().get_context_data(rows=rows, totals=totals, **kwargs)


# --- Erasure ---------------------------------------------------------------------------------


class EraseForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    confirm = forms.BooleanField(
        label=_("Erase everything listed for this address"),
        required=False,
        help_text=_("Leave unticked to see first what the site keeps about the address."),
    )


class EraseView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    permissions = ERASE_PERMISSIONS
    template_name = "engagement/admin/erase.html"
    form_class = EraseForm
    page_title = _("Erase personal data")
    header_icon = "bin"

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        erase = form.cleaned_data["confirm"]
        counts = privacy.erase(email, dry_run=not erase)
        context = self.get_context_data(form=form, counts=counts, erased=erase, email=email)
        if erase:
            context["form"] = EraseForm()
        return self.render_to_response(context)


# --- Registration ----------------------------------------------------------------------------


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permissions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.permissions = permissions

    def is_shown(self, request):
        return request.user.has_perms(self.permissions)


class EngagementToolsViewSet(ViewSet):
    """The URLs of the views above (menu items: engagement.wagtail_hooks)."""

    name = "engagement"
    url_prefix = "engagement"

    def get_urlpatterns(self):
        return [
            path(
                "applications/<int:pk>/decide/",
                ApplicationDecisionView.as_view(),
                name="application_decision",
            ),
            path("newsletter/", SubscriberCountsView.as_view(), name="subscriber_counts"),
            path("newsletter/<str:language>.csv", export_subscribers, name="subscriber_export"),
            path("alerts/", FollowCountsView.as_view(), name="follow_counts"),
            path("erase/", EraseView.as_view(), name="erase"),
        ]
