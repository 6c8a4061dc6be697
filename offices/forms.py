"""The admin's office form: the time zone as a drop-down, and clear messages for bad input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.admin_forms import SiteAdminModelForm

from .formatting import time_zone_choices

INVALID_COUNTRY_CHOICE = _("“%(value)s” is not a country: choose one from the list.")


class OfficeAdminForm(SiteAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "time_zone" in self.fields:
            self.fields["time_zone"].widget = forms.Select(choices=time_zone_choices())
        if "country" in self.fields:
            self.fields["country"].error_messages["invalid_choice"] = INVALID_COUNTRY_CHOICE
