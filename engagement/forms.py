"""The three public forms. Every field has a length limit; single-line fields refuse line breaks and
control characters (nothing a visitor types can become an e-mail header); a honeypot field and a
signed "form shown at" time keep simple robots out without any outside service."""

import hashlib
import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from members.directory import country_names
from members.models import MemberOrganisation, Region, Sector
from offices.models import Office
from pages.templatetags.site_tags import LANGUAGE_NAMES

STAMP_SALT = "engagement.form-started"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
PHONE = re.compile(r"^\+?[0-9 ()./-]{5,40}$")


def no_control_characters(value):
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(_("Use a single line, without special characters."), code="control")


def no_nul(value):
    if "\x00" in (value or ""):
        raise ValidationError(_("Remove the special characters from this text."), code="null")


def line(label, max_length, required=True, autocomplete=None, **kwargs):
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        validators=[no_control_characters],
        widget=forms.TextInput(attrs=attrs),
        **kwargs,
    )


def email_field(label=None):
    return forms.EmailField(
        label=label or _("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )


def new_stamp():
    """When the form was shown, signed, with a random part: every form shown has its own stamp, and
    a stamp is accepted once (``stamp_key``, ``engagement.views.claim_stamp``)."""
    return signing.dumps({"t": time.time(), "n": secrets.token_urlsafe(9)}, salt=STAMP_SALT)


class SpamProtectedForm(forms.Form):
    """Adds the honeypot and the signed start time. ``spam_error`` tells the view why a submission
    was refused (the visitor's values are kept and shown again)."""

    # Hidden from people (the ``hidden`` attribute, out of the tab order); robots fill it in.
    homepage = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    SPAM_HONEYPOT = "honeypot"
    SPAM_TOO_FAST = "too_fast"
    SPAM_EXPIRED = "expired"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["homepage"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = new_stamp()
        self.spam_error = None

    def refresh_stamp(self):
        """A new start time in the form shown again (after an expired or missing one)."""
        self.data = self.data.copy()
        self.data[self.add_prefix("started")] = new_stamp()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("homepage"):
            self.spam_error = self.SPAM_HONEYPOT
            raise ValidationError(
                _("Your submission could not be accepted. Please check the form and send it again."), code="honeypot"
            )
        try:
            started = signing.loads(
                cleaned.get("started") or "", salt=STAMP_SALT, max_age=settings.ENGAGEMENT_FORM_MAX_AGE
            )
            elapsed = time.time() - float(started["t"] if isinstance(started, dict) else started)
        except (signing.BadSignature, TypeError, ValueError):
            self.spam_error = self.SPAM_EXPIRED
            self.refresh_stamp()
            raise ValidationError(
                _("This form was open for a long time. Please check it and send it again."), code="expired"
            ) from None
        if elapsed < settings.ENGAGEMENT_MIN_FILL_SECONDS:
            self.spam_error = self.SPAM_TOO_FAST
            raise ValidationError(_("That was very quick. Please check the form and send it again."), code="too_fast")
        return cleaned

    def stamp_key(self):
        """The stamp's fingerprint (valid stamps only: after ``is_valid()``)."""
        return hashlib.sha256(self.cleaned_data["started"].encode()).hexdigest()

    def content_digest(self):
        """A keyed digest of what was sent (never the content itself), to tell a resubmission of the
        same form from other content sent with a used stamp."""
        values = []
        for name in sorted(self.cleaned_data):
            if name in ("started", "homepage"):
                continue
            value = self.cleaned_data[name]
            if hasattr(value, "pk"):
                value = value.pk
            elif hasattr(value, "values_list"):
                value = sorted(value.values_list("pk", flat=True))
            values.append(f"{name}={value}")
        return salted_hmac("engagement.form-content", "\x1f".join(values)).hexdigest()


def consent_field():
    return forms.BooleanField(
        label=_("I have read the privacy notice and agree that the coalition keeps what I send as it describes."),
        required=True,
        error_messages={"required": _("Please agree to the privacy notice, or we cannot keep your request.")},
    )


def _too_large(field, value):
    """The field's own "invalid choice" error, for a number too large for the database."""
    return ValidationError(
        field.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(value)[:20] + "…"}
    )


class ModelChoiceField(forms.ModelChoiceField):
    """Django's field, where a number too large for the database (SQLite stores 64-bit integers) is an
    invalid choice, as any other unknown value is, and not a server error."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:
            raise _too_large(self, value) from None


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, with the same answer as ``ModelChoiceField`` for a number too large."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise _too_large(self, value) from None


def current_year():
    return timezone.now().year


class MembershipApplicationForm(SpamProtectedForm):
    organisation_name = line(_("Name of the organisation"), 255, autocomplete="organization")
    acronym = line(_("Acronym"), 30, required=False)
    country = forms.ChoiceField(label=_("Country or territory"), widget=forms.Select(attrs={"autocomplete": "country"}))
    city = line(_("City"), 100, required=False, autocomplete="address-level2")
    region = ModelChoiceField(label=_("Region"), queryset=Region.objects.all(), empty_label=_("Choose a region"))
    sectors = ModelMultipleChoiceField(
        label=_("Sectors of work"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url", "dir": "ltr"}),
    )
    founding_year = forms.IntegerField(
        label=_("Year the organisation was founded"),
        required=False,
        min_value=1800,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    description = forms.CharField(
        label=_("Short description of the organisation's work"),
        max_length=2000,
        validators=[no_nul],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At most 2,000 characters."),
    )
    contact_name = line(_("Contact person"), 200, autocomplete="name")
    email = email_field()
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "dir": "ltr"}),
        help_text=_("With the country code, for example +31 70 363 4484."),
    )
    membership_type = forms.ChoiceField(
        label=_("Kind of membership"),
        choices=MemberOrganisation.MembershipType.choices,
        widget=forms.RadioSelect,
    )
    supports_rtop = forms.BooleanField(
        label=_(
            "Our organisation supports the Responsibility to Protect: the commitment all governments made at "
            "the United Nations in 2005 to protect populations from genocide, war crimes, ethnic cleansing and "
            "crimes against humanity."
        ),
        required=True,
        error_messages={
            "required": _("Membership is open to organisations that support the Responsibility to Protect.")
        },
    )
    consent = consent_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The UN's short names, in the language's order (pinyin in Chinese, Arabic without the article),
        # as the directory's country filter lists them.
        self.fields["country"].choices = [("", _("Choose a country")), *country_names()]
        year = self.fields["founding_year"]
        year.max_value = current_year()
        year.validators.append(MaxValueValidator(current_year()))
        year.widget.attrs["max"] = current_year()
        self.order_fields([name for name in self.fields if name not in ("homepage", "started")])

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(_("Enter a phone number with digits only, for example +31 70 363 4484."))
        return phone


class ContactForm(SpamProtectedForm):
    name = line(_("Your name"), 200, autocomplete="name")
    email = email_field(_("Your e-mail address"))
    office = forms.ChoiceField(label=_("Which office?"), widget=forms.RadioSelect)
    subject = line(_("Subject"), 200)
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        validators=[no_nul],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At most 5,000 characters."),
    )
    consent = consent_field()

    EITHER = "either"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offices = list(Office.objects.for_public_display())
        self.offices = {str(office.pk): office for office in offices}
        self.fields["office"].choices = [(str(office.pk), office.name) for office in offices] + [
            (self.EITHER, _("Either office"))
        ]
        self.fields["office"].initial = self.EITHER
        self.order_fields([name for name in self.fields if name not in ("homepage", "started")])

    def chosen_office(self):
        return self.offices.get(self.cleaned_data.get("office"))


class NewsletterForm(SpamProtectedForm):
    email = email_field()
    language = forms.ChoiceField(
        label=_("Language of the newsletter"),
        choices=[(code, LANGUAGE_NAMES.get(code, name)) for code, name in settings.LANGUAGES],
        widget=forms.RadioSelect,
    )
    consent = consent_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "language", "consent"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class FollowForm(SpamProtectedForm):
    """Follow a crisis, a country or a topic by e-mail (``engagement.follow``), in the page's language."""

    email = email_field()
    consent = consent_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "consent"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
