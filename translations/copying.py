"""The "Copy content from" buttons of the admin's edit forms: under each translatable text field of a
page or record (its title, intro, body StreamField, rich text…), one button per other language whose
field the form also has, copying that language's content into this field.

A plain text field is copied in the browser; a StreamField or a rich text field is rebuilt by the
server from the posted blocks (``copy_translated_stream`` in ``wagtail_hooks``). Slugs are not copied
(each language's slug comes from its own title), nor are inline panels (signatories, attachments) or
fields that are not translated."""

from django.conf import settings
from django.db import models
from modeltranslation.translator import NotRegistered, translator
from wagtail.fields import RichTextField, StreamField

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def translation_fields(model):
    """``{field name: (original field name, language code)}`` of ``model``'s translated copies."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {
        field.name: (original, field.language) for original, fields in options.all_fields.items() for field in fields
    }


def copy_kind(field):
    """How the content of ``field`` is copied: "blocks" by the server (StreamField, rich text), "text"
    in the browser (other text fields), None when it is not copied (slugs, anything but text)."""
    if isinstance(field, (StreamField, RichTextField)):
        return "blocks"
    if isinstance(field, models.SlugField) or not isinstance(field, (models.CharField, models.TextField)):
        return None
    return "text"


def copy_sources(model, form, name):
    """The buttons of the form field ``name`` (e.g. ``body_zh_hans``): ``[(language, field name)]`` of
    the other languages of the same translated field that ``form`` also has, in the site's order."""
    copies = translation_fields(model)
    if name not in copies or name not in form.fields or form.fields[name].disabled:
        return []
    original, language = copies[name]
    if copy_kind(model._meta.get_field(name)) is None:
        return []
    by_language = {lang: other for other, (orig, lang) in copies.items() if orig == original}
    return [
        (code, by_language[code])
        for code, _name in settings.LANGUAGES
        if code != language and by_language.get(code) in form.fields
    ]


def copied_field(model, origin, target):
    """The field ``target`` of ``model`` if ``origin`` and ``target`` are two languages of one
    translated StreamField or rich text field, else None."""
    copies = translation_fields(model)
    if origin == target or origin not in copies or target not in copies:
        return None
    if copies[origin][0] != copies[target][0]:
        return None
    field = model._meta.get_field(target)
    return field if copy_kind(field) == "blocks" else None
