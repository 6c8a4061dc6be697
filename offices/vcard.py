"""An office as a vCard 3.0 (RFC 2426) contact card: escaped values, lines folded at 75 octets,
CRLF line endings. Small enough to write by hand; the tests read it back with the ``vobject`` parser."""

from django.utils.translation import gettext

from .formatting import address_lines, country_name

CRLF = "\r\n"
MAX_LINE_OCTETS = 75


def escape_text(value):
    """Escapes a TEXT value: backslash, comma, semicolon and line breaks (RFC 2426 §4)."""
    text = str(value or "")
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def compound(*components):
    """A structured value (N, ORG, ADR): each component escaped, joined by semicolons."""
    return ";".join(escape_text(component) for component in components)


def fold(line):
    """Splits a content line into chunks of at most 75 octets of UTF-8, never inside a character;
    continuation lines start with one space (RFC 2426 §2.6 / RFC 6350 §3.2)."""
    chunks, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = MAX_LINE_OCTETS if not chunks else MAX_LINE_OCTETS - 1
        if size + width > limit:
            chunks.append(current)
            current, size = "", 0
        current += char
        size += width
    chunks.append(current)
    return (CRLF + " ").join(chunks)


def office_vcard(office, organisation_name=None, url=None):
    """The office's contact card as text (to be sent as UTF-8). Names and the country follow the
    active language; numbers are written in E.164 so every phone can dial them."""
    organisation = organisation_name or gettext("International Coalition for the Responsibility to Protect")
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//ICRtoP//Offices//EN",
        f"FN:{escape_text(f'{organisation} – {office.name}')}",
        "N:;;;;",
        f"ORG:{compound(organisation, office.name)}",
        "X-ABSHOWAS:COMPANY",
        "ADR;TYPE=WORK,POSTAL,PARCEL:"
        + compound(
            "",  # post office box
            ", ".join(part for part in (office.organisation_line, office.suite) if part),
            office.street_address,
            office.city,
            office.region,
            office.postal_code,
            country_name(office.country),
        ),
        f"LABEL;TYPE=WORK:{escape_text(chr(10).join(address_lines(office)))}",
    ]
    if office.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{office.phone.as_e164}")
    if office.fax:
        lines.append(f"TEL;TYPE=WORK,FAX:{office.fax.as_e164}")
    if office.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escape_text(office.email)}")
    if office.latitude is not None and office.longitude is not None:
        lines.append(f"GEO:{office.latitude:f};{office.longitude:f}")
    if office.time_zone:
        lines.append(f"TZ;VALUE=text:{escape_text(office.time_zone)}")
    if office.opening_hours:
        lines.append(f"NOTE:{escape_text(office.opening_hours)}")
    if url:
        lines.append(f"URL:{url}")  # a URI value: not escaped
    lines.append("END:VCARD")
    return "".join(fold(line) + CRLF for line in lines)
