"""The translation status report in the Wagtail admin (Reports → Translation status)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .registry import other_languages
from .status import translation_status


def can_see_translation_status(user):
    """Editors, moderators and translators: whoever may edit pages."""
    return user.is_active and PagePermissionPolicy(Page).user_has_any_permission(user, ["add", "change", "publish"])


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "pages/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_translation_status(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = translation_status(user=self.request.user)
        selected_code = self.request.GET.get("language")
        if selected_code not in other_languages():
            selected_code = None
        context["statuses"] = statuses
        context["selected"] = next((s for s in statuses if s.code == selected_code), None)
        return context
