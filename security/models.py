"""CSP violation reports sent by browsers (security.views.csp_report), one row per distinct violation."""

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
