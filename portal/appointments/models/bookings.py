"""A booked visit to a counter (lịch hẹn).

Data flow: citizen → booking page → services.book (capacity checked under a
row lock on the counter) → Booking → confirmation, e-mail, reminder → staff
check the visitor in (a queue Ticket) or mark a no-show → figures.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.dossiers.models import VERIFICATION_ALPHABET, new_verification_code

CODE_PREFIX = "LH"


def new_booking_code() -> str:
    """A short code read out at the counter: LH- and six unambiguous characters."""
    body = "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(6))
    return f"{CODE_PREFIX}-{body}"


class BookingStatus(models.TextChoices):
    """Where a booking stands."""

    BOOKED = "booked", _("Booked")
    CHECKED_IN = "checked_in", _("Checked in")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED = "cancelled", _("Cancelled")


# Bookings that hold a place in their time slot (a no-show held it too).
HOLDS_PLACE = (BookingStatus.BOOKED, BookingStatus.CHECKED_IN, BookingStatus.NO_SHOW)


class Booking(models.Model):
    """One citizen's visit to one counter at one time, for one procedure."""

    code = models.CharField(_("booking code"), max_length=16, unique=True)
    verification_code = models.CharField(
        _("verification code"), max_length=16, default=new_verification_code
    )
    procedure = models.ForeignKey(
        "cms_pages.ProcedurePage",
        verbose_name=_("procedure"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    procedure_code = models.CharField(_("procedure code"), max_length=32, db_index=True)
    procedure_name = models.TextField(_("procedure"))
    agency = models.ForeignKey(
        "cms_pages.Agency",
        verbose_name=_("agency"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sector = models.ForeignKey(
        "cms_pages.Sector",
        verbose_name=_("sector"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    counter = models.ForeignKey(
        "appointments.Counter",
        verbose_name=_("counter"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    start = models.DateTimeField(_("starts at"), db_index=True)
    end = models.DateTimeField(_("ends at"))
    name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="vi")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=BookingStatus.choices,
        default=BookingStatus.BOOKED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When the visitor's personal data was removed (appointments/retention.py).
    anonymised_at = models.DateTimeField(
        _("personal data removed at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["counter", "start"])]
        constraints = [
            # One active booking per procedure per phone and per e-mail: a
            # second one is refused by the database, even under a race.
            models.UniqueConstraint(
                fields=["procedure_code", "phone"],
                condition=Q(status="booked") & ~Q(phone=""),
                name="one_active_booking_per_phone",
            ),
            models.UniqueConstraint(
                fields=["procedure_code", "email"],
                condition=Q(status="booked") & ~Q(email=""),
                name="one_active_booking_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email="") | Q(anonymised_at__isnull=False),
                name="booking_has_phone_or_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.start:%Y-%m-%d %H:%M}"

    @staticmethod
    def procedure_fields(procedure) -> dict:
        """The fields naming the (default-locale) procedure of a new booking,
        kept as they were even if the page changes later."""
        return {
            "procedure": procedure,
            "procedure_code": procedure.code,
            "procedure_name": procedure.name,
            "agency_id": procedure.agency_id,
            "sector_id": procedure.sector_id,
        }

    @property
    def is_active(self) -> bool:
        """Still to come: it can be moved or cancelled."""
        return self.status == BookingStatus.BOOKED and self.start > timezone.now()
