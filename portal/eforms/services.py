"""What the dossier side does with e-forms: find a procedure's form in the
citizen's language, keep the answers with a snapshot of the form when the
dossier is submitted, and attach the filled-in declaration PDF to it."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.models import Locale

from .answers import masked_section_rows, rows_json
from .definition import Definition
from .models import EForm, FilledForm
from .pdf import DeclarationFacts, declaration_pdf

logger = logging.getLogger(__name__)


def form_for_procedure(procedure, language: str) -> EForm | None:
    """The published e-form of a procedure, in `language` when translated."""
    form = getattr(procedure, "eform", None)
    if form is None:
        return None
    locale = Locale.objects.filter(language_code=language).first()
    translated = form.get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live:
        return translated
    return form if form.live else None


@dataclass(frozen=True)
class FormAnswers:
    """An e-form as the citizen answered it: the definition copied into the
    draft, the answers, and the snippet it came from (if it still exists)."""

    definition: Definition
    answers: dict
    form_id: int | None = None


def keep_answers(dossier, form_answers: FormAnswers) -> FilledForm:
    """Store the answers with the definition they answer (call inside the
    submission's transaction); the declaration PDF follows after commit."""
    definition = form_answers.definition
    filled = FilledForm.objects.create(
        dossier=dossier,
        form=EForm.objects.filter(pk=form_answers.form_id).first()
        if form_answers.form_id
        else None,
        form_key=definition.get("key", ""),
        title=definition.get("title", ""),
        language=dossier.language,
        definition=definition,
        answers=form_answers.answers,
    )
    transaction.on_commit(lambda: _attach_quietly(filled.pk))
    return filled


def _attach_quietly(pk: int) -> None:
    # A PDF that fails here is made again on the first download.
    try:
        attach_declaration(FilledForm.objects.select_related("dossier").get(pk=pk))
    except Exception:
        logger.exception("Could not make the declaration PDF of filled form %s", pk)


def declaration_bytes(filled: FilledForm) -> bytes:
    """The declaration PDF of a dossier, made from its snapshot and answers."""
    dossier = filled.dossier
    facts = DeclarationFacts(
        dossier_code=dossier.code,
        agency_name=dossier.agency.name,
        applicant_name=dossier.applicant_name,
        submitted_at=dossier.received_at,
        language=filled.language or dossier.language,
    )
    return declaration_pdf(filled.definition, filled.answers, facts)


def attach_declaration(filled: FilledForm):
    """The dossier document holding the declaration PDF, made once."""
    from portal.dossiers.models import DossierDocument, dossier_file_name

    if filled.declaration_id is not None:
        return filled.declaration
    dossier = filled.dossier
    content = declaration_bytes(filled)
    requirement = None
    if dossier.procedure_id is not None:
        requirement = dossier.procedure.documents.filter(filled_online=True).first()
    document = DossierDocument(
        dossier=dossier,
        procedure_document=requirement,
        document_name=requirement.name if requirement else filled.title,
        original_name=f"to-khai-{dossier.code}.pdf",
        size=len(content),
        content_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_at=dossier.received_at,
    )
    document.file.save(
        dossier_file_name(dossier, "pdf"), ContentFile(content), save=False
    )
    with transaction.atomic():
        document.save()
        FilledForm.objects.filter(pk=filled.pk).update(declaration=document)
    filled.declaration = document
    return document


def masked_answers(dossier) -> dict | None:
    """The e-form answers as the public tracking page and API show them."""
    filled = FilledForm.objects.filter(dossier=dossier).first()
    if filled is None:
        return None
    sections = masked_section_rows(filled.definition, filled.answers)
    return {
        "title": filled.title,
        "sections": [
            {"title": section.title, "answers": rows_json(section.rows)}
            for section in sections
        ],
    }
