"""The blocks editors build an e-form with: one block per question type (the
block's name is the type's machine name), a repeating group, and sections.

Machine names and choice values are data, not text: `MachineNameBlock` keeps
them out of wagtail-localize's translation strings, so a translated form has
the same names, values and conditions as its source.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from . import definition as d


class MachineNameBlock(blocks.CharBlock):
    """A stable name that code, conditions and CSV columns use; never translated."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", d.NAME_MAX_LENGTH)
        kwargs.setdefault(
            "validators",
            [
                RegexValidator(
                    d.NAME_RE,
                    _(
                        "Use a–z, digits and single underscores, starting with a letter."
                    ),
                )
            ],
        )
        super().__init__(*args, **kwargs)

    def get_translatable_segments(self, value) -> list:
        return []

    def restore_translated_segments(self, value, segments):
        return value

    class Meta:
        icon = "code"


class ChoiceValueBlock(MachineNameBlock):
    """The stored value of a choice (letters, digits, “_”, “.”, “-”); never translated."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault(
            "validators",
            [
                RegexValidator(
                    d.CHOICE_VALUE_RE,
                    _("Use letters, digits, “_”, “.” and “-” only."),
                )
            ],
        )
        super().__init__(*args, **kwargs)


class ConditionBlock(blocks.StructBlock):
    """Ask the question only when an earlier choice or yes/no answer has a value."""

    question = MachineNameBlock(
        label=_("Only when the question"),
        required=False,
        validators=[],
        help_text=_("Machine name of an earlier choice or yes/no question."),
    )
    equals = ChoiceValueBlock(
        label=_("has the answer"),
        required=False,
        validators=[],
        help_text=_("A choice value, or “true” / “false” for a yes/no question."),
    )

    class Meta:
        icon = "view"
        label = _("Show only if")
        form_classname = "eform-condition"
        collapsed = True


class ChoiceItemBlock(blocks.StructBlock):
    """One answer people can choose: the label they read, the value we store."""

    label = blocks.CharBlock(label=_("Label"), max_length=255)
    value = ChoiceValueBlock(label=_("Stored value"))

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class QuestionBlock(blocks.StructBlock):
    """What every question has: label, machine name, hint, required, condition."""

    label = blocks.CharBlock(label=_("Question"), max_length=255)
    name = MachineNameBlock(
        label=_("Machine name"),
        help_text=_(
            "Stays the same when the question is reworded: it names the answer "
            "in conditions, the CSV export and the API. E.g. child_name."
        ),
    )
    hint = blocks.TextBlock(label=_("Hint"), required=False, rows=2)
    required = blocks.BooleanBlock(label=_("Required"), required=False, default=True)
    show_if = ConditionBlock()

    class Meta:
        icon = "help"


def prefill_block(kind: str) -> blocks.ChoiceBlock:
    """Which applicant answer fills this question at first, among those that fit."""
    return blocks.ChoiceBlock(
        label=_("Prefill from"),
        required=False,
        choices=[
            (source, label)
            for source, (label, kinds) in d.PREFILL_SOURCES.items()
            if kind in kinds
        ],
        help_text=_("The applicant's answer fills it in; people can change it."),
    )


class TextQuestionBlock(QuestionBlock):
    """A short answer on one line."""

    max_length = blocks.IntegerBlock(
        label=_("Maximum length"), required=False, min_value=1, max_value=2000
    )
    prefill = prefill_block(d.TEXT)

    class Meta:
        icon = "pilcrow"
        label = d.QUESTION_TYPES[d.TEXT]


class LongTextQuestionBlock(QuestionBlock):
    """A longer answer in a text box."""

    max_length = blocks.IntegerBlock(
        label=_("Maximum length"), required=False, min_value=1, max_value=20000
    )
    prefill = prefill_block(d.LONG_TEXT)

    class Meta:
        icon = "doc-full"
        label = d.QUESTION_TYPES[d.LONG_TEXT]


class NumberQuestionBlock(QuestionBlock):
    """A number, e.g. a floor area, with optional limits and unit."""

    min = blocks.DecimalBlock(label=_("Smallest"), required=False)
    max = blocks.DecimalBlock(label=_("Largest"), required=False)
    decimals = blocks.IntegerBlock(
        label=_("Decimal places"), default=0, min_value=0, max_value=6
    )
    unit = blocks.CharBlock(
        label=_("Unit"), required=False, max_length=20, help_text=_("e.g. m²")
    )

    class Meta:
        icon = "order"
        label = d.QUESTION_TYPES[d.NUMBER]


class MoneyQuestionBlock(QuestionBlock):
    """An amount in đồng (VND), e.g. the capital of a business."""

    min = blocks.IntegerBlock(label=_("Smallest (VND)"), required=False, min_value=0)
    max = blocks.IntegerBlock(label=_("Largest (VND)"), required=False, min_value=0)

    class Meta:
        icon = "tag"
        label = d.QUESTION_TYPES[d.MONEY]


class DateQuestionBlock(QuestionBlock):
    """A date written day/month/year."""

    allowed = blocks.ChoiceBlock(
        label=_("Allowed dates"),
        choices=[
            ("any", _("Any date")),
            ("past", _("Today or earlier (e.g. a date of birth)")),
            ("future", _("Today or later")),
        ],
        default="any",
    )
    prefill = prefill_block(d.DATE)

    class Meta:
        icon = "date"
        label = d.QUESTION_TYPES[d.DATE]


class ChoiceQuestionBlock(QuestionBlock):
    """One answer out of a list (radio buttons)."""

    choices = blocks.ListBlock(ChoiceItemBlock(), label=_("Choices"), min_num=2)

    class Meta:
        icon = "radio-full"
        label = d.QUESTION_TYPES[d.CHOICE]


class MultiChoiceQuestionBlock(QuestionBlock):
    """Any number of answers out of a list (check boxes)."""

    choices = blocks.ListBlock(ChoiceItemBlock(), label=_("Choices"), min_num=2)
    min = blocks.IntegerBlock(label=_("At least"), required=False, min_value=0)
    max = blocks.IntegerBlock(label=_("At most"), required=False, min_value=1)

    class Meta:
        icon = "tasks"
        label = d.QUESTION_TYPES[d.MULTI_CHOICE]


class YesNoQuestionBlock(QuestionBlock):
    """Yes or no."""

    class Meta:
        icon = "success"
        label = d.QUESTION_TYPES[d.YES_NO]


class EmailQuestionBlock(QuestionBlock):
    """An email address."""

    prefill = prefill_block(d.EMAIL)

    class Meta:
        icon = "mail"
        label = d.QUESTION_TYPES[d.EMAIL]


class PhoneQuestionBlock(QuestionBlock):
    """A Vietnamese mobile number, checked like the applicant's."""

    prefill = prefill_block(d.PHONE)

    class Meta:
        icon = "mobile-alt"
        label = d.QUESTION_TYPES[d.PHONE]


