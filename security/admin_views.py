"""Reports › CSP reports: the stored violation reports, newest first (read only)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .models import CSPReport


def can_see_csp_reports(user):
    return user.is_superuser or user.has_perm("security.view_cspreport")


class CSPReportListView(TemplateView):
    template_name = "security/csp_reports.html"
    page_title = _("CSP reports")

    def dispatch(self, request, *args, **kwargs):
        if not can_see_csp_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = CSPReport.objects.all()
        policy = self.request.GET.get("policy")
        if policy in {code for code, _label in CSPReport.POLICIES}:
            reports = reports.filter(policy=policy)
        context["page_obj"] = Paginator(reports, 50).get_page(self.request.GET.get("p"))
        context["policies"] = CSPReport.POLICIES
        context["policy"] = policy
        context["page_title"] = self.page_title
        return context
