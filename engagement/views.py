"""What the form pages do with a request, and the newsletter's confirm / unsubscribe links.

Every form page answers ``Cache-Control: private, no-store`` (it holds a CSRF token); every POST is
counted per visitor's address (``core.ratelimit``) before anything is read; a refused
submission shows the form again with everything the visitor typed and the reason at the top.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from core import generation, ratelimit
from core.audit import client_ip

from . import mail, tokens
from .forms import ContactForm, MembershipApplicationForm, NewsletterForm
from .models import (
    ContactMessage,
    MembershipApplication,
    NewsletterPage,
    PrivacyNoticePage,
    Subscriber,
    UsedFormStamp,
)
from .notifications import contact_recipients, staff_recipients

RATE_LIMITED = gettext_lazy(
    "Too many forms were sent from your network in a short time. Nothing was lost: please wait an hour "
    "and send this form again."
)


def language():
    code = get_language() or settings.LANGUAGE_CODE
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def admin_url(viewset_name, pk):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(f"{viewset_name}:edit", args=[pk])


def privacy_page():
    """The privacy notice the forms link to, read once per content generation (the page object
    carries every language's slug and URL path)."""
    return generation.cached(("privacy_page",), lambda: PrivacyNoticePage.objects.live().public().first())


def no_store(response):
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    return response


def render_form_page(page, request, form, sent=False, status=200):
    context = page.get_context(request)
    context.update({"form": form, "sent": sent, "privacy_page": privacy_page()})
    return no_store(TemplateResponse(request, page.get_template(request), context, status=status))


STAMP_REUSED = gettext_lazy(
    "This form was already sent once. To send something else, check the form and send it again."
)


def claim_stamp(form):
    """Records the form's stamp as used (in the caller's transaction): ``"new"``; or, if it was used
    before, ``"resubmitted"`` (the same content: a double click, a reload, a retry after a lost answer)
    or ``"reused"`` (other content). Simultaneous posts of one stamp: the unique key lets one through."""
    key, content = form.stamp_key(), form.content_digest()
    try:
        with transaction.atomic():
            UsedFormStamp.objects.create(key=key, content=content)
    except IntegrityError:
        used = UsedFormStamp.objects.filter(key=key).first()
        return "resubmitted" if used is None or used.content == content else "reused"
    cutoff = timezone.now() - timedelta(seconds=settings.ENGAGEMENT_FORM_MAX_AGE + 3600)
    UsedFormStamp.objects.filter(used_at__lt=cutoff).delete()
    return "new"


def process_post(request, form, group, save):
    """A form's POST: the rate limit (``group``, per visitor's address), the spam brakes and the
    fields, the single-use stamp, then ``save(form, request)`` in one transaction. None when the form
    is accepted (saved now, or before: a resubmission with the same stamp and content is stored
    once); otherwise the status of the page that shows the form again with its errors."""
    limit, window = ratelimit.parse_rate(settings.ENGAGEMENT_RATE_LIMIT)
    if not ratelimit.hit(group, ratelimit.address_key(client_ip(request)), limit, window):
        form.is_valid()
        form.add_error(None, RATE_LIMITED)
        return 429
    if not form.is_valid():
        return 400 if form.spam_error else 200
    with transaction.atomic():
        claimed = claim_stamp(form)
        if claimed == "new":
            save(form, request)
    if claimed == "reused":
        form.refresh_stamp()
        form.add_error(None, STAMP_REUSED)
        return 400
    return None


def serve_form(page, request, form_class, group, save):
    """GET shows the form (``?sent=1``: the thank-you text); POST is ``process_post``, then a 303
    redirect to the thank-you text."""
    if request.method in ("GET", "HEAD"):
        if request.GET.get("sent") == "1":
            return render_form_page(page, request, None, sent=True)
        initial = {}
        if form_class is NewsletterForm:
            initial = {"email": request.GET.get("email", "")[:254].strip(), "language": language()}
        return render_form_page(page, request, form_class(initial=initial))
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form = form_class(request.POST)
    status = process_post(request, form, group, save)
    if status is not None:
        return render_form_page(page, request, form, status=status)
    return HttpResponseRedirect(page.get_url(request) + "?sent=1", status=303)


# --- Membership application ------------------------------------------------------------------


def save_application(form, request):
    data = form.cleaned_data
    application = MembershipApplication.objects.create(
        organisation_name=data["organisation_name"],
        acronym=data["acronym"],
        country=data["country"],
        city=data["city"],
        region=data["region"],
        website=data["website"],
        founding_year=data["founding_year"],
        description=data["description"],
        contact_name=data["contact_name"],
        email=data["email"],
        phone=data["phone"],
        membership_type=data["membership_type"],
        supports_rtop=data["supports_rtop"],
        consent_at=timezone.now(),
        language=language(),
    )
    application.sectors.set(data["sectors"])
    mail.queue(
        to=[application.email],
        subject=gettext_lazy("We have received your application to join ICRtoP"),
        template="engagement/email/application_received.txt",
        context={"application": application},
        language=application.language,
    )
    mail.queue(
        to=staff_recipients(),
        subject=f"New membership application: {application.organisation_name}",
        template="engagement/email/application_staff.txt",
        context={
            "application": application,
            "admin_url": admin_url("wagtailsnippets_engagement_membershipapplication", application.pk),
        },
        language=settings.LANGUAGE_CODE,
        reply_to=application.email,
    )
    return application


def serve_application_page(page, request):
    return serve_form(page, request, MembershipApplicationForm, "engagement.join", save_application)


# --- Contact form ----------------------------------------------------------------------------


def save_contact_message(form, request):
    data = form.cleaned_data
    office = form.chosen_office()
    message = ContactMessage.objects.create(
        name=data["name"],
        email=data["email"],
        subject=data["subject"],
        message=data["message"],
        office=office,
        consent_at=timezone.now(),
        language=language(),
    )
    offices = [office] if office else list(form.offices.values())
    mail.queue(
        to=contact_recipients(offices),
        subject=f"Contact form: {message.subject}",
        template="engagement/email/contact_staff.txt",
        context={
            "message": message,
            "admin_url": admin_url("wagtailsnippets_engagement_contactmessage", message.pk),
        },
        language=settings.LANGUAGE_CODE,
        reply_to=message.email,
    )
    mail.queue(
        to=[message.email],
        subject=gettext_lazy("Your message to ICRtoP"),
        template="engagement/email/contact_received.txt",
        context={"message": message},
        language=message.language,
    )
    return message


def serve_contact_page(page, request):
    return serve_form(page, request, ContactForm, "engagement.contact", save_contact_message)


# --- Newsletter ------------------------------------------------------------------------------


def newsletter_headers(request, subscriber, language_code):
    """A one-click unsubscribe link for the body, and the List-Unsubscribe headers (RFC 2369, 8058)."""
    with translation.override(language_code):  # the address carries the subscriber's language
        path = reverse("newsletter_unsubscribe", kwargs={"token": tokens.make(subscriber, tokens.UNSUBSCRIBE)})
    url = request.build_absolute_uri(path)
    return url, {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def save_subscription(form, request):
    """Never tells whether the address is known: the visitor sees the same page either way; the
    address's owner gets the confirmation link, or a note that they already subscribed."""
    email = form.cleaned_data["email"]
    chosen = form.cleaned_data["language"]
    # get_or_create: two sign-ups of one address at the same moment make one row, never an error.
    subscriber, created = Subscriber.objects.get_or_create(
        email=email, defaults={"language": chosen, "consent_at": timezone.now()}
    )
    if not created and subscriber.status == Subscriber.Status.PENDING:
        subscriber.language = chosen
        subscriber.consent_at = timezone.now()
        subscriber.save(update_fields=["language", "consent_at"])
    unsubscribe_url, headers = newsletter_headers(request, subscriber, chosen)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        mail.queue(
            to=[email],
            subject=gettext_lazy("You are already subscribed to the ICRtoP newsletter"),
            template="engagement/email/newsletter_already.txt",
            context={"unsubscribe_url": unsubscribe_url},
            language=chosen,
            headers=headers,
        )
        return subscriber
    with translation.override(chosen):
        confirm_path = reverse("newsletter_confirm", kwargs={"token": tokens.make(subscriber, tokens.CONFIRM)})
    mail.queue(
        to=[email],
        subject=gettext_lazy("Please confirm your subscription to the ICRtoP newsletter"),
        template="engagement/email/newsletter_confirm.txt",
        context={
            "confirm_url": request.build_absolute_uri(confirm_path),
            "unsubscribe_url": unsubscribe_url,
            "days": settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS,
        },
        language=chosen,
        headers=headers,
    )
    return subscriber


def serve_newsletter_page(page, request):
    return serve_form(page, request, NewsletterForm, "engagement.newsletter", save_subscription)


def link_result(request, state, title, message, status=200, action=None):
    """The page a newsletter link opens. ``action`` (a button label) shows the form that POSTs to the
    same address: a link in an e-mail never changes anything by itself (mail scanners and link
    previews open it with GET or HEAD)."""
    page = NewsletterPage.objects.live().public().first()
    context = {"state": state, "title": title, "message": message, "newsletter_page": page, "action": action}
    return no_store(TemplateResponse(request, "engagement/newsletter_link.html", context, status=status))


INVALID_LINK = gettext_lazy(
    "This link is not valid. Please copy the whole address from the e-mail, or sign up again on the newsletter page."
)


def _invalid_link(request):
    return link_result(request, "invalid", _("This link does not work"), INVALID_LINK, status=400)


# The signed token in the address is the proof: a cross-site POST cannot know it, and mail programs
# POST the one-click unsubscribe (RFC 8058) without any form or cookie. So no CSRF token is needed,
# and the pages set no cookie.
@csrf_exempt
def newsletter_confirm(request, token):
    """GET/HEAD: a page with a "Confirm" button; POST (the button): confirms."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    state, subscriber = tokens.read(token, tokens.CONFIRM)
    if state == tokens.EXPIRED:
        return link_result(
            request,
            "expired",
            _("This link has expired"),
            _("Confirmation links work for %(days)s days. Please sign up again to receive a new one.")
            % {"days": settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS},
            status=410,
        )
    if state == tokens.INVALID:
        return _invalid_link(request)
    if subscriber is None:
        return link_result(
            request,
            "gone",
            _("This link no longer works"),
            _("This subscription was cancelled. Please sign up again if you want to receive the newsletter."),
            status=410,
        )
    if request.method == "POST" and subscriber.status != Subscriber.Status.CONFIRMED:
        Subscriber.objects.filter(pk=subscriber.pk).exclude(status=Subscriber.Status.CONFIRMED).update(
            status=Subscriber.Status.CONFIRMED, confirmed_at=timezone.now()
        )
        subscriber.status = Subscriber.Status.CONFIRMED
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return link_result(
            request,
            "confirmed",
            _("Your subscription is confirmed"),
            _("Thank you. You will receive the ICRtoP newsletter; every issue has a link to unsubscribe."),
        )
    return link_result(
        request,
        "confirm",
        _("Confirm your subscription"),
        _("Press the button to confirm that you want to receive the ICRtoP newsletter at this address."),
        action=_("Confirm my subscription"),
    )


@csrf_exempt
def newsletter_unsubscribe(request, token):
    """GET/HEAD: a page with an "Unsubscribe" button; POST (the button, or a mail program's one-click
    ``List-Unsubscribe=One-Click``): deletes the subscriber."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    state, subscriber = tokens.read(token, tokens.UNSUBSCRIBE)
    if state != tokens.VALID:
        return _invalid_link(request)
    if request.method == "POST" or subscriber is None:
        if subscriber is not None:
            subscriber.delete()  # nothing is kept about an address that left
        return link_result(
            request,
            "unsubscribed",
            _("You are unsubscribed"),
            _("This address will receive no more newsletters from ICRtoP, and we no longer keep it."),
        )
    return link_result(
        request,
        "unsubscribe",
        _("Unsubscribe from the newsletter"),
        _("Press the button to stop receiving the ICRtoP newsletter at this address. We will then delete it."),
        action=_("Unsubscribe"),
    )
