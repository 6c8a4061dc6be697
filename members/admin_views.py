"""The member import in the admin: the same importer as ``manage.py import_members``."""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from .data import BOOLEAN_COLUMNS, COLUMNS, DATE_COLUMNS, REQUIRED_FOR_NEW, MemberImporter

MAX_FILE_SIZE = 5 * 1024 * 1024
PERMISSIONS = ("members.add_memberorganisation", "members.change_memberorganisation")


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 CSV with a header line naming the columns listed below."),
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

    def get(self, request, *args, **kwargs):
        if request.GET.get("template") == "csv":
            return template_csv()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = [
            {
                "name": column,
                "required": column == "slug",
                "required_for_new": column in REQUIRED_FOR_NEW,
                "kind": "date" if column in DATE_COLUMNS else "boolean" if column in BOOLEAN_COLUMNS else "",
            }
            for column in COLUMNS
        ]
        return context

    def form_valid(self, form):
        result = MemberImporter(user=self.request.user).run(
            form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"]
        )
        return self.render_to_response(self.get_context_data(form=form, result=result))


def template_csv():
    """An empty import file: the header line with every column, ready to fill in."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="icrtop-members-template.csv"'
    response.write("\ufeff")
    csv.writer(response).writerow(list(COLUMNS))
    return response


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
