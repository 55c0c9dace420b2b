"""Dossier codes: the verification code printed on the receipt and the running
sequence behind dossier codes (portal.dossiers.services builds the codes)."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

# Verification codes avoid look-alike characters (0/O, 1/I/L) so people can
# read them off a printed receipt and type them.
VERIFICATION_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_verification_code(length: int = 8) -> str:
    """A short random code printed on the receipt: the second factor for tracking."""
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(length))


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
