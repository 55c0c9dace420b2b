"""Due-date reminders to the agencies: the questions' counterpart of
`warn_due_dossiers`, run once a working day by `warn_due_questions`.

Each agency's officials who take due-date warnings (the back office's
`OfficialProfile.receive_warnings`) get one e-mail listing the agency's open
questions that are overdue or due within the warning period. A question is
in one reminder per due date: routing it to another agency (or sending it
back) clears the mark, so its new agency is reminded too. Questions the
centre's staff owe (no agency) are on their dashboard panel, not e-mailed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from portal.backoffice import deadlines
from portal.backoffice.management.commands.warn_due_dossiers import official_emails

from .models import Question


@dataclass
class AgencyReminder:
    """One agency's questions to remind its officials of."""

    agency: object
    overdue: list[Question] = field(default_factory=list)
    upcoming: list[Question] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        return self.overdue + self.upcoming


def pending_reminders(days: int, today: date) -> list[AgencyReminder]:
    """Open questions of agencies due by `days` working days from `today` (or
    overdue) that no reminder covered for their current due date, by agency."""
    horizon = deadlines.warning_horizon(days, today)
    questions = (
        Question.objects.open()
        .filter(agency__isnull=False, due_date__lte=horizon)
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("due_date")))
        .select_related("agency")
        .order_by("due_date", "reference")
    )
    by_agency: dict[int, AgencyReminder] = {}
    for question in questions:
        reminder = by_agency.setdefault(
            question.agency_id, AgencyReminder(question.agency)
        )
        late = question.due_date < today
        (reminder.overdue if late else reminder.upcoming).append(question)
    recipients = official_emails(list(by_agency))
    for agency_id, reminder in by_agency.items():
        reminder.recipients = recipients.get(agency_id, [])
    return list(by_agency.values())


def send_reminder(reminder: AgencyReminder, days: int) -> None:
    """E-mail one agency's officials (in the site's language), then mark the
    questions as reminded for their due date."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "agency": reminder.agency,
            "overdue": reminder.overdue,
            "upcoming": reminder.upcoming,
            "days": days,
            "base": base,
            "listing_url": base + reverse("questions_admin:index") + "?deadline=open",
        }
        subject = " ".join(
            render_to_string("questions/email/due_subject.txt", context).split()
        )
        body = render_to_string("questions/email/due.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, reminder.recipients)
    Question.objects.filter(pk__in=[q.pk for q in reminder.questions]).update(
        reminded_for=F("due_date")
    )
