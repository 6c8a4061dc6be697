"""Admin hooks of the shared app: the audit trail's actions."""

from wagtail import hooks

from .audit import register_actions

hooks.register("register_log_actions", register_actions)
