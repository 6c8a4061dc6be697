"""Approving and declining membership applications (the admin's buttons call these)."""

from anyascii import anyascii
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.log_actions import log

from members.models import MemberOrganisation

from .models import MembershipApplication


class ApprovalError(Exception):
    pass


def unique_member_slug(name):
    # Readable ASCII in every script ("Réseau" -> "reseau"), as the member import makes them.
    base = slugify(anyascii(name))[:240] or slugify(name, allow_unicode=True)[:240] or "member"
    slug, number = base, 2
    while MemberOrganisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def field_label(name):
    """The name of the application's field to correct (the member's where the application has none)."""
    for model in (MembershipApplication, MemberOrganisation):
        try:
            return model._meta.get_field(name).verbose_name
        except FieldDoesNotExist:
            continue
    return name


def record_errors(error):
    """What is wrong with the member record an application would make, field by field, for staff."""
    problems = []
    for field, messages in error.message_dict.items():
        text = " ".join(messages)
        if field != NON_FIELD_ERRORS:
            text = f"{capfirst(field_label(field))}: {text}"
        problems.append(text)
    return _(
        "The member record cannot be made from this application (%(problems)s). "
        "Correct the application and approve it again."
    ) % {"problems": "; ".join(problems)}


@transaction.atomic
def approve(application, user=None):
    """Create the unpublished member record from the application (no retyping) and mark the
    application approved; both recorded in the admin's history. Returns the member."""
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.status == MembershipApplication.Status.APPROVED and application.member_id:
        return application.member
    if application.status == MembershipApplication.Status.DECLINED:
        raise ApprovalError(_("A declined application cannot be approved."))
    if application.region is None:
        raise ApprovalError(_("Choose the application's region first."))
    member = MemberOrganisation(
        name=application.organisation_name,
        acronym=application.acronym,
        slug=unique_member_slug(application.organisation_name),
        country=application.country,
        city=application.city,
        region=application.region,
        website=application.website,
        contact_email=application.email,
        show_contact_email=False,
        membership_type=application.membership_type,
        joined_on=timezone.localdate(),
        live=False,  # a draft until staff check it and click "Publish" (core.ReviewedRecord)
        has_unpublished_changes=True,
        source=f"Membership application no. {application.pk} of {application.created_at:%Y-%m-%d}",
    )
    # The description is in the language the organisation wrote it in; staff translate the rest.
    setattr(member, build_localized_fieldname("description", application.language), application.description)
    member.sectors.set(list(application.sectors.all()))
    try:
        member.save()
        member.save_revision(user=user, log_action=True)  # cleans the record: a missing field is caught here
    except ValidationError as error:
        raise ApprovalError(record_errors(error)) from error  # the transaction is rolled back
    application.status = MembershipApplication.Status.APPROVED
    application.decided_at = timezone.now()
    application.member = member
    application.save()
    log(application, "engagement.approve", user=user, data={"member": member.pk})
    return member


@transaction.atomic
def decline(application, reason, user=None):
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.status == MembershipApplication.Status.APPROVED:
        raise ApprovalError(_("An approved application cannot be declined."))
    application.status = MembershipApplication.Status.DECLINED
    application.decline_reason = reason
    application.decided_at = timezone.now()
    application.save()
    log(application, "engagement.decline", user=user, data={"reason": reason})
    return application
