"""StreamField blocks: leaf blocks first, the shared BodyStreamBlock last."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class CalloutValue(blocks.StructValue):
    """Presentation helpers for a callout."""

    def css_modifier(self) -> str:
        return f"callout--{self.get('tone') or 'info'}"


class HeadingBlock(blocks.StructBlock):
    """A section heading (h2 or h3) that also becomes an anchor."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    size = blocks.ChoiceBlock(
        label=_("Size"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "components/streamfield/blocks/heading_block.html"
        description = _("A section heading")
        preview_value = {"text": "Hồ sơ mẫu", "size": "h2"}


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: information, a warning or a tip."""

    tone = blocks.ChoiceBlock(
        label=_("Tone"),
        choices=[("info", _("Information")), ("warning", _("Warning")), ("tip", _("Tip"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        template = "components/streamfield/blocks/callout_block.html"
        description = _("A highlighted note, warning or tip")
        value_class = CalloutValue
        preview_value = {
            "tone": "warning",
            "title": "Lưu ý",
            "text": "<p>Mang theo bản chính để đối chiếu.</p>",
        }


class ImageBlock(blocks.StructBlock):
    """An image with a required text alternative and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/streamfield/blocks/image_block.html"
        description = _("An image with alternative text and caption")


class VideoBlock(blocks.StructBlock):
    """A video guide (YouTube or another oEmbed provider)."""

    video = EmbedBlock(label=_("Video URL"), max_width=800)
    title = blocks.CharBlock(label=_("Title"), max_length=200)

    class Meta:
        icon = "media"
        template = "components/streamfield/blocks/video_block.html"
        description = _("An embedded video guide")


class DocumentBlock(blocks.StructBlock):
    """A downloadable file: a form template or a sample filled-in dossier."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        template = "components/streamfield/blocks/document_block.html"
        description = _("A file to download")


class FaqItemBlock(blocks.StructBlock):
    """One question with its answer."""

    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        template = "components/streamfield/blocks/faq_item_block.html"
        description = _("A question and its answer")
        preview_value = {
            "question": "Tôi có thể nộp hồ sơ qua bưu điện không?",
            "answer": "<p>Có, nếu thủ tục cho phép nộp qua dịch vụ bưu chính công ích.</p>",
        }


class FaqBlock(blocks.StructBlock):
    """A list of frequently asked questions, shown as expandable items."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    items = blocks.ListBlock(FaqItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        template = "components/streamfield/blocks/faq_block.html"
        description = _("Frequently asked questions")


class TableBlock(blocks.StructBlock):
    """A simple table: the first row holds the column headings."""

    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("Cell"), required=False), label=_("Row")),
        label=_("Rows"),
    )

    class Meta:
        icon = "table"
        template = "components/streamfield/blocks/table_block.html"
        description = _("A table whose first row is the heading row")
        preview_value = {
            "caption": "Lệ phí",
            "rows": [["Hạng mục", "Mức thu"], ["Cấp mới", "50.000 đ"]],
        }


class BodyStreamBlock(blocks.StreamBlock):
    """The rich body shared by content pages and procedure guidance."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["h3", "bold", "italic", "link", "document-link", "ul", "ol"],
        template="components/streamfield/blocks/paragraph_block.html",
    )
    callout = CalloutBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    faq = FaqBlock()
    table = TableBlock()

    class Meta:
        block_counts = {}
