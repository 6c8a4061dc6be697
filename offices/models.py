"""The coalition's offices (New York, The Hague): one contact record each, shown everywhere."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from core.models import ReviewedRecord

from . import formatting
from .forms import INVALID_COUNTRY_CHOICE, OfficeAdminForm

INVALID_PHONE_MESSAGE = _(
    "Enter a valid phone number in international form: a plus sign, the country code, then the number "
    "(for example +1 212 599 1320 or +31 70 363 4484)."
)
INVALID_COUNTRY_MESSAGE = INVALID_COUNTRY_CHOICE
PHONE_HELP = _("In international form: +, the country code, then the number, e.g. +31 70 363 4484.")


class OfficeQuerySet(models.QuerySet):
    def for_public_display(self):
        """The offices visitors see (contact page, footer, JSON-LD, vCards), in display order."""
        return self.filter(published=True, live=True).order_by("sort_order", "pk")


def public_offices(request=None):
    """The published offices as a list, read once per request (the contact page, the footer and the
    JSON-LD of one page all show them) and cached across requests until the next content change
    (sitecache's generation; the objects carry every language's columns)."""
    from core import generation

    if request is None:
        return list(Office.objects.for_public_display())
    if not hasattr(request, "_public_offices"):
        request._public_offices = generation.cached(
            ("public_offices",), lambda: list(Office.objects.for_public_display())
        )
    return request._public_offices


class Office(ReviewedRecord, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100, help_text=_('For example "New York office".'))
    organisation_line = models.CharField(
        _("organisation line"), max_length=200, blank=True, help_text=_("Optional, for example a host organisation.")
    )
    street_address = models.CharField(_("street address"), max_length=200)
    suite = models.CharField(_("suite"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    region = models.CharField(_("region or state"), max_length=100, blank=True)
    country = CountryField(_("country"), error_messages={"invalid_choice": INVALID_COUNTRY_MESSAGE})
    # No model choices: the zone list comes from the machine's tzdata, which must not leak into
    # migrations. The admin form offers the list; the validator refuses unknown names.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[formatting.validate_time_zone],
        help_text=_("The office's local time zone, shown to visitors with its current offset from UTC."),
    )
    phone = PhoneNumberField(
        _("phone"), blank=True, help_text=PHONE_HELP, error_messages={"invalid": INVALID_PHONE_MESSAGE}
    )
    fax = PhoneNumberField(
        _("fax"), blank=True, help_text=PHONE_HELP, error_messages={"invalid": INVALID_PHONE_MESSAGE}
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Shown to visitors."))
    contact_form_email = models.EmailField(
        _("e-mail for contact-form messages"),
        blank=True,
        help_text=_(
            "Where messages sent to this office through the contact form go (not shown). Empty: the e-mail above."
        ),
    )
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

    base_form_class = OfficeAdminForm

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
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]),
                FieldPanel("email"),
                FieldPanel("contact_form_email"),
                FieldPanel("opening_hours"),
            ],
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

    @property
    def contact_form_recipient(self):
        """The address contact-form messages for this office go to ("" when staff set none)."""
        return self.contact_form_email or self.email

    # What the templates show (see offices/formatting.py for the rules).
    @property
    def phone_display(self):
        return formatting.format_phone_number(self.phone)

    @property
    def fax_display(self):
        return formatting.format_phone_number(self.fax)

    @property
    def address_lines(self):
        return formatting.address_lines(self)

    @property
    def map_url(self):
        return formatting.openstreetmap_url(self)

    @property
    def time_zone_name(self):
        return formatting.time_zone_name(self.time_zone)

    @property
    def utc_offset(self):
        return formatting.utc_offset_label(self.time_zone)
