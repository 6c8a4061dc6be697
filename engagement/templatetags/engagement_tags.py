"""Template tags of the engagement forms and the footer's newsletter form."""

from django import template

from core import generation

from ..models import NewsletterPage

register = template.Library()


@register.simple_tag
def field_widget(field):
    """The field's widget with its help and error text tied to it (aria-describedby, aria-invalid)."""
    described_by = []
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required and field.widget_type != "checkbox":
        attrs["required"] = True
    return field.as_widget(attrs=attrs)


@register.simple_tag
def field_anchor(field):
    """The id a link in the error summary points to: the first choice of a group, else the input."""
    if field.widget_type in ("radioselect", "checkboxselectmultiple"):
        choices = list(field)
        return choices[0].id_for_label if choices else field.auto_id
    return field.id_for_label


@register.filter
def after_colon(text):
    """An error message as it reads after its field's name and a colon: "Votre nom : ce champ est
    obligatoire." (UN French and Spanish, and English, write lower case there); an abbreviation
    ("URL", "ICRtoP") keeps its capitals."""
    text = str(text)
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


@register.inclusion_tag("engagement/includes/footer_newsletter.html", takes_context=True)
def footer_newsletter(context):
    """The footer's short sign-up form: plain GET to the newsletter page (no token, no cookie, so
    every page stays cacheable); the newsletter page shows the real form with the address filled in."""
    request = context.get("request")
    if request is not None and hasattr(request, "_newsletter_page"):
        page = request._newsletter_page
    else:
        page = generation.cached(("newsletter_page",), lambda: NewsletterPage.objects.live().public().first())
        if request is not None:
            request._newsletter_page = page
    return {"newsletter_url": page.get_url(request) if page else ""}
