"""Models several apps share. ``core`` imports no other app of the project."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyStreamBlock


class OrderedTaxonomy(index.Indexed, models.Model):
    """An editable, ordered list of names with slugs (regions, sectors, topics)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Topic(OrderedTaxonomy):
    """A theme of the coalition's work (prevention, accountability, women, peace and security…), shared
    by crises, articles, resources and events."""

    class Meta(OrderedTaxonomy.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class IntroBodyMixin(models.Model):
    """A lead paragraph and the shared StreamField body, with their panels."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short lead shown under the title."))
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True
