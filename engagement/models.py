"""Ways in: membership applications, contact messages and newsletter subscribers (records staff
follow up in the admin), the outbox their e-mails go through, and the pages that hold the forms.

Personal data lives only in the three record models and the outbox; who may see them is set by the
"Membership staff" group (migration 0002); how long they are kept by the RETENTION_* settings
(``manage.py purge_personal_data``); ``engagement.privacy.erase`` removes one person's data.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from members.models import MemberOrganisation, Region, Sector
from offices.models import Office
from pages.models import IntroBodyMixin

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


# --- Records ---------------------------------------------------------------------------------


class MembershipApplication(models.Model):
    """An organisation's application to join, as sent through the join page."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        UNDER_REVIEW = "under_review", _("Under review")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    organisation_name = models.CharField(_("organisation name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True, related_name="+")
    website = models.URLField(_("website"), max_length=200, blank=True)
    founding_year = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    description = models.TextField(_("short description"), max_length=2000)
    contact_name = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    membership_type = models.CharField(
        _("kind of membership"), max_length=10, choices=MemberOrganisation.MembershipType.choices
    )
    supports_rtop = models.BooleanField(_("statement of support for RtoP"), default=False)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="en")
    consent_at = models.DateTimeField(_("privacy consent given"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    staff_notes = models.TextField(_("staff notes"), blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    member = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("member record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("status"), FieldPanel("membership_type")]), FieldPanel("staff_notes")],
            heading=_("Review"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organisation_name"), FieldPanel("acronym")]),
                FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
                FieldPanel("region"),
                FieldPanel("sectors"),
                FieldRowPanel([FieldPanel("website"), FieldPanel("founding_year")]),
                FieldPanel("description"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldRowPanel([FieldPanel("email"), FieldPanel("phone")])],
            heading=_("Contact person"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("supports_rtop", read_only=True),
                FieldPanel("consent_at", read_only=True),
                FieldPanel("language", read_only=True),
                FieldPanel("decline_reason", read_only=True),
                FieldPanel("decided_at", read_only=True),
                FieldPanel("member", read_only=True),
            ],
            heading=_("Record"),
        ),
    ]

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.organisation_name

    @property
    def is_open(self):
        return self.status in (self.Status.RECEIVED, self.Status.UNDER_REVIEW)


class ContactMessage(models.Model):
    """A message sent through the contact form, for the chosen office to answer."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: either office."),
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="en")
    consent_at = models.DateTimeField(_("privacy consent given"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    staff_notes = models.TextField(_("staff notes"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("status"), FieldPanel("office")]),
        FieldPanel("staff_notes"),
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("subject", read_only=True),
                FieldPanel("message", read_only=True),
                FieldPanel("language", read_only=True),
                FieldPanel("consent_at", read_only=True),
            ],
            heading=_("Message"),
        ),
    ]

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)


class Subscriber(models.Model):
    """A newsletter address. Nothing is sent to it but the confirmation until it is confirmed; an
    unsubscribed address is deleted at once (engagement.views)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    email = models.EmailField(_("e-mail"), unique=True)  # stored in lower case
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="en")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    consent_at = models.DateTimeField(_("privacy consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    panels = [
        FieldPanel("language"),
        FieldPanel("email", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("confirmed_at", read_only=True),
    ]

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.email


class UsedFormStamp(models.Model):
    """A form's signed "shown at" stamp that was sent once (``engagement.forms``): the same stamp
    again is a resubmission (the same content: answered as sent, stored and acknowledged once) or a
    reuse (other content: refused). Kept as long as a stamp is valid (``ENGAGEMENT_FORM_MAX_AGE``);
    holds digests only, never what was sent."""

    key = models.CharField(max_length=64, unique=True)
    content = models.CharField(max_length=64)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("used form stamp")
        verbose_name_plural = _("used form stamps")

    def __str__(self):
        return self.key


class FollowSubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=FollowSubscription.Status.CONFIRMED)


class FollowSubscription(models.Model):
    """An address that follows a crisis, a country or a topic (``target``: ``crisis:<page id>``,
    ``country:<ISO code>`` or ``topic:<topic id>``), confirmed by the newsletter's double opt-in. It
    gets at most one e-mail a day about what happened (``AlertEvent``, ``manage.py send_alert_digests``);
    unsubscribing deletes the row at once. Only the "Membership staff" see the addresses; other staff see
    counts per target (``engagement.admin_views.FollowCountsView``)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    email = models.EmailField(_("e-mail"))  # stored in lower case
    target = models.CharField(_("follows"), max_length=80, db_index=True)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="en")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    consent_at = models.DateTimeField(_("privacy consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # What was sent: events up to ``sent_until`` (set at confirmation, so that nothing older is sent),
    # and when the last e-mail went (at most one a day).
    sent_until = models.DateTimeField(_("alerts sent up to"), null=True, blank=True, editable=False)
    last_sent_at = models.DateTimeField(_("last alert e-mail"), null=True, blank=True, editable=False)

    objects = FollowSubscriptionQuerySet.as_manager()

    panels = [
        FieldPanel("language"),
        FieldPanel("email", read_only=True),
        FieldPanel("target", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("confirmed_at", read_only=True),
    ]

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["email", "target"], name="engagement_follow_once")]
        indexes = [models.Index(fields=["status", "target"])]

    def __str__(self):
        return f"{self.email} → {self.target}"


class AlertEvent(models.Model):
    """Something that happened to a followed crisis, country or topic, waiting for the day's e-mails:
    a crisis's level changed (``level_change``), or a statement or news item about it was published
    (``page``). One row per target and event, so publishing an article again adds nothing. No
    personal data."""

    class Kind(models.TextChoices):
        LEVEL = "level", _("Level change")
        ARTICLE = "article", _("Statement or news")

    target = models.CharField(_("about"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    event_key = models.CharField(max_length=80)  # "level-change:<id>" or "article:<id>"
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    level_change = models.ForeignKey(
        "publishing.CrisisLevelChange", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("happened"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("alert event")
        verbose_name_plural = _("alert events")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["target", "event_key"], name="engagement_alert_once")]
        indexes = [models.Index(fields=["target", "created_at"])]

    def __str__(self):
        return f"{self.target}: {self.event_key}"


class OutgoingMessageQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True, attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)


class OutgoingMessage(models.Model):
    """An e-mail written in the same transaction as the submission it belongs to, sent after the
    commit (engagement.mail) and retried by ``manage.py send_pending_mail`` until the server takes it."""

    recipients = models.TextField(_("to"))  # comma-separated, validated addresses
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Set while one process sends it, so that two senders never both take it (engagement.mail.claim).
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OutgoingMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self):
        return self.subject

    @property
    def recipient_list(self):
        return [address.strip() for address in self.recipients.split(",") if address.strip()]


# --- Pages -----------------------------------------------------------------------------------


class FormPageMixin(IntroBodyMixin):
    """A page whose intro and body (editable) come before a form; the thank-you text after sending."""

    thank_you = models.TextField(_("thank-you text"), blank=True, help_text=_("Shown after a successful submission."))

    content_panels = IntroBodyMixin.content_panels + [FieldPanel("thank_you")]

    class Meta:
        abstract = True


class MembershipApplicationPage(FormPageMixin, Page):
    """/join/: the two kinds of membership and the criteria (page content), then the application form."""

    template = "engagement/membership_application_page.html"
    parent_page_types = ["pages.HomePage"]  # one join page, directly under the home page
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("membership application page")

    def serve(self, request, *args, **kwargs):
        from .views import serve_application_page

        return serve_application_page(self, request)


class ContactFormPage(FormPageMixin, Page):
    """/contact/write/: the contact form, on its own page so that the contact page stays cacheable."""

    template = "engagement/contact_form_page.html"
    parent_page_types = ["pages.ContactPage"]  # under the contact page, which links to it
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("contact form page")

    def serve(self, request, *args, **kwargs):
        from .views import serve_contact_page

        return serve_contact_page(self, request)


class NewsletterPage(FormPageMixin, Page):
    """/newsletter/: the sign-up form (double opt-in). The footer's short form leads here."""

    template = "engagement/newsletter_page.html"
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("newsletter page")

    def serve(self, request, *args, **kwargs):
        from .views import serve_newsletter_page

        return serve_newsletter_page(self, request)


class PrivacyNoticePage(IntroBodyMixin, Page):
    """/privacy/: what the forms keep and why (editable), with the retention periods read from the
    settings, so the notice always states the periods really applied."""

    template = "engagement/privacy_notice_page.html"
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("privacy notice page")

    def get_context(self, request, *args, **kwargs):
        from .privacy import retention_periods

        context = super().get_context(request, *args, **kwargs)
        context["retention"] = retention_periods()
        return context


def days_ago(days):
    return timezone.now() - timedelta(days=days)
