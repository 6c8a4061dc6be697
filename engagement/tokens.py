"""Signed newsletter links (django.core.signing): "confirm" links expire, "unsubscribe" links do
not (a message read years later must still let its reader leave). A token names the subscriber row
and a fingerprint of its address, never the address itself, and is void once the row is gone.

The alert subscriptions (a crisis, a country or a topic: ``engagement.follow``) use the same tokens
with purposes of their own (``FOLLOW_CONFIRM``, ``FOLLOW_UNSUBSCRIBE``) and ``read(..., model=
FollowSubscription)``: a newsletter link never opens a subscription, nor the other way round."""

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

CONFIRM = "confirm"
UNSUBSCRIBE = "unsubscribe"
FOLLOW_CONFIRM = "follow-confirm"
FOLLOW_UNSUBSCRIBE = "follow-unsubscribe"
EXPIRING = (CONFIRM, FOLLOW_CONFIRM)
VALID, EXPIRED, INVALID = "valid", "expired", "invalid"


def fingerprint(email):
    return salted_hmac("engagement.newsletter.address", email.lower()).hexdigest()[:16]


def make(subscriber, purpose):
    return signing.dumps(
        {"id": subscriber.pk, "h": fingerprint(subscriber.email)}, salt=f"engagement.newsletter.{purpose}"
    )


def read(token, purpose, model=None):
    """(state, subscriber or None). ``state`` is VALID, EXPIRED or INVALID; a valid token whose
    subscriber is gone gives (VALID, None). ``model``: the rows the token names (newsletter
    subscribers unless told)."""
    from .models import Subscriber

    model = model or Subscriber
    max_age = settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS * 86400 if purpose in EXPIRING else None
    try:
        data = signing.loads(str(token)[:500], salt=f"engagement.newsletter.{purpose}", max_age=max_age)
    except signing.SignatureExpired:
        return EXPIRED, None
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return INVALID, None
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return INVALID, None
    subscriber = model.objects.filter(pk=data["id"]).first()
    if subscriber is None or fingerprint(subscriber.email) != data.get("h"):
        return VALID, None
    return VALID, subscriber
