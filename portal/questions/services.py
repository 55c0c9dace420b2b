"""Asking a question: routing it to the responsible agency, its due date in
working days, its reference code, and finding it again with the second factor.

`ask_question()` is the one way a question is created (the ask form and the
demo call it); what happens to it afterwards is workflow.py's business.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Locale, Site

from cms_pages.models import Agency, ProcedurePage, Sector
from portal.dossiers.calendar import WorkingCalendar, load_calendar
from portal.dossiers.services import default_locale_row, next_sequence

from .emails import send_receipt_email
from .models import FileSource, Question, QuestionFile, QuestionSettings, Topic
from .uploads import PendingUpload

REFERENCE_PREFIX = "HD"  # hỏi đáp


@dataclass
class Asked:
    """What the asker wrote, as the ask form cleans it."""

    kind: str
    topic: str
    subject: str
    body: str
    asker_name: str
    asker_email: str = ""
    asker_phone: str = ""
    allow_publication: bool = True
    procedure: ProcedurePage | None = None
    sector: Sector | None = None
    agency: Agency | None = None
    language: str = "vi"


def default_procedure(page: ProcedurePage) -> ProcedurePage:
    """The default-locale (Vietnamese) page of a procedure, or the page itself."""
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:
        return page
    if page.locale_id == default.pk:
        return page
    return (
        ProcedurePage.objects.filter(
            translation_key=page.translation_key, locale=default
        ).first()
        or page
    )


def sector_agency(sector: Sector) -> Agency | None:
    """The agency that handles most live procedures of `sector` (ties: by name)."""
    row = (
        ProcedurePage.objects.live()
        .filter(sector=sector)
        .values("agency")
        .annotate(procedures=Count("pk"))
        .order_by("-procedures", "agency__name")
        .first()
    )
    return Agency.objects.filter(pk=row["agency"]).first() if row else None


def responsible_agency(asked: Asked) -> Agency | None:
    """Who answers: the procedure's agency, the chosen agency, the sector's main
    agency; None (the centre's staff) for the centre itself or when unknown."""
    agency = None
    if asked.topic == Topic.PROCEDURE and asked.procedure is not None:
        agency = asked.procedure.agency
    elif asked.topic == Topic.AGENCY:
        agency = asked.agency
    elif asked.topic == Topic.SECTOR and asked.sector is not None:
        agency = sector_agency(asked.sector)
    return default_locale_row(agency) if agency is not None else None


def answer_working_days() -> int:
    """The configured time to answer (QuestionSettings of the default site)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return QuestionSettings._meta.get_field("answer_working_days").default
    return QuestionSettings.for_site(site).answer_working_days


def due_date_for(
    received_at: datetime,
    days: int | None = None,
    calendar: WorkingCalendar | None = None,
) -> date:
    """The answer's due date: `days` working days after the day the question
    counts as received (the dossiers' rule: cut-off hour, weekends, holidays)."""
    calendar = calendar or load_calendar()
    days = answer_working_days() if days is None else days
    _first, due = calendar.appointment(received_at, Decimal(days))
    return due


def new_reference(when: datetime) -> str:
    """`HD-260302-0007`: the day's running number (must run in a transaction)."""
    day = timezone.localtime(when).strftime("%y%m%d")
    return f"{REFERENCE_PREFIX}-{day}-{next_sequence(f'{REFERENCE_PREFIX}-{day}'):04d}"


def ask_question(
    asked: Asked,
    upload: PendingUpload | None = None,
    *,
    now: datetime | None = None,
    calendar: WorkingCalendar | None = None,
) -> Question:
    """Store a question, routed and due, with its file; queue the receipt e-mail."""
    now = now or timezone.now()
    procedure = default_procedure(asked.procedure) if asked.procedure else None
    with transaction.atomic():
        question = Question.objects.create(
            reference=new_reference(now),
            kind=asked.kind,
            topic=asked.topic,
            procedure=procedure,
            procedure_code=procedure.code if procedure else "",
            sector=default_locale_row(asked.sector)
            if asked.sector is not None
            else (procedure.sector if procedure else None),
            agency=responsible_agency(asked),
            language=asked.language,
            subject=asked.subject,
            body=asked.body,
            asker_name=asked.asker_name,
            asker_email=asked.asker_email,
            asker_phone=asked.asker_phone,
            allow_publication=asked.allow_publication,
            received_at=now,
            due_date=due_date_for(now, calendar=calendar),
        )
        if upload is not None:
            QuestionFile.objects.create(
                question=question, source=FileSource.ASKER, **upload.file_fields()
            )
        log(
            question,
            "questions.question.ask",
            data={"agency": question.agency_id, "topic": question.topic},
        )
        send_receipt_email(question)
    return question


def verified_question(reference: str, verify: str) -> Question | None:
    """The question when reference and verification code match; None otherwise.

    The same work and answer for an unknown reference and a wrong code, so
    neither can be probed on its own (as for dossiers).
    """
    reference = (reference or "").strip().upper()
    verify = (verify or "").strip().upper()
    question = None
    if reference.isascii() and reference:
        question = Question.objects.filter(reference=reference).first()
    expected = question.verification_code.upper() if question else "X" * 8
    matches = verify.isascii() and hmac.compare_digest(expected, verify)
    return question if question is not None and matches else None
