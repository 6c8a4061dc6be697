"""Signals the publishing types send, for apps that react without publishing knowing them.

``crisis_level_changed(sender, page, change, previous_level_id)``: a live crisis's current level
changed (``CrisisPage.save`` on publishing); ``change`` is the ``CrisisLevelChange`` that set it.
``engagement`` queues the alerts of the crisis's followers on it."""

from django.dispatch import Signal

crisis_level_changed = Signal()
