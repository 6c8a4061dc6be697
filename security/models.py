"""CSP violation reports sent by browsers (security.views.csp_report), one row per distinct violation;
the single-use codes that open two-factor enrolment (security.enrolment)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CSPReport(models.Model):
    POLICIES = [
        ("public", _("Public pages")),
        ("admin", _("Admin")),
        ("admin-trial", _("Admin (report-only trial)")),
    ]

    fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    policy = models.CharField(_("policy"), max_length=20, choices=POLICIES)
    disposition = models.CharField(_("disposition"), max_length=10, blank=True)  # enforce / report
    document_uri = models.CharField(_("page"), max_length=500, blank=True)
    directive = models.CharField(_("directive"), max_length=100, blank=True)
    blocked_uri = models.CharField(_("blocked"), max_length=500, blank=True)
    source_file = models.CharField(_("source file"), max_length=500, blank=True)
    line_number = models.PositiveIntegerField(_("line"), null=True, blank=True)
    sample = models.CharField(_("sample"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("count"), default=1)
    first_seen = models.DateTimeField(_("first seen"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("CSP report")
        verbose_name_plural = _("CSP reports")

    def __str__(self):
        return f"{self.directive} {self.blocked_uri} on {self.document_uri}"


class EnrolmentCode(models.Model):
    """A single-use code that lets an account set up two-factor authentication: e-mailed to the
    account's address at its request, or issued by an administrator (``issued_by``) to pass on by
    another way. The password alone never shows the authenticator key (``security.two_factor``).
    Only a keyed digest of the code is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_codes")
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("two-factor enrolment code")
        verbose_name_plural = _("two-factor enrolment codes")
        indexes = [models.Index(fields=["user", "digest"])]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"
