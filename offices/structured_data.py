"""schema.org ``Organization`` data for the coalition, with one ``PostalAddress`` and one
``ContactPoint`` per published office, published as JSON-LD in the page head."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .formatting import street_line

# Inside <script> the HTML parser ends the element at the first "</script"; "<!--" also changes how it
# reads on. Writing <, > and & as JSON unicode escapes keeps the JSON identical and the HTML inert.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def postal_address(office):
    data = {
        "@type": "PostalAddress",
        "name": office.name,
        "streetAddress": street_line(office),
        "addressLocality": office.city,
        "addressRegion": office.region,
        "postalCode": office.postal_code,
        "addressCountry": office.country.code if office.country else "",
    }
    return {key: value for key, value in data.items() if value}


def contact_point(office):
    data = {
        "@type": "ContactPoint",
        "name": office.name,
        "contactType": gettext("office"),
        "telephone": office.phone.as_e164 if office.phone else "",
        "faxNumber": office.fax.as_e164 if office.fax else "",
        "email": office.email,
    }
    return {key: value for key, value in data.items() if value}


def organization(offices, url=None):
    """The coalition as a schema.org Organization (a dict ready for ``json.dumps``)."""
    offices = list(offices)
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": gettext("International Coalition for the Responsibility to Protect"),
        "alternateName": "ICRtoP",
    }
    if url:
        data["url"] = url
    if offices:
        data["address"] = [postal_address(office) for office in offices]
        data["contactPoint"] = [contact_point(office) for office in offices]
    return data


def json_ld_script(data):
    """``<script type="application/ld+json">`` holding ``data``. Browsers never execute this type, so
    the public pages' Content-Security-Policy (no inline scripts) is untouched."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    # Safe: the JSON has no "<", ">" or "&" left (escaped above), so it cannot close the element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308  # nosec B308 B703
