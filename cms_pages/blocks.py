"""StreamField blocks: leaf blocks first, the shared BodyStreamBlock last."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import ListBlockValidationError, StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms_pages.block_values import (
    CalloutValue,
    ContactCardValue,
    EntryPointValue,
    JourneyValue,
    LinkValue,
)
from cms_pages.roadmap import Relation


class HeadingBlock(blocks.StructBlock):
    """A section heading (h2 or h3) that also becomes an anchor."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    size = blocks.ChoiceBlock(
        label=_("Size"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        label = _("Heading")
        icon = "title"
        template = "components/streamfield/blocks/heading_block.html"
        description = _("A section heading")
        preview_value = {"text": "Hồ sơ mẫu", "size": "h2"}


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: information, a warning or a tip."""

    tone = blocks.ChoiceBlock(
        label=_("Tone"),
        choices=[
            ("info", _("Information")),
            ("warning", _("Warning")),
            ("tip", _("Tip")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        label = _("Callout box")
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
        label = _("Image")
        icon = "image"
        template = "components/streamfield/blocks/image_block.html"
        description = _("An image with alternative text and caption")


class VideoBlock(blocks.StructBlock):
    """A video guide (YouTube or another oEmbed provider)."""

    video = EmbedBlock(label=_("Video URL"), max_width=800)
    title = blocks.CharBlock(label=_("Title"), max_length=200)

    class Meta:
        label = _("Video")
        icon = "media"
        template = "components/streamfield/blocks/video_block.html"
        description = _("An embedded video guide")


class DocumentBlock(blocks.StructBlock):
    """A downloadable file: a form template or a sample filled-in dossier."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)
    description = blocks.CharBlock(
        label=_("Description"), required=False, max_length=300
    )

    class Meta:
        label = _("File to download")
        icon = "doc-full"
        template = "components/streamfield/blocks/document_block.html"
        description = _("A file to download")


class FaqItemBlock(blocks.StructBlock):
    """One question with its answer."""

    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        label = _("Question and answer")
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
        label = _("Questions and answers")
        icon = "help"
        template = "components/streamfield/blocks/faq_block.html"
        description = _("Frequently asked questions")


class TableBlock(blocks.StructBlock):
    """A simple table: the first row holds the column headings."""

    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)
    rows = blocks.ListBlock(
        blocks.ListBlock(
            blocks.CharBlock(label=_("Cell"), required=False), label=_("Row")
        ),
        label=_("Rows"),
    )

    class Meta:
        label = _("Table")
        icon = "table"
        template = "components/streamfield/blocks/table_block.html"
        description = _("A table whose first row is the heading row")
        preview_value = {
            "caption": "Lệ phí",
            "rows": [["Hạng mục", "Mức thu"], ["Cấp mới", "50.000 đ"]],
        }


class ContactCardBlock(blocks.StructBlock):
    """Who to ask: a named office or person with phone, email and address."""

    name = blocks.CharBlock(label=_("Name or office"), max_length=200)
    role = blocks.CharBlock(label=_("Role"), required=False, max_length=200)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=50)
    email = blocks.EmailBlock(label=_("Email"), required=False)
    address = blocks.CharBlock(label=_("Address"), required=False, max_length=300)
    hours = blocks.CharBlock(label=_("Opening hours"), required=False, max_length=300)

    class Meta:
        label = _("Contact card")
        icon = "user"
        template = "components/streamfield/blocks/contact_card_block.html"
        description = _("A contact card: office, phone, email and address")
        value_class = ContactCardValue
        preview_value = {
            "name": "Phòng Xúc tiến đầu tư",
            "role": "Hỗ trợ nhà đầu tư",
            "phone": "0200 3 888 777",
            "email": "xuctiendautu@example.gov.vn",
        }


