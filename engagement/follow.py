"""Following a crisis, a country or a topic by e-mail: what can be followed, the sign-up page
(``/<lang>/follow/?crisis=<id>``, ``?country=<ISO code>``, ``?topic=<slug>``) and its confirm and
unsubscribe links (``/<lang>/follow/confirm/<token>/``, ``/<lang>/follow/unsubscribe/<token>/``).

Double opt-in as for the newsletter (``engagement.tokens``, the same signed links and the outbox).
A link in an e-mail changes nothing on GET or HEAD: it shows a page with a button, and the button's
POST acts; the one-click unsubscribe of mail programs (RFC 8058, ``List-Unsubscribe-Post``) is that
same POST. The sign-up page never tells whether an address is already known.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Site

from core.models import Topic
from publishing.models import CrisisIndexPage, CrisisPage, NewsIndexPage

from . import mail, tokens
from .forms import FollowForm
from .models import FollowSubscription
from .views import language, no_store, privacy_page, process_post

KINDS = ("crisis", "country", "topic")


@dataclass
class Target:
    """Something a visitor can follow, named in the active language."""

    kind: str  # "crisis", "country" or "topic"
    value: str  # the crisis page's id, the ISO code or the topic's id
    label: str
    back_url: str  # the page it is followed from

    @property
    def key(self):
        return f"{self.kind}:{self.value}"

    @property
    def param(self):
        """The sign-up page's query for it (``crisis=12``, ``country=SY``, ``topic=<slug>``)."""
        return urlencode({self.kind: self.value if self.kind != "topic" else self.slug})

    slug: str = ""


def _crisis(value):
    if not str(value).isascii() or not str(value).isdigit() or len(str(value)) > 18:
        return None
    crisis = CrisisPage.objects.live().public().filter(pk=int(value)).first()
    if crisis is None:
        return None
    return Target("crisis", str(crisis.pk), crisis.title, crisis.get_url() or "")


def _country(value):
    code = str(value).strip().upper()
    if len(code) != 2 or code not in countries:
        return None
    index = CrisisIndexPage.objects.live().public().first()
    back = f"{index.get_url() or ''}?country={code}" if index else ""
    return Target("country", code, str(countries.name(code)), back)


def _topic(value, by="slug"):
    if by == "pk":
        topic = Topic.objects.filter(pk=int(value)).first() if str(value).isdigit() else None
    else:
        topic = next(
            (
                topic
                for topic in Topic.objects.all()
                if value
                in {getattr(topic, build_localized_fieldname("slug", code), None) for code, _n in settings.LANGUAGES}
            ),
            None,
        )
    if topic is None:
        return None
    index = NewsIndexPage.objects.live().public().first()
    back = f"{index.get_url() or ''}?topic={topic.slug}" if index else ""
    return Target("topic", str(topic.pk), topic.name, back, slug=topic.slug)


def target_from_params(params):
    """The target a sign-up page's query names (one of ``crisis``, ``country``, ``topic``), or None."""
    for kind in KINDS:
        value = params.get(kind, "")
        if isinstance(value, str) and value and len(value) <= 200 and "\x00" not in value:
            return {"crisis": _crisis, "country": _country, "topic": _topic}[kind](value)
    return None


def target_from_key(key):
    """The target of a stored ``kind:value`` key, in the active language, or None when it is gone."""
    kind, _sep, value = str(key).partition(":")
    if kind == "crisis":
        return _crisis(value)
    if kind == "country":
        return _country(value)
    if kind == "topic":
        return _topic(value, by="pk")
    return None


def site_root():
    """The public site's address (for links in e-mails written outside a request)."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def link(name, subscription, purpose, request=None):
    """An absolute link with a signed token, in the subscription's language."""
    with translation.override(subscription.language):
        path = reverse(name, kwargs={"token": tokens.make(subscription, purpose)})
    return request.build_absolute_uri(path) if request is not None else site_root() + path


