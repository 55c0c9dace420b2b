"""Queue numbers (số thứ tự): taken at the kiosk by walk-in visitors, or given
at check-in to a visitor who booked; called by staff at a counter and shown
on the "now serving" board."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TicketStatus(models.TextChoices):
    """Where a queue number stands."""

    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    DONE = "done", _("Served")
    ABSENT = "absent", _("Not present when called")


class Ticket(models.Model):
    """One queue number of one counter group on one day."""

    group = models.ForeignKey(
        "appointments.CounterGroup",
        verbose_name=_("counter group"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    day = models.DateField(_("day"))
    number = models.PositiveIntegerField(_("number"))
    booking = models.OneToOneField(
        "appointments.Booking",
        verbose_name=_("booking"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ticket",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TicketStatus.choices,
        default=TicketStatus.WAITING,
    )
    issued_at = models.DateTimeField(_("taken at"), default=timezone.now)
    called_at = models.DateTimeField(_("first called at"), null=True, blank=True)
    last_called_at = models.DateTimeField(_("last called at"), null=True, blank=True)
    calls = models.PositiveSmallIntegerField(_("times called"), default=0)
    counter = models.ForeignKey(
        "appointments.Counter",
        verbose_name=_("called to counter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
    )
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("called by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("queue number")
        verbose_name_plural = _("queue numbers")
        ordering = ["day", "group", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "day", "number"], name="one_number_per_group_day"
            )
        ]
        indexes = [
            models.Index(fields=["group", "day", "status"]),
            models.Index(fields=["counter", "last_called_at"]),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The number as printed and shown: the group's letter and three digits."""
        return f"{self.group.letter}{self.number:03d}"

    @property
    def booked(self) -> bool:
        return self.booking_id is not None