class CccdQuestionBlock(QuestionBlock):
    """A 12-digit citizen ID number, checked like the applicant's."""

    prefill = prefill_block(d.CCCD)

    class Meta:
        icon = "user"
        label = d.QUESTION_TYPES[d.CCCD]


class MstQuestionBlock(QuestionBlock):
    """A tax code with its check digit."""

    prefill = prefill_block(d.MST)

    class Meta:
        icon = "form"
        label = d.QUESTION_TYPES[d.MST]


class AddressQuestionBlock(QuestionBlock):
    """Province, commune or ward (the units since the 2025 reform), street."""

    class Meta:
        icon = "site"
        label = d.QUESTION_TYPES[d.ADDRESS]


class PersonQuestionBlock(QuestionBlock):
    """A person: full name, date of birth, citizen ID and, if asked, relationship."""

    id_required = blocks.BooleanBlock(
        label=_("Citizen ID number required"), required=False, default=False
    )
    relationship = blocks.BooleanBlock(
        label=_("Ask the relationship to the applicant"),
        required=False,
        default=False,
    )
    prefill = prefill_block(d.PERSON)

    class Meta:
        icon = "user"
        label = d.QUESTION_TYPES[d.PERSON]


# The question blocks a group may hold: every type except another group.
SIMPLE_QUESTION_BLOCKS = [
    (d.TEXT, TextQuestionBlock()),
    (d.LONG_TEXT, LongTextQuestionBlock()),
    (d.NUMBER, NumberQuestionBlock()),
    (d.MONEY, MoneyQuestionBlock()),
    (d.DATE, DateQuestionBlock()),
    (d.CHOICE, ChoiceQuestionBlock()),
    (d.MULTI_CHOICE, MultiChoiceQuestionBlock()),
    (d.YES_NO, YesNoQuestionBlock()),
    (d.EMAIL, EmailQuestionBlock()),
    (d.PHONE, PhoneQuestionBlock()),
    (d.CCCD, CccdQuestionBlock()),
    (d.MST, MstQuestionBlock()),
    (d.ADDRESS, AddressQuestionBlock()),
    (d.PERSON, PersonQuestionBlock()),
]


class GroupQuestionBlock(blocks.StructBlock):
    """Questions asked once per item, e.g. per household member, with min/max items."""

    label = blocks.CharBlock(label=_("Question"), max_length=255)
    name = MachineNameBlock(label=_("Machine name"))
    hint = blocks.TextBlock(label=_("Hint"), required=False, rows=2)
    item_label = blocks.CharBlock(
        label=_("Name of one item"),
        required=False,
        max_length=60,
        help_text=_("e.g. Member: items are shown as Member 1, Member 2…"),
    )
    min = blocks.IntegerBlock(label=_("At least"), default=1, min_value=0, max_value=50)
    max = blocks.IntegerBlock(label=_("At most"), default=10, min_value=1, max_value=50)
    show_if = ConditionBlock()
    questions = blocks.StreamBlock(
        SIMPLE_QUESTION_BLOCKS, label=_("Questions for each item"), min_num=1
    )

    class Meta:
        icon = "list-ul"
        label = d.QUESTION_TYPES[d.GROUP]


class SectionBlock(blocks.StructBlock):
    """A page of the online form (or one page per question, GOV.UK style)."""

    title = blocks.CharBlock(label=_("Title"), max_length=255)
    intro = blocks.TextBlock(label=_("Introduction"), required=False, rows=2)
    one_question_per_page = blocks.BooleanBlock(
        label=_("One question per page"),
        required=False,
        help_text=_("Ask each question of this section on a page of its own."),
    )
    questions = blocks.StreamBlock(
        [*SIMPLE_QUESTION_BLOCKS, (d.GROUP, GroupQuestionBlock())],
        label=_("Questions"),
        min_num=1,
    )

    class Meta:
        icon = "form"
        label = _("Section")
        description = _("A page of the online form")


class FormSectionsBlock(blocks.StreamBlock):
    """The sections of a form, checked as a whole: unique machine names,
    conditions on earlier questions, consistent limits (validation.py)."""

    section = SectionBlock()

    class Meta:
        min_num = 1

    def clean(self, value):
        from wagtail.blocks.stream_block import StreamBlockValidationError

        from .serialization import sections_definition
        from .validation import definition_errors

        value = super().clean(value)
        errors = definition_errors(
            {"title": "-", "sections": sections_definition(value)}
        )
        if errors:
            raise StreamBlockValidationError(non_block_errors=errors)
        return value
