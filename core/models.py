"""Models several apps share. ``core`` imports no other app of the project."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from .translators import TranslatorRestrictedAdminForm


class ReviewedRecord(WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """A record whose changes can wait for review: a translator's edit is saved as a draft and submitted
    to the "Moderators approval" workflow; visitors see the published copy until a moderator approves.
    Public querysets keep to ``live=True`` rows."""

    base_form_class = TranslatorRestrictedAdminForm

    class Meta:
        abstract = True


class OrderedTaxonomy(ReviewedRecord, index.Indexed):
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


class TranslationSource(models.Model):
    """The English a translation was made from, per record, field and language (see
    ``core.translation_sources``): when the English changes later, the translation is out of date."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=100)
    language = models.CharField(max_length=10)
    # The English text; for a StreamField, a JSON object {block path: text} of its text blocks.
    source = models.TextField(blank=True)
    translation_digest = models.CharField(max_length=64)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation source")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="core_translation_source_unique"
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}:{self.field}:{self.language}"
