"""The centre's counters (quầy), the groups they form, and the rules for
booking a visit. Centre staff keep all three in the Wagtail admin.

A counter serves the procedures of the agencies and sectors it lists. Counters
of one group (e.g. "Land and construction") call walk-in numbers from
one sequence (A001, A002, …), whichever counter is free first.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cms_pages.models.settings import BilingualFieldsMixin


def default_locale_only() -> Q:
    """Counters point at the Vietnamese (default-locale) sectors and agencies,
    as dossiers do; translated pages are matched through their translation key."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class LocalisedNameMixin(BilingualFieldsMixin):
    """`display_name`: the English name on English pages."""

    @property
    def display_name(self) -> str:
        return self._localised("name")


class CounterGroup(LocalisedNameMixin, models.Model):
    """Counters that share one queue of walk-in numbers (nhóm quầy)."""

    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    letter = models.CharField(
        _("number prefix"),
        max_length=2,
        unique=True,
        help_text=_("One or two capital letters before the number, e.g. A → A012."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order on the kiosk"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldRowPanel([FieldPanel("letter"), FieldPanel("sort_order")]),
    ]

    class Meta:
        verbose_name = _("counter group")
        verbose_name_plural = _("counter groups")
        ordering = ["sort_order", "letter"]

    def __str__(self) -> str:
        return f"{self.letter} – {self.name}"

    def save(self, *args, **kwargs):
        self.letter = (self.letter or "").strip().upper()
        super().save(*args, **kwargs)


class Counter(LocalisedNameMixin, models.Model):
    """A counter (quầy) at the centre and what it serves."""

    number = models.CharField(
        _("counter number"), max_length=10, unique=True, help_text=_("e.g. 5")
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("e.g. Department of Justice")
    )
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    location = models.CharField(
        _("where it is"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Ground floor, hall B"),
    )
    location_en = models.CharField(
        _("where it is (English)"), max_length=200, blank=True
    )
    group = models.ForeignKey(
        CounterGroup,
        verbose_name=_("counter group"),
        on_delete=models.PROTECT,
        related_name="counters",
        help_text=_("Walk-in numbers of this group are called at this counter."),
    )
    agencies = models.ManyToManyField(
        "cms_pages.Agency",
        verbose_name=_("agencies served"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_only,
        help_text=_("Every procedure of these agencies can be booked here."),
    )
    sectors = models.ManyToManyField(
        "cms_pages.Sector",
        verbose_name=_("sectors served"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_only,
        help_text=_("Every procedure of these sectors can be booked here."),
    )
    places_per_slot = models.PositiveSmallIntegerField(
        _("places per time slot"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
        help_text=_("Leave empty for the default of the appointment settings."),
    )
    accepts_bookings = models.BooleanField(_("takes booked visits"), default=True)
    active = models.BooleanField(_("open"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("group")]),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("location"),
        FieldPanel("location_en"),
        FieldPanel("agencies"),
        FieldPanel("sectors"),
        MultiFieldPanel(
            [
                FieldPanel("places_per_slot"),
                FieldPanel("accepts_bookings"),
                FieldPanel("active"),
            ],
            heading=_("Bookings"),
        ),
    ]

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        ordering = ["group__sort_order", "number"]
        permissions = [
            ("operate_counters", _("Can check visitors in and call numbers")),
        ]

    def __str__(self) -> str:
        return f"{_('Counter')} {self.number} – {self.name}"

    @property
    def display_location(self) -> str:
        return self._localised("location")


@register_setting(icon="calendar-alt")
class AppointmentSettings(BaseSiteSetting):
    """How visits to the centre are booked. Opening hours and working days
    come from *Working hours* and the working-day calendar."""

    slot_minutes = models.PositiveSmallIntegerField(
        _("length of a time slot (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    places_per_slot = models.PositiveSmallIntegerField(
        _("places per time slot and counter"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("How many booked visitors one counter receives in one time slot."),
    )
    booking_window_days = models.PositiveSmallIntegerField(
        _("booking window (working days)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Visits can be booked for today and this many working days ahead."),
    )
    lead_time_minutes = models.PositiveSmallIntegerField(
        _("lead time (minutes)"),
        default=120,
        validators=[MaxValueValidator(7 * 24 * 60)],
        help_text=_("No visit can be booked to start sooner than this."),
    )
    bookings_enabled = models.BooleanField(_("citizens may book visits"), default=True)

    panels = [
        FieldPanel("bookings_enabled"),
        FieldRowPanel([FieldPanel("slot_minutes"), FieldPanel("places_per_slot")]),
        FieldRowPanel(
            [FieldPanel("booking_window_days"), FieldPanel("lead_time_minutes")]
        ),
    ]

    class Meta:
        # Not "Appointments": that is the menu of desks and counters.
        verbose_name = _("Appointment booking")
        verbose_name_plural = _("Appointment booking")
