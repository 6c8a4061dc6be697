"""The Atom feed base of listings lives in ``core.feeds`` (shared by every page app without import
cycles); kept importable from here."""

from core.feeds import ListingFeed  # noqa: F401
