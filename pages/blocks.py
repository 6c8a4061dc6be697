"""The shared StreamField blocks now live in ``core.blocks`` (the page apps share them without
importing one another); kept importable from here for existing code."""

from core.blocks import *  # noqa: F401,F403
from core.blocks import RICH_TEXT_FEATURES, BodyStreamBlock  # noqa: F401
