"""The working-day calendar editors keep (holidays, make-up working days) and
the centre's working hours: what appointment dates are counted with
(portal.dossiers.calendar reads them) and when the counters are open for
booked visits (portal.appointments reads the opening times)."""

from datetime import time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


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

    # The counters' opening times (Saturday mornings: the morning session
    # only). Visits to the centre are booked inside them.
    morning_opens = models.TimeField(_("counters open (morning)"), default=time(7, 30))
    morning_closes = models.TimeField(
        _("counters close (morning)"), default=time(11, 30)
    )
    afternoon_opens = models.TimeField(
        _("counters open (afternoon)"), default=time(13, 30)
    )
    afternoon_closes = models.TimeField(
        _("counters close (afternoon)"), default=time(17, 0)
    )

    panels = [
        FieldPanel("cutoff_time"),
        FieldPanel("saturday_morning_work"),
        FieldPanel("saturday_cutoff_time"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("morning_opens"), FieldPanel("morning_closes")]
                ),
                FieldRowPanel(
                    [FieldPanel("afternoon_opens"), FieldPanel("afternoon_closes")]
                ),
            ],
            heading=_("Opening hours of the counters"),
        ),
    ]

    def clean(self):
        super().clean()
        order = [
            self.morning_opens,
            self.morning_closes,
            self.afternoon_opens,
            self.afternoon_closes,
        ]
        if any(value is None for value in order):
            return
        if not order[0] < order[1] <= order[2] < order[3]:
            raise ValidationError(
                _(
                    "The opening times must follow each other: morning opening, "
                    "morning closing, afternoon opening, afternoon closing."
                )
            )

    class Meta:
        # Not "Working hours": the centre's opening hours are in Centre details.
        verbose_name = _("Counting working days")
        verbose_name_plural = _("Counting working days")
