"""Back-office records around dossiers: who the officials are, what was asked
of the applicant, apology letters, the recorded outcome used by statistics and
the due-date warnings already sent.

The dossier itself (portal.dossiers.models.Dossier) changes status only through
`portal.backoffice.workflow.perform`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class OfficialProfile(models.Model):
    """The agency an official works for.

    The role comes from the user's groups (their permissions): the "Dossier
    officials" group gives `handle_agency_dossiers` (own agency only), the
    "Centre staff" group gives `handle_all_dossiers`. Editors have neither.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="official_profile",
    )
    agency = models.ForeignKey(
        "cms_pages.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officials",
        help_text=_("The agency whose dossiers this official handles."),
    )
    receive_warnings = models.BooleanField(_("email due-date warnings"), default=True)

    panels = [FieldPanel("user"), FieldPanel("agency"), FieldPanel("receive_warnings")]

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        permissions = [
            ("handle_agency_dossiers", _("Can handle their own agency's dossiers")),
            (
                "handle_all_dossiers",
                _("Can receive and return dossiers of all agencies"),
            ),
        ]

    def __str__(self) -> str:
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.agency})" if self.agency_id else name


class SupplementRequest(models.Model):
    """A request to the applicant for missing documents (yêu cầu bổ sung)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="supplement_requests",
    )
    event = models.OneToOneField(
        "dossiers.StatusEvent",
        verbose_name=_("status event"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="supplement_request",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message to the applicant"), blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    fulfilled_at = models.DateTimeField(_("supplemented at"), null=True, blank=True)

    class Meta:
        verbose_name = _("supplement request")
        verbose_name_plural = _("supplement requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id} @ {self.created_at:%Y-%m-%d}"


class SupplementItem(models.Model):
    """One missing document; `document` is the file the applicant sent for it."""

    request = models.ForeignKey(
        SupplementRequest,
        verbose_name=_("supplement request"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    procedure_document = models.ForeignKey(
        "cms_pages.ProcedureDocument",
        verbose_name=_("procedure document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_name = models.TextField(_("missing document"))
    note = models.TextField(_("what is wrong or missing"), blank=True)
    document = models.ForeignKey(
        "dossiers.DossierDocument",
        verbose_name=_("file received"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("missing document")
        verbose_name_plural = _("missing documents")
        ordering = ["request", "pk"]

    def __str__(self) -> str:
        return self.document_name


class ApologyLetter(models.Model):
    """The letter an agency sends when it cannot keep an appointment date
    (thư xin lỗi, with the new appointment date)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="apology_letters",
    )
    event = models.OneToOneField(
        "dossiers.StatusEvent",
        verbose_name=_("status event"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="apology_letter",
    )
    previous_date = models.DateField(_("previous appointment date"))
    new_date = models.DateField(_("new appointment date"))
    reason = models.TextField(_("reason for the delay"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("apology letter")
        verbose_name_plural = _("apology letters")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.previous_date} → {self.new_date}"


class Outcome(models.Model):
    """How a dossier's decision measured up, recorded when it was decided.

    `due_date` is the appointment date counted from receipt (or from the last
    supplement): a date moved by an apology letter does not count. `on_time`
    is `decided_on <= due_date`; `working_days` counts the working days from
    the day the dossier counted as received to the decision day.
    """

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="outcome",
    )
    decided_at = models.DateTimeField(_("decided at"), db_index=True)
    due_date = models.DateField(_("due date"))
    on_time = models.BooleanField(_("on time"))
    working_days = models.DecimalField(
        _("processing time (working days)"), max_digits=7, decimal_places=2
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {'on time' if self.on_time else 'late'}"


class DueWarning(models.Model):
    """A warning already sent for a dossier's due date (so it is sent once)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="due_warnings",
    )
    due_date = models.DateField(_("due date"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("due-date warning")
        verbose_name_plural = _("due-date warnings")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "due_date"], name="one_warning_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.due_date}"


@register_setting(icon="time")
class BackOfficeSettings(BaseSiteSetting):
    """How early officials are warned about due dates."""

    warning_working_days = models.PositiveSmallIntegerField(
        _("warn this many working days before a due date"),
        default=2,
        validators=[MaxValueValidator(30)],
    )

    panels = [FieldPanel("warning_working_days")]

    class Meta:
        verbose_name = _("Due-date warnings")
        verbose_name_plural = _("Due-date warnings")
