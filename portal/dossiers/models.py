"""Dossiers (hồ sơ) filed online, their documents, their history, wizard drafts,
and the working-day calendar that sets appointment dates.

Data flow: citizen → wizard (DossierDraft + DraftUpload) → services.submit_dossier
→ Dossier + DossierDocument + first StatusEvent → back office (workflow.py)
→ more StatusEvents → tracking page / statistics.
"""

import secrets
import uuid
from datetime import time, timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DRAFT_RETENTION_DAYS = 30

# Verification codes avoid look-alike characters (0/O, 1/I/L) so people can
# read them off a printed receipt and type them.
VERIFICATION_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def private_storage():
    """The storage that is never served by URL (settings.STORAGES["private"]).

    A callable, so migrations do not freeze a path and tests can swap it.
    """
    return storages["private"]


def new_verification_code(length: int = 8) -> str:
    """A short random code printed on the receipt: the second factor for tracking."""
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(length))


def new_resume_token() -> str:
    return secrets.token_urlsafe(32)


def draft_expiry():
    return timezone.now() + timedelta(days=DRAFT_RETENTION_DAYS)


class ApplicantType(models.TextChoices):
    """Who files the dossier."""

    INDIVIDUAL = "individual", _("Individual")
    ORGANISATION = "organisation", _("Organisation")


class ReceiptMethod(models.TextChoices):
    """How the citizen receives the result (hình thức nhận kết quả)."""

    AT_CENTRE = "at_centre", _("At the centre")
    POST = "post", _("By post")
    ONLINE = "online", _("Online")


