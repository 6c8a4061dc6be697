"""The coalition's offices (New York, The Hague): one contact record each, shown everywhere."""

import zoneinfo

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class OfficeQuerySet(models.QuerySet):
    def for_public_display(self):
        return self.filter(published=True).order_by("sort_order", "pk")


class Office(RevisionMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100, help_text=_('For example "New York office".'))
    organisation_line = models.CharField(
        _("organisation line"), max_length=200, blank=True, help_text=_("Optional, for example a host organisation.")
    )
    street_address = models.CharField(_("street address"), max_length=200)
    suite = models.CharField(_("suite"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    region = models.CharField(_("region or state"), max_length=100, blank=True)
    country = CountryField(_("country"))
    time_zone = models.CharField(_("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    phone = PhoneNumberField(_("phone"), blank=True)
    fax = PhoneNumberField(_("fax"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    sort_order = models.PositiveIntegerField(_("display order"), default=0)
    published = models.BooleanField(_("published"), default=True)

    objects = OfficeQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation_line"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("suite"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("region"), FieldPanel("country")]),
                FieldPanel("time_zone"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]), FieldPanel("email"), FieldPanel("opening_hours")],
            heading=_("Contact"),
        ),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Location")),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("published")]),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("city")]

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name
