"""The member import in the admin: the same importer as ``manage.py import_members``."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from .data import MemberImporter

MAX_FILE_SIZE = 5 * 1024 * 1024
PERMISSIONS = ("members.add_memberorganisation", "members.change_memberorganisation")


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 CSV with a header line; the columns are described in the README (“Member directory”)."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file and show what would change"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error


class MemberImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "members/admin/import.html"
    form_class = MemberImportForm
    page_title = _("Import members")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(PERMISSIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        result = MemberImporter(user=self.request.user).run(
            form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"]
        )
        return self.render_to_response(self.get_context_data(form=form, result=result))


class PermissionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(PERMISSIONS)


class MemberImportViewSet(ViewSet):
    name = "member_import"
    icon = "upload"
    menu_label = _("Import members")
    menu_order = 150

    def get_urlpatterns(self):
        return [path("", MemberImportView.as_view(), name="index")]

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=order if order is not None else self.menu_order,
        )