class DossierStatus(models.TextChoices):
    """Where a dossier stands. The allowed transitions live in workflow.py."""

    RECEIVED = "received", _("Received")
    IN_PROCESSING = "in_processing", _("In processing")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    SUPPLEMENTED = "supplemented", _("Supplemented")
    TRANSFERRED = "transferred", _("Transferred to another agency")
    APPROVED = "approved", _("Result ready")
    REFUSED = "refused", _("Refused")
    RESULT_RETURNED = "result_returned", _("Result returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Statuses after which the agency's work is finished (for on-time statistics).
RESOLVED_STATUSES = (
    DossierStatus.APPROVED,
    DossierStatus.REFUSED,
    DossierStatus.RESULT_RETURNED,
)
# Statuses in which nothing more happens.
CLOSED_STATUSES = (DossierStatus.RESULT_RETURNED, DossierStatus.WITHDRAWN)


class DossierQuerySet(models.QuerySet):
    """Common filters for dossier listings and statistics."""

    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def unresolved(self):
        return self.exclude(status__in=(*RESOLVED_STATUSES, DossierStatus.WITHDRAWN))

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.unresolved().filter(appointment_date__lt=today)


class Dossier(models.Model):
    """One dossier filed for one procedure.

    The procedure's code and name are copied at submission so the record stays
    readable when the page is edited or deleted. `agency` and `sector` always
    point at the rows of the default (Vietnamese) locale, so statistics and
    permissions group one agency as one row whatever language was used.
    """

    code = models.CharField(_("dossier code"), max_length=40, unique=True)
    verification_code = models.CharField(
        _("verification code"), max_length=16, default=new_verification_code
    )
    submission_id = models.UUIDField(
        _("submission id"),
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The wizard instance that created this dossier; makes submission idempotent."
        ),
    )
    procedure = models.ForeignKey(
        "cms_pages.ProcedurePage",
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    procedure_code = models.CharField(_("procedure code"), max_length=32, db_index=True)
    procedure_name = models.TextField(_("procedure name"))
    agency = models.ForeignKey(
        "cms_pages.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    sector = models.ForeignKey(
        "cms_pages.Sector",
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="vi"
    )

    applicant_type = models.CharField(
        _("applicant type"), max_length=16, choices=ApplicantType.choices
    )
    # The person who files (for an organisation: the person acting for it).
    applicant_name = models.CharField(_("full name"), max_length=200)
    applicant_id_number = models.CharField(_("citizen ID number"), max_length=12)
    applicant_birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    applicant_phone = models.CharField(_("phone"), max_length=20)
    applicant_email = models.EmailField(_("email"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=300)
    organisation_name = models.CharField(
        _("organisation name"), max_length=300, blank=True
    )
    organisation_tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    organisation_representative = models.CharField(
        _("legal representative"), max_length=200, blank=True
    )

    receipt_method = models.CharField(
        _("how to receive the result"), max_length=16, choices=ReceiptMethod.choices
    )
    postal_address = models.TextField(_("postal address"), blank=True)
    fee_label = models.CharField(_("fee"), max_length=300, blank=True)
    fee_vnd = models.PositiveBigIntegerField(_("fee (VND)"), null=True, blank=True)

    status = models.CharField(
        _("status"),
        max_length=24,
        choices=DossierStatus.choices,
        default=DossierStatus.RECEIVED,
        db_index=True,
    )
    received_at = models.DateTimeField(
        _("received at"), default=timezone.now, db_index=True
    )
    processing_days = models.DecimalField(
        _("processing time (working days)"), max_digits=5, decimal_places=2
    )
    counting_from = models.DateField(
        _("counted from"),
        help_text=_(
            "The first working day counted (the next one after the cut-off hour)."
        ),
    )
    first_appointment_date = models.DateField(
        _("first appointment date"),
        help_text=_("The date promised on the receipt; never changes."),
    )
    appointment_date = models.DateField(
        _("appointment date"),
        db_index=True,
        help_text=_("When the result is due; moves with supplements and apologies."),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("result returned at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    draft = models.OneToOneField(
        "dossiers.DossierDraft",
        verbose_name=_("draft"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossier",
    )

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["status", "appointment_date"]),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def display_applicant(self) -> str:
        if self.applicant_type == ApplicantType.ORGANISATION and self.organisation_name:
            return self.organisation_name
        return self.applicant_name

    @property
    def is_resolved(self) -> bool:
        return self.status in RESOLVED_STATUSES

    def is_overdue(self, today=None) -> bool:
        """Unresolved and past its appointment date."""
        today = today or timezone.localdate()
        if self.is_resolved or self.status == DossierStatus.WITHDRAWN:
            return False
        return self.appointment_date < today


class DocumentSource(models.TextChoices):
    """When a file was added to the dossier."""

    SUBMISSION = "submission", _("Submitted with the dossier")
    SUPPLEMENT = "supplement", _("Supplement")
    RESULT = "result", _("Result")


class StoredFileMixin(models.Model):
    """What we record about every uploaded file. The stored name is ours, never
    the user's; the original name is kept only to show it back."""

    file = models.FileField(_("file"), storage=private_storage, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        abstract = True


class DossierDocument(StoredFileMixin):
    """One file of a dossier, answering one document of the procedure."""

    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    procedure_document = models.ForeignKey(
        "cms_pages.ProcedureDocument",
        verbose_name=_("procedure document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_name = models.TextField(
        _("document"), help_text=_("The procedure document's name, copied at upload.")
    )
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=DocumentSource.choices,
        default=DocumentSource.SUBMISSION,
    )

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["dossier", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier.code}: {self.document_name}"


class StatusEvent(models.Model):
    """One step in a dossier's history. The first one (from_status blank) is the
    submission; `note` is shown to the citizen, `internal_note` only to officials."""

    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    from_status = models.CharField(
        _("from status"), max_length=24, choices=DossierStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=24, choices=DossierStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note for the applicant"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    from_agency = models.ForeignKey(
        "cms_pages.Agency",
        verbose_name=_("from agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_agency = models.ForeignKey(
        "cms_pages.Agency",
        verbose_name=_("to agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    appointment_date = models.DateField(
        _("appointment date after this step"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("status event")
        verbose_name_plural = _("status events")
        ordering = ["dossier", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.from_status or '-'} → {self.to_status}"


class DossierDraft(models.Model):
    """Server-side state of one wizard run (one tab, one dossier).

    `instance_id` is in every wizard URL, so two tabs never share state; the
    owner session key binds it to a browser. `resume_token` is the secret of the
    emailed resume link that re-binds the draft to another browser. Drafts are
    purged `DRAFT_RETENTION_DAYS` after their last save.
    """

    instance_id = models.UUIDField(
        _("wizard id"), unique=True, default=uuid.uuid4, editable=False
    )
    resume_token = models.CharField(
        _("resume token"),
        max_length=64,
        unique=True,
        default=new_resume_token,
        editable=False,
    )
    session_key = models.CharField(
        _("session"), max_length=40, blank=True, db_index=True
    )
    procedure = models.ForeignKey(
        "cms_pages.ProcedurePage",
        verbose_name=_("procedure"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, default="vi")
    current_step = models.CharField(_("current step"), max_length=32, blank=True)
    data = models.JSONField(_("answers"), default=dict, blank=True)
    email = models.EmailField(_("email for the resume link"), blank=True)
    resume_link_sent_at = models.DateTimeField(
        _("resume link sent at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    expires_at = models.DateTimeField(
        _("expires at"), default=draft_expiry, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier draft")
        verbose_name_plural = _("dossier drafts")

    def __str__(self) -> str:
        return str(self.instance_id)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    def touch(self) -> None:
        """Push the expiry back: the 30 days count from the last save."""
        self.expires_at = draft_expiry()


class DraftUpload(StoredFileMixin):
    """A file uploaded during the wizard, stored at once so it survives going
    back and forth (formtools #207/#98); moved into the dossier on submit."""

    draft = models.ForeignKey(
        DossierDraft,
        verbose_name=_("draft"),
        on_delete=models.CASCADE,
        related_name="uploads",
    )
    field_name = models.CharField(_("form field"), max_length=64)
    procedure_document = models.ForeignKey(
        "cms_pages.ProcedureDocument",
        verbose_name=_("procedure document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_name = models.TextField(_("document"), blank=True)

    class Meta:
        verbose_name = _("draft upload")
        verbose_name_plural = _("draft uploads")
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "field_name"], name="one_upload_per_draft_field"
            )
        ]

    def __str__(self) -> str:
        return f"{self.draft_id}: {self.field_name}"


class CalendarDayKind(models.TextChoices):
    """What a calendar entry does to the normal Monday–Friday week."""

    HOLIDAY = "holiday", _("Public holiday (day off)")
    DAY_OFF = "day_off", _("Substitute or extra day off")
    WORKING_DAY = "working_day", _("Make-up working day")


class CalendarDay(models.Model):
    """An exception to the normal working week, kept by editors in the admin.

    Public holidays and substitute days off are days off; a make-up working day
    is a weekend day on which offices work. Names have a Vietnamese and an
    English field (like CentreSettings) because the calendar is not per locale.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("working-day calendar")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"

    @property
    def display_name(self) -> str:
        if (get_language() or "vi").startswith("en"):
            return self.name_en or self.name
        return self.name

    @property
    def is_day_off(self) -> bool:
        return self.kind in (CalendarDayKind.HOLIDAY, CalendarDayKind.DAY_OFF)


@register_setting(icon="date")
class WorkingTimeSettings(BaseSiteSetting):
    """How the centre's working week counts for appointment dates."""

    cutoff_time = models.TimeField(
        _("cut-off time"),
        default=time(16, 30),
        help_text=_(
            "Dossiers received after this time count from the next working day."
        ),
    )
    saturday_morning_work = models.BooleanField(
        _("open on Saturday mornings"),
        default=False,
        help_text=_("Saturday morning then counts as half a working day."),
    )
    saturday_cutoff_time = models.TimeField(
        _("Saturday cut-off time"),
        default=time(11, 0),
        help_text=_("Only used when the centre is open on Saturday mornings."),
    )

    panels = [
        FieldPanel("cutoff_time"),
        FieldPanel("saturday_morning_work"),
        FieldPanel("saturday_cutoff_time"),
    ]

    class Meta:
        verbose_name = _("Working hours")


class DossierCodeCounter(models.Model):
    """The running sequence behind dossier codes, one row per key (e.g. agency
    prefix and day). Incremented with an UPDATE that locks the row, so parallel
    submissions never get the same number (see services.next_sequence)."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    value = models.PositiveBigIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("dossier code counter")
        verbose_name_plural = _("dossier code counters")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
