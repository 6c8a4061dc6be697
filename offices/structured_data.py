"""schema.org ``Organization`` data for the coalition, with one ``PostalAddress`` and one
``ContactPoint`` per published office, published as JSON-LD in the page head."""

from django.utils.translation import gettext

from core.structured_data import json_ld_script  # noqa: F401 (used by the templates' tags)

from .formatting import street_line


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
