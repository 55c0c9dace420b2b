"""What the public tells the centre: a satisfaction rating per dossier (given
once, after the result) and "was this page helpful?" answers.

Both tables were created by the back-office app and keep their rows: see
migrations/0001_move_from_backoffice.py.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class DossierRating(models.Model):
    """The applicant's satisfaction with one dossier, given once after the result."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="rating",
    )
    overall = models.PositiveSmallIntegerField(
        _("overall satisfaction"), validators=SCORE_VALIDATORS
    )
    clarity = models.PositiveSmallIntegerField(
        _("clarity of instructions"), validators=SCORE_VALIDATORS
    )
    punctuality = models.PositiveSmallIntegerField(
        _("punctuality"), validators=SCORE_VALIDATORS
    )
    attitude = models.PositiveSmallIntegerField(
        _("attitude of staff"), validators=SCORE_VALIDATORS
    )
    comment = models.TextField(pgettext_lazy("feedback", "comment"), blank=True)
    created_at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overall__gte=1, overall__lte=5)
                & models.Q(clarity__gte=1, clarity__lte=5)
                & models.Q(punctuality__gte=1, punctuality__lte=5)
                & models.Q(attitude__gte=1, attitude__lte=5),
                name="rating_scores_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.overall}/5"


class PageFeedback(models.Model):
    """One answer to "Was this page helpful?" on a content page."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(pgettext_lazy("feedback", "comment"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.page_id}: {'yes' if self.helpful else 'no'}"
