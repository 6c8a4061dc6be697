"""The one model of the translation tools: the English each translation was made from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationSource(models.Model):
    """The English a translation was made from, per record, field and language (see
    ``translations.staleness``): when the English changes later, the translation is out of date.

    The model moved here from ``core`` with its rows (``core/0004``, ``translations/0001``)."""

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
            # Named when the model lived in core; the name is kept so that moving changed no constraint.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="core_translation_source_unique"
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}:{self.field}:{self.language}"
