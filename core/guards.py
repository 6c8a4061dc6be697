"""Guard rails for commands that must never touch the live site by accident (``make_sample_content``,
``make_sample_members``): under the production settings they refuse to run unless the operator types
the site's host name, ``--i-know-this-is-production=www.icrtop.org`` (docs/operations.md,
"Guard rails"). One flag and one check for every such command."""

from django.conf import settings
from django.core.management.base import CommandError

FLAG = "--i-know-this-is-production"


def is_production():
    """Whether the production settings (``icrtop.settings.production``) are in use."""
    return (getattr(settings, "SETTINGS_MODULE", "") or "").endswith(".production")


def site_host_name():
    """The site's host name: the first of ``ALLOWED_HOSTS`` (the one ``WAGTAILADMIN_BASE_URL`` uses)."""
    hosts = [host for host in settings.ALLOWED_HOSTS if host and host != "*"]
    return hosts[0].lstrip(".") if hosts else ""


def add_production_guard(parser):
    parser.add_argument(
        FLAG,
        dest="i_know_this_is_production",
        metavar="HOST_NAME",
        default="",
        help="Run under the production settings anyway: repeat the site's host name (the first of ALLOWED_HOSTS).",
    )


SHOWN = "visitors would see it on the live site"


def refuse_production(options, what, risk=SHOWN):
    """Raise CommandError under the production settings unless the flag names this site's host.
    ``what`` the command would do, ``risk`` what that means on the live site (a removal: what it
    deletes, not what visitors would see)."""
    if not is_production():
        return
    given = (options.get("i_know_this_is_production") or "").strip().lower()
    expected = site_host_name().lower()
    if expected and given == expected:
        return
    reason = "" if not given else f" ({given!r} is not this site's host name)"
    raise CommandError(
        f"Refusing to {what} under the production settings{reason}: {risk}. "
        f"Use a development database; for a throw-away database run with production settings, add "
        f"{FLAG}=<the site's host name, the first of ALLOWED_HOSTS>."
    )