def unsubscribe_headers(url):
    """List-Unsubscribe (RFC 2369) with the one-click POST of RFC 8058."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# --- the sign-up page ----------------------------------------------------------------------------


def render_follow(request, target, form=None, sent=False, status=200):
    context = {"target": target, "form": form, "sent": sent, "privacy_page": privacy_page()}
    return no_store(TemplateResponse(request, "engagement/follow_page.html", context, status=status))


def save_follow(form, target, request):
    """Never tells whether the address is known: the owner gets the confirmation link, or a note that
    they already follow it (with the link to stop)."""
    email = form.cleaned_data["email"]
    chosen = language()
    subscription, created = FollowSubscription.objects.get_or_create(
        email=email, target=target.key, defaults={"language": chosen, "consent_at": timezone.now()}
    )
    if not created and subscription.status == FollowSubscription.Status.PENDING:
        subscription.language = chosen
        subscription.consent_at = timezone.now()
        subscription.save(update_fields=["language", "consent_at"])
    unsubscribe_url = link("follow_unsubscribe", subscription, tokens.FOLLOW_UNSUBSCRIBE, request)
    context = {"target": target.label, "unsubscribe_url": unsubscribe_url}
    if subscription.status == FollowSubscription.Status.CONFIRMED:
        mail.queue(
            to=[email],
            subject=gettext_lazy("You already follow this on the ICRtoP website"),
            template="engagement/email/follow_already.txt",
            context=context,
            language=subscription.language,
            headers=unsubscribe_headers(unsubscribe_url),
        )
        return subscription
    mail.queue(
        to=[email],
        subject=gettext_lazy("Please confirm: e-mail alerts from ICRtoP"),
        template="engagement/email/follow_confirm.txt",
        context={
            **context,
            "confirm_url": link("follow_confirm", subscription, tokens.FOLLOW_CONFIRM, request),
            "days": settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS,
        },
        language=subscription.language,
        headers=unsubscribe_headers(unsubscribe_url),
    )
    return subscription


def follow_page(request):
    """GET: the form for the target the query names (``?sent=1``: "check your e-mail"); POST: the rate
    limit, the spam brakes and the fields, then the subscription and its e-mail, and a 303 redirect."""
    target = target_from_params(request.GET)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if target is None:
        return render_follow(request, None, status=404)
    if request.method in ("GET", "HEAD"):
        if request.GET.get("sent") == "1":
            return render_follow(request, target, sent=True)
        return render_follow(request, target, FollowForm())  # an address in a URL is never used
    form = FollowForm(request.POST)
    status = process_post(request, form, "engagement.follow", lambda form, request: save_follow(form, target, request))
    if status is not None:
        return render_follow(request, target, form, status=status)
    return HttpResponseRedirect(f"{reverse('follow')}?{target.param}&sent=1", status=303)


# --- the links in the e-mails ----------------------------------------------------------------------

INVALID_LINK = gettext_lazy(
    "This link is not valid. Please copy the whole address from the e-mail, or sign up again from the page "
    "you wanted to follow."
)


def link_page(request, state, title, message, status=200, button="", target=None):
    """The page a link opens: a message and, while something is to be done, a button that POSTs."""
    context = {"state": state, "title": title, "message": message, "button": button, "target": target}
    return no_store(TemplateResponse(request, "engagement/follow_link.html", context, status=status))


def _read(request, token, purpose):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"]), None
    state, subscription = tokens.read(token, purpose, model=FollowSubscription)
    if state == tokens.EXPIRED:
        return link_page(
            request,
            "expired",
            _("This link has expired"),
            _("Confirmation links work for %(days)s days. Please sign up again to receive a new one.")
            % {"days": settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS},
            status=410,
        ), None
    if state == tokens.INVALID:
        return link_page(request, "invalid", _("This link does not work"), INVALID_LINK, status=400), None
    return None, subscription


@csrf_exempt  # the signed token is the proof (the page may be opened without cookies)
def follow_confirm(request, token):
    refused, subscription = _read(request, token, tokens.FOLLOW_CONFIRM)
    if refused:
        return refused
    if subscription is None:
        return link_page(
            request,
            "gone",
            _("This link no longer works"),
            _("This subscription was cancelled. Please sign up again if you want the alerts."),
            status=410,
        )
    target = target_from_key(subscription.target)
    label = target.label if target else subscription.target
    if subscription.status == FollowSubscription.Status.CONFIRMED:
        return link_page(
            request, "confirmed", _("Your subscription is confirmed"), confirmed_text(label), target=target
        )
    if request.method != "POST":
        return link_page(
            request,
            "confirm",
            _("Confirm your subscription"),
            _("Receive at most one e-mail a day when there is news about %(target)s?") % {"target": label},
            button=_("Confirm my subscription"),
            target=target,
        )
    now = timezone.now()
    FollowSubscription.objects.filter(pk=subscription.pk, status=FollowSubscription.Status.PENDING).update(
        status=FollowSubscription.Status.CONFIRMED, confirmed_at=now, sent_until=now
    )
    return link_page(request, "confirmed", _("Your subscription is confirmed"), confirmed_text(label), target=target)


def confirmed_text(label):
    return _(
        "Thank you. You will receive at most one e-mail a day when there is news about %(target)s; every e-mail "
        "has a link to stop."
    ) % {"target": label}


@csrf_exempt  # the signed token is the proof; mail programs POST here without a form (RFC 8058)
def follow_unsubscribe(request, token):
    refused, subscription = _read(request, token, tokens.FOLLOW_UNSUBSCRIBE)
    if refused:
        return refused
    target = target_from_key(subscription.target) if subscription else None
    label = target.label if target else ""
    if subscription is not None and request.method != "POST":
        return link_page(
            request,
            "unsubscribe",
            _("Stop these e-mails?"),
            _("This address will receive no more alerts about %(target)s.") % {"target": label or subscription.target},
            button=_("Stop the e-mails"),
            target=target,
        )
    if subscription is not None:
        subscription.delete()  # nothing is kept about an address that left
    return link_page(
        request,
        "unsubscribed",
        _("You are unsubscribed"),
        _("This address will receive no more alerts for this subscription, and we no longer keep it."),
        target=target,
    )
