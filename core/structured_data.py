"""JSON-LD (schema.org) in a page head, safe inside ``<script>`` and under the strict CSP."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# Inside <script> the HTML parser ends the element at the first "</script"; "<!--" also changes how it
# reads on. Writing <, > and & as JSON unicode escapes keeps the JSON identical and the HTML inert.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """``<script type="application/ld+json">`` holding ``data``. Browsers never execute this type, so
    the public pages' Content-Security-Policy (no inline scripts) is untouched."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    # Safe: the JSON has no "<", ">" or "&" left (escaped above), so it cannot close the element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308  # nosec B308 B703
