"""Keep the cached procedure figures honest: a new decision (the back office's
`Outcome`) or a new rating drops them once the transaction commits."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.backoffice.models import Outcome

from .models import DossierRating
from .statistics import invalidate_procedure_summaries


@receiver(post_save, sender=Outcome, dispatch_uid="transparency_outcome_saved")
@receiver(post_delete, sender=Outcome, dispatch_uid="transparency_outcome_deleted")
@receiver(post_save, sender=DossierRating, dispatch_uid="transparency_rating_saved")
@receiver(post_delete, sender=DossierRating, dispatch_uid="transparency_rating_deleted")
def figures_changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_procedure_summaries)
