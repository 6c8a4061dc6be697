"""Alerts to the followers of a crisis, a country or a topic (``engagement.follow``).

What happened is written down as it happens, for the targets someone follows (``AlertEvent``):

- a live crisis's level changed (``publishing.signals.crisis_level_changed``): for the crisis, each
  of its countries and each of its topics;
- a statement or news item was published (Wagtail's ``page_published``): for each crisis it is about,
  their countries, and each of its topics. Publishing it again adds nothing.

``send_digests()`` (``manage.py send_alert_digests``, once a day) then writes at most one e-mail per
subscription and day, in the subscription's language, listing what happened since its last e-mail,
with a one-click unsubscribe for that subscription (RFC 8058). It is idempotent and safe to run twice
at once: each subscription is taken with one conditional UPDATE (as the outbox takes a message), in
the transaction that queues its e-mail, so a second run finds nothing left to send.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.dates import format_precise_date
from publishing.models import ArticlePage

from . import mail, tokens
from .follow import link, target_from_key, unsubscribe_headers
from .models import AlertEvent, FollowSubscription

logger = logging.getLogger(__name__)


def crisis_targets(crisis):
    keys = [f"crisis:{crisis.pk}"]
    keys += [f"country:{country.code}" for country in crisis.countries]
    keys += [f"topic:{topic_id}" for topic_id in crisis.topics.values_list("pk", flat=True)]
    return keys


def record(keys, kind, event_key, page, level_change=None):
    """An event for each of ``keys`` that someone follows (confirmed). Returns how many were new."""
    followed = (
        FollowSubscription.objects.confirmed()
        .filter(target__in=set(keys))
        .order_by()
        .values_list("target", flat=True)
        .distinct()
    )
    created = 0
    for target in set(followed):
        _event, new = AlertEvent.objects.get_or_create(
            target=target,
            event_key=event_key,
            defaults={"kind": kind, "page_id": page.pk, "level_change": level_change},
        )
        created += new
    return created


def level_changed(sender, page, change, **kwargs):
    """``crisis_level_changed``: the crisis's followers, its countries' and its topics' hear of it."""
    if getattr(page, "is_sample", False):
        return
    record(crisis_targets(page), AlertEvent.Kind.LEVEL, f"level-change:{change.pk}", page, level_change=change)


def article_published(sender, instance, **kwargs):
    """``page_published`` of a statement or news item: the followers of its crises (and of their
    countries) and of its topics hear of it, once."""
    if getattr(instance, "is_sample", False):
        return
    keys = [f"topic:{pk}" for pk in instance.topics.values_list("pk", flat=True)]
    for crisis in instance.related_crises.live():
        keys += [f"crisis:{crisis.pk}", *(f"country:{country.code}" for country in crisis.countries)]
    if keys:
        record(keys, AlertEvent.Kind.ARTICLE, f"article:{instance.pk}", instance)


def connect():
    from wagtail.signals import page_published

    from publishing.signals import crisis_level_changed

    crisis_level_changed.connect(level_changed, dispatch_uid="engagement-alerts-level")
    page_published.connect(article_published, sender=ArticlePage, dispatch_uid="engagement-alerts-article")


# --- the daily e-mails ------------------------------------------------------------------------------


def event_lines(events, pages):
    """What each event says, in the active language: [(text, address)], oldest first. Events whose page
    is no longer live are left out."""
    lines = []
    for event in events:
        page = pages.get(event.page_id)
        if page is None:
            continue
        url = page.get_full_url() or ""
        if event.kind == AlertEvent.Kind.LEVEL and event.level_change is not None:
            change = event.level_change
            text = _("%(crisis)s: level now %(level)s, since %(date)s. %(reason)s") % {
                "crisis": page.title,
                "level": change.level.name,
                "date": format_precise_date(change.date, change.precision),
                "reason": change.reason,
            }
            lines.append((text.strip(), f"{url}#level-history" if url else ""))
        elif event.kind == AlertEvent.Kind.ARTICLE and isinstance(page, ArticlePage):
            text = _("%(kind)s: %(title)s (%(date)s)") % {
                "kind": page.get_kind_display(),
                "title": page.title,
                "date": format_precise_date(page.date),
            }
            lines.append((text, url))
    return lines


def due(now):
    """Confirmed subscriptions that had no e-mail yet today (the site's time zone)."""
    start_of_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return FollowSubscription.objects.confirmed().filter(
        Q(last_sent_at__isnull=True) | Q(last_sent_at__lt=start_of_day)
    )


def send_digests(now=None):
    """Queue today's e-mail of every subscription that has news. Returns the number queued."""
    now = now or timezone.now()
    subscriptions = list(due(now).order_by("pk"))
    if not subscriptions:
        return 0
    oldest = min((s.sent_until or s.confirmed_at or now) for s in subscriptions)
    events = (
        AlertEvent.objects.filter(
            target__in={s.target for s in subscriptions}, created_at__gt=oldest, created_at__lte=now
        )
        .select_related("level_change__level")
        .order_by("created_at", "pk")
    )
    by_target = {}
    for event in events:
        by_target.setdefault(event.target, []).append(event)
    page_ids = {event.page_id for found in by_target.values() for event in found}
    pages = Page.objects.live().public().filter(pk__in=page_ids).specific().in_bulk() if page_ids else {}
    queued = 0
    for subscription in subscriptions:
        since = subscription.sent_until or subscription.confirmed_at or now
        news = [event for event in by_target.get(subscription.target, []) if event.created_at > since]
        if news and send_one(subscription, news, pages, now):
            queued += 1
    return queued


def send_one(subscription, events, pages, now):
    """Take the subscription (one conditional UPDATE: another run that took it first wins) and queue
    its e-mail in the same transaction. False when there was nothing to say or another run sent it."""
    with translation.override(subscription.language):
        target = target_from_key(subscription.target)
        lines = event_lines(events, pages)
        if target is None or not lines:
            return False
        with transaction.atomic():
            current = Q(pk=subscription.pk, status=FollowSubscription.Status.CONFIRMED)
            for field in ("last_sent_at", "sent_until"):
                value = getattr(subscription, field)
                current &= Q(**{field: value}) if value is not None else Q(**{f"{field}__isnull": True})
            taken = FollowSubscription.objects.filter(current).update(sent_until=now, last_sent_at=now)
            if not taken:
                return False
            unsubscribe_url = link("follow_unsubscribe", subscription, tokens.FOLLOW_UNSUBSCRIBE)
            mail.queue(
                to=[subscription.email],
                subject=_("ICRtoP alert: %(target)s") % {"target": target.label},
                template="engagement/email/follow_digest.txt",
                context={"target": target.label, "lines": lines, "unsubscribe_url": unsubscribe_url},
                language=subscription.language,
                headers=unsubscribe_headers(unsubscribe_url),
            )
    return True
