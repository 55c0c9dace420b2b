"""The wizard's steps in order, and the named conditions that skip some of them.

Conditions receive the wizard view (formtools calls them with it) and read its
`procedure` and the answers stored so far.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import forms
from .models import ApplicantType

APPLICANT_TYPE = "applicant_type"
APPLICANT = "applicant"
ORGANISATION = "organisation"
DOCUMENTS = "documents"
DELIVERY = "delivery"
CHECK = "check"
DECLARATION = "declaration"

STEPS = [
    (APPLICANT_TYPE, forms.ApplicantTypeForm),
    (APPLICANT, forms.ApplicantForm),
    (ORGANISATION, forms.OrganisationForm),
    (DOCUMENTS, forms.DocumentsForm),
    (DELIVERY, forms.DeliveryForm),
    (CHECK, forms.CheckAnswersForm),
    (DECLARATION, forms.DeclarationForm),
]
STEP_NAMES = [name for name, _form in STEPS]

STEP_TITLES = {
    APPLICANT_TYPE: _("Who is filing"),
    APPLICANT: _("Applicant"),
    ORGANISATION: _("Organisation"),
    DOCUMENTS: pgettext_lazy("dossier", "Documents"),
    DELIVERY: _("Receiving the result"),
    CHECK: _("Check your answers"),
    DECLARATION: _("Declaration"),
}


def allowed_applicant_types(procedure) -> list[str]:
    """The applicant types a procedure accepts (both when it says neither)."""
    types = []
    if procedure.for_individuals:
        types.append(ApplicantType.INDIVIDUAL)
    if procedure.for_organizations:
        types.append(ApplicantType.ORGANISATION)
    return types or [ApplicantType.INDIVIDUAL, ApplicantType.ORGANISATION]


def offers_applicant_choice(wizard) -> bool:
    """Ask "individual or organisation?" only when the procedure allows both."""
    return len(allowed_applicant_types(wizard.procedure)) > 1


def applicant_type(wizard) -> str | None:
    """The chosen applicant type, or the only one the procedure allows."""
    allowed = allowed_applicant_types(wizard.procedure)
    if len(allowed) == 1:
        return allowed[0]
    data = wizard.storage.get_step_data(APPLICANT_TYPE)
    if data is None:
        return None
    chosen = data.get(f"{APPLICANT_TYPE}-applicant_type")
    return chosen if chosen in allowed else None


def is_organisation(wizard) -> bool:
    """The organisation step only for organisations."""
    return applicant_type(wizard) == ApplicantType.ORGANISATION


CONDITIONS = {
    APPLICANT_TYPE: offers_applicant_choice,
    ORGANISATION: is_organisation,
}
