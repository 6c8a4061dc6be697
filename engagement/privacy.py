"""Personal data: the retention periods (settings), the purge that applies them, and erasure of one
person's data on request. Used by the commands, the admin and the privacy notice page."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from members.models import MemberOrganisation

from .models import (
    AlertEvent,
    ContactMessage,
    FollowSubscription,
    MembershipApplication,
    OutgoingMessage,
    Subscriber,
    days_ago,
)


@dataclass
class Period:
    what: str
    days: int


def retention_periods():
    """What the privacy notice lists: each kind of record and how many days it is kept."""
    return [
        Period(_("Messages sent through the contact form"), settings.RETENTION_CONTACT_MESSAGES_DAYS),
        Period(
            _("Declined membership applications (counted from the decision)"),
            settings.RETENTION_DECLINED_APPLICATIONS_DAYS,
        ),
        Period(_("Newsletter sign-ups that were never confirmed"), settings.RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS),
        Period(
            _("Sign-ups for alerts (a crisis, a country, a topic) that were never confirmed"),
            settings.RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS,
        ),
        Period(_("Copies of the e-mails the site sent"), settings.RETENTION_SENT_MAIL_DAYS),
    ]


def forget_history(model, pks):
    """The admin's history of deleted records (its labels may name a person) goes with them."""
    if pks:
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in pks]
        ).delete()


def delete_rows(queryset):
    pks = list(queryset.values_list("pk", flat=True))
    if pks:
        queryset.model.objects.filter(pk__in=pks).delete()
        forget_history(queryset.model, pks)
    return len(pks)


@transaction.atomic
def purge(dry_run=False):
    """Delete what is older than its retention period. Returns {label: count}."""
    selections = {
        "contact messages": ContactMessage.objects.filter(
            created_at__lt=days_ago(settings.RETENTION_CONTACT_MESSAGES_DAYS)
        ),
        "declined applications": MembershipApplication.objects.filter(
            status=MembershipApplication.Status.DECLINED,
            decided_at__lt=days_ago(settings.RETENTION_DECLINED_APPLICATIONS_DAYS),
        ),
        "unconfirmed subscribers": Subscriber.objects.filter(
            status=Subscriber.Status.PENDING, created_at__lt=days_ago(settings.RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS)
        ),
        "unconfirmed alert subscriptions": FollowSubscription.objects.filter(
            status=FollowSubscription.Status.PENDING,
            created_at__lt=days_ago(settings.RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS),
        ),
        # Not personal data: what happened to followed crises, kept until every e-mail could use it.
        "alert events": AlertEvent.objects.filter(created_at__lt=days_ago(settings.ALERT_EVENTS_KEEP_DAYS)),
        # Sent mail, and mail that could never be sent, after the same period.
        "outgoing e-mails": OutgoingMessage.objects.filter(
            Q(sent_at__lt=days_ago(settings.RETENTION_SENT_MAIL_DAYS))
            | Q(
                sent_at__isnull=True,
                attempts__gte=settings.OUTBOX_MAX_ATTEMPTS,
                created_at__lt=days_ago(settings.RETENTION_SENT_MAIL_DAYS),
            )
        ),
    }
    if dry_run:
        return {label: queryset.count() for label, queryset in selections.items()}
    return {label: delete_rows(queryset) for label, queryset in selections.items()}


def matching(email):
    """Everything the site keeps about one e-mail address (case ignored)."""
    email = (email or "").strip()
    return {
        "newsletter subscriptions": Subscriber.objects.filter(email__iexact=email),
        "alert subscriptions": FollowSubscription.objects.filter(email__iexact=email),
        "contact messages": ContactMessage.objects.filter(email__iexact=email),
        "membership applications": MembershipApplication.objects.filter(email__iexact=email),
        "outgoing e-mails": OutgoingMessage.objects.filter(
            Q(recipients__icontains=email) | Q(reply_to__iexact=email) | Q(body__icontains=email)
        ),
        "member contact e-mails": MemberOrganisation.objects.filter(contact_email__iexact=email),
    }


@transaction.atomic
def erase(email, dry_run=False):
    """Erase one person's data: their subscription, messages, applications and the e-mails to or
    about them; a member organisation's contact e-mail equal to it is cleared (the organisation
    stays). Returns {label: count}."""
    email = (email or "").strip()
    if "@" not in email:
        raise ValueError("Not an e-mail address.")
    found = matching(email)
    if dry_run:
        return {label: queryset.count() for label, queryset in found.items()}
    counts = {}
    for label, queryset in found.items():
        if queryset.model is MemberOrganisation:
            counts[label] = queryset.update(contact_email="", show_contact_email=False)
        else:
            counts[label] = delete_rows(queryset)
    return counts
