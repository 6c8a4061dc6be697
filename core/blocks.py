"""The one StreamField block set shared by every page body, plus the structured blocks of the
home page and the RtoP explainer."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level"))

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_("Describe the image for people who cannot see it. Leave empty only if purely decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")


class LinkTargetBlock(blocks.StructBlock):
    """A link to a page of the site, or else to an outside URL."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an outside address"), required=False)

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an outside address."))}
            )
        return value


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_label = blocks.CharBlock(label=_("Link text"), max_length=80)
    link = LinkTargetBlock(label=_("Link"))

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        label = _("Document link")


class BodyStreamBlock(blocks.StreamBlock):
    """Every page body uses this block set."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"), icon="pilcrow")
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()

    # Embeds load third-party content (and its trackers) into our pages, so they are off by
    # default. Setting ICRTOP_ENABLE_EMBEDS=True adds the block; run makemigrations afterwards.
    if getattr(settings, "ICRTOP_ENABLE_EMBEDS", False):
        embed = EmbedBlock(label=_("Embed"), template="blocks/embed_block.html")


# --- Structured blocks for the RtoP explainer and the home page -----------------------------


class CrimeBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Crime"), max_length=100)
    description = blocks.TextBlock(label=_("Description"))

    class Meta:
        icon = "warning"
        label = _("Crime")


class PillarBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    summary = blocks.CharBlock(label=_("In one line"), max_length=250, required=False)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Explanation"))

    class Meta:
        icon = "list-ol"
        label = _("Pillar")


class MeasureBlock(blocks.StructBlock):
    category = blocks.CharBlock(label=_("Kind of measure"), max_length=100)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Examples"))

    class Meta:
        icon = "list-ul"
        label = _("Measure")


class HighlightBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    summary = blocks.TextBlock(
        label=_("Summary"), required=False, help_text=_("Leave empty to use the page's search description.")
    )

    class Meta:
        icon = "pick"
        label = _("Highlight")
