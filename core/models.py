"""Models several apps share. ``core`` imports no other app of the project."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Page, RevisionMixin, WorkflowMixin
from wagtail.search import index

from .admin_forms import SiteAdminModelForm, SitePageForm
from .autosave import delete_replaced_draft, replaces_draft
from .blocks import BodyStreamBlock
from .preview import LanguagePreviewMixin
from .slugs import fill_translated_slugs


class ReviewedRecord(WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """A record whose changes can wait for review: a translator's edit is saved as a draft and submitted
    to the "Moderators approval" workflow; visitors see the published copy until a moderator approves.
    Public querysets keep to ``live=True`` rows."""

    base_form_class = SiteAdminModelForm  # with what other apps add to it (core.admin_forms)

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


class ShownRelationsMixin:
    """A page whose template shows records related to it (topics, members, statements...): they are read
    in one go by ``load_shown()`` (override it; a dict), kept once per content generation and page (the
    records carry every language's columns, so one entry serves the six languages), and given to the
    template as ``shown``. Any saved page or record bumps the generation. A preview reads them afresh:
    its relations may be a draft's, never what visitors see."""

    shown_cache_name = "shown_relations"

    def load_shown(self):
        raise NotImplementedError

    def shown_for(self, request):
        from core import generation

        if getattr(request, "is_preview", False) or not self.pk:
            return self.load_shown()
        return generation.cached((self.shown_cache_name, type(self).__name__, self.pk), self.load_shown)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.shown = context["shown"] = self.shown_for(request)
        return context


class ImageWithAltTextMixin(models.Model):
    """An optional picture for a page or an article (hero, card, Open Graph), with the alternative text
    that a screen reader speaks instead of it. The text is required unless the editor marks the picture
    as decorative (then it is rendered with ``alt=""``). Add ``image_panels`` to the page's panels and
    ``image_alt_text`` to its translated fields::

        class CrisisPage(ImageWithAltTextMixin, Page):
            content_panels = Page.content_panels + ImageWithAltTextMixin.image_panels + [...]
    """

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page, on cards that link to it and when it is shared."),
    )
    image_alt_text = models.CharField(
        _("image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it (required unless decorative)."),
    )
    image_is_decorative = models.BooleanField(
        _("the image is decorative"),
        default=False,
        help_text=_("Tick only if the picture adds no information: screen readers will then skip it."),
    )

    image_panels = [
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_text"), FieldPanel("image_is_decorative")],
            heading=_("Image"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_id and not self.image_is_decorative and not (self.image_alt_text or "").strip():
            raise ValidationError(
                {"image_alt_text": _("Describe the image for people who cannot see it, or mark it as decorative.")}
            )

    @property
    def image_alt(self):
        """The ``alt`` attribute: empty for a decorative picture."""
        return "" if self.image_is_decorative else (self.image_alt_text or "")


@register_setting(icon="site")
class SocialAccounts(BaseSiteSetting):
    """The coalition's own accounts, linked from the footer as plain links (no widgets, no scripts)."""

    mastodon = models.URLField("Mastodon", blank=True)
    bluesky = models.URLField("Bluesky", blank=True)
    x = models.URLField("X (Twitter)", blank=True)
    facebook = models.URLField("Facebook", blank=True)
    linkedin = models.URLField("LinkedIn", blank=True)
    instagram = models.URLField("Instagram", blank=True)
    youtube = models.URLField("YouTube", blank=True)

    NETWORKS = ["mastodon", "bluesky", "x", "facebook", "linkedin", "instagram", "youtube"]

    class Meta:
        verbose_name = _("social accounts")

    def accounts(self):
        """``(network key, its name, url)`` for every account filled in, in a fixed order."""
        return [
            (key, self._meta.get_field(key).verbose_name, getattr(self, key))
            for key in self.NETWORKS
            if getattr(self, key)
        ]


class TranslatedPageMixin(LanguagePreviewMixin):
    """What every page type of the site has: a preview in each site language (``core.preview``),
    the site's admin page form (``core.admin_forms``, in which, e.g., translators change translations
    only) and a slug in each language its title is translated into (``core.slugs``)."""

    base_form_class = SitePageForm  # with what other apps add to it (core.admin_forms)

    # Wagtail fills an empty slug from the title in both (the form, a revision, a publish).
    def full_clean(self, *args, **kwargs):
        fill_translated_slugs(self)
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        fill_translated_slugs(self)
        super().minimal_clean()

    # A new page replacing the editor's abandoned autosave draft (``core.autosave``) takes its slug:
    # the form checked that no other sibling holds it; the draft goes when the page is first saved.
    def _check_slug_is_unique(self):
        if not replaces_draft(self):
            super()._check_slug_is_unique()

    def save(self, *args, **kwargs):
        delete_replaced_draft(self)
        return super().save(*args, **kwargs)


class IntroBodyMixin(TranslatedPageMixin, models.Model):
    """A lead paragraph and the shared StreamField body, with their panels (and a preview in every
    site language, see ``core.preview``)."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short lead shown under the title."))
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True


class ScheduledJob(models.Model):
    """One of the site's scheduled jobs (``core.scheduler``): when it last started and finished, how
    it ended, and when a scheduler last checked whether it was due."""

    name = models.CharField(_("command"), max_length=100, unique=True)
    started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    succeeded = models.BooleanField(_("last run succeeded"), null=True, blank=True)
    output = models.TextField(_("last output"), blank=True)
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["name"]

    def __str__(self):
        return self.name