class JourneyStepBlock(blocks.StructBlock):
    """One step of a journey; its facts come from the linked procedure page."""

    title = blocks.CharBlock(label=_("Step title"), max_length=200)
    text = blocks.RichTextBlock(
        label=_("What to do"), required=False, features=["bold", "italic", "link", "ul"]
    )
    procedure = blocks.PageChooserBlock(
        label=_("Procedure"),
        page_type="cms_pages.ProcedurePage",
        required=False,
        help_text=_(
            "Its processing time, fee and agency are shown automatically and "
            "counted in the total."
        ),
    )
    relation = blocks.ChoiceBlock(
        label=_("Does this step apply to every project?"),
        choices=Relation.choices,
        default="required",
        help_text=_(
            "Conditional steps become boxes the investor can tick; an alternative "
            "applies exactly when the step it replaces does not."
        ),
    )
    condition = blocks.CharBlock(
        label=_("Applies when"),
        required=False,
        # "" rather than None when absent: wagtail-localize extracts it as a string.
        default="",
        max_length=200,
        help_text=_(
            "For a conditional step, e.g. “The project asks for land without "
            "auction”. Steps with the same words share one box."
        ),
    )
    alternative_to = blocks.IntegerBlock(
        label=_("Instead of step number"),
        required=False,
        min_value=1,
        help_text=_("For an alternative: the earlier conditional step it replaces."),
    )
    parallel_with = blocks.IntegerBlock(
        label=_("Runs alongside step number"),
        required=False,
        min_value=1,
        help_text=_(
            "Leave empty when the step follows the ones before it. A step that "
            "runs alongside another counts only when it takes longer."
        ),
    )

    class Meta:
        label = _("Roadmap step")
        icon = "list-ol"
        description = _("A step that links to a procedure")


class JourneyBlock(blocks.StructBlock):
    """A step-by-step journey (GOV.UK step-by-step pattern) through procedures."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    intro = blocks.RichTextBlock(
        label=_("Introduction"), required=False, features=["bold", "italic", "link"]
    )
    steps = blocks.ListBlock(JourneyStepBlock(), label=_("Steps"), min_num=1)
    show_total = blocks.BooleanBlock(
        label=_("Show the indicative total time"), required=False, default=True
    )

    def clean(self, value):
        """Relations must point at steps that make sense (numbers start at 1)."""
        from cms_pages.roadmap import plan_steps, validate_relations

        value = super().clean(value)
        errors = validate_relations(plan_steps([], value.get("steps") or []))
        if errors:
            raise StructBlockValidationError(
                block_errors={
                    "steps": ListBlockValidationError(
                        block_errors={
                            number - 1: StructBlockValidationError(
                                block_errors={field: ValidationError(message)}
                            )
                            for number, (field, message) in errors.items()
                        }
                    )
                }
            )
        return value

    class Meta:
        label = _("Roadmap")
        icon = "list-ol"
        template = "components/streamfield/blocks/journey_block.html"
        description = _(
            "Step by step through procedures, with time, fee and agency filled in"
        )
        value_class = JourneyValue
        preview_value = {
            "title": "Lộ trình thực hiện dự án đầu tư",
            "steps": [
                {"title": "Chấp thuận chủ trương đầu tư"},
                {"title": "Cấp Giấy chứng nhận đăng ký đầu tư"},
            ],
            "show_total": True,
        }


class EntryPointBlock(blocks.StructBlock):
    """A life event on the home page, e.g. "Starting a business"."""

    title = blocks.CharBlock(label=_("Title"), max_length=100)
    text = blocks.CharBlock(
        label=_("Short description"), required=False, max_length=200
    )
    page = blocks.PageChooserBlock(
        label=_("Page"), required=False, help_text=_("A guide or the catalogue.")
    )
    sector = SnippetChooserBlock(
        "cms_pages.Sector",
        label=_("Sector filter"),
        required=False,
        help_text=_("Without a page: the catalogue filtered to this sector."),
    )
    search = blocks.CharBlock(
        label=_("Search words"),
        required=False,
        max_length=100,
        help_text=_("Without a page or sector: a search for these words."),
    )

    class Meta:
        label = _("Life event")
        icon = "link"
        template = "components/streamfield/blocks/entry_point_block.html"
        description = _("A life event leading to a guide, a sector or a search")
        value_class = EntryPointValue
        preview_value = {
            "title": "Thành lập doanh nghiệp",
            "search": "thành lập doanh nghiệp",
        }


class LinkBlock(blocks.StructBlock):
    """A menu or footer link to a page of the site or another address."""

    text = blocks.CharBlock(
        label=_("Text"),
        required=False,
        max_length=100,
        help_text=_("Empty: the page title."),
    )
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Other address"),
        required=False,
        max_length=300,
        help_text=_(
            "Only without a page, e.g. https://dichvucong.gov.vn or /vi/tim-kiem/."
        ),
    )

    class Meta:
        label = _("Link")
        icon = "link"
        description = _("A link to a page or an address")
        value_class = LinkValue
        preview_value = {
            "text": "Dịch vụ công quốc gia",
            "url": "https://dichvucong.gov.vn",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose a page or give an address."))
                }
            )
        return value


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


class GuideStreamBlock(BodyStreamBlock):
    """The body of investment guides: the shared blocks plus journeys and contacts."""

    journey = JourneyBlock()
    contact = ContactCardBlock()

    class Meta:
        block_counts = {}
