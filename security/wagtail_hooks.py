"""Admin: two-factor pages, the account menu entry, the user listing's reset button and the CSP
report listing (Reports › CSP reports)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from . import two_factor
from .admin_views import CSPReportListView, can_see_csp_reports


@hooks.register("register_admin_urls")
def register_security_urls():
    return [
        path("2fa/setup/", two_factor.setup, name="two_factor_setup"),
        path("2fa/verify/", two_factor.verify, name="two_factor_verify"),
        path("2fa/recovery-codes/", two_factor.recovery_codes, name="two_factor_recovery_codes"),
        path("2fa/", two_factor.manage, name="two_factor_manage"),
        path("2fa/reset/<int:user_id>/", two_factor.reset, name="two_factor_reset"),
        path("2fa/enrolment-code/<int:user_id>/", two_factor.issue_code, name="two_factor_issue_code"),
        path("reports/csp/", CSPReportListView.as_view(), name="csp_reports"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor_manage"),
        "label": _("Two-factor authentication"),
        "help_text": _("Your authenticator app and recovery codes."),
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if two_factor.can_reset(request_user):
        yield Button(_("Reset two-factor authentication"), reverse("two_factor_reset", args=[user.pk]), priority=90)
        yield Button(
            _("Issue a two-factor enrolment code"), reverse("two_factor_issue_code", args=[user.pk]), priority=91
        )


class CSPReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_csp_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_csp_reports_menu_item():
    return CSPReportsMenuItem(
        _("CSP reports"), reverse("csp_reports"), name="csp-reports", icon_name="warning", order=950
    )
