"""``{% copy_translation_buttons self %}`` in the admin's field panel (``translations.copying``)."""

from django import template
from django.utils.translation import gettext

from ..copying import LANGUAGE_NAMES, copy_kind, copy_sources

register = template.Library()


@register.inclusion_tag("translations/admin/copy_buttons.html")
def copy_translation_buttons(bound_panel):
    model, form = getattr(bound_panel.panel, "model", None), getattr(bound_panel, "form", None)
    name = getattr(bound_panel, "field_name", None)
    if model is None or form is None or not name or form.prefix:
        return {"buttons": []}  # nor on an inline panel's items (signatories, attachments…)
    sources = copy_sources(model, form, name)
    kind = copy_kind(model._meta.get_field(name)) if sources else None
    buttons = [
        {
            "code": code,
            "origin": origin,
            "label": gettext("Copy the %(language)s content into this field") % {"language": LANGUAGE_NAMES[code]},
        }
        for code, origin in sources
    ]
    return {"buttons": buttons, "target": name, "kind": kind, "model": model._meta.label_lower}
