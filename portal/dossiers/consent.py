"""The consent to personal-data processing a citizen gives when filing
(Decree 13/2023/NĐ-CP, article 11), and its version.

Each dossier records the version and the text, in the language the citizen
read it in, at the moment of submission. Change the text → raise the version,
so every dossier keeps saying exactly what its applicant agreed to.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-1"
CONSENT_TEXT = _(
    "I agree that the centre processes my personal data to handle this dossier, "
    "as Decree 13/2023/NĐ-CP on personal data protection provides."
)


def consent_record(language: str) -> tuple[str, str]:
    """(version, text in `language`) to store on a dossier."""
    with translation.override(language or "vi"):
        return CONSENT_VERSION, str(CONSENT_TEXT)
