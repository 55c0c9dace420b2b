"""The dossier (hồ sơ) filed online and its status history.

Data flow: citizen → wizard (drafts.py) → services.submit_dossier → Dossier +
DossierDocument (documents.py) + first StatusEvent → back office
(portal.backoffice.workflow) → more StatusEvents → tracking page / statistics.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .codes import new_verification_code


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
    # Decree 13/2023: what the applicant agreed to, in the words they read
    # (consent.py), and when the personal data was blanked (retention.py).
    consent_version = models.CharField(_("consent version"), max_length=20, blank=True)
    consent_text = models.TextField(_("consent text"), blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(
        _("personal data removed at"), null=True, blank=True
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
    def agency_name(self) -> str:
        """The agency's name in the active language.

        `agency` is always the default-language row (statistics group by it);
        readers of an English receipt or tracking page get its translation.
        """
        return self.agency.localized.name

    @property
    def is_resolved(self) -> bool:
        return self.status in RESOLVED_STATUSES

    def is_overdue(self, today=None) -> bool:
        """Unresolved and past its appointment date."""
        today = today or timezone.localdate()
        if self.is_resolved or self.status == DossierStatus.WITHDRAWN:
            return False
        return self.appointment_date < today


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
