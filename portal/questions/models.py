"""Questions and reports (hỏi đáp, phản ánh kiến nghị) and their answers.

Data flow: citizen → ask form (forms.AskForm) → services.ask_question →
Question routed to an agency with a due date → officials in the admin
(workflow.perform: assign, answer, send back, route, mark duplicate, close) →
centre staff moderate (public texts, publish or keep private) → procedure
page, Q&A index, search, API, statistics.

The asker's name, e-mail and phone are private: no public page, API answer,
sitemap or search document ever reads them. Only `public_subject` and
`public_body` (set by a moderator) and `answer` of a published, answered
question are public (`QuestionQuerySet.public`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

from portal.dossiers.models import StoredFileMixin, new_verification_code

from .text import plain_text

# What an official may use in an answer (links to the legal texts, lists).
ANSWER_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class QuestionKind(models.TextChoices):
    """A question (hỏi) or a report about a problem or a suggestion (phản ánh, kiến nghị)."""

    QUESTION = "question", _("Question")
    REPORT = "report", _("Report or suggestion")


class Topic(models.TextChoices):
    """What the question is about; it decides the agency that answers."""

    PROCEDURE = "procedure", _("A procedure")
    SECTOR = "sector", _("A sector")
    AGENCY = "agency", _("An agency")
    CENTRE = "centre", _("The centre itself")


class QuestionStatus(models.TextChoices):
    """Where a question stands. The allowed steps live in workflow.py."""

    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    RETURNED = "returned", _("Sent back to the centre")
    ANSWERED = "answered", _("Answered")
    DUPLICATE = "duplicate", _("Answered by an earlier question")
    CLOSED = "closed", _("Closed without an answer")


class Publication(models.TextChoices):
    """The centre's moderation decision about an answered question."""

    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", pgettext_lazy("question publication", "Published")
    PRIVATE = "private", _("Kept private")


# Someone still owes the asker an answer in these statuses.
OPEN_STATUSES = (
    QuestionStatus.RECEIVED,
    QuestionStatus.ASSIGNED,
    QuestionStatus.RETURNED,
)
# The asker got an answer (their own, or a published one it repeats).
ANSWERED_STATUSES = (QuestionStatus.ANSWERED, QuestionStatus.DUPLICATE)


class QuestionQuerySet(models.QuerySet):
    """The filters every listing uses; `public()` is the only public one."""

    def public(self):
        """Answered and published by the centre: what anyone may read."""
        return self.filter(
            status=QuestionStatus.ANSWERED, publication=Publication.PUBLISHED
        )

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def due_within(self, horizon, today=None):
        """Open questions due from today up to `horizon` (a date)."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__gte=today, due_date__lte=horizon)


class Question(models.Model):
    """One question or report, from asking to publication."""

    reference = models.CharField(_("reference code"), max_length=24, unique=True)
    verification_code = models.CharField(
        _("verification code"), max_length=16, default=new_verification_code
    )
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=QuestionKind.choices,
        default=QuestionKind.QUESTION,
    )
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    # Procedure, sector and agency rows of the default (Vietnamese) locale,
    # as for dossiers: one agency is one row whatever language was used.
    procedure = models.ForeignKey(
        "cms_pages.ProcedurePage",
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    procedure_code = models.CharField(
        _("procedure code"), max_length=32, blank=True, db_index=True
    )
    sector = models.ForeignKey(
        "cms_pages.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    agency = models.ForeignKey(
        "cms_pages.Agency",
        verbose_name=_("responsible agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text=_("Empty: the centre's staff handle it."),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_questions",
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="vi"
    )

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("question"))
    # Private: never on a public page, in the API, the sitemap or search.
    asker_name = models.CharField(_("name"), max_length=200)
    asker_email = models.EmailField(_("email"), blank=True)
    asker_phone = models.CharField(_("phone"), max_length=20, blank=True)
    allow_publication = models.BooleanField(
        _("the asker allows publication"), default=True
    )

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=QuestionStatus.choices,
        default=QuestionStatus.RECEIVED,
        db_index=True,
    )
    received_at = models.DateTimeField(
        _("received at"), default=timezone.now, db_index=True
    )
    due_date = models.DateField(_("answer due"), db_index=True)

    answer = RichTextField(_("answer"), blank=True, features=ANSWER_FEATURES)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_working_days = models.DecimalField(
        _("working days to answer"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    answered_on_time = models.BooleanField(_("answered on time"), null=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )

    publication = models.CharField(
        _("publication"),
        max_length=16,
        choices=Publication.choices,
        default=Publication.PENDING,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    public_subject = models.CharField(
        _("published subject"), max_length=200, blank=True
    )
    public_body = models.TextField(_("published question"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The due date the agency's officials were last e-mailed about
    # (warn_due_questions): one reminder per due date, again after a re-route.
    reminded_for = models.DateField(_("reminder sent for due date"), null=True)
    # When the asker's personal data was removed (questions/retention.py).
    anonymised_at = models.DateTimeField(
        _("personal data removed at"), null=True, blank=True
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["publication", "status", "published_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_public(self) -> bool:
        return (
            self.status == QuestionStatus.ANSWERED
            and self.publication == Publication.PUBLISHED
        )

    @property
    def with_centre(self) -> bool:
        """No agency: the centre's staff answer (or route) it."""
        return self.agency_id is None

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date < today

    @property
    def answer_text(self) -> str:
        """The answer as plain text (e-mails, the API, search)."""
        return plain_text(self.answer)


class FileSource(models.TextChoices):
    """Who attached a file."""

    ASKER = "asker", _("Sent with the question")
    ANSWER = "answer", _("Sent with the answer")


class QuestionFile(StoredFileMixin):
    """A file attached to a question by its asker, or to its answer by an
    official. Stored privately under our own name (like dossier files)."""

    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    source = models.CharField(_("source"), max_length=16, choices=FileSource.choices)

    class Meta:
        verbose_name = _("question file")
        verbose_name_plural = _("question files")
        ordering = ["question", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question.reference}: {self.original_name}"


@register_setting(icon="help")
class QuestionSettings(BaseSiteSetting):
    """How long agencies have to answer."""

    answer_working_days = models.PositiveSmallIntegerField(
        _("working days to answer a question"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Counted with the centre's working-day calendar from the day the "
            "question is received."
        ),
    )

    panels = [FieldPanel("answer_working_days")]

    class Meta:
        verbose_name = _("Questions and answers")
        verbose_name_plural = _("Questions and answers")
